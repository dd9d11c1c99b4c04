#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds the BedrockCompliance module and runs the demo (default) or every test (-Test).
.DESCRIPTION
    Restores, builds and lays out the module in out/BedrockCompliance (one self-contained folder that can be
    copied into $env:PSModulePath; precompiled for this machine unless -Portable), and the emulator in
    out/emulator. Without switches it then runs the main job, the demo on the bundled emulator. -Test runs
    xunit, then Pester in a fresh pwsh that imports the built module, and prints 'N passed, N failed,
    N skipped' as the last line. -Package lays out the portable module in out/portable and writes the
    PowerShell Gallery package (out/package/BedrockCompliance.<version>.nupkg) from it.
#>
[CmdletBinding()]
param(
    [switch] $Test,
    [switch] $NoBuild,
    [string] $Configuration = 'Release',
    # IL only: for a module copied to another OS or architecture, or to Windows PowerShell 5.1. Without it the
    # assemblies are also precompiled (ReadyToRun) for this machine's OS, architecture and .NET runtime.
    [switch] $Portable,
    # Pester files or folders to run (default: all of tests/pester).
    [string[]] $PesterPath,
    # Also write the .nupkg a PowerShell Gallery publish uploads, always from a portable (IL-only) layout: the
    # default layout is precompiled for this machine and must never be what gets published. -Test implies it.
    [switch] $Package
)

$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $true
$PSStyle.OutputRendering = 'PlainText'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'BedrockCompliance'
$emulatorOut = Join-Path $out 'emulator'
$portableOut = Join-Path $out 'portable/BedrockCompliance'
$packageOut = Join-Path $out 'package'

# Runs dotnet with its output straight to the console; while it is quiet, a line every 20 s says it is still at it
# (a first restore or a test run can be silent for minutes), and the step's time is printed at the end.
function Invoke-Dotnet([string] $Step, [string[]] $Arguments, [switch] $AllowFailure) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $info = [Diagnostics.ProcessStartInfo]::new((Get-Command dotnet -CommandType Application | Select-Object -First 1).Source)
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    try {
        while (-not $process.WaitForExit(20000)) { Write-Host "   ... $Step still running ($([int]$clock.Elapsed.TotalSeconds) s)" }
        $process.WaitForExit()
        Write-Host ("   {0}: {1:0} s" -f $Step, $clock.Elapsed.TotalSeconds)
        if ($process.ExitCode -ne 0 -and -not $AllowFailure) { throw "$Step failed (dotnet exit code $($process.ExitCode))." }
    } finally { $process.Dispose() }
}

function Invoke-Build {
    Write-Host '== restore (NuGet packages; the first run downloads them)'
    Invoke-Dotnet 'restore' @('restore', (Join-Path $root 'BedrockCompliance.sln'), '--nologo', '-v', 'q')
    Write-Host "== build (${Configuration}: module, engine, emulator, tests)"
    Invoke-Dotnet 'build' @('build', (Join-Path $root 'BedrockCompliance.sln'), '-c', $Configuration, '--no-restore', '--nologo', '-v', 'q', '-clp:ErrorsOnly')
    Invoke-Layout -Destination $moduleOut -Precompile:(-not $Portable)

    Write-Host '== layout emulator'
    Remove-Item $emulatorOut -Recurse -Force -ErrorAction SilentlyContinue
    dotnet publish (Join-Path $root 'src/BedrockCompliance.Emulator/BedrockCompliance.Emulator.csproj') -c $Configuration --no-build --nologo -v q -o $emulatorOut
    Write-Host "Module: $moduleOut"
}

