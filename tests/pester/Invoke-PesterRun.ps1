<#
    Runs the Pester suites in this (fresh) pwsh against the built module and writes the counts as JSON.
    Called by build.ps1 -Test; the module and emulator paths reach the tests through environment variables.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string[]] $Path = @($PSScriptRoot)
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:BEDROCK_TEST_MODULE = (Resolve-Path $ModulePath).Path
$env:BEDROCK_TEST_EMULATOR = (Resolve-Path $EmulatorPath).Path

$nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
$pester = Join-Path $nugetRoot 'pester/5.7.1/tools/Pester.psd1'
if (-not (Test-Path $pester)) { throw "Pester 5.7.1 not found at '$pester'; run 'dotnet restore' (tests/BedrockCompliance.Tests downloads it)." }
Import-Module $pester -Force

# build.ps1 passes several paths through -File as one comma-joined string.
$Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
$result = $null
try {
    $result = Invoke-Pester -Configuration $config
} catch {
    Write-Host "Pester could not run: $_"
}
if ($null -eq $result -or $result.TotalCount -eq 0) {
    # A run that did not happen, or found nothing, must never read as green.
    @{ Passed = 0; Failed = 1; Skipped = 0 } | ConvertTo-Json | Set-Content $SummaryPath
    exit 1
}
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } | ConvertTo-Json | Set-Content $SummaryPath
