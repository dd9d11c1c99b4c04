<#
.SYNOPSIS
    The main job: the licence-compliance workflow across three accounts, on the bundled emulator.
.DESCRIPTION
    Identify every model's licence, review it against a licence policy (and generate the SCP that enforces it),
    verify the privacy controls, accept the approved models deliberately (Anthropic use case, agreements,
    access check), find the acceptance someone made outside the tool in CloudTrail, and document everything in a
    tamper-evident ledger exported to CSV and an HTML report for the auditors. Against real AWS the
    same commands run with -ProfileName/-Region instead of the emulator endpoint (README).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $OutputDirectory
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$PSStyle.OutputRendering = 'PlainText'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$root = Split-Path $PSScriptRoot
Import-Module $ModulePath -Force
New-Item -ItemType Directory -Force -Path $OutputDirectory | Out-Null
$ledger = Join-Path $OutputDirectory 'evidence.jsonl'
$csv = Join-Path $OutputDirectory 'evidence.csv'
$scp = Join-Path $OutputDirectory 'bedrock-scp.json'
$report = Join-Path $OutputDirectory 'report.html'
$policy = Join-Path $root 'examples/policy.json'
Remove-Item $ledger, "$ledger.lock", $csv, $scp, $report -ErrorAction SilentlyContinue   # a fresh story each run

function Step([string] $Text) { "`n== $Text" }

