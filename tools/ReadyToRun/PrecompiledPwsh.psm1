<#
    A copy of the running pwsh with its own assemblies (pwsh, System.Management.Automation, Microsoft.PowerShell.*)
    precompiled by crossgen2, as the official packages ship them (PowerShell/PowerShell#12361). The 'PowerShell'
    dotnet tool this repository restores is IL only, so every process JIT-compiles PowerShell itself; benches that
    measure what a user's pwsh spends use this copy. Kept under out/bench, once per PowerShell version.
#>

function Test-ReadyToRun([string] $Assembly) {
    $stream = [IO.File]::OpenRead($Assembly)
    try { [Reflection.PortableExecutable.PEReader]::new($stream).PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 }
    finally { $stream.Dispose() }
}

function Get-PrecompiledPwsh {
    <# The path of a pwsh executable whose PowerShell assemblies are precompiled: this one's, when they already are. #>
    param([Parameter(Mandatory)] [string] $CacheRoot)
    $exe = $IsWindows ? 'pwsh.exe' : 'pwsh'
    if (Test-ReadyToRun (Join-Path $PSHOME 'System.Management.Automation.dll')) { return (Join-Path $PSHOME $exe) }
    $copy = Join-Path $CacheRoot "pwsh-$($PSVersionTable.PSVersion)-$([System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)"
    $done = Join-Path $copy '.precompiled'
    if (-not (Test-Path $done)) {
        Write-Host "== precompiling a copy of pwsh $($PSVersionTable.PSVersion) (its own assemblies, as the official packages ship them; once, into $copy)"
        Remove-Item $copy -Recurse -Force -ErrorAction SilentlyContinue
        Copy-Item $PSHOME $copy -Recurse
        $own = @(Get-ChildItem $copy -Filter *.dll | Where-Object { $_.Name -eq 'pwsh.dll' -or $_.Name -eq 'System.Management.Automation.dll' -or $_.Name -like 'Microsoft.PowerShell.*.dll' })
        & (Join-Path $PSScriptRoot 'Invoke-ReadyToRun.ps1') -Path $own.FullName -ReferenceDirectory $copy
        Set-Content $done (Get-Date -Format o)
    }
    Join-Path $copy $exe
}

Export-ModuleMember -Function Test-ReadyToRun, Get-PrecompiledPwsh
