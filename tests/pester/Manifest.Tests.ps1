# The module version has one source, the root BedrockCompliance.psd1: the build ships that file byte for byte, MSBuild
# stamps its ModuleVersion into every assembly (Directory.Build.props), and the evidence records carry it.
# Its RootModule 'BedrockCompliance' names no extension: BedrockCompliance.dll in the built folder, the
# BedrockCompliance.psm1 shim in the repository; the format files are under module/ in both. So the one file passes
# Test-ModuleManifest in both places.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:builtManifest = Get-TestModulePath
    $script:rootManifest = Join-Path $PSScriptRoot '../../BedrockCompliance.psd1'

    # A fresh pwsh (nothing of this session's modules loaded), in the repository root; its output and exit code.
    function Invoke-FreshPwsh([string] $Script) {
        $exe = [Environment]::ProcessPath
        [string[]] $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $full = "`$ErrorActionPreference = 'Stop'; Set-Location -LiteralPath '$(Split-Path (Resolve-Path $rootManifest))'; $Script"
        $output = & $exe @prefix -NoProfile -NonInteractive -Command $full 2>&1
        [pscustomobject]@{ Output = @($output | ForEach-Object { "$_" }); ExitCode = $LASTEXITCODE }
    }
}

Describe 'The module manifest' {
    It 'is shipped unchanged: the built copy is the root file byte for byte' {
        [IO.File]::ReadAllBytes($builtManifest) | Should -Be ([IO.File]::ReadAllBytes((Resolve-Path $rootManifest)))
    }

    It 'passes Test-ModuleManifest with no error' {
        $info = Test-ModuleManifest $builtManifest -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        $info.Name | Should -Be 'BedrockCompliance'
    }

    It 'passes Test-ModuleManifest as it is in the repository root, in a fresh pwsh, with the built module''s version' {
        $run = Invoke-FreshPwsh "(Test-ModuleManifest ./BedrockCompliance.psd1).Version.ToString()"
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Output | Should -Be @((Test-ModuleManifest $builtManifest).Version.ToString())
    }

    It 'loads the built cmdlets when imported from the repository root' {
        $run = Invoke-FreshPwsh "Import-Module ./BedrockCompliance.psd1; (Get-BedrockModelLicense -Offline -ModelId meta.llama3-1-70b-instruct-v1:0).LicenseCategory.ToString(); (Get-Command Get-BedrockModelLicense).Module.Name"
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Output | Should -Be @('OpenWeight', 'BedrockCompliance')
    }

    It 'gives its version to every assembly of the module' {
        $version = (Import-PowerShellDataFile $rootManifest).ModuleVersion
        $folder = Split-Path $builtManifest
        foreach ($name in 'BedrockCompliance.dll', 'BedrockCompliance.Models.dll', 'dependencies/BedrockCompliance.Engine.dll') {
            $file = [Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path $folder $name))
            $file.ProductVersion -replace '\+.*$' | Should -Be $version -Because $name
        }
    }

    It 'has release notes for its own version' {
        $data = Import-PowerShellDataFile $rootManifest
        $data.PrivateData.PSData.ReleaseNotes | Should -Match ([regex]::Escape($data.ModuleVersion) + ':')
    }
}

Describe 'The repository files the manifest promises' {
    BeforeAll { $script:data = Import-PowerShellDataFile $rootManifest; $script:repo = Split-Path (Resolve-Path $rootManifest) }

    It 'has a LICENSE with the Apache-2.0 text the manifest names, shipped in the module' {
        $data.PrivateData.PSData.LicenseUri | Should -Be 'https://www.apache.org/licenses/LICENSE-2.0'
        $data.Copyright | Should -Match 'Apache-2\.0'
        $text = Get-Content (Join-Path $repo 'LICENSE') -Raw
        $text | Should -Match 'Apache License\s+Version 2\.0, January 2004'
        $text | Should -Match 'END OF TERMS AND CONDITIONS'
        Join-Path (Split-Path $builtManifest) 'LICENSE' | Should -Exist
    }

    It 'has a CHANGELOG.md with a section for its own version and for what is not released yet' {
        $changelog = Get-Content (Join-Path $repo 'CHANGELOG.md') -Raw
        $changelog | Should -Match ('(?m)^## \[' + [regex]::Escape($data.ModuleVersion) + '\]')
        $changelog | Should -Match '(?m)^## \[Unreleased\]'
    }

    It 'points HelpInfoURI at the help in its own repository' {
        $data.HelpInfoURI | Should -BeLike "$($data.PrivateData.PSData.ProjectUri)/*"
    }
}