# The module folder: root (what PowerShell loads), dependencies/, module/ (format files), help; precompiled or IL only.
function Invoke-Layout([string] $Destination, [switch] $Precompile) {
    Write-Host "== layout module ($(if ($Precompile) { 'precompiled for this machine' } else { 'portable, IL only' })): $Destination"
    $moduleOut = $Destination
    $staging = Join-Path $out 'staging'
    Remove-Item $staging, $moduleOut -Recurse -Force -ErrorAction SilentlyContinue
    dotnet publish (Join-Path $root 'src/BedrockCompliance/BedrockCompliance.csproj') -c $Configuration --no-build --nologo -v q -o $staging
    $deps = Join-Path $moduleOut 'dependencies'
    New-Item -ItemType Directory -Force -Path $deps | Out-Null
    # Root: what PowerShell loads in the default context. Everything else goes to dependencies/.
    $rootFiles = @('BedrockCompliance.dll', 'BedrockCompliance.pdb', 'BedrockCompliance.Models.dll', 'BedrockCompliance.Models.pdb',
        'BedrockCompliance.psd1')
    foreach ($item in Get-ChildItem $staging -File) {
        if ($item.Name -in @('System.Management.Automation.dll', 'BedrockCompliance.deps.json')) { continue }
        $target = if ($item.Name -in $rootFiles) { $moduleOut } else { $deps }
        Copy-Item $item.FullName $target
    }
    foreach ($dir in Get-ChildItem $staging -Directory) { Copy-Item $dir.FullName $moduleOut -Recurse }
    Remove-Item $staging -Recurse -Force
    Copy-Net8Builds -Dependencies $deps
    Copy-Item (Join-Path $root 'LICENSE') $moduleOut
    if ($Precompile) { Invoke-ReadyToRun -ModuleDirectory $moduleOut }

    Write-Host '== help (MAML from docs/help, in a fresh pwsh that imports the built module)'
    # A fresh pwsh imports the built module for its metadata, so this process never loads the dll.
    dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/Build-Help.ps1') -SourcePath (Join-Path $root 'docs/help') `
        -ModulePath (Join-Path $moduleOut 'BedrockCompliance.psd1')
}

# dependencies/net8.0: the net8.0 builds of the AWS SDK assemblies, beside their netstandard2.0 builds. PowerShell 7.4
# and later (.NET 8+) load these (Loader/CoreLoader.cs); Windows PowerShell and older .NET keep the netstandard2.0
# builds. Same libraries, public API and assembly versions (Packaging.Tests.ps1 checks every member the engine uses),
# built for the runtime: AWSSDK.Core's net8.0 signer hashes with the one-shot HMACSHA256.HashData, where the
# netstandard2.0 build creates and disposes an HMAC object (an OpenSSL context on Linux) for each of the five HMACs of
# every request (issue 18). Only the AWS SDK: other packages' builds differ in API (CsvHelper's net8.0 build lacks
# CsvWriterOptions.WriteByteOrderMark, which the engine sets).
function Copy-Net8Builds([string] $Dependencies) {
    $assets = Get-Content (Join-Path $root 'src/BedrockCompliance/obj/project.assets.json') -Raw | ConvertFrom-Json
    $packages = @($assets.packageFolders.PSObject.Properties.Name)[0]
    $net8 = Join-Path $Dependencies 'net8.0'
    foreach ($library in $assets.libraries.PSObject.Properties) {
        if ($library.Value.type -ne 'package') { continue }
        foreach ($file in @($library.Value.files) -like 'lib/netstandard2.0/AWSSDK.*.dll') {
            $name = [IO.Path]::GetFileName($file)
            $build = Join-Path $packages "$($library.Value.path)/lib/net8.0/$name"
            if (-not (Test-Path (Join-Path $Dependencies $name)) -or -not (Test-Path $build)) { continue }
            New-Item -ItemType Directory -Force -Path $net8 | Out-Null
            Copy-Item $build $net8
        }
    }
}

# The PowerShell Gallery package of the portable layout (what Publish-PSResource would upload), in out/package.
function Invoke-Package {
    Invoke-Layout -Destination $portableOut
    Write-Host '== package (Compress-PSResource: the .nupkg a Gallery publish uploads)'
    Remove-Item $packageOut -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force -Path $packageOut | Out-Null
    Compress-PSResource -Path $portableOut -DestinationPath $packageOut
    $nupkg = Get-ChildItem $packageOut -Filter '*.nupkg' | Select-Object -First 1
    if (-not $nupkg) { throw "Compress-PSResource wrote no .nupkg to $packageOut." }
    Write-Host "Package: $($nupkg.FullName) ($([math]::Round($nupkg.Length / 1MB, 1)) MiB)"
}

