BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:unassumable = '200000000007'
    $script:denying = '200000000013'
    $script:emulator = Start-TestEmulator -ArgumentList '--accounts', '20', '--unassumable-account', $script:unassumable, '--deny-account', $script:denying
    $script:models = 'meta.llama3-1-70b-instruct-v1:0', 'mistral.mistral-large-2402-v1:0'
    $script:accounts = 1..20 | ForEach-Object { '{0:d12}' -f (200000000000 + $_) }

    function script:Get-HeldAgreements {
        foreach ($a in (Get-EmulatorState $script:emulator).accounts) {
            foreach ($r in $a.regions) { foreach ($g in $r.agreements) { "$($a.accountId)|$($r.region)|$($g.modelId)" } }
        }
    }
    function script:Get-Creates {
        ((Get-EmulatorState $script:emulator).accounts | ForEach-Object { if ($_.calls.CreateFoundationModelAgreement) { [int]$_.calls.CreateFoundationModelAgreement.total } else { 0 } } | Measure-Object -Sum).Sum
    }
}
AfterAll { Stop-TestEmulator $script:emulator }

Describe 'Rollout across 20 accounts' {
    BeforeAll {
        Set-TestAwsEnvironment $script:emulator
        $script:ledger = Join-Path $TestDrive 'evidence.jsonl'
        # Accounts arrive the way a platform team has them: a CSV export.
        $csv = Join-Path $TestDrive 'accounts.csv'
        $script:accounts | ForEach-Object { [pscustomobject]@{ AccountId = $_; Owner = "team-$_" } } | Export-Csv $csv -NoTypeInformation
        $script:contexts = Import-Csv $csv | New-BedrockAccountContext -Region us-east-1
    }
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'builds one lazy context per account, and names malformed accounts' {
        $script:contexts.Count | Should -Be 20
        $script:contexts[0].RoleArn | Should -Be 'arn:aws:iam::200000000001:role/OrganizationAccountAccessRole'
        $script:contexts[0].SessionName | Should -BeLike 'BedrockCompliance-*'
        (Get-EmulatorState $script:emulator).totals.calls | Should -Be 0 -Because 'roles are assumed lazily'
        '12345', '20000000000x' | New-BedrockAccountContext -Region us-east-1 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -Match '^InvalidAccountId'
        $errs[0].Exception.Message | Should -Match "'12345'"
    }

    It '-WhatIf across accounts assumes no role and calls nothing' {
        $calls = (Get-EmulatorState $script:emulator).totals.calls
        $script:contexts | New-BedrockModelAgreement -ModelId $script:models -EvidencePath $script:ledger -WhatIf
        (Get-EmulatorState $script:emulator).totals.calls | Should -Be $calls
        Test-Path $script:ledger | Should -BeFalse
    }

    It 'lists licences in 18 accounts and reports the 2 that fail by name, losing nothing else' {
        $licences = $script:contexts | Get-BedrockModelLicense -ModelId $script:models -ThrottleLimit 8 -ErrorVariable errs -ErrorAction SilentlyContinue
        $licences.Count | Should -Be (18 * 2)
        ($licences.AccountId | Sort-Object -Unique).Count | Should -Be 18
        $licences.AccountId | Should -Not -Contain $script:unassumable
        $licences.AccountId | Should -Not -Contain $script:denying
        $errs.Count | Should -Be 2
        $assume = $errs | Where-Object { $_.TargetObject.AccountId -eq $script:unassumable }
        $assume.ErrorDetails.Message | Should -Match "^$($script:unassumable)/us-east-1: cannot assume role"
        $assume.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $denied = $errs | Where-Object { $_.TargetObject.AccountId -eq $script:denying }
        $denied.FullyQualifiedErrorId | Should -Match '^AccessDeniedException'
        $denied.ErrorDetails.Message | Should -Match "^$($script:denying)/us-east-1:"
        $script:licences = $licences
    }

    It 'accepts the approved models in every reachable account, with evidence per account' {
        $result = $script:licences | New-BedrockModelAgreement -PassThru -EvidencePath $script:ledger -Confirm:$false
        $result.Count | Should -Be 36
        $result.Result | Sort-Object -Unique | Should -Be 'Accepted'
        $held = @(Get-HeldAgreements)
        $held.Count | Should -Be 36
        $records = Get-Content $script:ledger | ForEach-Object { $_ | ConvertFrom-Json }
        $accepted = $records | Where-Object { $_.action -eq 'AgreementAccepted' } | ForEach-Object { "$($_.accountId)|$($_.region)|$($_.modelId)" }
        ($accepted | Sort-Object) | Should -Be ($held | Sort-Object)
        ($records | Where-Object action -eq 'AgreementAccepted').principalArn | ForEach-Object { $_ | Should -Match '^arn:aws:sts::2000000000\d\d:assumed-role/OrganizationAccountAccessRole/BedrockCompliance-' }
        ($records.correlationId | Sort-Object -Unique).Count | Should -Be 1 -Because 'one run, one correlation id'
    }

    It 'is safe to rerun: no new agreement and no duplicate acceptance record' {
        $creates = Get-Creates
        $lines = (Get-Content $script:ledger).Count
        $again = $script:contexts | Get-BedrockModelLicense -ModelId $script:models -ErrorAction SilentlyContinue |
            New-BedrockModelAgreement -PassThru -EvidencePath $script:ledger -Confirm:$false
        $again.Result | Sort-Object -Unique | Should -Be 'AlreadyAvailable'
        Get-Creates | Should -Be $creates
        (Get-Content $script:ledger).Count | Should -Be $lines
    }

    It 'verifies access across the accounts and reports the denied one as an error' {
        $access = $script:contexts | Test-BedrockModelAccess -ModelId $script:models -EvidencePath $script:ledger -ErrorVariable errs -ErrorAction SilentlyContinue
        $access.Count | Should -Be 36
        $access.Success | Sort-Object -Unique | Should -Be $true
        # One error for the account whose role cannot be assumed; one per model where access is denied.
        @($errs | Where-Object { $_.ErrorDetails.Message -like "$($script:unassumable)/*" }).Count | Should -Be 1
        @($errs | Where-Object { $_.ErrorDetails.Message -like "$($script:denying)/*" }).Count | Should -Be 2
        $errs.Count | Should -Be 3
    }
}
