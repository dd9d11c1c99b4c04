<#
.SYNOPSIS
    Cold start: Import-Module plus a first Get-BedrockModelLicense -Offline in a fresh pwsh, against a bare
    'pwsh -NoProfile -c exit' measured in the same run. Target: ratio <= 1.3.
.EXAMPLE
    dotnet pwsh ./build.ps1; dotnet pwsh bench/coldstart/Invoke-ColdStartBench.ps1
#>
param([int] $Iterations = 15)
$ErrorActionPreference = 'Stop'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$module = Resolve-Path (Join-Path $PSScriptRoot '../../out/BedrockCompliance/BedrockCompliance.psd1')
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

function Measure-Once([string] $Command) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $pwsh -NoProfile -NonInteractive -Command $Command | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "pwsh failed ($LASTEXITCODE): $Command" }
    $watch.Elapsed.TotalMilliseconds
}
function Median([double[]] $Values) { $s = $Values | Sort-Object; $s[[int][math]::Floor($s.Count / 2)] }

$bare = 'exit'
$ours = "Import-Module '$module'; Get-BedrockModelLicense -Offline | Out-Null; exit"
Measure-Once $bare | Out-Null; Measure-Once $ours | Out-Null   # warm the OS file cache for both
$b = @(); $o = @()
for ($i = 0; $i -lt $Iterations; $i++) {   # interleaved, so machine load hits both alike
    $b += Measure-Once $bare
    $o += Measure-Once $ours
}
$mb = Median $b; $mo = Median $o
"Cold start over $Iterations interleaved runs (median), pwsh $($PSVersionTable.PSVersion), $([Environment]::ProcessorCount) cores"
"  bare 'pwsh -NoProfile -c exit':                              {0,7:N0} ms" -f $mb
"  Import-Module + first Get-BedrockModelLicense -Offline:      {0,7:N0} ms" -f $mo
"  module cost:                                                 {0,7:N0} ms" -f ($mo - $mb)
"  ratio: {0:N2}  (target <= 1.30)" -f ($mo / $mb)
