# The PowerShell Gallery package (build.ps1 -Package, also written by -Test): built from the portable layout (IL only,
# never the build precompiled for this machine), its assemblies within what Windows PowerShell 5.1 (.NET Framework
# 4.7.2) offers, and it goes the way a user gets it: publish to a PSResourceGet repository, install by name into a
# scope of its own, import by name.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:out = Split-Path (Split-Path (Get-TestModulePath))
    $script:version = (Import-PowerShellDataFile (Get-TestModulePath)).ModuleVersion
    $script:nupkg = Get-ChildItem (Join-Path $script:out 'package') -Filter "BedrockCompliance.$($script:version).nupkg" -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $script:nupkg) { throw "No package in $($script:out)/package: run 'dotnet pwsh ./build.ps1 -Package' (build.ps1 -Test writes it too)." }
    $script:content = Join-Path $TestDrive 'content'
    Expand-Archive -LiteralPath $script:nupkg.FullName -DestinationPath $script:content

    function script:Get-AssemblyFacts([string] $Path) {
        $stream = [IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $framework = $null
            foreach ($handle in $md.GetAssemblyDefinition().GetCustomAttributes()) {
                $attribute = $md.GetCustomAttribute($handle)
                $ctor = $md.GetMemberReference([System.Reflection.Metadata.MemberReferenceHandle]$attribute.Constructor)
                $type = $md.GetTypeReference([System.Reflection.Metadata.TypeReferenceHandle]$ctor.Parent)
                if ($md.GetString($type.Name) -eq 'TargetFrameworkAttribute') {
                    $blob = $md.GetBlobReader($attribute.Value); $null = $blob.ReadUInt16(); $framework = $blob.ReadSerializedString()
                }
            }
            # The folder inside the package: '' (root), 'dependencies' or 'dependencies/net8.0'.
            $folder = [IO.Path]::GetRelativePath($script:content, [IO.Path]::GetDirectoryName($Path)).Replace('\', '/')
            [pscustomobject]@{
                Name       = [IO.Path]::GetFileNameWithoutExtension($Path)
                Path       = $Path
                Folder     = if ($folder -eq '.') { '' } else { $folder }
                Version    = $md.GetAssemblyDefinition().Version
                ReadyToRun = [bool]($pe.PEHeaders.CorHeader.Flags -band [System.Reflection.PortableExecutable.CorFlags]::ILLibrary)
                Framework  = $framework
                References = @($md.AssemblyReferences | ForEach-Object { $r = $md.GetAssemblyReference($_); [pscustomobject]@{ Name = $md.GetString($r.Name); Version = $r.Version } })
            }
        } finally { $stream.Dispose() }
    }
    $script:assemblies = @(Get-ChildItem $script:content -Recurse -Filter '*.dll' | ForEach-Object { Get-AssemblyFacts $_.FullName })

    # What a build of a library defines and what the engine uses from it, as comparable text (Support/MemberSurface.cs).
    Add-Type -Path (Join-Path $PSScriptRoot 'Support/MemberSurface.cs')
}

Describe 'The Gallery package' {
    It 'holds the module as PowerShell lays it out: manifest, root assemblies, dependencies, help, formats, LICENSE' {
        foreach ($file in 'BedrockCompliance.psd1', 'BedrockCompliance.dll', 'BedrockCompliance.Models.dll', 'dependencies/BedrockCompliance.Engine.dll',
            'dependencies/AWSSDK.Core.dll', 'en-US/BedrockCompliance.dll-Help.xml', 'module/BedrockCompliance.Format.ps1xml', 'LICENSE') {
            Join-Path $script:content $file | Should -Exist -Because "the package needs $file"
        }
        [IO.File]::ReadAllBytes((Join-Path $script:content 'BedrockCompliance.psd1')) |
            Should -Be ([IO.File]::ReadAllBytes((Join-Path $PSScriptRoot '../../BedrockCompliance.psd1'))) -Because 'the manifest ships unchanged'
    }

    It 'is built from the portable layout: no assembly is precompiled for one machine' {
        $script:assemblies.Count | Should -BeGreaterThan 5
        $script:assemblies | Where-Object ReadyToRun | ForEach-Object Name | Should -BeNullOrEmpty
    }
}

