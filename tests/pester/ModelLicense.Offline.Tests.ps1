BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Module' {
    It 'imports from the built folder and exports the cmdlets the manifest lists' {
        $module = Get-Module BedrockCompliance
        $module | Should -Not -BeNullOrEmpty
        $manifest = Import-PowerShellDataFile (Get-TestModulePath)
        ($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
    }

    It 'keeps third-party assemblies out of the module root (dependency isolation layout)' {
        $dir = Split-Path (Get-TestModulePath)
        (Get-ChildItem $dir -Filter 'AWSSDK*.dll') | Should -BeNullOrEmpty
        (Get-ChildItem (Join-Path $dir 'dependencies') -Filter 'AWSSDK.Core.dll') | Should -Not -BeNullOrEmpty
        (Get-ChildItem (Join-Path $dir 'dependencies') -Filter 'BedrockCompliance.Engine.dll') | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-BedrockModelLicense -Offline' {
    It 'declares its output type' {
        (Get-Command Get-BedrockModelLicense).OutputType.Name | Should -Contain 'BedrockCompliance.BedrockModelLicense'
    }

    It 'lists the whole catalog without -ModelId' {
        $all = Get-BedrockModelLicense -Offline
        $all.Count | Should -BeGreaterThan 40
        $all | Should -BeOfType ([BedrockCompliance.BedrockModelLicense])
        # Only the two researched "licence not established" entries are Unknown (reference §3: GLM 5.3, Kimi K3).
        ($all | Where-Object LicenseCategory -eq 'Unknown').ModelId | Should -Be @('moonshotai.kimi-k3', 'zai.glm-5.3')
    }

    It 'classifies Llama 3.1 under its own licence, not Llama 2 (the blog post''s error)' {
        $l = Get-BedrockModelLicense -Offline -ModelId 'meta.llama3-1-70b-instruct-v1:0'
        $l.LicenseName | Should -Match 'Llama 3\.1 Community License'
        $l.LicenseCategory | Should -Be 'OpenWeight'
        $l.Restrictions.Code | Should -Contain 'MAU_THRESHOLD'
    }

    It 'does not call Mistral Large Apache-2.0' {
        $l = Get-BedrockModelLicense -Offline 'mistral.mistral-large-2402-v1:0'
        $l.LicenseName | Should -Not -Match 'Apache'
        $l.LicenseCategory | Should -Be 'ProprietaryCommercial'
    }

    It 'lists provider-level and unknown models for review (tools/Get-CatalogReviewQueue.ps1)' {
        $queue = 'anthropic.claude-opus-6', 'openai.gpt-7', 'meta.llama3-1-70b-instruct-v1:0', 'us.anthropic.claude-fable-5-2' |
            Get-BedrockModelLicense -Offline | & (Join-Path $PSScriptRoot '../../tools/Get-CatalogReviewQueue.ps1')
        $queue.ModelId | Should -Be @('anthropic.claude-opus-6', 'openai.gpt-7')
        $queue[0].MatchLevel | Should -Be 'Provider'
        $queue[0].LicenseCategory | Should -Be 'ProprietaryCommercial'
        $queue[1].MatchLevel | Should -Be 'None'
        $queue[1].Provider | Should -Be 'OpenAI'
    }

    It 'classifies the Claude 5 generation with the use-case form and Fable retention facts' {
        $l = Get-BedrockModelLicense -Offline 'anthropic.claude-fable-5-1'
        $l.LicenseCategory | Should -Be 'ProprietaryCommercial'
        $l.UseCaseFormRequired | Should -BeTrue
        $l.MinimumDataRetention | Should -Be 'AwsReview'
        $l.MatchLevel | Should -Be 'Family'
        $legacy = Get-BedrockModelLicense -Offline 'anthropic.claude-opus-4-1-20250805-v1:0'
        $legacy.CatalogLifecycleStatus | Should -Be 'LEGACY'
        $legacy.EndOfLifeDate | Should -Be ([datetime]'2027-01-08')
        ($legacy | Format-Table | Out-String -Width 250) | Should -Match 'LEGACY'
    }

    It 'accepts an organisation catalog with retention and lifecycle members (examples/catalog-override.json)' {
        $l = Get-BedrockModelLicense -Offline 'anthropic.claude-opus-6' -CatalogPath (Join-Path $PSScriptRoot '../../examples/catalog-override.json')
        $l.MatchLevel | Should -Be 'Family'
        $l.Restrictions.Code | Should -Not -Contain 'TERMS_NOT_REVIEWED'
        $l.CatalogSource | Should -BeLike '*catalog-override.json'
    }

    It 'gives an unknown model category Unknown with TERMS_NOT_REVIEWED' {
        $l = Get-BedrockModelLicense -Offline 'acme.super-model-v1:0'
        $l.LicenseCategory | Should -Be 'Unknown'
        $l.Restrictions.Code | Should -Contain 'TERMS_NOT_REVIEWED'
    }

    It 'binds ModelId from the pipeline by value and by property name' {
        $byValue = 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'us.meta.llama3-3-70b-instruct-v1:0' | Get-BedrockModelLicense -Offline
        $byValue.ModelId | Should -Be @('anthropic.claude-3-5-sonnet-20241022-v2:0', 'meta.llama3-3-70b-instruct-v1:0')
        $byName = [pscustomobject]@{ ModelId = 'amazon.nova-pro-v1:0:300k' } | Get-BedrockModelLicense -Offline
        $byName.LicenseCategory | Should -Be 'AmazonProprietary'
        $byArn = [pscustomobject]@{ ModelArn = 'arn:aws:bedrock:us-east-1::foundation-model/deepseek.r1-v1:0' } | Get-BedrockModelLicense -Offline
        $byArn.LicenseName | Should -Match 'MIT'
    }

    It 'filters by provider and category' {
        $meta = Get-BedrockModelLicense -Offline -Provider Meta
        $meta.Provider | Sort-Object -Unique | Should -Be 'Meta'
        $open = Get-BedrockModelLicense -Offline -Category OpenWeight
        $open.LicenseCategory | Sort-Object -Unique | Should -Be 'OpenWeight'
    }

    It 'writes a non-terminating error naming a bad ID and goes on with the rest' {
        $out = 'x', 'meta.llama3-1-8b-instruct-v1:0' | Get-BedrockModelLicense -Offline -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Match '^InvalidModelId'
        $errs[0].Exception.Message | Should -Match "'x'"
    }

    It 'shows the default table view with the columns an admin scans for' {
        $text = Get-BedrockModelLicense -Offline 'cohere.command-r-plus-v1:0' | Out-String -Width 200
        $text | Should -Match 'ModelId\s+Category\s+License\s+EULA'
        $text | Should -Match 'cohere\.command-r-plus-v1:0\s+ProprietaryCommercial'
    }

    It 'round-trips through Export-Csv and Import-Csv' {
        $csv = Join-Path $TestDrive 'licences.csv'
        Get-BedrockModelLicense -Offline -Provider Anthropic | Export-Csv -Path $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -Be (Get-BedrockModelLicense -Offline -Provider Anthropic).Count
        $rows[0].LicenseCategory | Should -Be 'ProprietaryCommercial'
        $rows[0].RestrictionCodes | Should -Match 'NO_TRAINING_COMPETING_MODELS'
    }

    It 'fails with an error naming file, entry and field for a malformed catalog file' {
        $bad = Join-Path $TestDrive 'bad-catalog.json'
        '[{"modelIdPrefix":"acme.model","providerName":"Acme","family":"A","licenseCategory":"Freeware","licenseName":"x","eulaRequired":false,"useCaseFormRequired":false,"restrictions":[],"confidence":"likely"}]' | Set-Content $bad
        { Get-BedrockModelLicense -Offline -CatalogPath $bad -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidLicenseCatalog,BedrockCompliance.Commands.GetBedrockModelLicenseCommand' -ExpectedMessage "*bad-catalog.json*entry 1*licenseCategory*Freeware*"
    }

    It 'lets an organisation catalog add a model and override a built-in entry' {
        $file = Join-Path $TestDrive 'org-catalog.json'
        @'
[{"modelIdPrefix":"acme.model","providerName":"Acme","family":"Acme Model","licenseCategory":"OpenWeight","licenseName":"Acme Licence","eulaRequired":false,"useCaseFormRequired":false,"restrictions":[],"confidence":"confirmed"}]
'@ | Set-Content $file
        $env:BEDROCK_COMPLIANCE_CATALOG = $file
        try {
            (Get-BedrockModelLicense -Offline 'acme.model-v1:0').LicenseName | Should -Be 'Acme Licence'
            (Get-BedrockModelLicense -Offline 'acme.model-v1:0').CatalogSource | Should -Be $file
        } finally { Remove-Item Env:BEDROCK_COMPLIANCE_CATALOG }
    }
}
