BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $script:seeded = (Get-Content (Join-Path $PSScriptRoot '../../src/BedrockCompliance.Engine/Data/foundation-models.json') -Raw | ConvertFrom-Json).modelSummaries |
        Where-Object { $_.regions -contains 'us-east-1' -or $_.regions.Count -eq 0 }  # what the emulator lists in us-east-1
}
AfterAll { Stop-TestEmulator $script:emulator }

Describe 'Get-BedrockModelLicense against the emulator' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'returns one object per seeded model with live access fields (endpoint from AWS_ENDPOINT_URL)' {
        $all = Get-BedrockModelLicense -Region us-east-1
        $all.Count | Should -Be $script:seeded.Count
        ($all.ModelId | Sort-Object) | Should -Be ($script:seeded.modelId | Sort-Object)
        $all | ForEach-Object {
            $_.AccountId | Should -Be '111111111111'
            $_.Region | Should -Be 'us-east-1'
            $_.ModelArn | Should -BeLike 'arn:aws:bedrock:us-east-1::foundation-model/*'
            $_.AgreementStatus | Should -BeIn @('AVAILABLE', 'PENDING', 'NOT_AVAILABLE', 'ERROR')
            $_.AuthorizationStatus | Should -Not -BeNullOrEmpty
            $_.EntitlementAvailability | Should -Not -BeNullOrEmpty
            $_.RegionAvailability | Should -Not -BeNullOrEmpty
            $_.MatchLevel | Should -Be 'Family'  # every listed model is known by its family, none only by provider
            if ($_.ModelId -ne 'moonshotai.kimi-k3') { $_.LicenseCategory | Should -Not -Be 'Unknown' }  # K3: no licence found (reference)
        }
        ($all | Where-Object ModelId -like 'amazon.*').AgreementStatus | Sort-Object -Unique | Should -Be 'AVAILABLE'
    }

    It 'works with -EndpointUrl and no endpoint variables' {
        Remove-Item Env:AWS_ENDPOINT_URL
        $l = Get-BedrockModelLicense -Region us-east-1 -EndpointUrl $script:emulator.Url -ModelId 'us.meta.llama3-1-70b-instruct-v1:0'
        $l.ModelId | Should -Be 'meta.llama3-1-70b-instruct-v1:0'
        $l.LicenseName | Should -Match 'Llama 3\.1'
    }

    It 'filters by provider and category' {
        $anthropic = Get-BedrockModelLicense -Provider Anthropic
        $anthropic.Count | Should -Be ($script:seeded | Where-Object providerName -eq 'Anthropic').Count
        $open = Get-BedrockModelLicense -Category OpenWeight
        $open.LicenseCategory | Sort-Object -Unique | Should -Be 'OpenWeight'
    }

    It 'says in -Verbose where region, credentials and endpoint came from, and never the secret' {
        $verbose = Get-BedrockModelLicense -ModelId 'amazon.nova-pro-v1:0' -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $verbose | Should -Contain 'Region: us-east-1 (from AWS_REGION)'
        ($verbose -join "`n") | Should -Match 'Credentials: environment variables \(AWS_ACCESS_KEY_ID AKIA…MPLE\)'
        ($verbose -join "`n") | Should -Match ([regex]::Escape("Bedrock endpoint: $($script:emulator.Url) (from AWS_ENDPOINT_URL)"))
        ($verbose -join "`n") | Should -Not -Match 'wJalrXUtnFEMI'
    }

    It 'reports a model that is not offered as a non-terminating error and returns the rest' {
        $out = Get-BedrockModelLicense -ModelId 'acme.not-offered-v1:0', 'amazon.nova-pro-v1:0' -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.ModelId | Should -Be 'amazon.nova-pro-v1:0'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Match '^ModelNotListed'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'acme.not-offered-v1:0'
    }

    It 'maps a rejected signature to PermissionDenied with the request id' {
        $env:AWS_SECRET_ACCESS_KEY = 'not-the-secret'
        Get-BedrockModelLicense -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Match '^(InvalidSignatureException|SignatureDoesNotMatch)'
        $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $errs[0].Exception.Message | Should -Match 'request id'
    }

    It 'authenticates with a Bedrock bearer token' {
        Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY
        $env:AWS_BEARER_TOKEN_BEDROCK = 'bedrock-api-key-EXAMPLE'
        $l = Get-BedrockModelLicense -ModelId 'amazon.nova-pro-v1:0'
        $l.AgreementStatus | Should -Be 'AVAILABLE'
        $l.AccountId | Should -BeNullOrEmpty   # no SigV4 credentials, so no STS lookup
    }

    It 'refuses plain http to a non-loopback host' {
        { Get-BedrockModelLicense -EndpointUrl 'http://bedrock.example.com' -ErrorAction Stop } | Should -Throw -ErrorId 'InsecureEndpoint,BedrockCompliance.Commands.GetBedrockModelLicenseCommand'
    }

    It 'explains a missing region' {
        Remove-Item Env:AWS_REGION
        { Get-BedrockModelLicense -ErrorAction Stop } | Should -Throw -ErrorId 'NoRegion,BedrockCompliance.Commands.GetBedrockModelLicenseCommand' -ExpectedMessage '*-Region*'
    }

    It 'refuses an unknown region by name' {
        { Get-BedrockModelLicense -Region 'us-east-9' -ErrorAction Stop } | Should -Throw -ErrorId 'UnknownRegion,BedrockCompliance.Commands.GetBedrockModelLicenseCommand' -ExpectedMessage "*'us-east-9'*"
    }
}

Describe 'Dependency isolation' {
    It 'imports and works in a session that already loaded another AWSSDK.Core (3.7)' {
        $nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
        $otherCore = Join-Path $nuget 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll'
        Test-Path $otherCore | Should -BeTrue
        $script = @"
`$ErrorActionPreference = 'Stop'
`$env:AWS_EC2_METADATA_DISABLED = 'true'
Add-Type -Path '$otherCore'
`$loaded = [Amazon.Runtime.AWSCredentials].Assembly.GetName().Version.ToString()
Import-Module '$(Get-TestModulePath)'
`$l = Get-BedrockModelLicense -Region us-east-1 -EndpointUrl '$($script:emulator.Url)' -ModelId 'amazon.nova-pro-v1:0'
`$ours = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object { `$_.GetName().Version.ToString() }
"`$loaded|`$(`$l.AgreementStatus)|`$(`$l.AccountId)|`$((`$ours | Sort-Object) -join ',')"
"@
        $env:AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
        $env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
        $result = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($result -join "`n")
        $loaded, $status, $account, $versions = ($result | Select-Object -Last 1) -split '\|'
        $loaded | Should -Be '3.3.0.0'
        $status | Should -Be 'AVAILABLE'
        $account | Should -Be '111111111111'
        $versions | Should -Be '3.3.0.0,4.0.0.0'   # both copies live side by side
    }
}
