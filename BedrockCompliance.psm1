# The module of a repository checkout. The root BedrockCompliance.psd1 is the manifest the build ships unchanged; its
# RootModule 'BedrockCompliance' names no extension, so in the built module (out/BedrockCompliance) it is
# BedrockCompliance.dll, and here, where no dll is, it is this file, which loads the cmdlets of that build.
$built = Join-Path $PSScriptRoot 'out/BedrockCompliance/BedrockCompliance.dll'
if (-not (Test-Path -LiteralPath $built -PathType Leaf)) {
    throw "BedrockCompliance is not built in this checkout ('$built' does not exist): run ./build.ps1, then import this manifest or out/BedrockCompliance/BedrockCompliance.psd1."
}
Import-Module $built
Export-ModuleMember -Cmdlet *