Describe 'Windows PowerShell 5.1 surface of the portable build' {
    # What the Desktop edition (.NET Framework 4.7.2) loads: our assemblies target netstandard2.0 and reference only
    # netstandard 2.0, each other, the dependencies shipped beside them, and the PowerShell host. The one exception is
    # System.Runtime.Loader, which only the PowerShell 7 path of the loader touches (Loader/CoreLoader.cs).
    It '<_> targets netstandard2.0 and references nothing Core-only' -ForEach @('BedrockCompliance', 'BedrockCompliance.Models', 'BedrockCompliance.Engine') {
        $facts = $script:assemblies | Where-Object Name -eq $_
        $facts.Framework | Should -Be '.NETStandard,Version=v2.0'
        $shipped = @($script:assemblies.Name)
        $allowed = @('netstandard', 'System.Management.Automation') + $(if ($_ -eq 'BedrockCompliance') { 'System.Runtime.Loader' })
        foreach ($reference in $facts.References) {
            if ($reference.Name -eq 'netstandard') { $reference.Version | Should -Be ([version]'2.0.0.0') }
            ($reference.Name -in $shipped -or $reference.Name -in $allowed) | Should -BeTrue -Because "$_ references $($reference.Name) $($reference.Version), which neither the package nor .NET Framework 4.7.2 provides"
        }
    }

    It 'ships every dependency in a build that .NET Framework 4.7.2 can load' {
        # dependencies/net8.0 is for PowerShell 7.4 and later only (Loader/CoreLoader.cs); each has a build here too.
        foreach ($facts in $script:assemblies | Where-Object Framework | Where-Object Folder -ne 'dependencies/net8.0') {
            $ok = $facts.Framework -match '^\.NETStandard,Version=v(1\.\d|2\.0)$' -or
                ($facts.Framework -match '^\.NETFramework,Version=v(\d+(\.\d+)*)$' -and [version]$Matches[1] -le [version]'4.7.2')
            $ok | Should -BeTrue -Because "$($facts.Name) is built for $($facts.Framework)"
        }
    }
}

Describe 'The net8.0 builds of the AWS SDK (what PowerShell 7.4 and later load)' {
    BeforeAll {
        $script:net8 = @($script:assemblies | Where-Object Folder -eq 'dependencies/net8.0')
        $script:engineFacts = $script:assemblies | Where-Object { $_.Name -eq 'BedrockCompliance.Engine' }
    }

    It 'ships one for AWSSDK.Core and each AWS SDK client, beside a netstandard2.0 build of the same assembly version' {
        @($script:net8.Name) | Should -Contain 'AWSSDK.Core'
        @($script:net8.Name) | Should -Contain 'AWSSDK.SecurityToken'
        foreach ($facts in $script:net8) {
            $facts.Name | Should -BeLike 'AWSSDK.*'
            $facts.Framework | Should -Be '.NETCoreApp,Version=v8.0' -Because $facts.Name
            $sibling = $script:assemblies | Where-Object { $_.Folder -eq 'dependencies' -and $_.Name -eq $facts.Name }
            $sibling | Should -Not -BeNullOrEmpty -Because "Windows PowerShell needs the netstandard2.0 build of $($facts.Name)"
            $sibling.Framework | Should -Be '.NETStandard,Version=v2.0'
            $facts.Version | Should -Be $sibling.Version -Because "the engine binds to $($facts.Name) $($sibling.Version) in either build"
        }
    }

    It 'defines every type and member the engine uses from them, with the same signature' {
        # The engine is compiled against the netstandard2.0 builds; on .NET 8+ it runs against these. A member one build
        # lacks would fail at run time with MissingMethodException, as CsvHelper's net8.0 build would.
        $defined = @{}
        foreach ($facts in $script:net8) { $defined[$facts.Name] = [MemberSurface]::Defined($facts.Path) }
        $used = [MemberSurface]::Used($script:engineFacts.Path, [string[]]@($script:net8.Name))
        $used.Count | Should -BeGreaterThan 50 -Because 'the engine signs, resolves credentials and calls STS through the AWS SDK'
        $missing = @($used | Where-Object { -not $defined[$_.Key].Contains($_.Value) } | ForEach-Object { "$($_.Key): $($_.Value)" })
        $missing | Should -BeNullOrEmpty
    }
}

