<#
.SYNOPSIS
    Precompiles assemblies in place (ReadyToRun) with crossgen2 for the OS, architecture and .NET runtime of the
    pwsh that runs this script.
.DESCRIPTION
    Restores crossgen2 for this machine (ReadyToRun.csproj, a PackageDownload), then compiles each assembly to a
    temporary file and moves it over the original. The IL stays in the file: another .NET version ignores the native
    code and JIT-compiles as before, but another OS or architecture refuses the image.
    Used by build.ps1 (the module) and bench/coldstart (a precompiled copy of pwsh, as the official packages ship).
.PARAMETER Path
    The assemblies to precompile.
.PARAMETER ReferenceDirectory
    Folders whose *.dll are referenced (besides the running .NET runtime, which always is).
.PARAMETER Reference
    Single assemblies referenced.
.PARAMETER SkipIfUnavailable
    When crossgen2 for this machine cannot be restored (offline, or a platform the package feed lacks), warn and leave
    the assemblies as they are instead of failing: IL-only assemblies work everywhere, they only start slower.
#>
param(
    [Parameter(Mandatory)] [string[]] $Path,
    [string[]] $ReferenceDirectory = @(),
    [string[]] $Reference = @(),
    [switch] $SkipIfUnavailable
)
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $true

$rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
$os = switch -Wildcard ($rid) { 'win-*' { 'windows' } 'osx-*' { 'osx' } 'freebsd-*' { 'freebsd' } default { 'linux' } }
$arch = $rid.Substring($rid.LastIndexOf('-') + 1)

$project = Join-Path $PSScriptRoot 'ReadyToRun.csproj'
try {
    dotnet restore $project --nologo -v q "-p:CrossgenRid=$rid" | Out-Null
} catch {
    $message = "crossgen2 for '$rid' could not be restored ($_)."
    if (-not $SkipIfUnavailable) { throw $message }
    Write-Warning "$message The assemblies stay IL only: they work the same, but first calls JIT-compile."
    return
}
$assets = Get-Content (Join-Path $PSScriptRoot 'obj/project.assets.json') -Raw | ConvertFrom-Json
$download = $assets.project.frameworks.'net10.0'.downloadDependencies[0]
$version = $download.version.Trim('[', ']').Split(',')[0].Trim()
$packages = @($assets.packageFolders.PSObject.Properties.Name)[0]
$crossgen = Join-Path $packages "$($download.name.ToLowerInvariant())/$version/tools/crossgen2$($IsWindows ? '.exe' : '')"

# -r:<glob> keeps PowerShell from expanding the wildcard itself (it globs native arguments on Unix).
$runtimeDirectory = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
$references = @(@($runtimeDirectory) + $ReferenceDirectory | Where-Object { $_ } | ForEach-Object { "-r:$(Join-Path $_ '*.dll')" })
$references += @($Reference | Where-Object { $_ } | ForEach-Object { "-r:$_" })

$work = Join-Path ([IO.Path]::GetTempPath()) "readytorun-$PID"
New-Item -ItemType Directory -Force -Path $work | Out-Null
try {
    foreach ($assembly in $Path) {
        $target = Join-Path $work ([IO.Path]::GetFileName($assembly))
        & $crossgen $assembly -o $target @references --targetos $os --targetarch $arch -O | Out-Null
        Move-Item $target $assembly -Force
    }
} finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
Write-Host "Precompiled for $rid ($($Path.Count)): $(($Path | ForEach-Object { [IO.Path]::GetFileNameWithoutExtension($_) }) -join ', ')"
