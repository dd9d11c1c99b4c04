# Issue 19's first hour: -Force means one thing (Test-BedrockModelAccess -AllowImplicitAcceptance), no error for a
# normal state (Get-BedrockModelUseCase on an account with no form), and a progress bar that moves (items and accounts,
# an ETA, completed at the end), read from a hosted PowerShell's progress stream.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    Set-TestAwsEnvironment $script:emulator
    $script:ledger = Join-Path $TestDrive 'evidence.jsonl'

    function script:Get-Calls([string] $Operation) {
        $account = (Get-EmulatorState $script:emulator).accounts | Where-Object accountId -eq '111111111111'
        $c = $account.calls.$Operation
        if ($c) { [int]$c.total } else { 0 }
    }

    # Runs a script in a hosted PowerShell with the built module and returns its output and progress records.
    function script:Invoke-Hosted([string] $Script) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Get-TestModulePath)'; `$ProgressPreference = 'Continue'; $Script")
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = @($output); Progress = @($ps.Streams.Progress); Errors = @($ps.Streams.Error) }
        } finally { $ps.Dispose() }
    }
}
AfterAll { Stop-TestEmulator $script:emulator }

Describe 'Test-BedrockModelAccess -AllowImplicitAcceptance' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'has -AllowImplicitAcceptance and no -Force, not even as an alias' {
        $command = Get-Command Test-BedrockModelAccess
        $command.Parameters.Keys | Should -Contain 'AllowImplicitAcceptance'
        $command.Parameters.Keys | Should -Not -Contain 'Force'
        $command.Parameters.Values.Aliases | Should -Not -Contain 'Force'
        { Test-BedrockModelAccess -ModelId 'xai.grok-4.3' -Force -EvidencePath $script:ledger } | Should -Throw -ErrorId 'NamedParameterNotFound,BedrockCompliance.Commands.TestBedrockModelAccessCommand'
    }

    It 'refuses a model with no agreement without it, and names the switch' {
        $before = Get-Calls 'Converse'
        Test-BedrockModelAccess -ModelId 'xai.grok-4.3' -EvidencePath $script:ledger -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Match '^AgreementNotAvailable'
        $errs[0].Exception.Message | Should -Match '-AllowImplicitAcceptance'
        Get-Calls 'Converse' | Should -Be $before
    }

    It 'invokes it with the switch, after a warning that the call may accept the licence' {
        $before = Get-Calls 'Converse'
        $result = Test-BedrockModelAccess -ModelId 'xai.grok-4.3' -AllowImplicitAcceptance -EvidencePath $script:ledger -WarningVariable warns -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        ($warns -join "`n") | Should -Match 'implicitly'
        Get-Calls 'Converse' | Should -BeGreaterThan $before
        $result | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-BedrockModelUseCase on an account with no form' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'returns Submitted = $false with the account, and no error' {
        $form = Get-BedrockModelUseCase -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $form | Should -HaveCount 1
        $form.Submitted | Should -BeFalse
        $form.AccountId | Should -Be '111111111111'
        $form.CompanyName | Should -BeNullOrEmpty
        "$form" | Should -Match 'no use-case form'
        ($form | Format-Table | Out-String) | Should -Match 'False'
    }

    It 'returns Submitted = $true once a form is on file' {
        Set-BedrockModelUseCase -CompanyName 'Contoso Ltd' -CompanyWebsite 'https://contoso.example' -IntendedUsers Internal `
            -IndustryOption 'Software as a Service' -UseCases 'Support assistant' -EvidencePath $script:ledger -Confirm:$false
        $form = Get-BedrockModelUseCase
        $form.Submitted | Should -BeTrue
        $form.CompanyName | Should -Be 'Contoso Ltd'
    }
}

Describe 'Progress of a bulk run' {
    BeforeAll {
        Set-TestAwsEnvironment $script:emulator
        $models = "'meta.llama3-1-70b-instruct-v1:0', 'amazon.nova-pro-v1:0', 'mistral.mistral-large-2407-v1:0', 'cohere.command-r-plus-v1:0'"
        $script:run = Invoke-Hosted @"
`$contexts = New-BedrockAccountContext -AccountId 111111111111 -UseCallerCredentials -Region us-east-1, us-west-2
$models | Get-BedrockModelAgreementOffer -Context `$contexts -ErrorAction SilentlyContinue
"@
        $script:bar = @($script:run.Progress | Where-Object ActivityId -eq 0)
    }

    It 'starts before any work is done' {
        $script:bar.Count | Should -BeGreaterThan 1
        $script:bar[0].RecordType | Should -Be 'Processing'
        $script:bar[0].StatusDescription | Should -Match '^0 of \d+ models'
    }

    It 'counts models and account batches' {
        ($script:bar.StatusDescription -join "`n") | Should -Match '\b[1-7] of [2-8] models'
        ($script:bar.StatusDescription -join "`n") | Should -Match 'of \d+ account batches'
    }

    It 'gives an ETA while it runs and completes at the end' {
        @($script:bar | Where-Object { $_.RecordType -eq 'Processing' -and $_.SecondsRemaining -ge 0 }).Count | Should -BeGreaterThan 0
        $script:bar[-1].RecordType | Should -Be 'Completed'
        $script:bar[-1].StatusDescription | Should -Match '^8 of 8 models'
        @($script:bar | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
    }
}