Describe 'Publish, install by name, import by name' {
    It 'goes through a local PSResourceGet repository into a scope of its own' {
        # A child pwsh whose user folders are under TestDrive: the repository registration and the CurrentUser scope
        # land there, never in the real profile.
        $home2 = Join-Path $TestDrive 'home'; $repo = Join-Path $TestDrive 'repo'; $saveTo = Join-Path $TestDrive 'modules'
        New-Item -ItemType Directory -Force -Path $home2, $repo, $saveTo | Out-Null
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name BedrockLocal -Uri '$repo' -Trusted
Publish-PSResource -NupkgPath '$($script:nupkg.FullName)' -Repository BedrockLocal
if (`$IsWindows) {
    Save-PSResource -Name BedrockCompliance -Repository BedrockLocal -Path '$saveTo' -TrustRepository
    `$env:PSModulePath = '$saveTo' + [IO.Path]::PathSeparator + `$env:PSModulePath
} else {
    Install-PSResource -Name BedrockCompliance -Repository BedrockLocal -Scope CurrentUser -TrustRepository
}
Import-Module BedrockCompliance
'base=' + (Get-Module BedrockCompliance).ModuleBase
'version=' + (Get-Module BedrockCompliance).Version
'licence=' + (Get-BedrockModelLicense -Offline -ModelId meta.llama3-1-70b-instruct-v1:0).LicenseName
"@
        $exe = [Environment]::ProcessPath
        Push-Location $TestDrive
        [string[]] $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; XDG_CACHE_HOME = $env:XDG_CACHE_HOME; LOCALAPPDATA = $env:LOCALAPPDATA; PSModulePath = $env:PSModulePath }
        try {
            $env:HOME = $home2; $env:XDG_DATA_HOME = Join-Path $home2 '.local/share'; $env:XDG_CONFIG_HOME = Join-Path $home2 '.config'
            $env:XDG_CACHE_HOME = Join-Path $home2 '.cache'; $env:LOCALAPPDATA = Join-Path $home2 'AppData'
            $env:PSModulePath = $null
            # .NET gives an empty application-data folder (and PSResourceGet a store in the working folder) unless it exists.
            New-Item -ItemType Directory -Force -Path $env:XDG_DATA_HOME, $env:XDG_CONFIG_HOME, $env:XDG_CACHE_HOME, $env:LOCALAPPDATA | Out-Null
            $output = & $exe @prefix -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" }
        } finally {
            foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
            Pop-Location
        }
        $text = $output -join "`n"
        $text | Should -Match "version=$([regex]::Escape($script:version))"
        $text | Should -Match 'licence=Llama 3\.1'
        $base = ($output | Where-Object { $_ -like 'base=*' }) -replace '^base='
        $base | Should -Not -BeNullOrEmpty -Because $text
        $base | Should -BeLike "$TestDrive*" -Because 'the module was installed into the test''s own scope'
        Get-ChildItem $repo -Filter '*.nupkg' | Should -HaveCount 1
        Get-ChildItem $home2 -Recurse -Force -Filter 'PSResourceRepository.xml' | Should -HaveCount 1 -Because 'the repository is registered in the test''s own profile'
    }
}
