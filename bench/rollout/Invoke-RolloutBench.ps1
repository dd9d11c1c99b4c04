<#
.SYNOPSIS
    Rollout benchmark: licences -> agreements for the approved models -> access check, across many emulated
    accounts, against the ideal bound; then the same rollout with -ThrottleLimit 1, and a fault run.
.EXAMPLE
    dotnet pwsh ./build.ps1 -NoBuild:$false; dotnet pwsh bench/rollout/Invoke-RolloutBench.ps1
#>
param(
    [int] $Accounts = 200,
    [int] $LatencyMs = 50,
    [double] $RateLimit = 10,
    [int] $ThrottleLimit = 64,
    # Accounts used for the -ThrottleLimit 1 run (the full set takes minutes); its speedup is measured on the same subset.
    [int] $SerialAccounts = 200,
    [switch] $SkipSerial,
    [switch] $SkipFaults
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
Import-Module (Join-Path $root 'tests/pester/TestHelpers.psm1') -Force
$env:BEDROCK_TEST_EMULATOR = Join-Path $root 'out/emulator/BedrockCompliance.Emulator.dll'
Import-Module (Join-Path $root 'out/BedrockCompliance/BedrockCompliance.psd1') -Force

$approved = 'meta.llama3-1-70b-instruct-v1:0', 'mistral.mistral-large-2402-v1:0', 'mistral.mistral-7b-instruct-v0:2'
$work = Join-Path ([IO.Path]::GetTempPath()) "bc-rollout-$PID"
New-Item -ItemType Directory -Force -Path $work | Out-Null

function Invoke-Rollout([object[]] $Contexts, [int] $Limit, [string] $Ledger) {
    $errors = @()
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $licences = 0
    # One pipeline, as a scheduled job would run it: each account's work flows to the next stage as soon as it is done.
    $access = $Contexts |
        Get-BedrockModelLicense -ThrottleLimit $Limit -AccountRateLimit $RateLimit -ErrorVariable +errors -ErrorAction SilentlyContinue |
        ForEach-Object { $licences++; $_ } |
        Where-Object ModelId -in $approved |
        New-BedrockModelAgreement -Wait -PassThru -ThrottleLimit $Limit -AccountRateLimit $RateLimit -EvidencePath $Ledger -Confirm:$false -ErrorVariable +errors -ErrorAction SilentlyContinue |
        Test-BedrockModelAccess -ThrottleLimit $Limit -AccountRateLimit $RateLimit -EvidencePath $Ledger -ErrorVariable +errors -ErrorAction SilentlyContinue
    $watch.Stop()
    [pscustomobject]@{ Seconds = $watch.Elapsed.TotalSeconds; Licences = $licences; Verified = @($access | Where-Object Success).Count; Errors = $errors }
}

function Measure-Calls($Emulator) {
    $state = Get-EmulatorState $Emulator
    # The rate limit applies to Bedrock calls (the emulator's model of Bedrock's per-account quotas), not to STS.
    $unlimited = 'AssumeRole', 'GetCallerIdentity', 'DescribeTrails', 'GetTrailStatus', 'GetEventSelectors', 'DescribeVpcEndpoints'
    $perAccount = foreach ($a in $state.accounts) {
        ($a.calls.PSObject.Properties | Where-Object Name -notin $unlimited | ForEach-Object { [int]$_.Value.total } | Measure-Object -Sum).Sum
    }
    [pscustomobject]@{ Total = [int]$state.totals.calls; MaxPerAccount = ($perAccount | Measure-Object -Maximum).Maximum; State = $state }
}

function New-Contexts([int] $Count) {
    1..$Count | ForEach-Object { '{0:d12}' -f (200000000000 + $_) } | New-BedrockAccountContext -Region us-east-1
}

function Compare-EvidenceWithState([string] $Ledger, $State) {
    $held = foreach ($a in $State.accounts) { foreach ($r in $a.regions) { foreach ($g in $r.agreements) { "$($a.accountId)|$($r.region)|$($g.modelId)" } } }
    $records = Get-Content $Ledger | ForEach-Object { $_ | ConvertFrom-Json }
    $accepted = $records | Where-Object { $_.action -eq 'AgreementAccepted' -and $_.outcome -eq 'Succeeded' } | ForEach-Object { "$($_.accountId)|$($_.region)|$($_.modelId)" }
    $diff = Compare-Object @($held | Sort-Object) @($accepted | Sort-Object)
    [pscustomobject]@{ Held = @($held).Count; Accepted = @($accepted).Count; Mismatches = @($diff).Count; ChainValid = (Test-BedrockComplianceEvidence -EvidencePath $Ledger -Quiet) }
}

function Set-Env($Emulator) {
    Set-TestAwsEnvironment $Emulator
}

"Rollout benchmark: $Accounts accounts, latency $LatencyMs ms, emulator rate limit $RateLimit calls/s per account, $([Environment]::ProcessorCount) cores"
$emulator = Start-TestEmulator -ArgumentList '--accounts', $Accounts, '--latency-ms', $LatencyMs, '--rate-limit', $RateLimit
try {
    Set-Env $emulator
    $contexts = New-Contexts $Accounts
    $run = Invoke-Rollout $contexts $ThrottleLimit (Join-Path $work 'parallel.jsonl')
    $calls = Measure-Calls $emulator
    $bound = [math]::Max($calls.Total * $LatencyMs / 1000.0 / $ThrottleLimit, $calls.MaxPerAccount / $RateLimit)
    $check = Compare-EvidenceWithState (Join-Path $work 'parallel.jsonl') $calls.State
    ''
    "Parallel (-ThrottleLimit $ThrottleLimit): wall {0:N1} s; {1} calls ({2} rate-limited Bedrock calls at most in one account); {3} licences; {4} access checks passed; {5} errors" -f $run.Seconds, $calls.Total, $calls.MaxPerAccount, $run.Licences, $run.Verified, @($run.Errors).Count
    "Ideal bound: max({0} calls x {1} ms / {2}, {3} calls / {4} per s) = {5:N2} s" -f $calls.Total, $LatencyMs, $ThrottleLimit, $calls.MaxPerAccount, $RateLimit, $bound
    "Efficiency (bound / wall): {0:N2}  (target >= 0.8)" -f ($bound / $run.Seconds)
    # -ThrottleLimit bounds the calls in flight of each cmdlet; the pipeline's three cmdlets overlap, so up to three
    # times as many calls can be in flight. The bound with that concurrency, for a conservative reading:
    $bound3 = [math]::Max($calls.Total * $LatencyMs / 1000.0 / (3 * $ThrottleLimit), $calls.MaxPerAccount / $RateLimit)
    "  (with 3 x $ThrottleLimit calls in flight the bound is {0:N2} s and the efficiency {1:N2})" -f $bound3, ($bound3 / $run.Seconds)
    "Evidence vs emulator state: {0} agreements held, {1} acceptances recorded, {2} mismatches, chain valid {3}" -f $check.Held, $check.Accepted, $check.Mismatches, $check.ChainValid
    @($run.Errors) | Group-Object FullyQualifiedErrorId | ForEach-Object { "  errors: $($_.Count) x $($_.Name): $($_.Group[0].ErrorDetails.Message ?? $_.Group[0].Exception.Message)" }
} finally { Stop-TestEmulator $emulator }

if (-not $SkipSerial) {
    $emulator = Start-TestEmulator -ArgumentList '--accounts', $Accounts, '--latency-ms', $LatencyMs, '--rate-limit', $RateLimit
    try {
        Set-Env $emulator
        $subset = New-Contexts $SerialAccounts
        $serial = Invoke-Rollout $subset 1 (Join-Path $work 'serial.jsonl')
        ''
        "Serial (-ThrottleLimit 1, $SerialAccounts accounts): wall {0:N1} s; {1} access checks passed; {2} errors" -f $serial.Seconds, $serial.Verified, @($serial.Errors).Count
        if ($SerialAccounts -eq $Accounts) {
            "Speedup of -ThrottleLimit $ThrottleLimit over -ThrottleLimit 1 (same run, same accounts): {0:N1}x  (target >= 20x)" -f ($serial.Seconds / $run.Seconds)
        }
    } finally { Stop-TestEmulator $emulator }
    if ($SerialAccounts -ne $Accounts) {
        $emulator = Start-TestEmulator -ArgumentList '--accounts', $SerialAccounts, '--latency-ms', $LatencyMs, '--rate-limit', $RateLimit
        try {
            Set-Env $emulator
            $parallelSubset = Invoke-Rollout (New-Contexts $SerialAccounts) $ThrottleLimit (Join-Path $work 'parallel-subset.jsonl')
            "Parallel on the same $SerialAccounts accounts: wall {0:N1} s; speedup {1:N1}x  (target >= 20x)" -f $parallelSubset.Seconds, ($serial.Seconds / $parallelSubset.Seconds)
        } finally { Stop-TestEmulator $emulator }
    }
}

if (-not $SkipFaults) {
    # Faults: 10% throttling and 5% server errors on every call. The standard retry mode with more attempts
    # (as a scheduled job would set) must still complete everything, and the evidence must match the cloud.
    $env:AWS_MAX_ATTEMPTS = '10'
    $emulator = Start-TestEmulator -ArgumentList '--accounts', $Accounts, '--latency-ms', $LatencyMs, '--rate-limit', $RateLimit, '--throttle-rate', '0.1', '--error-rate', '0.05'
    try {
        Set-Env $emulator
        $env:AWS_MAX_ATTEMPTS = '10'
        $faultLedger = Join-Path $work 'faults.jsonl'
        $faults = Invoke-Rollout (New-Contexts $Accounts) $ThrottleLimit $faultLedger
        $calls = Measure-Calls $emulator
        $check = Compare-EvidenceWithState $faultLedger $calls.State
        ''
        "Fault run (throttle 0.1, errors 0.05, AWS_MAX_ATTEMPTS=10): wall {0:N1} s; {1} calls; throttled {2}, injected errors {3}" -f $faults.Seconds, $calls.Total, $calls.State.totals.throttled, $calls.State.totals.injectedErrors
        "Completed: {0}/{1} licences, {2}/{3} access checks, {4} errors" -f $faults.Licences, ($Accounts * 25), $faults.Verified, ($Accounts * $approved.Count), @($faults.Errors).Count
        "Evidence vs emulator state: {0} agreements held, {1} acceptances recorded, {2} mismatches, chain valid {3}" -f $check.Held, $check.Accepted, $check.Mismatches, $check.ChainValid
        foreach ($e in @($faults.Errors) | Select-Object -First 5) { "  error: $($e.ErrorDetails.Message ?? $e.Exception.Message)" }
    } finally { Stop-TestEmulator $emulator; Remove-Item Env:AWS_MAX_ATTEMPTS -ErrorAction SilentlyContinue }
}
Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
