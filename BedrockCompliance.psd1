@{
    # No extension: BedrockCompliance.dll in the built module; in a repository checkout, BedrockCompliance.psm1, which loads that build.
    RootModule           = 'BedrockCompliance'
    ModuleVersion        = '0.2.0'
    GUID                 = '5b0c2f7e-3f0d-4c55-9a61-2d7c0f3e8b41'
    Author               = 'BedrockCompliance contributors'
    CompanyName          = 'BedrockCompliance'
    Copyright            = '(c) BedrockCompliance contributors. Apache-2.0.'
    Description          = 'Licence compliance for Amazon Bedrock foundation models: classify every model''s licence, review and accept agreements deliberately, verify privacy controls, and keep tamper-evident evidence for auditors.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    # The help ships in the module (en-US); this is the Markdown it is built from, as Get-Help -Online opens it.
    HelpInfoURI          = 'https://github.com/bedrockcompliance/BedrockCompliance/tree/main/docs/help'
    FormatsToProcess     = @('module/BedrockCompliance.Format.ps1xml', 'module/BedrockCompliance.Evidence.Format.ps1xml', 'module/BedrockCompliance.Agreements.Format.ps1xml', 'module/BedrockCompliance.Policy.Format.ps1xml', 'module/BedrockCompliance.Privacy.Format.ps1xml', 'module/BedrockCompliance.Accounts.Format.ps1xml', 'module/BedrockCompliance.History.Format.ps1xml')
    CmdletsToExport      = @(
        'Get-BedrockModelLicense'
        'New-BedrockAccountContext'
        'Get-BedrockModelAgreementOffer'
        'New-BedrockModelAgreement'
        'Remove-BedrockModelAgreement'
        'Set-BedrockModelUseCase'
        'Get-BedrockModelUseCase'
        'Test-BedrockModelAccess'
        'Get-BedrockComplianceEvidence'
        'Test-BedrockComplianceEvidence'
        'Export-BedrockComplianceEvidence'
        'Test-BedrockModelLicense'
        'Export-BedrockModelAccessPolicy'
        'Test-BedrockDataPrivacy'
        'Get-BedrockOrganizationAccount'
        'Get-BedrockAgreementHistory'
        'Export-BedrockComplianceReport'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'Bedrock', 'Compliance', 'License', 'Licence', 'Audit', 'GenAI', 'EULA', 'SOC2', 'ISO27001')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri   = 'https://github.com/bedrockcompliance/BedrockCompliance'
            ReleaseNotes = @'
0.3.0 (unreleased): see CHANGELOG.md.
- Reason codes: `[BedrockCompliance.PolicyReasonCode]` names every code a verdict can carry (`::All` lists them); docs/licence-policy.md has a table of each code's effect and policy field, checked against the evaluator by a test.
- Output survives Export-Csv and ConvertTo-Json: list members read "a; b" in a CSV cell, every DateTime member has an ISO-8601 companion (CheckedAtIso, EvaluatedAtIso, EndOfLifeDateIso …) that is the same in every culture, and enums are written by name in JSON.
- Test-BedrockModelAccess: -AllowImplicitAcceptance (with a warning) replaces -Force, which is not kept as an alias: -Force means "do not prompt" everywhere else.
- Get-BedrockModelUseCase: an account with no form gives an object with Submitted = $false instead of a UseCaseNotFound error.
- Progress: one bar per run by models and account batches, with an ETA, completed at the end.
- Tab completion of inference-profile IDs (us., eu., global. …), -AllowedRegion (Regions and 'eu-*' wildcards) and region-only profiles; Get-Help -Online opens the Markdown help in the repository.
- build.ps1 -Package writes the PowerShell Gallery package (.nupkg) from the portable build.
- Sign in as AWS users do: IAM Identity Center (SSO, sso_session and legacy profiles; SsoLoginRequired names the aws sso login command), -Credential (an AWSCredentials object from AWS Tools, any AWSSDK.Core version), -AccessKey/-SecretKey/-SessionToken, $StoredAWSCredentials and $StoredAWSRegion, in AWS Tools' order; -Region takes several Regions on every AWS-calling cmdlet.
- Get-BedrockOrganizationAccount (AWS Organizations: OU subtrees, -Name/-Id, -IncludeSuspended) pipes into New-BedrockAccountContext, which carries the account name into results and evidence; -Shard i/n splits an organisation between runners.
- Evidence records the decision behind every acceptance and refusal (policy name and SHA-256, verdict, reason codes, approval), the source identity behind an assumed role and the account name; Test-BedrockModelLicense -RecordEvidence writes LicenseReviewed; -CorrelationId and BEDROCK_COMPLIANCE_RUN_ID give one run one ID. New CSV columns are appended.
- Get-BedrockAgreementHistory reconstructs acceptances from CloudTrail (including first invocations and acceptances outside review); -Import records each event once as AcceptanceObserved. Export-BedrockComplianceReport writes a self-contained HTML report.
- Evidence in S3: -EvidencePath s3://bucket/prefix with conditional writes (many runners, one chain) and Object Lock retention (-RetentionDays, -RetentionMode); the bucket is reached with the command's own connection and credentials (-Credential, -AccessKey/-SecretKey/-SessionToken, $StoredAWSCredentials), as its AWS calls are.
- Ledger: group commit (concurrent appends share one fsync), NUL-padded torn tails recognised, -AcknowledgeTornLine, specific ErrorIds for read-only, directory, disk-full and lock-timeout ledgers; evidence paths validated alike for readers and writers.
- Safety: AccountMismatch when a context's credentials belong to another account; a create whose answer was lost is reconciled, a lost race observed once; response size capped while streaming; no redirects; hostile error text cleaned; more secret forms redacted; blank or user:password@ endpoints refused (InvalidEndpoint).
- Throttling: one rate limiter per account, Region and service for the whole session; AWS_RETRY_MODE=adaptive; a retry quota; 501/505 not retried; BEDROCK_COMPLIANCE_CALL_TIMEOUT.
- The engine's public surface is EvidenceLedger, EvidenceContext, EvidenceLedgerOptions and EvidencePaths; everything else is internal.
- Privacy checks: one base class and one rule for what could not be read (a Pass that rests on an unread item is Unknown); GuardrailStrength reads its guardrails concurrently.
- AWS clients: one paging loop, one JSON-list reader, one JSON 1.1 and one query-protocol call; a malformed offer or rate-card element is a format error instead of a crash.
- Scale: at most max(32, 2 x -ThrottleLimit) targets at work at once (peak memory at 2,000 x 2: 1.7 -> 0.5 GiB); a few listing workers per account; no per-item work that grows with the accounts of a run.
- On PowerShell 7.4 and later the module loads the AWS SDK's net8.0 builds (dependencies/net8.0; Windows PowerShell keeps the netstandard2.0 builds): the SigV4 signer computes its HMACs one-shot instead of creating an HMAC object per hash (1,000-account rollout: 2,890 -> 2,630 MiB allocated, 198 -> 180 young GCs). The rollout bench's -WarmUpAccounts measures warm code, apart from the runtime's one-time tier-up.
- Scheduled runs over many accounts: three runtime settings for the job's pwsh in the README (DOTNET_gcServer=1, DOTNET_TieredPGO=0, DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0): about 30% less CPU per AWS call at 1,000 accounts.
- The root BedrockCompliance.psd1 passes Test-ModuleManifest in a checkout: its RootModule names no extension (the dll in the built module; BedrockCompliance.psm1, which loads out/BedrockCompliance, in the repository) and the format files are in module/ of the built module too. Export-BedrockModelAccessPolicy -NoClobber gets Export-Csv's alias -NoOverwrite (-NoClobber, -Force and -CatalogPath are declared once for every cmdlet).
- Memory: the live licence listing builds each licence when its availability call starts and licences share the catalog's and the listing's lists (1,000-account rollout peak working set about 390 -> 260 MiB).
- CPU per AWS call at scale: per-target send state, the empty body's hash handed to the signer, one shared parse of identical ListFoundationModels answers, 3 listing workers per account at 10 calls/s instead of 10, no spinning on the pipeline thread (1,000 accounts on 2 cores: 338 -> 243 us per call).
0.2.0: privacy as Bedrock has it in 2026, every model of today classified, and one home for each kind of knowledge.
- Test-BedrockDataPrivacy: new checks DataRetention (account and every project, control plane and mantle; -MaximumDataRetention), ModelDataRetention, CrossRegionResidency (-AllowedRegion, -ModelId / piped licences), EnforcedGuardrail (-RequireEnforcedGuardrail), GuardrailStrength, ApiKeys, InvocationLogEncryption; CloudTrail also requires bedrock-mantle events, PrivateLink reports the bedrock-mantle endpoint; -Profile Strict|Standard. The PrivacyChecked record holds every check's verdict.
- New-BedrockModelAgreement -RequirePrivacyCheck refuses an account/Region whose last privacy check failed or is missing (PrivacyCheckRequired, PolicyDenied evidence).
- Licence policy: maximumDataRetention (RequiresDataRetention), allowedRegions (residency statements), denyWithinDaysOfEndOfLife (NearEndOfLife). The generated SCP denies unapproved models in every Region (the policy's "regions" no longer limits the deny; -LimitToRegion does, with a warning), and through the mantle endpoint; -DenyLongTermApiKey, -DenyClaudePlatform.
- Catalog v2: the 119 model IDs of 2026 (Claude 5.x and Fable, OpenAI gpt-5/6 and gpt-oss, Stability tools, NVIDIA, Z.AI, MiniMax, Moonshot, xAI …), provider rules for unseen models (TERMS_NOT_REVIEWED), retention and lifecycle facts (MinimumDataRetention, FlaggedTrafficRetained, EndOfLifeDate, MatchLevel).
- Test-BedrockModelAccess does not invoke a model without text output (ModelHasNoTextOutput).
- Error IDs unified (one per condition, shared by every cmdlet): EvidenceFileExists -> FileExists, EvidenceFileReadOnly -> FileReadOnly, EvidencePathAmbiguous -> AmbiguousPath, EvidencePathIsDirectory -> PathIsDirectory, EvidencePathNotFileSystem -> PathNotFileSystem (Export-BedrockComplianceEvidence and the evidence cmdlets' -EvidencePath). Export-BedrockModelAccessPolicy keeps FileExists, FileReadOnly and AmbiguousPath.
- Export-BedrockComplianceEvidence and Export-BedrockModelAccessPolicy share one output-file rule: never overwrite the evidence ledger, its .lock file or the command's input files (OutputIsInput), nor a FIFO, device, socket or symbolic link (OutputNotRegularFile), even with -Force; write beside the target and replace it when complete. A wildcard -Path must match exactly one existing item (AmbiguousPath).
- -EvidencePath, -Policy and -CatalogPath accept file-system paths only (PathNotFileSystem), for writing cmdlets too.
- Set-BedrockModelUseCase: each piped form goes to the accounts bound with it; a second, different form for one account is refused (UseCaseFormConflict) instead of the last form going to every account.
0.1.0: offline licence catalog for every Bedrock model family (Get-BedrockModelLicense -Offline).
'@
        }
    }
}
