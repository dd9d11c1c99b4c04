# Shared by the Pester suites: the built module's path and a private emulator per suite.

function Get-TestModulePath { $env:BEDROCK_TEST_MODULE }

function Start-TestEmulator {
    <# Starts the emulator on a free loopback port and returns an object with Url, Process and LogPath. #>
    param([string[]] $ArgumentList = @())
    $log = [IO.Path]::GetTempFileName()
    $errLog = "$log.err"
    $argsList = @($env:BEDROCK_TEST_EMULATOR, '--urls', 'http://127.0.0.1:0') + $ArgumentList
    $proc = Start-Process -FilePath 'dotnet' -ArgumentList $argsList -RedirectStandardOutput $log -RedirectStandardError $errLog -PassThru
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ([DateTime]::UtcNow -lt $deadline) {
        $first = Get-Content $log -TotalCount 1 -ErrorAction SilentlyContinue
        if ($first -match 'listening on (http://\S+)') {
            return [pscustomobject]@{ Url = $Matches[1]; Process = $proc; LogPath = $log }
        }
        if ($proc.HasExited) { break }
        Start-Sleep -Milliseconds 100
    }
    $err = Get-Content $errLog -Raw -ErrorAction SilentlyContinue
    throw "The emulator did not start: $err"
}

function Stop-TestEmulator {
    param($Emulator)
    if ($Emulator -and -not $Emulator.Process.HasExited) { Stop-Process -Id $Emulator.Process.Id -Force -ErrorAction SilentlyContinue }
}

function Get-EmulatorState {
    param($Emulator)
    Invoke-RestMethod -Uri "$($Emulator.Url)/_emulator/state"
}

function Set-TestAwsEnvironment {
    <# Points the AWS environment at the emulator with the management account's example key pair. #>
    param($Emulator)
    $env:AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
    $env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE, Env:AWS_BEARER_TOKEN_BEDROCK -ErrorAction SilentlyContinue
    $env:AWS_REGION = 'us-east-1'
    $env:AWS_ENDPOINT_URL = $Emulator.Url
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $env:AWS_CONFIG_FILE = Join-Path ([IO.Path]::GetTempPath()) 'bedrock-test-no-config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path ([IO.Path]::GetTempPath()) 'bedrock-test-no-credentials'
}

Export-ModuleMember -Function *
