# Policy rules that rest on catalog facts (minimumDataRetention, endOfLifeDate, lifecycleStatus read from a catalog
# file) and the agreement gate that enforces them. They need the catalog reader of the catalog branch to read those
# members; Policy.Tests.ps1 covers the same rules with licence objects set by hand.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:AsOf = [datetime]'2026-12-01'
    $script:Catalog = Join-Path $TestDrive 'fable-catalog.json'
    @'
[
  {"modelIdPrefix":"anthropic.claude-fable-5","providerName":"Anthropic","family":"Claude Fable 5","licenseCategory":"ProprietaryCommercial",
   "licenseName":"Anthropic Commercial Terms of Service","eulaRequired":true,"useCaseFormRequired":true,"restrictions":[],"confidence":"confirmed",
   "minimumDataRetention":"aws_review","flaggedTrafficRetained":false,"dataRetentionNote":"Every request is retained for up to 30 days.",
   "lifecycleStatus":"ACTIVE","endOfLifeDate":null},
  {"modelIdPrefix":"anthropic.claude-3-haiku-20240307","providerName":"Anthropic","family":"Claude 3 Haiku (Fable-like test entry)","licenseCategory":"ProprietaryCommercial",
   "licenseName":"Anthropic Commercial Terms of Service","eulaRequired":true,"useCaseFormRequired":true,"restrictions":[],"confidence":"confirmed",
   "minimumDataRetention":"aws_review","flaggedTrafficRetained":false,"dataRetentionNote":"Every request is retained for up to 30 days.",
   "lifecycleStatus":"LEGACY","endOfLifeDate":"2026-12-20"},
  {"modelIdPrefix":"meta.llama3-1-70b","providerName":"Meta","family":"Llama 3.1 70B (Fable-like test entry)","licenseCategory":"OpenWeight",
   "licenseName":"Llama 3.1 Community License","eulaRequired":true,"useCaseFormRequired":false,"restrictions":[],"confidence":"confirmed",
   "minimumDataRetention":"aws_review","flaggedTrafficRetained":false,"dataRetentionNote":"Every request is retained for up to 30 days.",
   "lifecycleStatus":"ACTIVE","endOfLifeDate":null}
]
'@ | Set-Content $script:Catalog
    $script:Zdr = Join-Path $TestDrive 'zdr-policy.json'
    '{"schemaVersion":1,"name":"ZDR policy","allowedCategories":["ProprietaryCommercial","AmazonProprietary","OpenWeight"],"allowLegacyModels":true,"maximumDataRetention":"none"}' | Set-Content $script:Zdr
    $script:Eol = Join-Path $TestDrive 'eol-policy.json'
    '{"schemaVersion":1,"allowedCategories":["ProprietaryCommercial"],"allowLegacyModels":true,"denyWithinDaysOfEndOfLife":30}' | Set-Content $script:Eol
}

Describe 'Policy verdicts from catalog retention and lifecycle facts' {
    It 'denies a Fable-class model under maximumDataRetention none (RequiresDataRetention)' {
        $v = Test-BedrockModelLicense -Policy $Zdr -ModelId 'anthropic.claude-fable-5' -CatalogPath $Catalog -AsOf $AsOf
        $v.License.MinimumDataRetention | Should -Be 'AwsReview'
        $v.Verdict | Should -Be 'Denied'
        $v.ReasonCodes | Should -Be 'RequiresDataRetention'
    }

    It 'denies a model near its catalog end-of-life date and shows the catalog LEGACY status' {
        $v = Test-BedrockModelLicense -Policy $Eol -ModelId 'anthropic.claude-3-haiku-20240307-v1:0' -CatalogPath $Catalog -AsOf $AsOf
        $v.Verdict | Should -Be 'Denied'
        $v.ReasonCodes | Should -Be 'NearEndOfLife'
        $v.LifecycleStatus | Should -Be 'LEGACY'
    }
}

Describe 'The agreement gate refuses a model that needs retention' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
        Set-TestAwsEnvironment $script:emulator
        $script:ledger = Join-Path $TestDrive 'evidence.jsonl'
    }
    AfterAll { Stop-TestEmulator $script:emulator }

    It 'writes PolicyDenied with RequiresDataRetention and creates no agreement' {
        New-BedrockModelAgreement -ModelId 'meta.llama3-1-70b-instruct-v1:0' -Policy $Zdr -CatalogPath $Catalog -EvidencePath $ledger -Confirm:$false `
            -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Match '^PolicyDenied'
        $errs[0].Exception.Message | Should -Match 'RequiresDataRetention'
        $records = @(Get-Content $ledger | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
        $denied = @($records | Where-Object action -eq 'PolicyDenied')
        $denied.Count | Should -Be 1
        $denied[0].details | Should -Match 'RequiresDataRetention'
        $records.action | Should -Not -Contain 'AgreementAccepted'
    }
}
