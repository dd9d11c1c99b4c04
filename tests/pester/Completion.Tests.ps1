# Tab completion through TabExpansion2, as the console does it: -ModelId (catalog + last live listing), -Region,
# -Provider, -Category and -ProfileName (AWS config/credentials files). Completers must be fast and never throw.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force

    function Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    # AWSSDK.Core keeps the config/credentials file paths for the life of the process, so profile completion with
    # particular files is tested in a fresh pwsh (the environment variables are inherited).
    function Invoke-FreshPwsh([string] $Script) {
        $exe = [Environment]::ProcessPath
        [string[]] $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $full = "`$ErrorActionPreference = 'Stop'; Import-Module '$(Get-TestModulePath)'; $Script"
        & $exe @prefix -NoProfile -NonInteractive -Command $full
    }
}

Describe '-ModelId completion' {
    It 'offers the catalog''s model-ID prefixes, with the licence in the tooltip' {
        $m = Complete 'Get-BedrockModelLicense -Offline -ModelId meta.llama3-1'
        $m.CompletionText | Should -Contain 'meta.llama3-1'
        ($m | Where-Object CompletionText -eq 'meta.llama3-1').ToolTip | Should -Match 'Llama 3\.1'
    }

    It 'works on every cmdlet that takes -ModelId' {
        foreach ($line in 'New-BedrockModelAgreement -ModelId anthropic.claude-3-', 'Test-BedrockModelAccess -ModelId anthropic.claude-3-',
            'Remove-BedrockModelAgreement -ModelId anthropic.claude-3-', 'Get-BedrockModelAgreementOffer -ModelId anthropic.claude-3-',
            'Test-BedrockModelLicense -Policy x.json -ModelId anthropic.claude-3-', 'Export-BedrockModelAccessPolicy -Policy x.json -Type Scp -ModelId anthropic.claude-3-',
            'Get-BedrockComplianceEvidence -ModelId anthropic.claude-3-') {
            (Complete $line).CompletionText | Should -Contain 'anthropic.claude-3-5' -Because $line
        }
    }

    It 'falls back to a substring match' {
        (Complete 'Get-BedrockModelLicense -Offline -ModelId gpt-oss').CompletionText | Should -Contain 'openai.gpt-oss'
    }

    It 'still completes the built-in catalog when BEDROCK_COMPLIANCE_CATALOG names a broken file' {
        $bad = Join-Path $TestDrive 'broken-catalog.json'
        Set-Content $bad '{ not json'
        $saved = $env:BEDROCK_COMPLIANCE_CATALOG
        try {
            $env:BEDROCK_COMPLIANCE_CATALOG = $bad
            { Complete 'Get-BedrockModelLicense -ModelId meta.' } | Should -Not -Throw
            (Complete 'Get-BedrockModelLicense -ModelId meta.').CompletionText | Should -Contain 'meta.llama3-1'
        } finally { $env:BEDROCK_COMPLIANCE_CATALOG = $saved }
    }

    Context 'after a live listing' {
        BeforeAll {
            $emulator = Start-TestEmulator
            $savedEnv = @{}
            foreach ($n in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_REGION', 'AWS_ENDPOINT_URL', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE') {
                $savedEnv[$n] = [Environment]::GetEnvironmentVariable($n)
            }
            Set-TestAwsEnvironment $emulator
        }
        AfterAll {
            Stop-TestEmulator $emulator
            foreach ($n in $savedEnv.Keys) { [Environment]::SetEnvironmentVariable($n, $savedEnv[$n]) }
        }

        It 'offers the real model IDs the listing returned, first' {
            # A full versioned ID is not a catalog prefix: it can only come from the live listing.
            $null = Get-BedrockModelLicense -Provider Anthropic
            $m = Complete 'Test-BedrockModelAccess -ModelId anthropic.claude-haiku-4-5'
            $m[0].CompletionText | Should -Be 'anthropic.claude-haiku-4-5-20251001-v1:0'
            $m[0].ToolTip | Should -Match 'Claude Haiku 4.*live listing'
            $all = @((Complete 'Test-BedrockModelAccess -ModelId anthropic.claude-haiku-4').CompletionText)
            $all.IndexOf('anthropic.claude-haiku-4-5-20251001-v1:0') | Should -BeLessThan $all.IndexOf('anthropic.claude-haiku-4') -Because 'live IDs come before catalog prefixes'
            $all.IndexOf('anthropic.claude-haiku-4') | Should -BeGreaterOrEqual 0
        }
    }
}

