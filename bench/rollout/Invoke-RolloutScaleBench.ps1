<#
.SYNOPSIS
    Rollout at scale: the README's pipeline (licences -> agreements for the approved models -> access checks) at
    250 / 500 / 1,000 / 2,000 accounts in one run, each size in a fresh pwsh process against a fresh emulator.
    Prints wall time, the ideal bound, efficiency, the module process's CPU per AWS call, its peak working set,
    throttled calls and errors, so growth is visible. AWS_MAX_ATTEMPTS and AWS_RETRY_MODE are left unset
    (the defaults are what is measured) unless -RetryMode is given.
    The rollout runs on a copy of this pwsh whose own assemblies are precompiled (ReadyToRun), as the official
    PowerShell packages ship them (PowerShell/PowerShell#12361); the 'PowerShell' dotnet tool restored here is IL
    only, so every process would JIT-compile PowerShell itself. -AsInstalled runs on that dotnet tool instead.
    On Linux the bench also reads the module process's threads from /proc while it runs and splits its CPU into the
    JIT's tiered compilation, the thread-pool workers (where the AWS calls and their gen0/gen1 GCs run), the
    pipeline thread (PowerShell: binding, ForEach-Object) and the rest.
.EXAMPLE
    dotnet pwsh ./build.ps1; dotnet pwsh bench/rollout/Invoke-RolloutScaleBench.ps1
    dotnet pwsh bench/rollout/Invoke-RolloutScaleBench.ps1 -Sizes 100 -Regions 1     # quick
#>
param(
    [int[]] $Sizes = @(250, 500, 1000, 2000),
    # Regions per account for each size, in the same order (the last size also runs in two Regions by default).
    [int[]] $Regions = @(1, 1, 1, 2),
    [int] $LatencyMs = 100,
    [double] $RateLimit = 10,
    [int] $ThrottleLimit = 256,
    [ValidateSet('', 'standard', 'adaptive')]
    [string] $RetryMode = '',
    # Also measure the floor: the CPU per request of .NET's HttpClient alone (unsigned GETs, same concurrency) in a fresh pwsh.
    [switch] $Floor,
    # Run the rollout on pwsh as installed here (the IL-only dotnet tool) instead of a precompiled copy.
    [switch] $AsInstalled,
    # Start the rollout's pwsh (not the emulator) with the runtime settings the README recommends for runs over many
    # accounts: DOTNET_gcServer=1 (larger gen0 budgets: far fewer collections of the calls in flight),
    # DOTNET_TieredPGO=0 (no instrumented tier: less JIT work for a one-shot batch run) and
    # DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 (idle pool threads block at once instead of spinning).
    [switch] $Tuned,
    # Further environment variables for the rollout's pwsh only, e.g. @{ DOTNET_TieredPGO = '0' }.
    [hashtable] $ChildEnvironment = @{},
    # Before the measured rollout, run the same pipeline, unmeasured, over this many further accounts in the same
    # process: the figures are then those of warm code (the runtime's tier-up of the hot paths is done), so the fixed
    # cost of a process and the cost of a call can be told apart. 0 = measured from cold, as a scheduled job runs.
    [int] $WarmUpAccounts = 0,
    # Internal: run one rollout in this process and print its figures as JSON.
    [switch] $Child,
    [switch] $FloorChild,
    [string] $Url,
    [int] $Accounts,
    [int] $RegionCount = 1,
    [string] $Ledger,
    [string] $Marker
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$approved = 'meta.llama3-1-70b-instruct-v1:0', 'mistral.mistral-large-2402-v1:0', 'mistral.mistral-7b-instruct-v0:2'
$regionNames = 'us-east-1', 'us-west-2', 'eu-west-1'

if ($FloorChild) {
    # What any .NET client pays per HTTP exchange on this machine: no signing, no parsing, no PowerShell objects.
    $http = [System.Net.Http.HttpClient]::new()
    $uri = [Uri]"$Url/foundation-models/meta.llama3-1-70b-instruct-v1:0/availability"
    $self = [Diagnostics.Process]::GetCurrentProcess()
    $send = { param($n) $t = [System.Collections.Generic.List[System.Threading.Tasks.Task]]::new(); for ($i = 0; $i -lt $n; $i++) { $t.Add($http.GetAsync($uri)) }; [System.Threading.Tasks.Task]::WaitAll($t.ToArray()); foreach ($x in $t) { $x.Result.Dispose() } }
    & $send 500   # warm-up: connections and JIT
    $self.Refresh(); $cpu0 = $self.TotalProcessorTime; $watch = [Diagnostics.Stopwatch]::StartNew()
    for ($round = 0; $round -lt $Accounts; $round++) { & $send $ThrottleLimit }
    $self.Refresh()
    [pscustomobject]@{ Requests = $Accounts * $ThrottleLimit; CpuSeconds = ($self.TotalProcessorTime - $cpu0).TotalSeconds; Seconds = $watch.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
    return
}

if ($Child) {
    Import-Module (Join-Path $root 'out/BedrockCompliance/BedrockCompliance.psd1') -Force
    $self = [Diagnostics.Process]::GetCurrentProcess()
    $contexts = 1..$Accounts | ForEach-Object { '{0:d12}' -f (200000000000 + $_) } |
        New-BedrockAccountContext -Region $regionNames[0..($RegionCount - 1)]
    $warmUp = [pscustomobject]@{ Calls = 0; Throttled = 0; Errors = 0 }
    if ($WarmUpAccounts -gt 0) {
        # The same pipeline over other accounts; its calls are taken off the measured ones (the emulator counts them all).
        $warmErrors = @()
        ($Accounts + 1)..($Accounts + $WarmUpAccounts) | ForEach-Object { '{0:d12}' -f (200000000000 + $_) } |
            New-BedrockAccountContext -Region $regionNames[0..($RegionCount - 1)] |
            Get-BedrockModelLicense -ThrottleLimit $ThrottleLimit -ErrorVariable +warmErrors -ErrorAction SilentlyContinue |
            Where-Object { $approved -contains $_.ModelId } |
            New-BedrockModelAgreement -Wait -PassThru -ThrottleLimit $ThrottleLimit -EvidencePath "$Ledger.warm-up" -Confirm:$false -ErrorVariable +warmErrors -ErrorAction SilentlyContinue |
            Test-BedrockModelAccess -ThrottleLimit $ThrottleLimit -EvidencePath "$Ledger.warm-up" -ErrorVariable +warmErrors -ErrorAction SilentlyContinue | Out-Null
        $totals = (Invoke-RestMethod -Uri "$env:AWS_ENDPOINT_URL/_emulator/state").totals
        $warmUp = [pscustomobject]@{ Calls = [int]$totals.calls; Throttled = [int]$totals.throttled; Errors = @($warmErrors).Count }
        Remove-Item "$Ledger.warm-up*" -Force -ErrorAction SilentlyContinue
    }
    $self.Refresh(); $cpu0 = $self.TotalProcessorTime
    if ($Marker) { Set-Content $Marker $cpu0.TotalSeconds }
    $jit0 = [System.Runtime.JitInfo]::GetCompiledMethodCount($false); $jitTime0 = [System.Runtime.JitInfo]::GetCompilationTime($false)
    $alloc0 = [GC]::GetTotalAllocatedBytes($false); $gc0 = 0..2 | ForEach-Object { [GC]::CollectionCount($_) }; $pause0 = [GC]::GetTotalPauseDuration()
    $items0 = [System.Threading.ThreadPool]::CompletedWorkItemCount; $contention0 = [System.Threading.Monitor]::LockContentionCount
    $errors = @()
    $licences = 0; $verified = 0; $results = 0
    $watch = [Diagnostics.Stopwatch]::StartNew()
    # Results are counted as they stream, never collected: memory stays bounded by what is in flight.
    $contexts |
        Get-BedrockModelLicense -ThrottleLimit $ThrottleLimit -ErrorVariable +errors -ErrorAction SilentlyContinue |
        ForEach-Object { $licences++; if ($approved -contains $_.ModelId) { $_ } } |
        New-BedrockModelAgreement -Wait -PassThru -ThrottleLimit $ThrottleLimit -EvidencePath $Ledger -Confirm:$false -ErrorVariable +errors -ErrorAction SilentlyContinue |
        Test-BedrockModelAccess -ThrottleLimit $ThrottleLimit -EvidencePath $Ledger -ErrorVariable +errors -ErrorAction SilentlyContinue |
        ForEach-Object { $results++; if ($_.Success) { $verified++ } }
    $watch.Stop()
    $self.Refresh()
    $heap = [GC]::GetGCMemoryInfo()
    $result = [pscustomobject]@{
        GcHeapMiB = [math]::Round($heap.HeapSizeBytes / 1MB); GcCommittedMiB = [math]::Round($heap.TotalCommittedBytes / 1MB)
        Seconds = $watch.Elapsed.TotalSeconds
        CpuSeconds = ($self.TotalProcessorTime - $cpu0).TotalSeconds
        PeakWorkingSetMiB = [math]::Round($self.PeakWorkingSet64 / 1MB)
        JitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jit0
        JitSeconds = ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jitTime0).TotalSeconds
        AllocatedMiB = [math]::Round(([GC]::GetTotalAllocatedBytes($false) - $alloc0) / 1MB)
        WorkItems = [System.Threading.ThreadPool]::CompletedWorkItemCount - $items0; PoolThreads = [System.Threading.ThreadPool]::ThreadCount
        LockContentions = [System.Threading.Monitor]::LockContentionCount - $contention0
        Gcs = (0..2 | ForEach-Object { [GC]::CollectionCount($_) - $gc0[$_] }) -join '/'
        GcPauseSeconds = ([GC]::GetTotalPauseDuration() - $pause0).TotalSeconds
        GcMode = if ([System.Runtime.GCSettings]::IsServerGC) { 'server' } else { 'workstation' }
        Licences = $licences; Verified = $verified; Results = $results; WarmUp = $warmUp
        Errors = @($errors | Group-Object { $_.FullyQualifiedErrorId } | ForEach-Object { "$($_.Count) x $($_.Name): $($_.Group[0].Exception.Message)" })
        ErrorCount = @($errors).Count
    }
    # What is really live once the pipeline is done (GcHeapMiB is as of the last GC, garbage included); measured after
    # every other figure is taken, so the forced collection is in none of them.
    $result | Add-Member LiveMiB ([math]::Round([GC]::GetTotalMemory($true) / 1MB))
    $result | ConvertTo-Json -Compress
    return
}

Import-Module (Join-Path $root 'tests/pester/TestHelpers.psm1') -Force
Import-Module (Join-Path $root 'tools/ReadyToRun/PrecompiledPwsh.psm1') -Force

function Invoke-MeasuredChild([string[]] $Command, [object[]] $Arguments, [string] $Marker, [string] $OutputBase) {
    # Runs the child and, on Linux, reads its threads' CPU from /proc every 200 ms (a thread's figures are gone once it
    # exits, so each thread's last reading is kept), from the moment the child marks the start of the pipeline.
    $exe = $Command[0]; $all = @(@($Command | Select-Object -Skip 1) + $Arguments | ForEach-Object { $a = "$_"; if ($a -match '\s') { '"' + $a + '"' } else { $a } })
    # The child inherits this process's environment: its own settings are set around its start only.
    $saved = @{}
    foreach ($k in $childEnv.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, [string]$childEnv[$k]) }
    try { $proc = Start-Process -FilePath $exe -ArgumentList $all -RedirectStandardOutput "$OutputBase.out" -RedirectStandardError "$OutputBase.err" -PassThru }
    finally { foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) } }
    $ticks = 100.0  # USER_HZ on Linux
    $base = @{}; $last = @{}; $started = $false
    $read = {
        $now = @{}
        foreach ($task in [IO.Directory]::GetDirectories("/proc/$($proc.Id)/task")) {
            try {
                $comm = [IO.File]::ReadAllText("$task/comm").Trim()
                $stat = [IO.File]::ReadAllText("$task/stat"); $f = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
                $now[[IO.Path]::GetFileName($task)] = [pscustomobject]@{ Comm = $comm; Cpu = ([double]$f[11] + [double]$f[12]) / $ticks }
            } catch { }
        }
        $now
    }
    $linux = $IsLinux -and (Test-Path "/proc/$($proc.Id)")
    while (-not $proc.HasExited) {
        if ($linux) {
            try {
                $now = & $read
                if (-not $started -and (Test-Path $Marker)) { $started = $true; $base = $now }
                if ($started) { foreach ($k in $now.Keys) { $last[$k] = $now[$k] } }
            } catch { }
        }
        Start-Sleep -Milliseconds 200
    }
    $proc.WaitForExit()
    $threads = $null
    if ($started) {
        $sum = @{ Jit = 0.0; Workers = 0.0; Pipeline = 0.0; Other = 0.0 }
        foreach ($k in $last.Keys) {
            $cpu = $last[$k].Cpu - $(if ($base.ContainsKey($k)) { $base[$k].Cpu } else { 0 })
            $kind = switch -Wildcard ($last[$k].Comm) { '.NET Tiered Com*' { 'Jit' } '.NET TP Worker*' { 'Workers' } 'Pipeline Exec*' { 'Pipeline' } default { 'Other' } }
            $sum[$kind] += $cpu
        }
        $threads = [pscustomobject]$sum
    }
    $output = Get-Content "$OutputBase.out"
    if ($proc.ExitCode -ne 0) { throw "the rollout process failed ($($proc.ExitCode)): $(Get-Content "$OutputBase.err" -Raw)" }
    [pscustomobject]@{ Output = $output; Threads = $threads }
}
$env:BEDROCK_TEST_EMULATOR = Join-Path $root 'out/emulator/BedrockCompliance.Emulator.dll'
Remove-Item Env:AWS_MAX_ATTEMPTS -ErrorAction SilentlyContinue
if ($RetryMode) { $env:AWS_RETRY_MODE = $RetryMode } else { Remove-Item Env:AWS_RETRY_MODE -ErrorAction SilentlyContinue }
$runtimeOps = 'Converse', 'ConverseStream', 'InvokeModel', 'InvokeModelWithResponseStream', 'CountTokens', 'ApplyGuardrail'
# Not rate-limited by the emulator (their AWS quotas are far higher than Bedrock's).
$unlimited = 'AssumeRole', 'GetCallerIdentity', 'DescribeTrails', 'GetTrailStatus', 'GetEventSelectors', 'DescribeVpcEndpoints'
$work = Join-Path ([IO.Path]::GetTempPath()) "bc-rollout-scale-$PID"
New-Item -ItemType Directory -Force -Path $work | Out-Null
# The dotnet tool's pwsh.dll run by the dotnet host itself ('dotnet pwsh' would start it as a further process).
# @(…) around the whole if: a one-element array assigned from an if statement would unroll to a string.
$childPwsh = @(if ($AsInstalled) { 'dotnet', (Join-Path $PSHOME 'pwsh.dll') } else { Get-PrecompiledPwsh -CacheRoot (Join-Path $root 'out/bench') })
$childEnv = [ordered]@{}
if ($Tuned) { $childEnv.DOTNET_gcServer = '1'; $childEnv.DOTNET_TieredPGO = '0'; $childEnv.DOTNET_ThreadPool_UnfairSemaphoreSpinLimit = '0' }
foreach ($k in $ChildEnvironment.Keys) { $childEnv[$k] = [string]$ChildEnvironment[$k] }
$pwshKind = if ($AsInstalled) { 'pwsh as installed (the IL-only dotnet tool)' } else { 'pwsh with its own assemblies precompiled (as the official packages ship)' }
$load = { (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -replace '^(\S+ \S+ \S+).*', '$1' }
"Rollout on $pwshKind$(if ($childEnv.Count) { '; its environment: ' + (@($childEnv.Keys | ForEach-Object { "$_=$($childEnv[$_])" }) -join ' ') })$(if ($WarmUpAccounts) { "; measured after an unmeasured warm-up rollout over $WarmUpAccounts further accounts in the same process" })"
"Rollout at scale: latency $LatencyMs ms, emulator --rate-limit $RateLimit per account x Region x service, -ThrottleLimit $ThrottleLimit, retry mode $(if ($RetryMode) { $RetryMode } else { 'default' }), AWS_MAX_ATTEMPTS unset, $([Environment]::ProcessorCount) cores; load average $(& $load)"
'{0,9} {1,7} {2,8} {3,8} {4,6} {5,8} {6,9} {7,8} {8,9} {9,7} {10,6}' -f 'Accounts', 'Regions', 'Calls', 'Wall s', 'Bound', 'Effic.', 'CPU/call', 'Peak WS', 'Throttled', 'Checks', 'Errors'
for ($i = 0; $i -lt $Sizes.Count; $i++) {
    $n = $Sizes[$i]; $r = if ($i -lt $Regions.Count) { $Regions[$i] } else { 1 }
    $emulator = Start-TestEmulator -ArgumentList '--accounts', ($n + $WarmUpAccounts), '--latency-ms', $LatencyMs, '--rate-limit', $RateLimit
    try {
        Set-TestAwsEnvironment $emulator
        $ledger = Join-Path $work "rollout-$n-$r.jsonl"
        $childArgs = @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath, '-Child', '-Accounts', $n, '-RegionCount', $r, '-Ledger', $ledger,
            '-ThrottleLimit', $ThrottleLimit, '-WarmUpAccounts', $WarmUpAccounts, '-Marker', (Join-Path $work "marker-$n-$r"))
        $measured = Invoke-MeasuredChild $childPwsh $childArgs (Join-Path $work "marker-$n-$r") (Join-Path $work "child-$n-$r")
        $run = ($measured.Output | Select-Object -Last 1) | ConvertFrom-Json
        $state = Get-EmulatorState $emulator
        # The rate-limited calls of the busiest account x service (both Regions counted together, hence / $r).
        $busiest = 0
        foreach ($a in $state.accounts) {
            $byService = @{}
            foreach ($p in $a.calls.PSObject.Properties) {
                if ($p.Name -in $unlimited) { continue }
                $svc = if ($p.Name -in $runtimeOps) { 'runtime' } else { 'bedrock' }
                $byService[$svc] = $byService[$svc] + [int]$p.Value.total
            }
            foreach ($v in $byService.Values) { if ($v / $r -gt $busiest) { $busiest = $v / $r } }
        }
        $calls = [int]$state.totals.calls - $run.WarmUp.Calls
        $bound = [math]::Max($calls * $LatencyMs / 1000.0 / $ThrottleLimit, $busiest / $RateLimit)
        $row = [pscustomobject]@{
            Accounts = $n; Regions = $r; Calls = $calls; Wall = $run.Seconds; Bound = $bound; Efficiency = $bound / $run.Seconds
            CpuPerCallUs = $run.CpuSeconds / $calls * 1e6; PeakMiB = $run.PeakWorkingSetMiB; Throttled = [int]$state.totals.throttled - $run.WarmUp.Throttled
            Checks = $run.Verified; Expected = $n * $r * $approved.Count; Errors = $run.ErrorCount; ErrorText = $run.Errors
        }
        '{0,9:N0} {1,7} {2,8:N0} {3,8:N1} {4,6:N1} {5,8:N2} {6,7:N0}us {7,5:N0}MiB {8,9:N0} {9,7:N0} {10,6}' -f $row.Accounts, $row.Regions, $row.Calls,
            $row.Wall, $row.Bound, $row.Efficiency, $row.CpuPerCallUs, $row.PeakMiB, $row.Throttled, $row.Checks, $row.Errors
        "          in the module process: {0:N1} s CPU; JIT {1:N0} methods, {2:N1} s; {3:N0} MiB allocated; {9} GC: gen0/1/2 {4}, paused {7:N2} s; GC heap {5:N0} MiB of {6:N0} MiB committed at the end, {8:N0} MiB live after a full GC" -f $run.CpuSeconds, $run.JitMethods, $run.JitSeconds, $run.AllocatedMiB, $run.Gcs, $run.GcHeapMiB, $run.GcCommittedMiB, $run.GcPauseSeconds, $run.LiveMiB, $run.GcMode
        if ($measured.Threads) {
            $t = $measured.Threads
            "          by thread: tiered compilation (JIT) {0:N1} s, thread-pool workers {1:N1} s, pipeline thread {2:N1} s, other {3:N1} s; without the JIT thread {4:N0} us per call" -f $t.Jit, $t.Workers, $t.Pipeline, $t.Other, (($run.CpuSeconds - $t.Jit) / $calls * 1e6)
        }
        "          thread pool: {0:N0} work items ({1:N1} per call), {2} threads at the end; {3:N0} lock contentions" -f $run.WorkItems, ($run.WorkItems / $calls), $run.PoolThreads, $run.LockContentions
        if ($run.WarmUp.Calls) { "          warm-up: {0:N0} calls over {1:N0} accounts before the measured pipeline (not counted above), {2:N0} throttled, {3:N0} errors" -f $run.WarmUp.Calls, $WarmUpAccounts, $run.WarmUp.Throttled, $run.WarmUp.Errors }
        foreach ($e in $row.ErrorText) { "          error: $e" }
        if ($row.Checks -ne $row.Expected) { "          access checks passed: $($row.Checks) of $($row.Expected)" }
        Remove-Item $ledger -Force -ErrorAction SilentlyContinue
    } finally { Stop-TestEmulator $emulator }
}
if ($Floor) {
    $emulator = Start-TestEmulator -ArgumentList '--accounts', 1, '--latency-ms', $LatencyMs
    try {
        $f = (& $childPwsh[0] @($childPwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $PSCommandPath -FloorChild -Url $emulator.Url -Accounts 40 -ThrottleLimit $ThrottleLimit | Select-Object -Last 1) | ConvertFrom-Json
        "Floor: .NET HttpClient alone, {0:N0} unsigned GETs {1} at a time against the same emulator: {2:N0} us CPU per request" -f $f.Requests, $ThrottleLimit, ($f.CpuSeconds / $f.Requests * 1e6)
    } finally { Stop-TestEmulator $emulator }
}
"Ideal bound: max(calls x $LatencyMs ms / $ThrottleLimit, busiest account x service's rate-limited calls / $RateLimit per s); efficiency = bound / wall (target >= 0.8 at 1,000 accounts)"
"CPU/call: the module's pwsh process CPU time during the pipeline / every call the emulator answered (target <= 200 us); Peak WS: that process's peak working set (target <= 1 GiB at 2,000 x 2)"
"load average after: $(& $load)"
Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
