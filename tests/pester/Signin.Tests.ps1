# Signing in the way AWS users do (issue 16): IAM Identity Center profiles with a cached `aws sso login` token,
# AWS Tools for PowerShell credentials (-Credential from another AWSSDK.Core, $StoredAWSCredentials/$StoredAWSRegion),
# literal keys, several Regions, and AWS Organizations into account contexts. AWSSDK.Core keeps the profile files and
# the SSO token cache for the life of the process, so each sign-in case runs in a fresh pwsh with its own HOME.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # Two member accounts: the organisation then has 3 OUs and one suspended account (200000000003).
    $script:emulator = Start-TestEmulator -ArgumentList '--accounts', '2'
    $nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    # Restored by the xunit project's PackageDownload: the AWSSDK.Core that AWS Tools 4 ships (another major version).
    $script:otherCore = Join-Path $nuget 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll'

    function script:Sha1([string] $text) {
        $sha = [Security.Cryptography.SHA1]::Create()
        try { -join ($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($text)) | ForEach-Object { $_.ToString('x2') }) } finally { $sha.Dispose() }
    }

    # A HOME with ~/.aws/config and the token cache 'aws sso login' would have left; returns the HOME path.
    function script:New-SsoHome([string] $AccessToken = 'emulator-sso-access-token', [datetime] $ExpiresAt = [datetime]::UtcNow.AddHours(1), [switch] $WithRefresh) {
        $home_ = Join-Path ([IO.Path]::GetTempPath()) ("signin-" + [guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path (Join-Path $home_ '.aws/sso/cache') -Force | Out-Null
        $startUrl = 'https://emulator.awsapps.com/start'
        @"
[profile sso-dev]
sso_session = corp
sso_account_id = 200000000001
sso_role_name = ReadOnly
region = us-east-1

[profile sso-legacy]
sso_start_url = $startUrl
sso_region = us-east-1
sso_account_id = 200000000002
sso_role_name = ReadOnly
region = us-east-1

[sso-session corp]
sso_start_url = $startUrl
sso_region = us-east-1
sso_registration_scopes = sso:account:access
"@ | Set-Content (Join-Path $home_ '.aws/config')
        $token = [ordered]@{ startUrl = $startUrl; region = 'us-east-1'; accessToken = $AccessToken; expiresAt = $ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") }
        if ($WithRefresh) {
            $token.refreshToken = 'emulator-sso-refresh-token'
            $token.clientId = 'emulator-client'
            $token.clientSecret = 'emulator-client-secret'
            $token.registrationExpiresAt = [datetime]::UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
        }
        $json = $token | ConvertTo-Json
        # sso_session profiles key the cache by session name, legacy ones by start URL.
        $json | Set-Content (Join-Path $home_ ".aws/sso/cache/$(Sha1 'corp').json")
        $json | Set-Content (Join-Path $home_ ".aws/sso/cache/$(Sha1 $startUrl).json")
        $home_
    }

    # Runs $Script in a fresh pwsh with HOME and the AWS variables given; returns its output lines (last line: JSON).
    function script:Invoke-Fresh([string] $Script, [string] $HomePath, [hashtable] $Environment = @{}) {
        $saved = @(Get-ChildItem Env: | Where-Object { $_.Name -like 'AWS_*' -or $_.Name -eq 'HOME' })
        try {
            $saved | Where-Object Name -like 'AWS_*' | ForEach-Object { Remove-Item "Env:$($_.Name)" }
            if ($HomePath) {
                $env:HOME = $HomePath
                $env:AWS_CONFIG_FILE = Join-Path $HomePath '.aws/config'
                $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $HomePath '.aws/credentials'
            }
            $env:AWS_EC2_METADATA_DISABLED = 'true'
            $env:AWS_ENDPOINT_URL = $script:emulator.Url
            $env:AWS_ENDPOINT_URL_SSO = $script:emulator.Url
            $env:AWS_ENDPOINT_URL_SSO_OIDC = $script:emulator.Url
            foreach ($k in $Environment.Keys) { Set-Item "Env:$k" $Environment[$k] }
            $full = "`$ErrorActionPreference = 'Stop'; Import-Module '$(Get-TestModulePath)'`n" + $Script
            $lines = @(& (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $full 2>&1 | ForEach-Object { "$_" })
            , $lines
        } finally {
            Get-ChildItem Env: | Where-Object Name -like 'AWS_*' | ForEach-Object { Remove-Item "Env:$($_.Name)" }
            $saved | ForEach-Object { Set-Item "Env:$($_.Name)" $_.Value }
        }
    }
}
AfterAll { Stop-TestEmulator $script:emulator }

Describe 'IAM Identity Center (SSO) profiles' {
    It 'lists licences with an sso_session profile and the cached token, in the SSO account' {
        $home_ = New-SsoHome
        $out = Invoke-Fresh -HomePath $home_ -Script @'
$l = Get-BedrockModelLicense -ProfileName sso-dev -ModelId 'amazon.nova-pro-v1:0' -Verbose 4>&1
$v = @($l | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join ' | '
$r = $l | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
[pscustomobject]@{ Account = $r.AccountId; Status = $r.AgreementStatus; Verbose = $v } | ConvertTo-Json -Compress
'@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $r = $out[-1] | ConvertFrom-Json
        $r.Account | Should -Be '200000000001'
        $r.Status | Should -Be 'AVAILABLE'
        $r.Verbose | Should -Match "Credentials: profile 'sso-dev'.*IAM Identity Center \(SSO\)"
    }

    It 'works with a legacy sso_start_url profile' {
        $home_ = New-SsoHome
        $out = Invoke-Fresh -HomePath $home_ -Script "(Get-BedrockModelLicense -ProfileName sso-legacy -ModelId 'amazon.nova-pro-v1:0').AccountId"
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[-1] | Should -Be '200000000002'
    }

    It 'gives SsoLoginRequired with the command to run when the cached token has expired' {
        $home_ = New-SsoHome -AccessToken 'stale-token' -ExpiresAt ([datetime]::UtcNow.AddHours(-2))
        $out = Invoke-Fresh -HomePath $home_ -Script @'
try { Get-BedrockModelLicense -ProfileName sso-dev -ModelId 'amazon.nova-pro-v1:0'; 'no error' }
catch { "$($_.FullyQualifiedErrorId)|$($_.Exception.Message)|$($_.Exception.GetType().Name)" }
'@
        $id, $message, $type = $out[-1] -split '\|'
        $id | Should -Be 'SsoLoginRequired,BedrockCompliance.Commands.GetBedrockModelLicenseCommand'
        $message | Should -Match "aws sso login --profile sso-dev"
        $message | Should -Match "'sso-dev'"
        $type | Should -Be 'AwsConfigurationException'
    }

    It 'gives SsoLoginRequired when no login was ever cached' {
        $home_ = New-SsoHome
        Get-ChildItem (Join-Path $home_ '.aws/sso/cache') | Remove-Item
        $out = Invoke-Fresh -HomePath $home_ -Script "try { Get-BedrockModelLicense -ProfileName sso-legacy; 'no error' } catch { `$_.FullyQualifiedErrorId + '|' + `$_.Exception.Message }"
        $out[-1] | Should -BeLike 'SsoLoginRequired,*aws sso login --profile sso-legacy*'
    }

    It 'refreshes an expired token with the cached refresh token (SSO OIDC CreateToken)' {
        $home_ = New-SsoHome -AccessToken 'stale-token' -ExpiresAt ([datetime]::UtcNow.AddHours(-2)) -WithRefresh
        $out = Invoke-Fresh -HomePath $home_ -Script "(Get-BedrockModelLicense -ProfileName sso-dev -ModelId 'amazon.nova-pro-v1:0').AccountId"
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[-1] | Should -Be '200000000001'
    }

    It 'shows the real cause of a broken role_arn/source_profile chain' {
        $home_ = New-SsoHome
        Add-Content (Join-Path $home_ '.aws/config') "`n[profile chained]`nrole_arn = arn:aws:iam::200000000001:role/OrganizationAccountAccessRole`nsource_profile = missing-source`nregion = us-east-1`n"
        $out = Invoke-Fresh -HomePath $home_ -Script "try { Get-BedrockModelLicense -ProfileName chained; 'no error' } catch { `$_.FullyQualifiedErrorId + '|' + `$_.Exception.Message }"
        $out[-1] | Should -BeLike 'ProfileCredentialsInvalid,*'
        $out[-1] | Should -Match 'missing-source'
    }
}

Describe 'AWS Tools for PowerShell credentials and Regions' {
    It 'takes -Credential from another AWSSDK.Core (3.7, own load context) by duck typing' {
        Test-Path $script:otherCore | Should -BeTrue
        $out = Invoke-Fresh -Environment @{ AWS_ACCESS_KEY_ID = 'AKIAWRONGWRONGWRONG1'; AWS_SECRET_ACCESS_KEY = 'wrong'; AWS_REGION = 'us-east-1' } -Script @"
`$alc = [System.Runtime.Loader.AssemblyLoadContext]::new('aws-tools', `$false)
`$core = `$alc.LoadFromAssemblyPath('$($script:otherCore)')
`$cred = [Activator]::CreateInstance(`$core.GetType('Amazon.Runtime.BasicAWSCredentials'), [object[]]@('AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'))
`$all = Get-BedrockModelLicense -Credential `$cred -ModelId 'amazon.nova-pro-v1:0' -Verbose 4>&1
`$v = @(`$all | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join ' | '
`$r = `$all | Where-Object { `$_ -isnot [System.Management.Automation.VerboseRecord] }
[pscustomobject]@{ Version = `$core.GetName().Version.ToString(); Account = `$r.AccountId; Verbose = `$v } | ConvertTo-Json -Compress
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $r = $out[-1] | ConvertFrom-Json
        $r.Version | Should -Be '3.3.0.0'
        $r.Account | Should -Be '111111111111'
        $r.Verbose | Should -Match 'Credentials: the -Credential parameter \(BasicAWSCredentials from AWSSDK.Core 3.3.0.0\)'
        $r.Verbose | Should -Not -Match 'wJalrXUtnFEMI'
    }

    It 'honours $StoredAWSCredentials (an object or a profile name) after the parameters, and names it' {
        $out = Invoke-Fresh -Environment @{ AWS_ACCESS_KEY_ID = 'AKIAWRONGWRONGWRONG1'; AWS_SECRET_ACCESS_KEY = 'wrong'; AWS_REGION = 'us-east-1' } -Script @"
`$alc = [System.Runtime.Loader.AssemblyLoadContext]::new('aws-tools', `$false)
`$core = `$alc.LoadFromAssemblyPath('$($script:otherCore)')
`$StoredAWSCredentials = [Activator]::CreateInstance(`$core.GetType('Amazon.Runtime.BasicAWSCredentials'), [object[]]@('AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'))
`$a = Get-BedrockModelLicense -ModelId 'amazon.nova-pro-v1:0' -Verbose 4>&1
`$v = @(`$a | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join ' | '
# Literal keys come first: wrong ones must now fail even though the stored credentials are good.
`$failed = try { Get-BedrockModelLicense -AccessKey AKIAWRONGWRONGWRONG2 -SecretKey nope -ModelId 'amazon.nova-pro-v1:0' -ErrorAction Stop; 'no' } catch { 'yes' }
[pscustomobject]@{ Account = (`$a | Where-Object AccountId).AccountId; Verbose = `$v; LiteralFirst = `$failed } | ConvertTo-Json -Compress
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $r = $out[-1] | ConvertFrom-Json
        $r.Account | Should -Be '111111111111'
        $r.Verbose | Should -Match 'Credentials: \$StoredAWSCredentials \(Set-AWSCredential\)'
        $r.LiteralFirst | Should -Be 'yes'
    }

    It 'signs with the net8.0 build of AWSSDK.Core on .NET 8 and later, loaded privately from dependencies/net8.0' {
        Set-TestAwsEnvironment $script:emulator
        (Get-BedrockModelLicense -ModelId 'amazon.nova-pro-v1:0').AccountId | Should -Be '111111111111'
        $base = Split-Path (Get-TestModulePath)
        $ours = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'AWSSDK.*' -and $_.Location.StartsWith($base) })
        $core = $ours | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' }
        $core.Location | Should -Be (Join-Path $base 'dependencies/net8.0/AWSSDK.Core.dll')
        $core.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false).FrameworkName | Should -Be '.NETCoreApp,Version=v8.0'
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core) | Should -Not -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        foreach ($a in $ours) { $a.Location | Should -BeLike (Join-Path $base 'dependencies/net8.0/*') -Because "$($a.GetName().Name) has a net8.0 build" }
    }

    It 'takes -AccessKey/-SecretKey over the environment and masks the key id' {
        Set-TestAwsEnvironment $script:emulator
        $env:AWS_ACCESS_KEY_ID = 'AKIAWRONGWRONGWRONG1'
        $l = Get-BedrockModelLicense -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' -ModelId 'amazon.nova-pro-v1:0' -Verbose 4>&1
        ($l | Where-Object AccountId).AccountId | Should -Be '111111111111'
        $verbose = @($l | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match 'Credentials: the -AccessKey/-SecretKey parameters \(access key AKIA…MPLE\)'
        $verbose | Should -Not -Match 'wJalrXUtnFEMI'
    }

    It 'refuses -AccessKey without -SecretKey' {
        Set-TestAwsEnvironment $script:emulator
        { Get-BedrockModelLicense -AccessKey AKIAIOSFODNN7EXAMPLE -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidCredentialParameters,*'
    }

    It 'honours $StoredAWSRegion (Set-DefaultAWSRegion) after -Region and before AWS_REGION' {
        Set-TestAwsEnvironment $script:emulator
        $env:AWS_REGION = 'us-west-2'
        $StoredAWSRegion = 'eu-central-1'
        $l = Get-BedrockModelLicense -ModelId 'amazon.nova-pro-v1:0' -Verbose 4>&1
        ($l | Where-Object ModelId).Region | Should -Be 'eu-central-1'
        (@($l | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n") | Should -Match 'Region: eu-central-1 \(from \$StoredAWSRegion'
        (Get-BedrockModelLicense -Region us-east-1 -ModelId 'amazon.nova-pro-v1:0').Region | Should -Be 'us-east-1'
        (New-BedrockAccountContext -AccountId 200000000001).Region | Should -Be 'eu-central-1'
    }

    It 'runs in several Regions of the caller''s own account with no account ID, each result naming account and Region' {
        Set-TestAwsEnvironment $script:emulator
        $l = @(Get-BedrockModelLicense -Region us-east-1, us-west-2 -ModelId 'amazon.nova-pro-v1:0')
        $l.Count | Should -Be 2
        ($l.Region | Sort-Object) | Should -Be @('us-east-1', 'us-west-2')
        $l | ForEach-Object { $_.Context.AccountId | Should -Be '111111111111'; $_.Context.Region | Should -Be $_.Region }
        $table = ($l | Format-Table | Out-String -Width 120) -split "`n"
        $table | Where-Object { $_ -match 'AccountId\s+Region\s+ModelId' } | Should -Not -BeNullOrEmpty
        $table | Where-Object { $_ -match '^111111111111\s+us-west-2\s+amazon\.nova-pro-v1:0' } | Should -Not -BeNullOrEmpty
        $table | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
    }
}

Describe 'Endpoints that would leak or mislead (issue 15 items 10 and 11)' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'refuses a blank -EndpointUrl instead of falling back to AWS' {
        { Get-BedrockModelLicense -EndpointUrl '   ' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidEndpoint,*'
        { New-BedrockAccountContext -AccountId 200000000001 -EndpointUrl '   ' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidEndpoint,*'
    }

    It 'refuses user:password@ in an endpoint without printing the password anywhere' {
        $url = $script:emulator.Url -replace '^http://', 'http://admin:S3cretPa55@'
        $err = $null
        try { Get-BedrockModelLicense -EndpointUrl $url -Verbose -ErrorAction Stop 4>&1 | Out-Null } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidEndpoint,*'
        ($err | Out-String) + $err.Exception.Message + "$($err.TargetObject)" | Should -Not -Match 'S3cretPa55'
        $err.Exception.Message | Should -Match '\*\*\*@'
        $err2 = $null
        try { New-BedrockAccountContext -AccountId 200000000001 -EndpointUrl $url -ErrorAction Stop } catch { $err2 = $_ }
        $err2.FullyQualifiedErrorId | Should -BeLike 'InvalidEndpoint,*'
        ($err2 | Out-String) + "$($err2.TargetObject)" | Should -Not -Match 'S3cretPa55'
        $env:AWS_ENDPOINT_URL = $url
        $err3 = $null
        try { Get-BedrockModelLicense -ErrorAction Stop } catch { $err3 = $_ }
        $err3.FullyQualifiedErrorId | Should -BeLike 'InvalidEndpoint,*'
        $err3.Exception.Message | Should -Not -Match 'S3cretPa55'
    }
}

Describe 'AWS Organizations into account contexts' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'lists the active accounts with names, the management account marked' {
        $a = @(Get-BedrockOrganizationAccount)
        ($a.AccountId | Sort-Object) | Should -Be @('111111111111', '200000000001', '200000000002')
        ($a | Where-Object IsManagementAccount).AccountId | Should -Be '111111111111'
        ($a | Where-Object AccountId -eq '200000000001').AccountName | Should -Be 'member-1'
        $a | ForEach-Object { $_.Status | Should -Be 'ACTIVE'; $_.OrganizationId | Should -Be 'o-emulator01' }
    }

    It 'lists an OU subtree (3 OUs) and the suspended account with -IncludeSuspended; filters by name and id' {
        $sub = @(Get-BedrockOrganizationAccount -OrganizationalUnitId ou-emu1-workload -IncludeSuspended)
        ($sub.AccountId | Sort-Object) | Should -Be @('200000000001', '200000000002', '200000000003')
        ($sub | Where-Object Status -eq 'SUSPENDED').AccountId | Should -Be '200000000003'
        ($sub | Where-Object AccountId -eq '200000000001').ParentId | Should -Be 'ou-emu1-prod0001'
        @(Get-BedrockOrganizationAccount -OrganizationalUnitId ou-emu1-dev00001).AccountId | Should -Be @('200000000002')
        @(Get-BedrockOrganizationAccount -Name 'member-*').Count | Should -Be 2
        @(Get-BedrockOrganizationAccount -Id 200000000002).AccountName | Should -Be 'member-2'
    }

    It 'reports a missing OU as the Organizations error, non-terminating' {
        $r = Get-BedrockOrganizationAccount -OrganizationalUnitId ou-zzzz-nonexist0 -ErrorVariable e -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ParentNotFoundException,*'
    }

    It 'becomes the right contexts: management account with caller credentials, suspended skipped with a warning, names carried' {
        $contexts = @(Get-BedrockOrganizationAccount -IncludeSuspended | New-BedrockAccountContext -Region us-east-1 -WarningVariable w -WarningAction SilentlyContinue)
        ($contexts.AccountId | Sort-Object) | Should -Be @('111111111111', '200000000001', '200000000002')
        ($contexts | Where-Object AccountId -eq '111111111111').RoleArn | Should -BeNullOrEmpty
        ($contexts | Where-Object AccountId -eq '200000000001').RoleArn | Should -Be 'arn:aws:iam::200000000001:role/OrganizationAccountAccessRole'
        ($contexts | Where-Object AccountId -eq '200000000002').AccountName | Should -Be 'member-2'
        $w.Count | Should -Be 1
        "$($w[0])" | Should -Match '200000000003.*SUSPENDED'

        $licences = @($contexts | Get-BedrockModelLicense -ModelId 'amazon.nova-pro-v1:0')
        ($licences.AccountId | Sort-Object) | Should -Be @('111111111111', '200000000001', '200000000002')
        ($licences | Where-Object AccountId -eq '200000000001').Context.AccountName | Should -Be 'member-1'
        $state = Get-EmulatorState $script:emulator
        # No self-assume: the management account was read with the caller's own key.
        ($state | ConvertTo-Json -Depth 8) | Should -Not -Match 'assumed-role/OrganizationAccountAccessRole/[^"]*111111111111'

        $csv = Join-Path ([IO.Path]::GetTempPath()) "signin-contexts-$([guid]::NewGuid().ToString('n')).csv"
        $contexts | Export-Csv $csv -NoTypeInformation
        (Import-Csv $csv | Where-Object AccountId -eq '200000000001').AccountName | Should -Be 'member-1'
    }

    It 'carries account names into the evidence CSV' {
        $ev = Join-Path ([IO.Path]::GetTempPath()) "signin-ev-$([guid]::NewGuid().ToString('n')).jsonl"
        $contexts = Get-BedrockOrganizationAccount | New-BedrockAccountContext -Region us-east-1
        $contexts | Test-BedrockDataPrivacy -Profile Standard -EvidencePath $ev -WarningAction SilentlyContinue | Out-Null
        $csv = "$ev.csv"
        Export-BedrockComplianceEvidence -EvidencePath $ev -Path $csv
        $rows = Import-Csv $csv
        $rows[0].PSObject.Properties.Name | Should -Contain 'AccountName'
        ($rows | Where-Object AccountId -eq '200000000001').AccountName | Sort-Object -Unique | Should -Be 'member-1'
    }
}
