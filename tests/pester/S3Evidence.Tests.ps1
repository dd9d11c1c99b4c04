# Evidence in S3 (issue 18.4): the built module in fresh pwsh processes against the emulator's S3, as runners would.
# The bucket is created, and tampering is attempted, with the official AWSSDK.S3 the module ships (in a child pwsh,
# so this process keeps only the module's private copy).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $script:pwsh = Join-Path $PSHOME 'pwsh'
    $script:moduleDir = Split-Path (Get-TestModulePath)

    # Runs AWSSDK.S3 calls in a child pwsh; $Body is a script that gets $s3 (an AmazonS3Client) and returns objects.
    function script:Invoke-S3 {
        param([string] $Body)
        $sdk = Get-ChildItem $script:moduleDir -Recurse -Filter 'AWSSDK.S3.dll' | Select-Object -First 1
        $dir = $sdk.DirectoryName
        $script = @"
`$ErrorActionPreference = 'Stop'
foreach (`$name in 'System.IO.Hashing', 'AWSSDK.Core', 'AWSSDK.S3') { Add-Type -Path (Join-Path '$dir' "`$name.dll") }
`$config = [Amazon.S3.AmazonS3Config]::new()
`$config.ServiceURL = '$($script:emulator.Url)'
`$config.ForcePathStyle = `$true
`$config.AuthenticationRegion = 'us-east-1'
`$s3 = [Amazon.S3.AmazonS3Client]::new('AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', `$config)
function Wait([object] `$task) { `$task.GetAwaiter().GetResult() }
function Code([object] `$e) { while (`$e -and -not `$e.PSObject.Properties['ErrorCode']) { `$e = `$e.InnerException }; if (`$e) { `$e.ErrorCode } else { 'none' } }
& { $Body } | ConvertTo-Json -Depth 4 -Compress
"@
        $out = & $script:pwsh -NoProfile -NonInteractive -Command $script 2>&1
        if ($LASTEXITCODE -ne 0) { throw "AWSSDK.S3 child failed: $out" }
        ($out | Select-Object -Last 1) | ConvertFrom-Json
    }
}
AfterAll { Stop-TestEmulator $script:emulator }

Describe 'Evidence in S3 with Object Lock' {
    BeforeAll {
        Set-TestAwsEnvironment $script:emulator
        $script:bucket = 'evidence-pester'
        Invoke-S3 @"
`$r = [Amazon.S3.Model.PutBucketRequest]::new(); `$r.BucketName = '$script:bucket'; `$r.ObjectLockEnabledForBucket = `$true
Wait (`$s3.PutBucketAsync(`$r)) | Out-Null
'created'
"@ | Should -Be 'created'
        $script:chain = "s3://$script:bucket/runners/prod"
    }

    It 'takes 4 processes appending to one chain at once: nothing lost, nothing interleaved, the chain valid' {
        $perProcess = 6
        $child = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-TestModulePath)'
