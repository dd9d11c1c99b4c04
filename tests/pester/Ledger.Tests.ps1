# Issue 15 (evidence side) against the built module in a fresh pwsh: ledger path validation, specific I/O errors,
# -Quiet on a missing ledger, acknowledging a torn line, and the README's scheduled job detecting an interrupted run.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $env:AWS_EC2_METADATA_DISABLED = 'true'

    function Get-EngineType([string] $Name) {
        Test-BedrockComplianceEvidence -EvidencePath (Join-Path $TestDrive 'none.jsonl') -Quiet | Out-Null
        $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'BedrockCompliance.Engine' } | Select-Object -First 1
        $engine.GetType("BedrockCompliance.Engine.Evidence.$Name", $true)
    }

    function New-TestLedger([string] $Path, [int] $Count) {
        $ledger = (Get-EngineType 'EvidenceLedger')::Open($Path, (Get-EngineType 'EvidenceContext')::Create('arn:aws:sts::111111111111:assumed-role/Admin/alice', $null), $null)
        foreach ($i in 1..$Count) {
            $ledger.Append([BedrockCompliance.EvidenceRecord]@{ Action = 'AccessVerified'; Outcome = 'Succeeded'; AccountId = '111111111111'; Region = 'us-east-1'; ModelId = "amazon.nova-$i" }, [Threading.CancellationToken]::None) | Out-Null
        }
    }

    # The child pwsh: the same host this run uses (pwsh, or 'dotnet pwsh.dll' under the local tool).
    function Get-ChildPwsh {
        $exe = [Environment]::ProcessPath
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, [Environment]::GetCommandLineArgs()[0]) }
        @($exe)
    }

    # The README's rollout.ps1, with its work section replaced by $Work and the module imported from the build.
    function Get-ReadmeRollout([string] $Work) {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $m = [regex]::Match($readme, '(?s)```powershell\n(#!/usr/bin/env pwsh\n# rollout\.ps1.*?)```')
        $m.Success | Should -BeTrue -Because 'the README has the scheduled rollout script'
        $script = $m.Groups[1].Value
        $script | Should -Match '# --- work ---' -Because 'the README marks the work section'
        $script = [regex]::Replace($script, '(?s)# --- work ---.*?# --- end of work ---', "# work`n$Work`n")
        $script.Replace('Import-Module BedrockCompliance', "Import-Module '$(Get-TestModulePath)'")
    }

    # The README's wrapper: pwsh's exit code, turned into 5 when the marker shows the run did not finish.
    function Invoke-ReadmeWrapper([string] $Folder, [int] $ExitCode) {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $m = [regex]::Match($readme, '(?s)```powershell\n(pwsh -NoProfile -File ./rollout\.ps1.*?)```')
        $m.Success | Should -BeTrue -Because 'the README shows how the scheduler runs the job'
        $body = $m.Groups[1].Value -replace '(?m)^pwsh .*?;\s*\$rc = \$LASTEXITCODE', "`$rc = $ExitCode" -replace '(?m)^exit \$rc', '$rc'
        Push-Location $Folder
        try { & ([scriptblock]::Create($body)) } finally { Pop-Location }
    }
}

Describe 'Ledger paths and I/O errors' {
    AfterEach { Remove-Item Env:BEDROCK_COMPLIANCE_EVIDENCE -ErrorAction SilentlyContinue }

    It 'refuses /dev/null named by the environment variable, for readers, instead of reading nothing' -Skip:($IsWindows) {
        $env:BEDROCK_COMPLIANCE_EVIDENCE = '/dev/null'
        { Test-BedrockComplianceEvidence -ErrorAction Stop } | Should -Throw -ErrorId 'EvidencePathNotRegularFile*'
        try { Test-BedrockComplianceEvidence -ErrorAction Stop } catch { $_.Exception.Message | Should -Match 'BEDROCK_COMPLIANCE_EVIDENCE' }
    }

    It 'refuses a blank -EvidencePath' {
        { Test-BedrockComplianceEvidence -EvidencePath '   ' -ErrorAction Stop } | Should -Throw -ErrorId 'EvidencePathInvalid*'
    }

    It 'stops a recording cmdlet before any AWS call when the ledger is a directory or below a file' {
        $env:AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'; $env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
        $env:AWS_ENDPOINT_URL = 'http://127.0.0.1:9'   # nothing listens: an AWS call would fail differently
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive 'ledger-dir')
        { New-BedrockModelAgreement -ModelId amazon.nova-pro-v1:0 -Region us-east-1 -EvidencePath $dir.FullName -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'EvidenceLedgerIsDirectory*'
        $file = New-Item -ItemType File (Join-Path $TestDrive 'a-file')
        { Test-BedrockModelAccess -ModelId amazon.nova-pro-v1:0 -Region us-east-1 -EvidencePath (Join-Path $file.FullName 'evidence.jsonl') -ErrorAction Stop } |
            Should -Throw -ErrorId 'EvidenceLedgerPathInvalid*'
        Remove-Item Env:AWS_ENDPOINT_URL
    }

    It '-Quiet answers $false for a missing ledger without an error, even with ErrorAction Stop' {
        $ErrorActionPreference = 'Stop'
        Test-BedrockComplianceEvidence -EvidencePath (Join-Path $TestDrive 'missing.jsonl') -Quiet | Should -BeFalse
    }
}

