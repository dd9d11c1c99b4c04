<#
.SYNOPSIS
    Cold start: Import-Module plus a first Get-BedrockModelLicense -Offline in a fresh pwsh, against a bare
    'pwsh -NoProfile -c exit' measured in the same run (target: ratio <= 1.30), and the first live call.
.DESCRIPTION
    pwsh replays a startup JIT profile that the previous process wrote (ProfileOptimization, in its cache
    folder), so alternating commands that share one folder each replay the other's profile, and the ratio
    then depends on the order. Every command here gets its own cache folder: each is measured in the steady
    state of someone who runs that command every day. (Linux and macOS; Windows keeps one shared folder.)

    The floor is the least a binary module costs: bench/coldstart/Floor, one cmdlet, one view, a manifest.
    The difference between it and BedrockCompliance is what this module itself adds.

    Both run twice: on pwsh as installed here (the 'PowerShell' dotnet tool, whose assemblies are IL only, so
    PowerShell JIT-compiles its own code at every start; dotnet/sdk#10801), and on a copy of it whose own
    assemblies (pwsh, System.Management.Automation, Microsoft.PowerShell.*) this bench precompiles with crossgen2,
    as the official packages ship them (PowerShell/PowerShell#12361). -SkipPrecompiledPowerShell skips the second.

    The first live call runs Get-BedrockModelLicense against the bundled emulator (one model listing,
    signed with SigV4), timed inside the process, so it shows the JIT cost of the AWS code path.
    -BaselineModulePath adds a second build to every row (e.g. one built with 'build.ps1 -Portable').
.EXAMPLE
    dotnet pwsh ./build.ps1; dotnet pwsh bench/coldstart/Invoke-ColdStartBench.ps1
#>
param(
    [int] $Iterations = 21,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/BedrockCompliance/BedrockCompliance.psd1'),
    [string] $BaselineModulePath,
    [switch] $SkipPrecompiledPowerShell
)
$ErrorActionPreference = 'Stop'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$module = (Resolve-Path $ModulePath).Path
$baseline = if ($BaselineModulePath) { (Resolve-Path $BaselineModulePath).Path }
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$work = Join-Path ([IO.Path]::GetTempPath()) "bedrock-coldstart-$PID"
New-Item -ItemType Directory -Force -Path $work | Out-Null

function Test-ReadyToRun([string] $Assembly) {
    $stream = [IO.File]::OpenRead($Assembly)
    try { [Reflection.PortableExecutable.PEReader]::new($stream).PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 }
    finally { $stream.Dispose() }
}

function Invoke-Fresh([string] $Pwsh, [string] $Name, [string] $Command, [hashtable] $Environment = @{}) {
    # One pwsh process with the variant's own cache folder; returns wall milliseconds and stdout.
    $saved = @{}
    if (-not $Environment) { $Environment = @{} }
    $Environment['XDG_CACHE_HOME'] = Join-Path $work (($Pwsh + $Name) -replace '[^A-Za-z0-9]', '_')
    foreach ($key in $Environment.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $Environment[$key]) }
    try {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $output = & $Pwsh -NoProfile -NonInteractive -Command $Command
        $elapsed = $watch.Elapsed.TotalMilliseconds
        if ($LASTEXITCODE -ne 0) { throw "pwsh failed ($LASTEXITCODE): $Command" }
        [pscustomobject]@{ Milliseconds = $elapsed; Output = $output }
    } finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
}

function Measure-Interleaved([string] $Pwsh, [System.Collections.Specialized.OrderedDictionary] $Variants, [scriptblock] $Pick) {
    $samples = [ordered]@{}
    foreach ($name in $Variants.Keys) { $samples[$name] = [Collections.Generic.List[double]]::new() }
    for ($i = -2; $i -lt $Iterations; $i++) {   # two rounds first: the OS file cache and each variant's JIT profile
        foreach ($name in $Variants.Keys) {
            $run = Invoke-Fresh $Pwsh $name $Variants[$name].Command $Variants[$name].Environment
            if ($i -ge 0) { $samples[$name].Add((& $Pick $run)) }
        }
    }
    $medians = [ordered]@{}
    foreach ($name in $samples.Keys) { $sorted = $samples[$name] | Sort-Object; $medians[$name] = $sorted[[int][math]::Floor($sorted.Count / 2)] }
    $medians
}

try {
Write-Host '== building the floor module (bench/coldstart/Floor)'
$floorOut = Join-Path $work 'floor'
dotnet build (Join-Path $PSScriptRoot 'Floor/Floor.csproj') -c Release -o $floorOut --nologo -v q -clp:ErrorsOnly | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'the floor module did not build' }
$floor = Join-Path $floorOut 'Floor.psd1'

$variants = [ordered]@{
    bare  = @{ Command = 'exit' }
    floor = @{ Command = "Import-Module '$floor'; Get-FloorSample | Out-Null; exit" }
    importOnly = @{ Command = "Import-Module '$module'; exit" }
    ours  = @{ Command = "Import-Module '$module'; Get-BedrockModelLicense -Offline | Out-Null; exit" }
}
if ($baseline) { $variants['baseline'] = @{ Command = "Import-Module '$baseline'; Get-BedrockModelLicense -Offline | Out-Null; exit" } }

function Write-ColdStart([string] $Pwsh, [string] $Label) {
    Write-Host "== cold start, $Label`: $Iterations interleaved rounds"
    $m = Measure-Interleaved $Pwsh $variants { param($run) $run.Milliseconds }
    $bare = $m['bare']
    "Cold start on $Label (median wall time of $Iterations interleaved runs)"
    "  bare 'pwsh -NoProfile -c exit':                                     {0,5:N0} ms" -f $bare
    "  floor: one-cmdlet binary module + 1 view, import + first call:      {0,5:N0} ms   ratio {1:N2}" -f $m['floor'], ($m['floor'] / $bare)
    "  BedrockCompliance, Import-Module only:                              {0,5:N0} ms   ratio {1:N2}" -f $m['importOnly'], ($m['importOnly'] / $bare)
    "  BedrockCompliance, Import-Module + first Get-BedrockModelLicense:   {0,5:N0} ms   ratio {1:N2}  (target <= 1.30)" -f $m['ours'], ($m['ours'] / $bare)
    if ($baseline) {
        "  baseline build ($(if (Test-ReadyToRun (Join-Path (Split-Path $baseline) 'BedrockCompliance.dll')) { 'ReadyToRun' } else { 'IL only' })), import + first call:            {0,5:N0} ms   ratio {1:N2}" -f $m['baseline'], ($m['baseline'] / $bare)
    }
    "  module cost over bare: {0:N0} ms; over the floor: {1:N0} ms" -f ($m['ours'] - $bare), ($m['ours'] - $m['floor'])
}

"pwsh $($PSVersionTable.PSVersion), $([Environment]::ProcessorCount) cores; BedrockCompliance precompiled (ReadyToRun): $(Test-ReadyToRun (Join-Path (Split-Path $module) 'BedrockCompliance.dll'))"
$precompiledPowerShell = Test-ReadyToRun (Join-Path $PSHOME 'System.Management.Automation.dll')
Write-ColdStart $pwsh "pwsh as installed ($(if ($precompiledPowerShell) { 'precompiled' } else { 'IL only' }))"
if (-not $SkipPrecompiledPowerShell -and -not $precompiledPowerShell) {
    Write-Host '== precompiling a copy of pwsh (its own assemblies, as the official packages ship them)'
    $copy = Join-Path $work 'pwsh'
    Copy-Item $PSHOME $copy -Recurse
    $own = @(Get-ChildItem $copy -Filter *.dll | Where-Object { $_.Name -eq 'pwsh.dll' -or $_.Name -eq 'System.Management.Automation.dll' -or $_.Name -like 'Microsoft.PowerShell.*.dll' })
    & (Join-Path $root 'tools/ReadyToRun/Invoke-ReadyToRun.ps1') -Path $own.FullName -ReferenceDirectory $copy
    Write-ColdStart (Join-Path $copy ($IsWindows ? 'pwsh.exe' : 'pwsh')) 'the same pwsh with its own assemblies precompiled'
}

Write-Host '== first live call (emulator)'
$emulator = Start-Process dotnet -ArgumentList (Join-Path $root 'out/emulator/BedrockCompliance.Emulator.dll'), '--urls', 'http://127.0.0.1:0' `
    -RedirectStandardOutput (Join-Path $work 'emulator.log') -PassThru
try {
    $url = $null
    for ($t = 0; $t -lt 100 -and -not $url; $t++) {
        Start-Sleep -Milliseconds 100
        $line = Get-Content (Join-Path $work 'emulator.log') -TotalCount 1 -ErrorAction SilentlyContinue
        if ($line -match 'listening on (\S+)') { $url = $Matches[1] }
    }
    if (-not $url) { throw 'the emulator did not start' }
    $aws = @{
        AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'; AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
        AWS_REGION = 'us-east-1'; AWS_ENDPOINT_URL = $url; AWS_EC2_METADATA_DISABLED = 'true'
        AWS_CONFIG_FILE = Join-Path $work 'no-config'; AWS_SHARED_CREDENTIALS_FILE = Join-Path $work 'no-credentials'
    }
    $timed = '; $w = [Diagnostics.Stopwatch]::StartNew(); Get-BedrockModelLicense | Out-Null; $w.Elapsed.TotalMilliseconds'
    $live = [ordered]@{ ours = @{ Command = "Import-Module '$module'$timed"; Environment = $aws.Clone() } }
    if ($baseline) { $live['baseline'] = @{ Command = "Import-Module '$baseline'$timed"; Environment = $aws.Clone() } }
    $l = Measure-Interleaved $pwsh $live { param($run) [double]($run.Output | Select-Object -Last 1) }
    "First live Get-BedrockModelLicense after import, pwsh as installed (median, inside the process):"
    "  BedrockCompliance:                {0,5:N0} ms" -f $l['ours']
    if ($baseline) { "  baseline build:                   {0,5:N0} ms   (ours / baseline {1:N2})" -f $l['baseline'], ($l['ours'] / $l['baseline']) }
} finally {
    Stop-Process -Id $emulator.Id -ErrorAction SilentlyContinue
}
} finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