`$ids = foreach (`$i in 1..$perProcess) {
    Test-BedrockDataPrivacy -Check RegionAllowed -AllowedRegion 'us-*' -EvidencePath '$script:chain' -RetentionDays 1 -RetentionMode Compliance -Verbose 4>&1 |
        Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] -and `$_.Message -match 'correlation id (\S+) \(from [^)]*\)\.$' } |
        ForEach-Object { `$Matches[1] }
}
`$ids -join ','
"@
        $jobs = 1..4 | ForEach-Object {
            $out = Join-Path $TestDrive "runner$_.out"
            [pscustomobject]@{ Out = $out; Process = Start-Process -FilePath $script:pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-Command', $child `
                -RedirectStandardOutput $out -RedirectStandardError "$out.err" -PassThru }
        }
        $jobs | ForEach-Object { $_.Process.WaitForExit(180000) | Should -BeTrue; $_.Process.ExitCode | Should -Be 0 -Because (Get-Content "$($_.Out).err" -Raw) }
        $runIds = @($jobs | ForEach-Object { (Get-Content $_.Out -Raw).Trim() -split ',' } | Where-Object { $_ })
        $runIds.Count | Should -Be (4 * $perProcess)

        # A figure, not an assertion (how often runners collided depends on timing): conditional PUTs beyond one per record lost a race and retried.
        $puts = [int]((Get-EmulatorState $script:emulator).accounts | Where-Object accountId -eq '111111111111').calls.PutObject.total
        Write-Host "    4 runners, $(4 * $perProcess) records: $puts conditional PutObject calls ($($puts - 4 * $perProcess) lost races retried)"
        $records = @(Get-BedrockComplianceEvidence -EvidencePath $script:chain)
        $records.Count | Should -Be (4 * $perProcess)
        ($records.Sequence -join ',') | Should -Be ((1..(4 * $perProcess)) -join ',')
        @($records.CorrelationId | Sort-Object) | Should -Be @($runIds | Sort-Object) -Because 'every run recorded exactly its one record'
        $records | ForEach-Object { $_.Action | Should -Be 'PrivacyChecked' }

        $result = Test-BedrockComplianceEvidence -EvidencePath $script:chain
        $result.Valid | Should -BeTrue -Because $result.Message
        $result.RecordCount | Should -Be (4 * $perProcess)
        Test-BedrockComplianceEvidence -EvidencePath $script:chain -Quiet | Should -BeTrue

        $csv = Join-Path $TestDrive 'chain.csv'
        Export-BedrockComplianceEvidence -EvidencePath $script:chain -Path $csv
        @(Import-Csv $csv).Count | Should -Be (4 * $perProcess)
    }

    It 'refuses to delete or overwrite a record within its retention, and reads the original after a forged version' {
        $key = 'runners/prod/00000000000000000001.jsonl'
        $attempt = Invoke-S3 @"
`$head = Wait (`$s3.GetObjectMetadataAsync('$script:bucket', '$key'))
`$result = [ordered]@{ Mode = "`$(`$head.ObjectLockMode)"; Until = `$head.ObjectLockRetainUntilDate.ToUniversalTime().ToString('o') }
try {
    `$d = [Amazon.S3.Model.DeleteObjectRequest]::new(); `$d.BucketName = '$script:bucket'; `$d.Key = '$key'; `$d.VersionId = `$head.VersionId; `$d.BypassGovernanceRetention = `$true
    Wait (`$s3.DeleteObjectAsync(`$d)) | Out-Null; `$result.Delete = 'deleted'
} catch { `$result.Delete = Code `$_.Exception }
try {
    `$p = [Amazon.S3.Model.PutObjectRequest]::new(); `$p.BucketName = '$script:bucket'; `$p.Key = '$key'; `$p.ContentBody = 'forged'; `$p.IfNoneMatch = '*'
    Wait (`$s3.PutObjectAsync(`$p)) | Out-Null; `$result.ConditionalOverwrite = 'written'
} catch { `$result.ConditionalOverwrite = Code `$_.Exception }
`$p = [Amazon.S3.Model.PutObjectRequest]::new(); `$p.BucketName = '$script:bucket'; `$p.Key = '$key'; `$p.ContentBody = '{"v":1,"forged":true}'
`$p.ChecksumAlgorithm = [Amazon.S3.ChecksumAlgorithm]::SHA256
`$result.PlainOverwrite = (Wait (`$s3.PutObjectAsync(`$p))).VersionId
[pscustomobject]`$result
"@
        $attempt.Mode | Should -Be 'COMPLIANCE'
        [DateTime]::Parse($attempt.Until).ToUniversalTime() | Should -BeGreaterThan ([DateTime]::UtcNow.AddHours(23))
        $attempt.Delete | Should -Be 'AccessDenied'
        $attempt.ConditionalOverwrite | Should -Be 'PreconditionFailed'
        $attempt.PlainOverwrite | Should -Not -BeNullOrEmpty -Because 'a versioned bucket takes a plain PUT as a new version'

        # The chain is read from each key's original, locked version: the forged one changes nothing.
        $result = Test-BedrockComplianceEvidence -EvidencePath $script:chain
        $result.Valid | Should -BeTrue -Because $result.Message
        (Get-BedrockComplianceEvidence -EvidencePath $script:chain | Select-Object -First 1).Action | Should -Be 'PrivacyChecked'
    }

    It 'reaches the chain with the credentials the cmdlet was given (-AccessKey/-SecretKey), as its AWS calls are' {
        $chain = "s3://$script:bucket/runners/explicit-keys"
        $saved = $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY
        Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY
        try {
            $checks = Test-BedrockDataPrivacy -Check RegionAllowed -AllowedRegion 'us-*' -EvidencePath $chain `
                -AccessKey 'AKIAIOSFODNN7EXAMPLE' -SecretKey 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' -ErrorAction Stop
        } finally { $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY = $saved }
        $checks.Status | Should -Be 'Pass'
        $records = @(Get-BedrockComplianceEvidence -EvidencePath $chain)
        $records.Action | Should -Be @('PrivacyChecked')
        $records[0].Id | Should -Be $checks.EvidenceId
    }

    It 'names a malformed location and what is expected' {
        { Get-BedrockComplianceEvidence -EvidencePath 's3://Bad_Bucket/x' -ErrorAction Stop } |
            Should -Throw -ErrorId 'EvidenceLocationInvalid,BedrockCompliance.Commands.GetBedrockComplianceEvidenceCommand'
    }

    It 'reports a bucket that does not exist as an evidence read error' {
        Get-BedrockComplianceEvidence -EvidencePath 's3://no-such-evidence/x' -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        "$($errs[0])" | Should -Match 'NoSuchBucket'
    }
}
