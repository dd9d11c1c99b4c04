# Every output type survives the pipes an admin uses: Export-Csv/Import-Csv gives readable cells (no type names such as
# System.String[] or List`1, ISO-8601 companions for every DateTime member, the same in every culture) and
# ConvertTo-Json writes enums by name. The checks walk ALL properties of each object, so members added later are
# covered without touching this file; an output type that no sample here produces fails the coverage test.

BeforeDiscovery {
    $caseNames = @('BedrockAccountContext', 'BedrockModelLicense', 'BedrockModelLicense.Offline', 'BedrockModelPolicyVerdict',
        'BedrockAccessPolicyDocument', 'BedrockPrivacyCheck', 'BedrockAgreementOffer', 'BedrockModelUseCase.None', 'BedrockModelUseCase',
        'BedrockModelAgreement', 'BedrockModelAccessResult', 'EvidenceRecord', 'EvidenceVerificationResult',
        'BedrockAgreementEvent', 'BedrockComplianceReport', 'BedrockOrganizationAccount') | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    Set-TestAwsEnvironment $script:emulator
    $script:policy = Join-Path $PSScriptRoot '../../examples/policy.json'
    $script:ledger = Join-Path $TestDrive 'evidence.jsonl'
    $script:llama = 'meta.llama3-1-70b-instruct-v1:0'

    # A cell that is a type name instead of a value: System.String[], List`1[...], BedrockCompliance.X (no ToString).
    $script:typeName = '^(System\.|BedrockCompliance\.[A-Za-z.]+$)|`\d|\[\]$|System\.Collections'
    $script:iso = '^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)?$'

    # One sample object of each output type, from a small run on the emulator.
    $contextSample = New-BedrockAccountContext -AccountId 111111111111 -UseCallerCredentials
    $noForm = Get-BedrockModelUseCase
    $licences = @(Get-BedrockModelLicense -Provider Meta)
    $script:samples = [ordered]@{
        'BedrockAccountContext'      = $contextSample
        'BedrockModelLicense'        = $licences | Where-Object { $_.Restrictions.Count -gt 1 -and $_.InputModalities.Count -gt 0 } | Select-Object -First 1
        'BedrockModelLicense.Offline' = Get-BedrockModelLicense -Offline -ModelId $script:llama
        'BedrockModelPolicyVerdict'  = $licences | Test-BedrockModelLicense -Policy $script:policy | Select-Object -First 1
        'BedrockAccessPolicyDocument' = Export-BedrockModelAccessPolicy -Policy $script:policy -Type Scp -Path (Join-Path $TestDrive 'scp.json') -WarningAction SilentlyContinue | Select-Object -First 1
        'BedrockPrivacyCheck'        = Test-BedrockDataPrivacy -AllowedRegion us-east-1 -EvidencePath $script:ledger | Where-Object { $_.Resources.Count -gt 0 } | Select-Object -First 1
        'BedrockAgreementOffer'      = Get-BedrockModelAgreementOffer -ModelId $script:llama | Select-Object -First 1
        'BedrockModelUseCase.None'   = $noForm
        'BedrockModelUseCase'        = Set-BedrockModelUseCase -CompanyName 'Contoso Ltd' -CompanyWebsite 'https://contoso.example' -IntendedUsers Internal `
            -IndustryOption 'Software as a Service' -UseCases 'Support assistant' -EvidencePath $script:ledger -PassThru -Confirm:$false
        'BedrockModelAgreement'      = New-BedrockModelAgreement -ModelId $script:llama -Wait -TimeoutSeconds 60 -PassThru -EvidencePath $script:ledger -Confirm:$false
        'BedrockModelAccessResult'   = Test-BedrockModelAccess -ModelId $script:llama -EvidencePath $script:ledger
        'EvidenceRecord'             = Get-BedrockComplianceEvidence -EvidencePath $script:ledger | Select-Object -Last 1
        'EvidenceVerificationResult' = Test-BedrockComplianceEvidence -EvidencePath $script:ledger
        'BedrockAgreementEvent'      = Get-BedrockAgreementHistory -EvidencePath $script:ledger | Where-Object EventTime | Select-Object -First 1
        'BedrockComplianceReport'    = Export-BedrockComplianceReport -Path (Join-Path $TestDrive 'report.html') -EvidencePath $script:ledger -PassThru
        'BedrockOrganizationAccount' = Get-BedrockOrganizationAccount | Select-Object -First 1
    }
    $script:cases = @($script:samples.GetEnumerator() | ForEach-Object { @{ Name = $_.Key; Sample = $_.Value } })

    function script:Get-CsvRow($Object) {
        $file = Join-Path $TestDrive "row-$([guid]::NewGuid()).csv"
        $Object | Export-Csv -LiteralPath $file -NoTypeInformation
        Import-Csv -LiteralPath $file
    }
}
AfterAll { Stop-TestEmulator $script:emulator }

Describe 'Output types through Export-Csv and ConvertTo-Json' {
    It 'has a sample of every output type the cmdlets declare' {
        $declared = Get-Command -Module BedrockCompliance | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Namespace -eq 'BedrockCompliance' } | ForEach-Object Name | Sort-Object -Unique
        $sampled = $script:cases | Where-Object { $_.Sample } | ForEach-Object { $_.Sample.GetType().Name } | Sort-Object -Unique
        foreach ($type in $declared) { $sampled | Should -Contain $type -Because "an output type ($type) needs a sample in this file" }
        foreach ($case in $script:cases) { $case.Sample | Should -Not -BeNullOrEmpty -Because "the run must produce a $($case.Name)" }
        @($script:cases.Name) | Should -Be @($script:samples.Keys) -Because 'BeforeDiscovery lists the same samples'
    }

    It '<Name>: every CSV cell is a value, not a type name' -ForEach $caseNames {
        $Sample = $script:samples[$Name]
        $row = Get-CsvRow $Sample
        foreach ($p in $Sample.PSObject.Properties) {
            $cell = $row.($p.Name)
            if ($null -eq $cell -or $cell -eq '') { continue }
            $cell | Should -Not -Match $script:typeName -Because "$Name.$($p.Name) must read as a value in a CSV cell"
        }
    }

    It '<Name>: list members read as their items joined in one cell' -ForEach $caseNames {
        $Sample = $script:samples[$Name]
        $row = Get-CsvRow $Sample
        foreach ($p in $Sample.PSObject.Properties) {
            $value = $p.Value
            if ($value -is [string] -or $value -isnot [System.Collections.IEnumerable]) { continue }
            $items = @($value | ForEach-Object { "$_" } | Where-Object { $_ })
            $row.($p.Name) | Should -Be ($items -join '; ') -Because "$Name.$($p.Name) is a list"
        }
    }

    It '<Name>: every DateTime member has an ISO-8601 companion, the same in every culture' -ForEach $caseNames {
        $Sample = $script:samples[$Name]
        $saved = [cultureinfo]::CurrentCulture
        try {
            $rows = foreach ($culture in 'de-DE', 'en-US', 'ja-JP') {
                [cultureinfo]::CurrentCulture = $culture
                Get-CsvRow $Sample
            }
        } finally { [cultureinfo]::CurrentCulture = $saved }
        foreach ($p in $Sample.PSObject.Properties) {
            if ($p.TypeNameOfValue -notmatch '^System\.(DateTime|Nullable`1\[\[System\.DateTime)') { continue }
            $companion = "$($p.Name)Iso"
            $Sample.PSObject.Properties[$companion] | Should -Not -BeNullOrEmpty -Because "$Name.$($p.Name) needs $companion for CSV readers"
            if ($null -eq $p.Value) { continue }
            foreach ($row in $rows) { $row.$companion | Should -Match $script:iso -Because "$Name.$companion" }
            @($rows.$companion | Sort-Object -Unique).Count | Should -Be 1 -Because "$Name.$companion must not depend on the culture"
            [datetime]::Parse($rows[0].$companion, [cultureinfo]::InvariantCulture).Date | Should -Be $p.Value.Date
        }
    }

    It '<Name>: ConvertTo-Json writes enums by name' -ForEach $caseNames {
        $Sample = $script:samples[$Name]
        $json = $Sample | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue | ConvertFrom-Json
        foreach ($p in $Sample.PSObject.Properties) {
            if ($p.Value -isnot [enum]) { continue }
            $json.($p.Name) | Should -BeOfType [string] -Because "$Name.$($p.Name) is an enum"
            $json.($p.Name) | Should -Be $p.Value.ToString()
        }
    }

    It 'keeps list members usable as lists in scripts' {
        $licence = $script:samples['BedrockModelLicense']
        $licence.Restrictions.Count | Should -BeGreaterThan 1
        $licence.Restrictions[0].Code | Should -Not -BeNullOrEmpty
        $licence.Restrictions.Code | Should -Contain $licence.Restrictions[-1].Code
        $licence.InputModalities | Should -Contain 'TEXT'
        $json = $licence | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        @($json.InputModalities) | Should -Be @($licence.InputModalities)
    }

    It 'writes the README''s Export-Csv example readably' {
        $file = Join-Path $TestDrive 'licences.csv'
        Get-BedrockModelLicense -Offline -Provider Anthropic, Meta | Export-Csv $file -NoTypeInformation
        $rows = @(Import-Csv $file)
        $rows.Count | Should -BeGreaterThan 5
        (Get-Content $file -Raw) | Should -Not -Match 'System\.(String\[\]|Collections)|`1'
        $llama = $rows | Where-Object ModelId -like 'meta.llama3*' | Select-Object -First 1
        $object = Get-BedrockModelLicense -Offline -ModelId $llama.ModelId
        $llama.Restrictions | Should -Be ($object.Restrictions.Code -join '; ')
        $llama.Restrictions | Should -Match '_' -Because 'restriction codes such as NO_TRAINING_COMPETING_MODELS'
        $llama.SourceUrls | Should -Match '^https://'
        $llama.SourceUrls | Should -Be ($object.SourceUrls -join '; ')
    }
}
