BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator -ArgumentList '--accounts', '12'
    $script:accounts = 1..12 | ForEach-Object { '{0:d12}' -f (200000000000 + $_) }
    $script:model = 'meta.llama3-1-70b-instruct-v1:0'
}
AfterAll { Stop-TestEmulator $script:emulator }

Describe 'New-BedrockAccountContext -Shard' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'splits the accounts into disjoint shards that together cover every account, in every Region' {
        $shards = 1..3 | ForEach-Object { , @($script:accounts | New-BedrockAccountContext -Region us-east-1, us-west-2 -Shard "$_/3") }
        $all = $shards | ForEach-Object { $_ }
        $all.Count | Should -Be (12 * 2)
        ($all | ForEach-Object { "$($_.AccountId)|$($_.Region)" } | Sort-Object -Unique).Count | Should -Be 24
        foreach ($s in $shards) { $s.Count | Should -BeGreaterThan 0 }
        # Stable: the documented hash, the same every run (sha256 of '200000000002' starts 04c877d6...: shard 1 of 4).
        ('200000000002' | New-BedrockAccountContext -Region us-east-1 -Shard 1/4).AccountId | Should -Be '200000000002'
        '200000000002' | New-BedrockAccountContext -Region us-east-1 -Shard 2/4 | Should -BeNullOrEmpty
    }

    It 'applies to role ARNs too, by the account in the ARN' {
        $arns = $script:accounts | ForEach-Object { "arn:aws:iam::${_}:role/Audit" }
        $one = New-BedrockAccountContext -RoleArn $arns -Region us-east-1 -Shard 1/2
        $two = New-BedrockAccountContext -RoleArn $arns -Region us-east-1 -Shard 2/2
        ($one.Count + $two.Count) | Should -Be 12
        $one.AccountId | Should -Not -BeIn $two.AccountId
    }

    It 'refuses a bad shard with InvalidShard, naming the value and the form' -ForEach @(
        @{ Shard = '0/4' }, @{ Shard = '5/4' }, @{ Shard = 'two/4' }, @{ Shard = '3' }
    ) {
        { $script:accounts | New-BedrockAccountContext -Region us-east-1 -Shard $Shard -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidShard,BedrockCompliance.Commands.NewBedrockAccountContextCommand' -ExpectedMessage "*'$Shard'*<index>/<count>*"
    }

    It 'runs the README ForEach-Object -Parallel example: each shard in its own runspace, every account once' {
        $module = Get-TestModulePath
        $ids = $script:accounts
        $model = $script:model
        $licences = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:module
            $using:ids | New-BedrockAccountContext -Region us-east-1 -Shard "$_/3" | Get-BedrockModelLicense -ModelId $using:model
        }
        @($licences).Count | Should -Be 12
        ($licences.AccountId | Sort-Object -Unique).Count | Should -Be 12
    }
}

Describe 'Retry settings from the environment' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }
    AfterEach { Remove-Item Env:AWS_RETRY_MODE, Env:BEDROCK_COMPLIANCE_CALL_TIMEOUT -ErrorAction SilentlyContinue }

    It 'completes under 40% throttling in adaptive mode, and the debug stream shows the retries' {
        $env:AWS_RETRY_MODE = 'adaptive'
        $env:AWS_MAX_ATTEMPTS = '10'
        try {
            Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/faults" -ContentType 'application/json' -Body '{"throttleRate":0.4}' | Out-Null
            $DebugPreference = 'Continue'   # what -Debug does, without the host's prompt
            $contexts = $script:accounts | Select-Object -First 4 | New-BedrockAccountContext -Region us-east-1
            $debug = $contexts | Get-BedrockModelLicense -ModelId $script:model -ErrorVariable errs -ErrorAction SilentlyContinue 5>&1 |
                Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
            $errs | Should -BeNullOrEmpty
            @($debug.Message -match 'attempt \d+ of 10 failed \(ThrottlingException').Count | Should -BeGreaterThan 0
        } finally {
            Remove-Item Env:AWS_MAX_ATTEMPTS -ErrorAction SilentlyContinue
            Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/faults" -ContentType 'application/json' -Body '{"throttleRate":0}' | Out-Null
        }
    }

    It 'refuses an unknown AWS_RETRY_MODE with InvalidRetryMode naming it' {
        $env:AWS_RETRY_MODE = 'turbo'
        { Get-BedrockModelLicense -ModelId $script:model -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidRetryMode,BedrockCompliance.Commands.GetBedrockModelLicenseCommand' -ExpectedMessage "*AWS_RETRY_MODE*'turbo'*"
    }

    It 'refuses a bad BEDROCK_COMPLIANCE_CALL_TIMEOUT with InvalidCallTimeout' {
        $env:BEDROCK_COMPLIANCE_CALL_TIMEOUT = '-5'
        { Get-BedrockModelLicense -ModelId $script:model -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidCallTimeout,BedrockCompliance.Commands.GetBedrockModelLicenseCommand' -ExpectedMessage "*BEDROCK_COMPLIANCE_CALL_TIMEOUT*'-5'*"
    }
}