Describe '-Region completion' {
    It 'offers the AWS Regions on <Line>' -ForEach @(
        @{ Line = 'Get-BedrockModelLicense -Region eu-cen'; Expected = 'eu-central-1' }
        @{ Line = 'New-BedrockAccountContext -AccountId 111111111111 -Region us-we'; Expected = 'us-west-2' }
        @{ Line = 'Export-BedrockModelAccessPolicy -Policy x.json -Type Scp -Region ap-south'; Expected = 'ap-southeast-2' }
        @{ Line = 'Test-BedrockModelAccess -ModelId x -Region us-east'; Expected = 'us-east-1' }
    ) {
        $m = Complete $Line
        $m.CompletionText | Should -Contain $Expected
        $m.CompletionText | ForEach-Object { $_ | Should -Match '^[a-z]{2}(-[a-z]+)+-\d+$' }
    }

    It 'offers every Region for an empty word' {
        (Complete 'Get-BedrockModelLicense -Region ').Count | Should -BeGreaterThan 25
    }
}

Describe '-Provider completion' {
    It 'offers the catalog''s providers, quoting names with spaces' {
        (Complete 'Get-BedrockModelLicense -Offline -Provider Me').CompletionText | Should -Contain 'Meta'
        (Complete 'Get-BedrockModelLicense -Offline -Provider Mis').CompletionText | Should -Contain "'Mistral AI'"
        (Complete 'Get-BedrockModelLicense -Offline -Provider Anth').CompletionText | Should -Contain 'Anthropic'
    }

    It 'keeps the quote the user opened' {
        (Complete "Get-BedrockModelLicense -Offline -Provider 'Mis").CompletionText | Should -Contain "'Mistral AI'"
    }
}

Describe '-Category completion' {
    It 'offers the licence categories' {
        (Complete 'Get-BedrockModelLicense -Offline -Category Open').CompletionText | Should -Be @('OpenWeight')
        (Complete 'Get-BedrockModelLicense -Offline -Category ').CompletionText | Should -Contain 'ProprietaryCommercial'
    }
}

Describe '-ProfileName completion' {
    BeforeAll {
        $saved = @{ Config = $env:AWS_CONFIG_FILE; Credentials = $env:AWS_SHARED_CREDENTIALS_FILE }
        $config = Join-Path $TestDrive 'config'
        $credentials = Join-Path $TestDrive 'credentials'
        Set-Content $config "[default]`nregion = us-east-1`n[profile audit-sso]`nsso_session = corp`nsso_account_id = 111111111111`nsso_role_name = Audit`nregion = eu-west-1`n[profile audit-role]`nrole_arn = arn:aws:iam::222222222222:role/Audit`nsource_profile = default`n[sso-session corp]`nsso_start_url = https://corp.awsapps.com/start`nsso_region = eu-west-1`n"
        Set-Content $credentials "[default]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`n[deploy-keys]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`n"
    }
    AfterAll { $env:AWS_CONFIG_FILE = $saved.Config; $env:AWS_SHARED_CREDENTIALS_FILE = $saved.Credentials }

    It 'offers the profiles of the files named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE' {
        $env:AWS_CONFIG_FILE = $config; $env:AWS_SHARED_CREDENTIALS_FILE = $credentials
        $names = Invoke-FreshPwsh "(TabExpansion2 'Get-BedrockModelLicense -ProfileName ' 37).CompletionMatches.CompletionText; (TabExpansion2 'New-BedrockAccountContext -ProfileName aud' 42).CompletionMatches.CompletionText -join ','"
        $names | Should -Contain 'default'
        $names | Should -Contain 'audit-sso'
        $names | Should -Contain 'audit-role'
        $names | Should -Contain 'deploy-keys'
        $names | Should -Not -Contain 'corp' -Because 'an sso-session section is not a profile'
        $names[-1] | Should -Be 'audit-role,audit-sso'
    }

    It 'offers nothing, and does not throw, when the files are missing or unreadable' {
        $env:AWS_CONFIG_FILE = Join-Path $TestDrive 'no-such-config'
        $env:AWS_SHARED_CREDENTIALS_FILE = $TestDrive # a directory, not a file
        $out = Invoke-FreshPwsh "`$m = (TabExpansion2 'Get-BedrockModelLicense -ProfileName ' 37).CompletionMatches; 'count=' + `$m.Count; if (`$Error.Count) { 'errors=' + `$Error.Count }" 2>&1
        $out | Should -Be 'count=0'
    }
}

Describe 'Completion speed' {
    It 'answers within a few hundred milliseconds once warm' {
        foreach ($line in 'Get-BedrockModelLicense -ModelId anthropic.', 'Get-BedrockModelLicense -Region eu-', 'Get-BedrockModelLicense -Provider M', 'Get-BedrockModelLicense -ProfileName ') {
            $null = Complete $line # warm: first use loads the engine
            $elapsed = Measure-Command { 1..5 | ForEach-Object { $null = Complete $line } }
            ($elapsed.TotalMilliseconds / 5) | Should -BeLessThan 300 -Because "completing '$line' must feel instant"
        }
    }
}
