BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator -ArgumentList '--accounts', '2'

    function script:Read-Ledger([string] $Path) {
        if (-not (Test-Path $Path)) { return @() }
        @(Get-Content $Path | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
    }
    function script:Set-Faults([hashtable] $Patch) {
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/faults" -ContentType 'application/json' -Body ($Patch | ConvertTo-Json -Compress) | Out-Null
    }
    function script:Get-Agreements([string] $Account = '111111111111') {
        $a = (Get-EmulatorState $script:emulator).accounts | Where-Object accountId -eq $Account
        @(($a.regions | Where-Object region -eq 'us-east-1').agreements)
    }
    $script:pwsh = Join-Path $PSHOME 'pwsh'
}
AfterAll { Stop-TestEmulator $script:emulator }

Describe 'Issue 15: the AWS side under attack' {
    BeforeEach {
        Set-TestAwsEnvironment $script:emulator
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/reset" | Out-Null
    }

    It 'fails a context whose credentials belong to another account (AccountMismatch) and labels nothing with it' {
        $ledger = Join-Path $TestDrive 'mismatch.jsonl'
        # 111111111111's keys, a context naming 200000000002.
        $results = New-BedrockAccountContext -AccountId 200000000002 -UseCallerCredentials -Region us-east-1 |
            Test-BedrockDataPrivacy -EvidencePath $ledger -ErrorVariable errs -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Match '^AccountMismatch'
        $errs[0].Exception.Message | Should -Match '200000000002'
        $errs[0].Exception.Message | Should -Match '111111111111'
        $errs[0].Exception.Message | Should -Not -Match 'cannot assume role'
        Read-Ledger $ledger | Should -BeNullOrEmpty

        # The same credentials with the account they belong to are checked as usual.
        $ok = New-BedrockAccountContext -AccountId 111111111111 -UseCallerCredentials -Region us-east-1 | Test-BedrockDataPrivacy -EvidencePath $ledger
        $ok | Should -Not -BeNullOrEmpty
        $ok.AccountId | Sort-Object -Unique | Should -Be '111111111111'
    }

    It 'fails the mismatched context only, not the others in the same run' {
        $contexts = @(
            New-BedrockAccountContext -AccountId 200000000002 -UseCallerCredentials -Region us-east-1
            New-BedrockAccountContext -AccountId 200000000001 -Region us-east-1
        )
        $licences = $contexts | Get-BedrockModelLicense -Provider Meta -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs | Where-Object { $_.FullyQualifiedErrorId -match '^AccountMismatch' }).Count | Should -Be 1
        $licences.AccountId | Sort-Object -Unique | Should -Be '200000000001'
    }

    It 'records a create whose answer was lost after it committed as AgreementAccepted, not AgreementFailed' -ForEach @(
        @{ Mode = 'error' }, @{ Mode = 'drop' }
    ) {
        $ledger = Join-Path $TestDrive "after-commit-$Mode.jsonl"
        Set-Faults @{ afterCommitRate = 1; afterCommitMode = $Mode }
        $model = 'meta.llama3-8b-instruct-v1:0'
        $result = New-BedrockModelAgreement -ModelId $model -EvidencePath $ledger -Confirm:$false -PassThru -ErrorVariable errs -WarningVariable warns -WarningAction SilentlyContinue
        $errs | Should -BeNullOrEmpty
        $result.Result | Should -Be 'Accepted'
        @(Get-Agreements).modelId | Should -Contain $model
        $records = Read-Ledger $ledger
        $records.action | Should -Not -Contain 'AgreementFailed'
        $intent = @($records | Where-Object action -eq 'AgreementIntent')
        $accepted = @($records | Where-Object action -eq 'AgreementAccepted')
        $accepted.Count | Should -Be 1
        $accepted[0].details | Should -Match 'Reconciled'
        $accepted[0].details | Should -Match $intent[0].id
        "$warns" | Should -Match 'answer was lost'
        Test-BedrockComplianceEvidence -EvidencePath $ledger -Quiet | Should -BeTrue
    }

    It 'lets four processes race on the same agreements: no AgreementFailed, one acceptance, at most one observation each' {
        $ledger = Join-Path $TestDrive 'race.jsonl'
        $models = 'meta.llama3-8b-instruct-v1:0', 'meta.llama3-70b-instruct-v1:0', 'mistral.mistral-7b-instruct-v0:2', 'mistral.mixtral-8x7b-instruct-v0:1'
        # Latency widens the window between each process's availability check and its create.
        Set-Faults @{ latencyMs = 150 }
        $start = [DateTime]::UtcNow.AddSeconds(8).ToString('o')
        $child = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$(Get-TestModulePath)'
while ([DateTime]::UtcNow -lt [DateTime]::Parse('$start').ToUniversalTime()) { Start-Sleep -Milliseconds 20 }
New-BedrockModelAgreement -ModelId $(($models | ForEach-Object { "'$_'" }) -join ',') -EvidencePath '$ledger' -Confirm:`$false -WarningAction SilentlyContinue -ErrorVariable e -ErrorAction SilentlyContinue
if (`$e) { `$e | ForEach-Object { [Console]::Error.WriteLine(`$_.FullyQualifiedErrorId + ': ' + `$_.Exception.Message) }; exit 1 }
"@
        $procs = 1..4 | ForEach-Object {
            Start-Process -FilePath $script:pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-Command', $child -PassThru `
                -RedirectStandardError (Join-Path $TestDrive "race-$_.err") -RedirectStandardOutput (Join-Path $TestDrive "race-$_.out")
        }
        $procs | ForEach-Object { $_.WaitForExit(180000) | Should -BeTrue }
        foreach ($i in 1..4) {
            $err = Get-Content (Join-Path $TestDrive "race-$i.err") -Raw
            $err | Should -BeNullOrEmpty -Because "process $i reported no error"
            $procs[$i - 1].ExitCode | Should -Be 0
        }
        $records = Read-Ledger $ledger
        $records.action | Should -Not -Contain 'AgreementFailed'
        foreach ($m in $models) {
            @($records | Where-Object { $_.modelId -eq $m -and $_.action -eq 'AgreementAccepted' }).Count | Should -Be 1 -Because "$m was created once"
            @($records | Where-Object { $_.modelId -eq $m -and $_.action -eq 'AgreementObserved' }).Count | Should -BeLessOrEqual 1
            @($records | Where-Object { $_.modelId -eq $m -and $_.action -eq 'AgreementIntent' }).Count | Should -BeGreaterOrEqual 1
        }
        (Get-Agreements).Count | Should -Be $models.Count
        Test-BedrockComplianceEvidence -EvidencePath $ledger -Quiet | Should -BeTrue
    }

    It 'refuses account IDs written with non-ASCII digits' -ForEach @(
        @{ Id = '١١١١١١١١١١١١' }, @{ Id = '１１１１１１１１１１１１' }
    ) {
        $ctx = New-BedrockAccountContext -AccountId $Id -Region us-east-1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $ctx | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Match '^InvalidAccountId'
    }

    It 'refuses a role name IAM would refuse (InvalidRoleName), naming it' {
        $ctx = New-BedrockAccountContext -AccountId 200000000001 -RoleName 'Admin Role' -Region us-east-1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $ctx | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Match '^InvalidRoleName'
        $errs[0].Exception.Message | Should -Match "'Admin Role'"
        (New-BedrockAccountContext -AccountId 200000000001 -RoleName 'team/Admin' -Region us-east-1).RoleArn | Should -Be 'arn:aws:iam::200000000001:role/team/Admin'
    }

    It 'does not probe a provisioned-only variant on demand (ModelNotOnDemand) and records nothing' {
        $ledger = Join-Path $TestDrive 'probe.jsonl'
        Test-BedrockModelAccess -ModelId 'amazon.nova-pro-v1:0:300k' -EvidencePath $ledger -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Match '^ModelNotOnDemand'
        $errs[0].Exception.Message | Should -Match 'Provisioned Throughput'
        Read-Ledger $ledger | Should -BeNullOrEmpty
    }

    It 'says how to confirm when a non-interactive session cannot prompt (ConfirmationRequired)' {
        $ledger = Join-Path $TestDrive 'confirm.jsonl'
        $out = & $script:pwsh -NoProfile -NonInteractive -Command @"
Import-Module '$(Get-TestModulePath)'
New-BedrockModelAgreement -ModelId 'meta.llama3-8b-instruct-v1:0' -EvidencePath '$ledger' -Confirm -ErrorVariable e -ErrorAction SilentlyContinue
`$e | ForEach-Object { `$_.FullyQualifiedErrorId; `$_.Exception.Message }
"@ | Out-String
        $out | Should -Match 'ConfirmationRequired'
        $out | Should -Match '-Confirm:\$false'
        $out | Should -Not -Match 'UnexpectedError'
        @(Get-Agreements) | Should -BeNullOrEmpty
        (Read-Ledger $ledger).action | Should -Not -Contain 'AgreementFailed'
    }

    It 'reports a malformed wildcard as InvalidWildcardPattern naming the parameter, not UnexpectedError' -ForEach @(
        @{ Run = { Get-BedrockModelLicense -Provider 'Meta[' }; Parameter = 'Provider' }
        @{ Run = { Get-BedrockModelLicense -Offline -Provider 'meta[' }; Parameter = 'Provider' }
        @{ Run = { Get-BedrockComplianceEvidence -EvidencePath (Join-Path $TestDrive 'wildcard.jsonl') -ModelId 'meta[' }; Parameter = 'ModelId' }
    ) {
        # A ledger with one record, so the reader gets as far as its filters.
        Set-BedrockModelUseCase -CompanyName Acme -CompanyWebsite 'https://acme.example' -IntendedUsers Internal -IndustryOption Technology `
            -UseCases 'Internal assistant' -EvidencePath (Join-Path $TestDrive 'wildcard.jsonl') -Confirm:$false
        $caught = $null
        try { & $Run | Out-Null } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Match '^InvalidWildcardPattern'
        $caught.Exception.Message | Should -Match "-$Parameter"
        $caught.Exception.Message | Should -Match '\['
    }

    It 'reports a malformed wildcard model ID per item and goes on with the others' {
        $out = Get-BedrockModelLicense -Offline -ModelId 'meta[', 'meta.llama3-8b-instruct-v1:0' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Match '^InvalidWildcardPattern'
        $out.ModelId | Should -Contain 'meta.llama3-8b-instruct-v1:0'
    }
}