function Invoke-ReadyToRun([string] $ModuleDirectory) {
    # Precompiles the assemblies the module loads itself (ours, AWSSDK, CsvHelper …) for this pwsh's OS, architecture
    # and runtime, so first calls do not wait for the JIT (bench/coldstart: the first live call takes about 40% less).
    # What the runtime and PowerShell provide wins at load time (Loader/CoreLoader.cs), so that is only referenced.
    Write-Host '== ReadyToRun (crossgen2 precompiles each assembly for this OS, architecture and runtime; about a minute)'
    $hostNames = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    foreach ($path in ([AppContext]::GetData('TRUSTED_PLATFORM_ASSEMBLIES') -split [IO.Path]::PathSeparator)) {
        [void]$hostNames.Add([IO.Path]::GetFileNameWithoutExtension($path))
    }
    $ownDependencies = @(Get-ChildItem (Join-Path $ModuleDirectory 'dependencies') -Filter *.dll | Where-Object { -not $hostNames.Contains($_.BaseName) })
    $inputs = @(Get-ChildItem $ModuleDirectory -Filter *.dll) + $ownDependencies
    & (Join-Path $root 'tools/ReadyToRun/Invoke-ReadyToRun.ps1') -Path $inputs.FullName -ReferenceDirectory $PSHOME, $ModuleDirectory `
        -Reference $ownDependencies.FullName -SkipIfUnavailable
    # The net8.0 builds are what this runtime loads: compiled against each other and the netstandard2.0 rest.
    $net8 = @(Get-ChildItem (Join-Path $ModuleDirectory 'dependencies/net8.0') -Filter *.dll -ErrorAction SilentlyContinue)
    if ($net8.Count -gt 0) {
        $net8Names = @($net8.BaseName)
        $rest = @($ownDependencies | Where-Object { $_.BaseName -notin $net8Names })
        & (Join-Path $root 'tools/ReadyToRun/Invoke-ReadyToRun.ps1') -Path $net8.FullName -ReferenceDirectory $PSHOME, $ModuleDirectory `
            -Reference (@($rest.FullName) + @($net8.FullName)) -SkipIfUnavailable
    }
}

function Invoke-Tests {
    $results = Join-Path $out 'test-results'
    Remove-Item $results -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force -Path $results | Out-Null

    Write-Host '== xunit (engine and emulator tests; the summary comes at the end)'
    Invoke-Dotnet 'xunit' @('test', (Join-Path $root 'tests/BedrockCompliance.Tests/BedrockCompliance.Tests.csproj'), '-c', $Configuration, '--no-build', '--nologo',
        '--logger', 'trx;LogFileName=xunit.trx', '--logger', 'console;verbosity=minimal', '--results-directory', $results) -AllowFailure
    $passed = 0; $failed = 0; $skipped = 0
    $trx = Join-Path $results 'xunit.trx'
    if (Test-Path $trx) {
        $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed; $failed += [int]$counters.failed; $skipped += [int]$counters.notExecuted
        Write-Host "xunit: $($counters.passed) passed, $($counters.failed) failed, $($counters.notExecuted) skipped"
    } else {
        Write-Host 'xunit: no results file (the test run did not start)'
        $failed += 1
    }

    # The JS SDK check (tests/pester/JsSdk.Tests.ps1) needs its packages; without node it is skipped.
    if (Get-Command npm -ErrorAction SilentlyContinue) {
        Write-Host '== npm ci (tests/js)'
        & { $PSNativeCommandUseErrorActionPreference = $false; npm ci --prefix (Join-Path $root 'tests/js') --no-audit --no-fund --loglevel=error }
    }

    Write-Host '== Pester (fresh pwsh, built module)'
    $summary = Join-Path $results 'pester.json'
    $paths = if ($PesterPath) { $PesterPath } else { @(Join-Path $root 'tests/pester') }
    # Tests that use -WhatIf make PowerShell print 'What if: …' lines to the host; they say nothing about the result, so
    # they are counted here instead of shown (a test that needs them reads them itself).
    $whatIf = 0
    & {
        $PSNativeCommandUseErrorActionPreference = $false
        dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/pester/Invoke-PesterRun.ps1') `
            -ModulePath (Join-Path $moduleOut 'BedrockCompliance.psd1') -EmulatorPath (Join-Path $emulatorOut 'BedrockCompliance.Emulator.dll') `
            -SummaryPath $summary -Path $paths
    } 2>&1 | ForEach-Object { if ("$_" -like 'What if: *') { $whatIf++ } else { Write-Host "$_" } }
    if ($whatIf) { Write-Host "($whatIf 'What if:' line(s) from tests that use -WhatIf not shown)" }
    $p = if (Test-Path $summary) { Get-Content $summary -Raw | ConvertFrom-Json }
    if ($p -and $p.Passed -is [long] -and $p.Failed -is [long]) {
        $passed += $p.Passed; $failed += $p.Failed; $skipped += $p.Skipped
        Write-Host "Pester: $($p.Passed) passed, $($p.Failed) failed, $($p.Skipped) skipped"
    } else {
        Write-Host 'Pester: no summary (the run did not finish)'
        $failed += 1
    }
    "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

if (-not $NoBuild) { Invoke-Build }
if ($Package -or $Test) { Invoke-Package }
if ($Test) {
    Invoke-Tests
} elseif (-not $Package) {
    & (Join-Path $root 'demo/Invoke-Demo.ps1') -ModulePath (Join-Path $moduleOut 'BedrockCompliance.psd1') `
        -EmulatorPath (Join-Path $emulatorOut 'BedrockCompliance.Emulator.dll') -OutputDirectory (Join-Path $out 'demo')
}
