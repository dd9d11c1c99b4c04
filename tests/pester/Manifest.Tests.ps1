# The module version has one source, the root BedrockCompliance.psd1: the build ships that file byte for byte, MSBuild
# stamps its ModuleVersion into every assembly (Directory.Build.props), and the evidence records carry it.
# Test-ModuleManifest needs the RootModule dll beside the manifest, which exists only in the built folder, so the
# manifest is tested there (the copy is the root file, unchanged).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:builtManifest = Get-TestModulePath
    $script:rootManifest = Join-Path $PSScriptRoot '../../BedrockCompliance.psd1'
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