# The emulator stands in for AWS: a management account (111111111111) and two member accounts.
$log = Join-Path $OutputDirectory 'emulator.log'
$proc = Start-Process dotnet -ArgumentList $EmulatorPath, '--urls', 'http://127.0.0.1:0', '--accounts', '2', '--agreement-delay-ms', '300' `
    -RedirectStandardOutput $log -RedirectStandardError "$log.err" -PassThru
try {
    $deadline = (Get-Date).AddSeconds(30)
    while (-not ((Get-Content $log -TotalCount 1 -ErrorAction SilentlyContinue) -match 'listening on (\S+)')) {
        if ((Get-Date) -gt $deadline -or $proc.HasExited) { throw "The emulator did not start: $(Get-Content "$log.err" -Raw)" }
        Start-Sleep -Milliseconds 100
    }
    $url = $Matches[1]
    # Member 200000000001 has its privacy controls in place; member 200000000002 has none.
    $compliant = @{
        compliantByDefault = $true
        trails = @(@{ name = 'org-trail'; homeRegion = 'us-east-1'; isMultiRegionTrail = $true; isLogging = $true; includeManagementEvents = $true
                      readWriteType = 'All'; s3BucketName = 'aws-cloudtrail-logs-200000000001'; isOrganizationTrail = $false })
    } | ConvertTo-Json -Depth 5
    Invoke-RestMethod -Method Post -Uri "$url/_emulator/accounts/200000000001" -ContentType 'application/json' -Body $compliant | Out-Null

    # As a user would: AWS's documented example keys, the region, and the endpoint.
    $env:AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
    $env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    $env:AWS_REGION = 'us-east-1'
    $env:AWS_ENDPOINT_URL = $url
    # One run, one correlation ID: every recording command of this script shares it (as a scheduled job would).
    $savedRunId = $env:BEDROCK_COMPLIANCE_RUN_ID
    $env:BEDROCK_COMPLIANCE_RUN_ID = "demo-$([DateTime]::UtcNow.ToString('yyyyMMddTHHmmssZ'))"
    "BedrockCompliance demo against the emulator at $url (no AWS account needed)"

    Step '1. Identify: every model''s licence in three accounts'
    $contexts = @(New-BedrockAccountContext -AccountId 111111111111 -UseCallerCredentials) + @('200000000001', '200000000002' | New-BedrockAccountContext)
    $licences = $contexts | Get-BedrockModelLicense
    $licences | Group-Object LicenseCategory | Sort-Object Name |
        Format-Table @{ n = 'Licence category'; e = 'Name' }, @{ n = 'Models x accounts'; e = 'Count' } -AutoSize | Out-String -Stream -Width 160 | Where-Object { $_ }

    Step "2. Review: verdicts under '$((Get-Content $policy -Raw | ConvertFrom-Json).name)'"
    $verdicts = $licences | Test-BedrockModelLicense -Policy $policy -RecordEvidence -EvidencePath $ledger   # the review itself is evidence
    $verdicts | Where-Object AccountId -eq '111111111111' | Group-Object Verdict | Sort-Object Name |
        Format-Table @{ n = 'Verdict'; e = 'Name' }, @{ n = 'Models'; e = 'Count' }, @{ n = 'For example'; e = { ($_.Group | Select-Object -First 2).ModelId -join ', ' } } -AutoSize |
        Out-String -Stream -Width 160 | Where-Object { $_ }
    $documents = Export-BedrockModelAccessPolicy -Policy $policy -Type Scp -Compress -Path $scp -Force -WarningAction SilentlyContinue
    "SCP that denies every model the policy does not allow: $scp ($(@($documents)[0].Size) characters)"

    Step '3. Verify privacy controls (residency, CloudTrail, PrivateLink, logging, data retention, API keys)'
    $privacy = $contexts | Test-BedrockDataPrivacy -Profile Standard -AllowedRegion us-east-1, us-west-2, eu-west-1 -RequireInvocationLogging Enabled `
        -Check RegionAllowed, CloudTrail, PrivateLink, InvocationLogging, InvocationLogEncryption, DataRetention, ApiKeys -EvidencePath $ledger
    $privacy | Group-Object AccountId | ForEach-Object {
        [pscustomobject]@{ Account = $_.Name; Passed = @($_.Group | Where-Object Status -eq 'Pass').Count
            Failed = ($_.Group | Where-Object Status -eq 'Fail').Check -join ', '; Unknown = ($_.Group | Where-Object Status -eq 'Unknown').Check -join ', ' }
    } | Format-Table -AutoSize | Out-String -Stream -Width 160 | Where-Object { $_ }

    Step '4. Accept deliberately: Anthropic use case, agreements for approved models, access check'
    $contexts | Set-BedrockModelUseCase -CompanyName 'Contoso Ltd' -CompanyWebsite 'https://contoso.example' -IntendedUsers Internal `
        -IndustryOption 'Software as a Service' -UseCases 'Customer-support assistant for Contoso staff' -EvidencePath $ledger -Confirm:$false
    $approved = $verdicts | Where-Object { $_.Verdict -eq 'Allowed' -and $_.LicenseCategory -ne 'AmazonProprietary' }
    # -RequirePrivacyCheck: the accounts whose privacy check failed in step 3 get no agreements (PolicyDenied evidence).
    $agreements = @($approved | New-BedrockModelAgreement -Policy $policy -RequirePrivacyCheck -Wait -PassThru -EvidencePath $ledger -Confirm:$false `
            -ErrorAction SilentlyContinue -ErrorVariable refused)
    # Converse proves access only for models that output text; image models are reported, not invoked.
    $access = @($agreements | Test-BedrockModelAccess -EvidencePath $ledger -ErrorAction SilentlyContinue -ErrorVariable probeErrors)
    $refusedAccounts = @($refused | Where-Object { $_.FullyQualifiedErrorId -like 'PrivacyCheckRequired*' } | ForEach-Object { if ("$_" -match 'in account (\d{12})') { $Matches[1] } }) | Sort-Object -Unique
    "Refused by -RequirePrivacyCheck: $(@($refused | Where-Object { $_.FullyQualifiedErrorId -like 'PrivacyCheckRequired*' }).Count) agreement(s) in $($refusedAccounts -join ', ')"
    @($refused | Where-Object { $_.FullyQualifiedErrorId -notlike 'PrivacyCheckRequired*' }) | ForEach-Object { Write-Error $_ -ErrorAction Continue }
    $notProbed = @($probeErrors | Where-Object { $_.FullyQualifiedErrorId -like 'ModelHasNoTextOutput*' })
    "Not invoked (no text output, so Converse cannot prove access): $($notProbed.Count) agreement(s)"
    @($probeErrors | Where-Object { $_.FullyQualifiedErrorId -notlike 'ModelHasNoTextOutput*' }) | ForEach-Object { Write-Error $_ -ErrorAction Continue }
    $agreements | Group-Object AccountId | ForEach-Object {
        $account = $_.Name
        [pscustomobject]@{ Account = $account; 'Agreements accepted' = $_.Count
            'Models answering' = @($access | Where-Object { $_.AccountId -eq $account -and $_.Success }).Count }
    } | Format-Table -AutoSize | Out-String -Stream -Width 160 | Where-Object { $_ }

    Step '5. Reconstruct from CloudTrail: who accepted which terms, and when'
    # Someone accepts a model's terms outside the tool: a direct CreateFoundationModelAgreement with a Bedrock API key.
    $outOfBand = 'cohere.embed-english-v3'
    $apiKey = @{ Authorization = 'Bearer bedrock-api-key-EXAMPLE' }
    $offer = (Invoke-RestMethod -Uri "$url/list-foundation-model-agreement-offers/$([uri]::EscapeDataString($outOfBand))" -Headers $apiKey).offers[0]
    Invoke-RestMethod -Method Post -Uri "$url/create-foundation-model-agreement" -Headers $apiKey -ContentType 'application/json' `
        -Body (@{ modelId = $outOfBand; offerToken = $offer.offerToken } | ConvertTo-Json) | Out-Null
    "Out of band: CreateFoundationModelAgreement for $outOfBand in 111111111111, straight to the API with an API key"
    $history = @($contexts | Get-BedrockAgreementHistory -Import -EvidencePath $ledger)
    $history | Where-Object IsAcceptance | Group-Object AccountId, AcceptedVia | ForEach-Object {
        [pscustomobject]@{ Account = $_.Group[0].AccountId; How = $_.Group[0].AcceptedVia; Acceptances = $_.Count; 'Outside review' = @($_.Group | Where-Object OutsideReview).Count }
    } | Format-Table -AutoSize | Out-String -Stream -Width 160 | Where-Object { $_ }
    $history | Where-Object OutsideReview | ForEach-Object {
        "Accepted outside review: $($_.ModelId) in $($_.AccountId) by $($_.PrincipalArn) at $($_.EventTime.ToString('yyyy-MM-ddTHH:mm:ssZ')) ($($_.AcceptedVia), $($_.UserAgent -replace '\s.*$'))"
    }
    $again = @($contexts | Get-BedrockAgreementHistory -Import -EvidencePath $ledger)
    "Imported as AcceptanceObserved: $(@($history | Where-Object EvidenceId).Count) event(s); the second -Import recorded $(@($again | Where-Object EvidenceId).Count) (one record per CloudTrail event)"

    Step '6. Document: verify the evidence chain, export it and write the report for the auditors'
    $check = Test-BedrockComplianceEvidence -EvidencePath $ledger
    Export-BedrockComplianceEvidence -EvidencePath $ledger -Path $csv -Force
    $rows = Import-Csv $csv
    $rows | Group-Object Action | Sort-Object Count -Descending | Format-Table @{ n = 'Evidence action'; e = 'Name' }, Count -AutoSize | Out-String -Stream -Width 160 | Where-Object { $_ }
    $accepted = @($rows | Where-Object { $_.Action -eq 'AgreementAccepted' })
    "Evidence chain: $($check.RecordCount) records, valid: $($check.Valid); correlation IDs: $(@($rows.CorrelationId | Sort-Object -Unique).Count)"
    "Acceptances tied to policy $((@($accepted.PolicySha256 | Sort-Object -Unique) -join ', ').Substring(0, 12))…: $(@($accepted | Where-Object PolicySha256).Count) of $($accepted.Count); by approval: $(@($accepted | Where-Object ApprovalReference).Count), by rule: $(@($accepted | Where-Object { -not $_.ApprovalReference -and $_.ReasonCodes }).Count)"
    $written = $privacy | Export-BedrockComplianceReport -Path $report -Policy $policy -EvidencePath $ledger -Force -PassThru
    ''
    "Evidence CSV for the auditors: $csv"
    "Compliance report ($($written.AccountCount) accounts, $($written.OutsideReviewCount) acceptance(s) outside review): $report"
    "Ledger: $ledger"
} finally {
    if (-not $proc.HasExited) { Stop-Process -Id $proc.Id -Force }
    Remove-Item Env:AWS_ENDPOINT_URL -ErrorAction SilentlyContinue
    $env:BEDROCK_COMPLIANCE_RUN_ID = $savedRunId
}
