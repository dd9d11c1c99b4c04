<#
    The main job: runs the module as an admin would. For now, the offline licence listing to CSV.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $OutputDirectory
)
$ErrorActionPreference = 'Stop'
$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module $ModulePath -Force
New-Item -ItemType Directory -Force -Path $OutputDirectory | Out-Null
$csv = Join-Path $OutputDirectory 'model-licenses.csv'
$licences = Get-BedrockModelLicense -Offline
$licences | Select-Object ModelId, Provider, Family, LicenseCategory, LicenseName, LicenseUrl, EulaRequired, UseCaseFormRequired, RestrictionCodes, Confidence |
    Export-Csv -Path $csv -NoTypeInformation -Encoding utf8
$licences | Group-Object LicenseCategory | Sort-Object Name | Format-Table @{ n = 'Category'; e = 'Name' }, Count -AutoSize | Out-Host
"Licence catalog ($($licences.Count) model families) written to $csv"
