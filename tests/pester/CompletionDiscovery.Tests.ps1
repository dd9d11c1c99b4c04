# Discovery for a new user (issue 19): Tab completes inference-profile IDs (us./eu./global. …), -AllowedRegion
# (Regions and geography wildcards) and profiles that only set a Region, 'default' included; Get-Help -Online goes
# to the cmdlet's Markdown help in the repository, and HelpInfoURI points at the same folder.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:module = Import-Module (Get-TestModulePath) -Force -PassThru
    $script:repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    function script:Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    # AWSSDK.Core reads the config file path once per process, so profile completion runs in a fresh pwsh.
    function script:Invoke-FreshPwsh([string] $Script) {
        $exe = [Environment]::ProcessPath
        [string[]] $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        & $exe @prefix -NoProfile -NonInteractive -Command "`$ErrorActionPreference = 'Stop'; Import-Module '$(Get-TestModulePath)'; $Script"
    }
}

Describe 'Inference-profile ID completion' {
    It 'offers the geographic prefixes' {
        (Complete 'Get-BedrockModelLicense -Offline -ModelId glo').CompletionText | Should -Contain 'global.'
        $us = (Complete 'Test-BedrockModelAccess -ModelId us').CompletionText
        $us | Should -Contain 'us.'
        $us | Should -Contain 'us-gov.'
        (Complete 'New-BedrockModelAgreement -ModelId ap').CompletionText | Should -Contain 'apac.'
    }

    It 'offers model IDs as profile IDs after a prefix, with the licence in the tooltip' {
        $m = Complete 'Test-BedrockModelAccess -ModelId us.anthropic.claude-3-'
        $m.CompletionText | Should -Contain 'us.anthropic.claude-3-5'
        $m.CompletionText | ForEach-Object { $_ | Should -BeLike 'us.*' }
        ($m | Where-Object CompletionText -eq 'us.anthropic.claude-3-5').ToolTip | Should -Match 'Anthropic'
        (Complete 'Get-BedrockModelLicense -Offline -ModelId eu.meta.llama3-1').CompletionText | Should -Contain 'eu.meta.llama3-1'
        (Complete 'Get-BedrockModelLicense -Offline -ModelId global.anthropic.').CompletionText | Should -Contain 'global.anthropic.claude-3-5'
    }

    It 'keeps plain model IDs first when no prefix is typed' {
        $m = @((Complete 'Get-BedrockModelLicense -Offline -ModelId anthropic.claude-3-5').CompletionText)
        $m[0] | Should -BeLike 'anthropic.*'
        $m | Should -Not -Contain 'us.'
    }
}

Describe '-AllowedRegion completion' {
    It 'offers the Regions and one wildcard per geography' {
        $m = (Complete 'Test-BedrockDataPrivacy -AllowedRegion eu-').CompletionText
        $m | Should -Contain 'eu-west-1'
        $m | Should -Contain 'eu-*'
        (Complete 'Test-BedrockDataPrivacy -AllowedRegion us-east-1, eu-cen').CompletionText | Should -Contain 'eu-central-1'
        (Complete 'Test-BedrockDataPrivacy -AllowedRegion ').CompletionText | Should -Contain 'us-*'
    }
}

Describe 'Completion of profiles that only set a Region' {
    It 'offers default and region-only profiles of the config file, not sso-session or services sections' {
        $config = Join-Path $TestDrive 'config'
        Set-Content $config "[default]`nregion = us-east-1`n[profile region-only]`nregion = eu-west-1`n[profile keys]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`n[sso-session corp]`nsso_start_url = https://corp.awsapps.com/start`nsso_region = eu-west-1`n[services dev]`nbedrock =`n  endpoint_url = http://127.0.0.1:1`n"
        $saved = @{ Config = $env:AWS_CONFIG_FILE; Credentials = $env:AWS_SHARED_CREDENTIALS_FILE }
        try {
            $env:AWS_CONFIG_FILE = $config
            $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $TestDrive 'no-credentials'
            $names = @(Invoke-FreshPwsh "(TabExpansion2 'Get-BedrockModelLicense -ProfileName ' 37).CompletionMatches.CompletionText")
        } finally { $env:AWS_CONFIG_FILE = $saved.Config; $env:AWS_SHARED_CREDENTIALS_FILE = $saved.Credentials }
        $names | Should -Contain 'default'
        $names | Should -Contain 'region-only'
        $names | Should -Contain 'keys'
        $names | Should -Not -Contain 'corp'
        $names | Should -Not -Contain 'dev'
        ($names | Where-Object { $_ -match ' ' }) | Should -BeNullOrEmpty
    }
}

Describe 'Online help' {
    BeforeDiscovery {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $cmdletCases = @((Import-Module (Get-TestModulePath) -Force -PassThru).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
    }
    BeforeAll {
        $script:projectUri = (Import-PowerShellDataFile (Join-Path $script:repoRoot 'BedrockCompliance.psd1')).PrivateData.PSData.ProjectUri
    }

    It 'Get-Help <Name> -Online opens its Markdown help in the repository' -ForEach $cmdletCases {
        # Get-Help -Online takes the first related link that has a URI.
        $first = @((Get-Help $Name -Full).relatedLinks.navigationLink | Where-Object { $_.uri }) | Select-Object -First 1
        $first.uri | Should -Be "$projectUri/blob/main/docs/help/$Name.md"
        Join-Path $script:repoRoot "docs/help/$Name.md" | Should -Exist
    }

    It 'HelpInfoURI points at the Markdown help folder of the repository' {
        $script:module.HelpInfoUri | Should -Be "$projectUri/tree/main/docs/help"
        Join-Path $script:repoRoot 'docs/help' | Should -Exist
    }
}
