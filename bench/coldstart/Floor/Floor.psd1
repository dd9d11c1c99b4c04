@{
    RootModule        = 'Floor.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b'
    PowerShellVersion = '5.1'
    FormatsToProcess  = @('Floor.Format.ps1xml')
    CmdletsToExport   = @('Get-FloorSample')
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
