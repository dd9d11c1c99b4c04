# The 2026 privacy checks against the emulator: data retention on both surfaces and per project, residency of
# cross-Region profiles, long-term API keys, denied calls, and the -RequirePrivacyCheck agreement gate.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator -ArgumentList '--accounts', '3'
    $script:management = '111111111111'
    $script:project = '200000000001'    # account at none, one project at aws_review
    $script:keys = '200000000002'       # a long-term Bedrock API key
    $script:denied = '200000000003'     # every call denied

    function script:Set-Account([string] $Id, [hashtable] $Patch) {
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/accounts/$Id" -ContentType 'application/json' `
            -Body ($Patch | ConvertTo-Json -Depth 10 -Compress) | Out-Null
    }
    function script:Test-One([string] $Account, [string[]] $Check, [hashtable] $More = @{}) {
        $ctx = if ($Account -eq $script:management) { New-BedrockAccountContext -AccountId $Account -UseCallerCredentials -Region us-east-1 }
               else { New-BedrockAccountContext -AccountId $Account -Region us-east-1 }
        $ctx | Test-BedrockDataPrivacy -Check $Check -NoEvidence @More
    }

    Set-TestAwsEnvironment $script:emulator
    Set-Account $script:project @{
        dataRetention = @{ 'us-east-1' = 'none' }
        projects      = @{ 'us-east-1' = @(@{ id = 'proj_0000000000000review'; name = 'review'; mode = 'aws_review' }, @{ id = 'proj_00000000000000quiet'; name = 'quiet' }) }
    }
    Set-Account $script:keys @{ apiKeys = @(@{ userName = 'dev'; createDate = '2026-01-01T00:00:00Z'; expirationDate = $null; status = 'Active'; serviceName = 'bedrock.amazonaws.com' }) }
    Set-Account $script:denied @{ deny = @('*') }
}
AfterAll { Stop-TestEmulator $script:emulator }

Describe 'DataRetention' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'fails provider_data_share set through the real PutAccountDataRetention call, naming mode, Region and surface' {
        # PUT /data-retention with the management account's Bedrock API key (bearer calls land in us-east-1).
        $answer = Invoke-RestMethod -Method Put -Uri "$($script:emulator.Url)/data-retention" -ContentType 'application/json' `
            -Headers @{ Authorization = 'Bearer bedrock-api-key-EXAMPLE' } -Body '{"mode":"provider_data_share"}'
        $answer.mode | Should -Be 'provider_data_share'
        try {
            $r = Test-One $script:management DataRetention
            $r.Status | Should -Be 'Fail'
            $r.Detail | Should -Match 'the account setting on the control plane \(bedrock\) in us-east-1 is provider_data_share'
            $r.Resources | Should -Contain 'bedrock:account=provider_data_share'
            $r.Remediation | Should -Match 'put-account-data-retention --region us-east-1'
        } finally {
            Invoke-RestMethod -Method Put -Uri "$($script:emulator.Url)/data-retention" -ContentType 'application/json' `
                -Headers @{ Authorization = 'Bearer bedrock-api-key-EXAMPLE' } -Body '{"mode":"inherit"}' | Out-Null
        }
    }

    It 'fails a project at aws_review under an account at none for that project only' {
        $r = Test-One $script:project DataRetention @{ MaximumDataRetention = 'None' }
        $r.Status | Should -Be 'Fail'
        $r.Resources | Should -Not -BeNullOrEmpty
        $r.Resources | ForEach-Object { $_ | Should -Match 'project/proj_0000000000000review=aws_review$' }
        $r.Detail | Should -Match "project 'proj_0000000000000review' \(review\) on the"
        $r.Detail | Should -Not -Match 'quiet'
        $r.Detail | Should -Not -Match 'the account setting'
    }

    It 'passes the same account for -MaximumDataRetention AwsReview, and -Profile Strict means none' {
        (Test-One $script:project DataRetention @{ MaximumDataRetention = 'AwsReview' }).Status | Should -Be 'Pass'
        $strict = Test-One $script:project DataRetention @{ Profile = 'Strict' }
        $strict.Status | Should -Be 'Fail'
        $strict.Requirement | Should -Match 'at most none'
        (Test-One $script:project DataRetention @{ Profile = 'Strict'; MaximumDataRetention = 'AwsReview' }).Status | Should -Be 'Pass' -Because 'explicit parameters win over the profile'
    }

    It 'rejects provider_data_share as a maximum' {
        { Test-BedrockDataPrivacy -Check DataRetention -MaximumDataRetention ProviderDataShare -NoEvidence } | Should -Throw -ErrorId 'ParameterArgumentValidationError,BedrockCompliance.Commands.TestBedrockDataPrivacyCommand'
    }
}

