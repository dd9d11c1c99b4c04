<#
.SYNOPSIS
    Lists the models of a live account that the licence catalog knows only at provider level, or not at all:
    what Legal should review next.
.DESCRIPTION
    Runs Get-BedrockModelLicense against the account and Region(s) given (the caller's AWS credentials, or the
    -ProfileName/-EndpointUrl passed through) and keeps every model whose MatchLevel is not "Family":
      Provider  the model matched only a provider-level rule (e.g. "anthropic."): it carries the provider's usual
                category and terms plus TERMS_NOT_REVIEWED and confidence Unverified;
      None      no rule at all: a new provider, or a provider with models in several categories (OpenAI, Mistral,
                Z.AI, Moonshot), so LicenseCategory is Unknown.
    Review each one, then add a reviewed entry to your organisation's catalog file (examples/catalog-override.json
    shows the shape) and pass it with -CatalogPath or BEDROCK_COMPLIANCE_CATALOG; the model then reports
    MatchLevel Family and drops out of this list. Models the account lists as LEGACY come first.
    Licence objects can also be piped in (e.g. from a saved run, or across accounts with -Context).
.EXAMPLE
    dotnet pwsh tools/Get-CatalogReviewQueue.ps1 -Region us-east-1, us-west-2 | Format-Table
.EXAMPLE
    Get-BedrockAccountContext ... | Get-BedrockModelLicense | ./tools/Get-CatalogReviewQueue.ps1
.EXAMPLE
    ./tools/Get-CatalogReviewQueue.ps1 -Region eu-central-1 -CatalogPath ./our-catalog.json | Export-Csv review.csv
#>
[CmdletBinding(DefaultParameterSetName = 'Live')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Live')] [string[]] $Region,
    [Parameter(Mandatory, ValueFromPipeline, ParameterSetName = 'Piped')] [object[]] $License,  # BedrockModelLicense objects (typed loosely: the module may not be loaded yet)
    [string] $CatalogPath,
    # Module to use; defaults to the one already imported, else the build output (out/BedrockCompliance).
    [string] $ModulePath,
    # Passed through to Get-BedrockModelLicense (e.g. @{ ProfileName = 'audit'; EndpointUrl = 'http://127.0.0.1:4566' }).
    [hashtable] $LicenseParameters = @{}
)
begin {
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Get-BedrockModelLicense -ErrorAction SilentlyContinue)) {
    if (-not $ModulePath) { $ModulePath = Join-Path $PSScriptRoot '../out/BedrockCompliance/BedrockCompliance.psd1' }
    Import-Module $ModulePath
}
$splat = @{} + $LicenseParameters
if ($CatalogPath) { $splat.CatalogPath = $CatalogPath }
$piped = [Collections.Generic.List[object]]::new()

function Select-ReviewItem {
    param([Parameter(ValueFromPipeline)] $InputObject)
    process { if ($null -ne $InputObject -and $InputObject.MatchLevel -ne 'Family') { $InputObject } }
}
function Format-ReviewItem {
    param([object[]] $Items)
    $Items |
        Sort-Object @{ Expression = { $_.LifecycleStatus -ne 'LEGACY' } }, Provider, ModelId |
        ForEach-Object {
            [pscustomobject]@{
                PSTypeName      = 'BedrockCompliance.CatalogReviewItem'
                ModelId         = $_.ModelId
                Provider        = $_.Provider
                MatchLevel      = $_.MatchLevel
                LicenseCategory = $_.LicenseCategory
                LicenseName     = $_.LicenseName
                MatchedPrefix   = $_.MatchedPrefix
                LifecycleStatus = $_.LifecycleStatus
                AccountId       = $_.AccountId
                Region          = $_.Region
                Reason          = if ($_.MatchLevel -eq 'Provider') { "Known only by provider ($($_.MatchedPrefix)): terms not reviewed" }
                                  else { 'Not in the catalog: licence category unknown' }
            }
        }
}
}
process { if ($PSCmdlet.ParameterSetName -eq 'Piped') { $License | Select-ReviewItem | ForEach-Object { $piped.Add($_) } } }
end {
    if ($PSCmdlet.ParameterSetName -eq 'Piped') { Format-ReviewItem $piped; return }
    foreach ($r in $Region) { Format-ReviewItem @(Get-BedrockModelLicense -Region $r @splat -ErrorAction Continue | Select-ReviewItem) }
}