Describe 'Acknowledging a torn line' {
    It 'records a TornLineAcknowledged record after review, and the ledger is valid again' {
        $path = Join-Path $TestDrive 'torn.jsonl'
        New-TestLedger $path 2
        $first = [IO.File]::ReadAllLines($path)[0]
        [IO.File]::AppendAllText($path, $first.Substring(0, 60))   # a crash while writing
        New-TestLedger $path 1
        $before = Test-BedrockComplianceEvidence -EvidencePath $path
        $before.Valid | Should -BeFalse
        $before.ChainIntact | Should -BeTrue
        Test-BedrockComplianceEvidence -EvidencePath $path -AcknowledgeTornLine -WhatIf | Out-Null
        (Get-BedrockComplianceEvidence -EvidencePath $path -Action TornLineAcknowledged -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        $after = Test-BedrockComplianceEvidence -EvidencePath $path -AcknowledgeTornLine -Confirm:$false
        $after.Valid | Should -BeTrue
        $after.AcknowledgedTornLineCount | Should -Be 1
        $ack = Get-BedrockComplianceEvidence -EvidencePath $path -Action TornLineAcknowledged -ErrorAction SilentlyContinue
        $ack.Details | Should -Match '^torn line 3 sha256=[0-9a-f]{64}'
        Test-BedrockComplianceEvidence -EvidencePath $path -Quiet | Should -BeTrue
    }
}

Describe 'The README scheduled job' {
    It 'exits 0 and leaves no marker when it runs to the end' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'complete')
        $ledger = Join-Path $folder 'evidence.jsonl'
        New-TestLedger $ledger 1
        Set-Content (Join-Path $folder 'rollout.ps1') (Get-ReadmeRollout -Work '$failures = @()')
        $env:BEDROCK_COMPLIANCE_EVIDENCE = $ledger
        try {
            $pwsh = Get-ChildPwsh
            & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $folder 'rollout.ps1') *> $null
            $LASTEXITCODE | Should -Be 0
        } finally { Remove-Item Env:BEDROCK_COMPLIANCE_EVIDENCE }
        Test-Path (Join-Path $folder 'rollout.incomplete') | Should -BeFalse
        Invoke-ReadmeWrapper -Folder $folder -ExitCode 0 | Should -Be 0
    }

    It 'is detected as incomplete when Ctrl+C (SIGINT) stops it, although pwsh exits 0' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'interrupted')
        Set-Content (Join-Path $folder 'rollout.ps1') (Get-ReadmeRollout -Work 'Start-Sleep -Seconds 120')
        $command = @(Get-ChildPwsh) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $folder 'rollout.ps1'))
        # A process started in the background by a non-interactive shell (`.ci/run &`) ignores SIGINT, and so does every
        # process it starts: the runtime then leaves Ctrl+C ignored. Start the job as a scheduler would, with SIGINT at
        # its default (GNU env; elsewhere the job inherits this process's disposition).
        if ($IsLinux -and $(& env --default-signal=INT true 2>$null; $LASTEXITCODE -eq 0)) { $command = @('env', '--default-signal=INT') + $command }
        $psi = [Diagnostics.ProcessStartInfo]::new($command[0])
        foreach ($a in @($command | Select-Object -Skip 1)) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
        $psi.Environment['BEDROCK_COMPLIANCE_EVIDENCE'] = Join-Path $folder 'evidence.jsonl'
        $child = [Diagnostics.Process]::Start($psi)
        $out = $child.StandardOutput.ReadToEndAsync(); $err = $child.StandardError.ReadToEndAsync()
        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        while (-not (Test-Path (Join-Path $folder 'rollout.incomplete')) -and [DateTime]::UtcNow -lt $deadline -and -not $child.HasExited) { Start-Sleep -Milliseconds 200 }
        # (Only read the child's stderr once it has exited: .Result waits for the end of the stream.)
        $started = Test-Path (Join-Path $folder 'rollout.incomplete')
        if (-not $started -and $child.HasExited) { $started | Should -BeTrue -Because "the job writes its marker first ($($err.Result))" }
        $started | Should -BeTrue -Because 'the job writes its marker first'

        Start-Sleep -Milliseconds 500
        # The pwsh running this script (by its unique path: a host may sit between Process.Start and pwsh).
        $target = @(& pgrep -f ([regex]::Escape((Join-Path $folder 'rollout.ps1'))))[-1]
        & kill -s INT $target
        $LASTEXITCODE | Should -Be 0 -Because "SIGINT reached pwsh $target"
        $child.WaitForExit(60000) | Should -BeTrue -Because 'SIGINT stops the script (long before its 120 s of work end)'
        $code = $child.ExitCode
        Write-Host "pwsh exit code after SIGINT: $code"
        # The marker is what tells: the README wrapper turns the run into exit 5 whatever pwsh returned.
        Test-Path (Join-Path $folder 'rollout.incomplete') | Should -BeTrue
        Invoke-ReadmeWrapper -Folder $folder -ExitCode $code | Should -Be 5
    }
}