Describe 'ModelDataRetention' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'flags a model that needs aws_review (Fable-class) as blocked under none and failing where it runs' {
        # Give a listed model Fable's requirement, so the test does not depend on which Fable IDs the list carries.
        $model = 'anthropic.claude-sonnet-4-5-20250929-v1:0'
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/model-retention" -ContentType 'application/json' `
            -Body (@{ $model = @{ minimumMode = 'aws_review'; retains = 'all' } } | ConvertTo-Json -Compress) | Out-Null
        try {
            $blocked = Test-One $script:project ModelDataRetention @{ MaximumDataRetention = 'None' }
            $blocked.Resources | Should -Contain $model
            $blocked.Detail | Should -Match ([regex]::Escape("$model (blocked; needs at least aws_review; source: mantle allowed_modes [aws_review, provider_data_share]"))
            $blocked.Status | Should -Be 'Pass' -Because 'the account at none blocks it: nothing is retained'
            Set-Account $script:keys @{ dataRetention = @{ 'us-east-1' = 'aws_review' } }
            $runs = Test-One $script:keys ModelDataRetention @{ MaximumDataRetention = 'None' }
            $runs.Status | Should -Be 'Fail'
            $runs.Resources | Should -Contain $model
        } finally {
            Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/model-retention" -ContentType 'application/json' `
                -Body (@{ $model = $null } | ConvertTo-Json -Compress) | Out-Null
            Set-Account $script:keys @{ dataRetention = @{ 'us-east-1' = 'inherit' } }
        }
    }
}

Describe 'CrossRegionResidency' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'fails a global. profile for an EU-only list' {
        $r = Test-One $script:management CrossRegionResidency @{ AllowedRegion = 'eu-*' }
        $r.Status | Should -Be 'Fail'
        ($r.Resources | Where-Object { $_ -like 'global.*' }) | Should -Not -BeNullOrEmpty
        $r.Detail | Should -Match 'global\.\S+ → any commercial Region \(global\)'
    }

    It 'counts only the profiles of the models in use' {
        $r = Test-One $script:management CrossRegionResidency @{ AllowedRegion = 'us-*'; ModelId = 'amazon.titan-embed-text-v2:0' }
        $r.Status | Should -Be 'Pass'
    }
}

Describe 'ApiKeys' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'fails a long-term Bedrock API key, naming the user and that it never expires' {
        $r = Test-One $script:keys ApiKeys
        $r.Status | Should -Be 'Fail'
        $r.Detail | Should -Match 'dev: \S+ \(Active, \d+ day\(s\) old, never expires\)'
        $r.Remediation | Should -Match 'delete-service-specific-credential --user-name dev'
    }

    It 'passes an account without keys' {
        (Test-One $script:project ApiKeys).Status | Should -Be 'Pass'
    }
}

Describe 'Denied calls' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'makes every check that calls AWS Unknown, never Pass, with the error code' {
        $r = New-BedrockAccountContext -AccountId $script:denied -Region us-east-1 |
            Test-BedrockDataPrivacy -AllowedRegion 'us-*' -MaximumDataRetention None -RequireEnforcedGuardrail -RequireInvocationLogging Enabled -NoEvidence -WarningVariable warns
        $r.Count | Should -Be ([Enum]::GetValues([BedrockCompliance.PrivacyCheck]).Count)
        $r | Where-Object Check -ne 'RegionAllowed' | ForEach-Object {
            $_.Status | Should -Be 'Unknown' -Because "$($_.Check) could not read anything"
            $_.ErrorCode | Should -Match '^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$' -Because "$($_.Check): $($_.Detail)"
        }
        $warns | Should -BeNullOrEmpty
    }
}

Describe 'New-BedrockModelAgreement -RequirePrivacyCheck' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'refuses an account whose last privacy check failed or is missing, with PolicyDenied evidence, and allows one that did not fail' {
        $ledger = Join-Path $TestDrive 'gate.jsonl'
        $keysCtx = New-BedrockAccountContext -AccountId $script:keys -Region us-east-1
        $mgmt = New-BedrockAccountContext -AccountId $script:management -UseCallerCredentials -Region us-east-1

        $null = $keysCtx | New-BedrockModelAgreement -ModelId meta.llama3-1-70b-instruct-v1:0 -RequirePrivacyCheck -EvidencePath $ledger -Confirm:$false -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -Match '^PrivacyCheckRequired'
        "$($missing[0])" | Should -Match 'no PrivacyChecked evidence'

        $null = $keysCtx | Test-BedrockDataPrivacy -Check ApiKeys -EvidencePath $ledger
        $null = $mgmt | Test-BedrockDataPrivacy -Check ApiKeys -EvidencePath $ledger
        $null = $keysCtx | New-BedrockModelAgreement -ModelId meta.llama3-1-70b-instruct-v1:0 -RequirePrivacyCheck -EvidencePath $ledger -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        "$($failed[0])" | Should -Match 'failed: ApiKeys=Fail'

        $ok = $mgmt | New-BedrockModelAgreement -ModelId meta.llama3-1-70b-instruct-v1:0 -RequirePrivacyCheck -EvidencePath $ledger -Confirm:$false -PassThru
        $ok.ModelId | Should -Be 'meta.llama3-1-70b-instruct-v1:0'

        $records = @(Get-Content $ledger | ConvertFrom-Json)
        @($records | Where-Object { $_.action -eq 'PolicyDenied' -and $_.accountId -eq $script:keys }).Count | Should -Be 2
        @($records | Where-Object { $_.action -eq 'AgreementAccepted' -and $_.accountId -eq $script:keys }).Count | Should -Be 0
    }
}
