# Evidence cmdlets against the built module in a fresh pwsh.
# Recording: the module deliberately has no public "write evidence" cmdlet (that would let anyone forge
# evidence from a script). The tests record the way every other cmdlet does, through the engine's
# EvidenceLedger API, reached by reflection on the engine assembly the module loaded into its private
# load context (the exact shipped binaries, not a copy). The helper lives in this file only.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $env:AWS_EC2_METADATA_DISABLED = 'true'

    function Get-EvidenceEngineType([string] $Name) {
        # Any evidence cmdlet loads the engine; a missing file is fine for that.
        Test-BedrockComplianceEvidence -EvidencePath (Join-Path $TestDrive 'none.jsonl') -ErrorAction SilentlyContinue | Out-Null
        $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'BedrockCompliance.Engine' } | Select-Object -First 1
        $engine.GetType("BedrockCompliance.Engine.Evidence.$Name", $true)
    }

    function Write-TestEvidence {
        param([string] $Path, [hashtable[]] $Record, [string] $PrincipalArn = 'arn:aws:sts::111111111111:assumed-role/Admin/alice')
        $context = (Get-EvidenceEngineType 'EvidenceContext')::Create($PrincipalArn, $null)
        $ledger = (Get-EvidenceEngineType 'EvidenceLedger')::Open($Path, $context, $null)
        foreach ($r in $Record) { $ledger.Append([BedrockCompliance.EvidenceRecord]$r, [Threading.CancellationToken]::None) }
    }

    function New-SampleLedger([string] $Path) {
        Write-TestEvidence -Path $Path -Record @(
            @{ Action = 'AgreementIntent'; Outcome = 'Pending'; AccountId = '111111111111'; Region = 'us-east-1'; ModelId = 'meta.llama3-1-70b-instruct-v1:0'; Provider = 'Meta'; LicenseCategory = 'OpenWeight'; LicenseName = 'Llama 3.1 Community License' }
            @{ Action = 'AgreementAccepted'; Outcome = 'Succeeded'; AccountId = '111111111111'; Region = 'us-east-1'; ModelId = 'meta.llama3-1-70b-instruct-v1:0'; Provider = 'Meta'; OfferId = 'offer-1'; LegalTermUrl = 'https://www.llama.com/llama3_1/license/' }
            @{ Action = 'UseCaseSubmitted'; Outcome = 'Succeeded'; AccountId = '222222222222'; Region = 'eu-west-1'; ModelId = 'anthropic.claude-3-5-sonnet-20241022-v2:0'; Provider = 'Anthropic'; UseCase = 'Internal ticket summaries' }
            @{ Action = 'PolicyDenied'; Outcome = 'Denied'; AccountId = '222222222222'; Region = 'eu-west-1'; ModelId = 'deepseek.r1-v1:0'; Details = '=HYPERLINK("http://evil.example","x")' }
        )
    }
}

Describe 'Evidence cmdlets' {
    It 'are exported with their output types' {
        (Get-Command Get-BedrockComplianceEvidence).OutputType.Name | Should -Contain 'BedrockCompliance.EvidenceRecord'
        (Get-Command Test-BedrockComplianceEvidence).OutputType.Name | Should -Contain 'BedrockCompliance.EvidenceVerificationResult'
        (Get-Command Export-BedrockComplianceEvidence).OutputType.Name | Should -Contain 'System.IO.FileInfo'
        (Get-Command Export-BedrockComplianceEvidence).Parameters.Keys | Should -Contain 'WhatIf'
    }
}

Describe 'Record, get, test, export round trip' {
    BeforeAll {
        $ledger = Join-Path $TestDrive 'evidence.jsonl'
        New-SampleLedger $ledger
    }

    It 'gets typed records in order with the context filled in' {
        $records = Get-BedrockComplianceEvidence -EvidencePath $ledger
        $records.Count | Should -Be 4
        $records | Should -BeOfType ([BedrockCompliance.EvidenceRecord])
        $records.Sequence | Should -Be @(1, 2, 3, 4)
        $records[0].PrincipalArn | Should -Be 'arn:aws:sts::111111111111:assumed-role/Admin/alice'
        $records[0].Machine | Should -Be ([Environment]::MachineName)
        $records[0].ModuleVersion | Should -Be (Get-Module BedrockCompliance).Version.ToString()
        ($records.CorrelationId | Sort-Object -Unique).Count | Should -Be 1
        $records[0].Timestamp.Kind | Should -Be 'Utc'
    }

    It 'filters by account, model (wildcards), action, time and correlation id' {
        (Get-BedrockComplianceEvidence -EvidencePath $ledger -AccountId 222222222222).Count | Should -Be 2
        (Get-BedrockComplianceEvidence -EvidencePath $ledger -ModelId 'meta.*').Count | Should -Be 2
        (Get-BedrockComplianceEvidence -EvidencePath $ledger -Action AgreementAccepted, PolicyDenied).Sequence | Should -Be @(2, 4)
        (Get-BedrockComplianceEvidence -EvidencePath $ledger -Since (Get-Date).AddMinutes(-10) -Until (Get-Date).AddMinutes(1)).Count | Should -Be 4
        Get-BedrockComplianceEvidence -EvidencePath $ledger -Since (Get-Date).AddDays(1) | Should -BeNullOrEmpty
        $cid = (Get-BedrockComplianceEvidence -EvidencePath $ledger | Select-Object -First 1).CorrelationId
        (Get-BedrockComplianceEvidence -EvidencePath $ledger -CorrelationId $cid).Count | Should -Be 4
    }

    It 'uses BEDROCK_COMPLIANCE_EVIDENCE when -EvidencePath is not given' {
        $env:BEDROCK_COMPLIANCE_EVIDENCE = $ledger
        try { (Get-BedrockComplianceEvidence).Count | Should -Be 4 }
        finally { Remove-Item Env:BEDROCK_COMPLIANCE_EVIDENCE }
    }

    It 'verifies the chain: one result object, and -Quiet gives a boolean' {
        $r = Test-BedrockComplianceEvidence -EvidencePath $ledger
        $r | Should -BeOfType ([BedrockCompliance.EvidenceVerificationResult])
        $r.Valid | Should -BeTrue
        $r.RecordCount | Should -Be 4
        $r.LastHash | Should -Match '^[0-9a-f]{64}$'
        $r.LastHash | Should -Be (Get-BedrockComplianceEvidence -EvidencePath $ledger)[-1].Hash
        Test-BedrockComplianceEvidence $ledger -Quiet | Should -BeExactly $true
        Test-BedrockComplianceEvidence $ledger -Quiet -ExpectedHash $r.LastHash | Should -BeExactly $true
    }

    It 'exports to a TestDrive: path and Import-Csv reads back the exact columns and values' {
        $file = Export-BedrockComplianceEvidence -Path 'TestDrive:\evidence.csv' -EvidencePath $ledger -PassThru
        $file.FullName | Should -Be (Join-Path $TestDrive 'evidence.csv')
        $rows = Import-Csv -LiteralPath $file.FullName
        $rows.Count | Should -Be 4
        $expected = 'Sequence', 'Timestamp', 'Action', 'Outcome', 'AccountId', 'Region', 'ModelId', 'Provider', 'LicenseCategory',
            'LicenseName', 'OfferId', 'LegalTermUrl', 'UseCase', 'PrincipalArn', 'OsUser', 'Machine', 'CorrelationId',
            'ModuleVersion', 'Details', 'Id', 'LineNumber', 'PrevHash', 'Hash',
            # appended by issue 17 (decisions and provenance); the columns before them are unchanged
            'AccountName', 'SourceArn', 'SourceIdentity', 'PolicyName', 'PolicySha256', 'Verdict', 'ReasonCodes', 'ApprovedBy', 'ApprovedOn',
            'ApprovalReference', 'ApprovalExpiresOn', 'CloudTrailEventId', 'EventTime', 'AcceptedVia'
        $rows[0].PSObject.Properties.Name | Should -Be $expected
        $records = Get-BedrockComplianceEvidence -EvidencePath $ledger
        for ($i = 0; $i -lt 4; $i++) {
            $rows[$i].Id | Should -Be $records[$i].Id.ToString()
            $rows[$i].Hash | Should -Be $records[$i].Hash
            $rows[$i].Action | Should -Be $records[$i].Action
            $rows[$i].ModelId | Should -Be $records[$i].ModelId
            $rows[$i].Timestamp | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
            [datetime]::Parse($rows[$i].Timestamp, [cultureinfo]::InvariantCulture, 'AdjustToUniversal') | Should -Be $records[$i].Timestamp
        }
        $rows[2].UseCase | Should -Be 'Internal ticket summaries'
        $rows[3].Details | Should -Be ('''' + '=HYPERLINK("http://evil.example","x")')  # neutralised formula
        [IO.File]::ReadAllBytes($file.FullName)[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
    }

    It 'exports with filters' {
        Export-BedrockComplianceEvidence -LiteralPath (Join-Path $TestDrive 'denied.csv') -EvidencePath $ledger -Action PolicyDenied
        (Import-Csv (Join-Path $TestDrive 'denied.csv')).Sequence | Should -Be '4'
    }

    It '-WhatIf writes nothing' {
        $target = Join-Path $TestDrive 'whatif.csv'
        Export-BedrockComplianceEvidence -Path $target -EvidencePath $ledger -WhatIf
        Test-Path $target | Should -BeFalse
        Get-ChildItem $TestDrive -Filter '*.tmp' -Force | Should -BeNullOrEmpty
        'keep' | Set-Content $target
        Export-BedrockComplianceEvidence -Path $target -EvidencePath $ledger -WhatIf
        Get-Content $target | Should -Be 'keep'
    }

    It '-NoClobber refuses to overwrite; without it the file is replaced' {
        $target = Join-Path $TestDrive 'noclobber.csv'
        'old' | Set-Content $target
        { Export-BedrockComplianceEvidence -Path $target -EvidencePath $ledger -NoClobber -ErrorAction Stop } |
            Should -Throw -ErrorId 'FileExists,BedrockCompliance.Commands.ExportBedrockComplianceEvidenceCommand'
        Get-Content $target | Should -Be 'old'
        Export-BedrockComplianceEvidence -Path $target -EvidencePath $ledger
        (Import-Csv $target).Count | Should -Be 4
    }

    It 'needs -Force to overwrite a read-only file' {
        $target = Join-Path $TestDrive 'readonly.csv'
        'old' | Set-Content $target
        (Get-Item $target).IsReadOnly = $true
        { Export-BedrockComplianceEvidence -Path $target -EvidencePath $ledger -ErrorAction Stop } |
            Should -Throw -ErrorId 'FileReadOnly,BedrockCompliance.Commands.ExportBedrockComplianceEvidenceCommand'
        Export-BedrockComplianceEvidence -Path $target -EvidencePath $ledger -Force
        (Import-Csv $target).Count | Should -Be 4
        (Get-Item $target).IsReadOnly | Should -BeTrue
        (Get-Item $target).IsReadOnly = $false
    }

    It 'resolves a wildcard -Path to the one existing file' {
        $target = Join-Path $TestDrive 'wild-card-target.csv'
        'old' | Set-Content $target
        Export-BedrockComplianceEvidence -Path (Join-Path $TestDrive 'wild-*-target.csv') -EvidencePath $ledger
        (Import-Csv $target).Count | Should -Be 4
    }

    It 'refuses a wildcard -Path that matches no file or several, naming the value' {
        { Export-BedrockComplianceEvidence -Path (Join-Path $TestDrive 'nothing-*.csv') -EvidencePath $ledger -ErrorAction Stop } |
            Should -Throw -ErrorId 'AmbiguousPath,BedrockCompliance.Commands.ExportBedrockComplianceEvidenceCommand' -ExpectedMessage '*nothing-`**resolves to 0 items*'
        'a' | Set-Content (Join-Path $TestDrive 'many-1.csv'); 'b' | Set-Content (Join-Path $TestDrive 'many-2.csv')
        { Export-BedrockComplianceEvidence -Path (Join-Path $TestDrive 'many-*.csv') -EvidencePath $ledger -ErrorAction Stop } |
            Should -Throw -ErrorId 'AmbiguousPath,BedrockCompliance.Commands.ExportBedrockComplianceEvidenceCommand' -ExpectedMessage '*resolves to 2 items*'
        Get-Content (Join-Path $TestDrive 'many-1.csv') | Should -Be 'a'
    }

    It 'refuses a path on another provider, for the output and for -EvidencePath' {
        { Export-BedrockComplianceEvidence -LiteralPath 'Env:\NOT_A_FILE' -EvidencePath $ledger -ErrorAction Stop } |
            Should -Throw -ErrorId 'PathNotFileSystem,BedrockCompliance.Commands.ExportBedrockComplianceEvidenceCommand' -ExpectedMessage "*'Env:\NOT_A_FILE'*Environment provider*"
        { Get-BedrockComplianceEvidence -EvidencePath 'Env:\PATH' -ErrorAction Stop } |
            Should -Throw -ErrorId 'PathNotFileSystem,BedrockCompliance.Commands.GetBedrockComplianceEvidenceCommand'
    }

    It 'never overwrites the ledger or its lock file, not even with -Force (OutputIsInput)' {
        $copy = Join-Path $TestDrive 'self.jsonl'
        Copy-Item $ledger $copy
        $before = Get-FileHash $copy
        { Export-BedrockComplianceEvidence -LiteralPath $copy -EvidencePath $copy -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'OutputIsInput,BedrockCompliance.Commands.ExportBedrockComplianceEvidenceCommand' -ExpectedMessage "*self.jsonl*evidence ledger*"
        (Get-FileHash $copy).Hash | Should -Be $before.Hash
        { Export-BedrockComplianceEvidence -LiteralPath "$copy.lock" -EvidencePath $copy -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'OutputIsInput,BedrockCompliance.Commands.ExportBedrockComplianceEvidenceCommand' -ExpectedMessage '*lock file*'
        # The same file reached by another spelling of its path is still the ledger.
        Push-Location $TestDrive
        try {
            { Export-BedrockComplianceEvidence -Path './sub/../self.jsonl' -EvidencePath $copy -Force -ErrorAction Stop } |
                Should -Throw -ErrorId 'OutputIsInput,BedrockCompliance.Commands.ExportBedrockComplianceEvidenceCommand'
        } finally { Pop-Location }
        (Get-FileHash $copy).Hash | Should -Be $before.Hash
    }

    It 'refuses a FIFO and a symlink as the output, even with -Force (OutputNotRegularFile)' -Skip:($IsWindows) {
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive 'special')
        $fifo = Join-Path $dir.FullName 'pipe.csv'
        mkfifo $fifo
        $LASTEXITCODE | Should -Be 0
        $real = Join-Path $dir.FullName 'real.csv'
        'keep' | Set-Content $real
        $link = Join-Path $dir.FullName 'link.csv'
        New-Item -ItemType SymbolicLink -Path $link -Target $real | Out-Null
        # Writing into the FIFO would block without a reader: the command must refuse at once.
        $job = Start-ThreadJob { param($m, $f, $l) Import-Module $m; try { Export-BedrockComplianceEvidence -LiteralPath $f -EvidencePath $l -Force -ErrorAction Stop } catch { $_.FullyQualifiedErrorId } } -ArgumentList $env:BEDROCK_TEST_MODULE, $fifo, $ledger
        $finished = Wait-Job $job -Timeout 30
        $finished | Should -Not -BeNullOrEmpty -Because 'a write into a FIFO blocks; the command must refuse it instead'
        Receive-Job $job | Should -Be 'OutputNotRegularFile,BedrockCompliance.Commands.ExportBedrockComplianceEvidenceCommand'
        Remove-Job $job -Force
        { Export-BedrockComplianceEvidence -LiteralPath $link -EvidencePath $ledger -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'OutputNotRegularFile,BedrockCompliance.Commands.ExportBedrockComplianceEvidenceCommand' -ExpectedMessage '*link.csv*symbolic link*'
        Get-Content $real | Should -Be 'keep'
        (Get-Item $link).LinkType | Should -Be 'SymbolicLink'
        (Get-Item $fifo).Length | Should -Be 0
    }
}

Describe 'Damaged ledgers' {
    It 'reports a tampered record with its line number and reason' {
        $ledger = Join-Path $TestDrive 'tampered.jsonl'
        New-SampleLedger $ledger
        $lines = Get-Content $ledger
        $lines[1] = $lines[1] -replace '"outcome":"Succeeded"', '"outcome":"Failed"'
        $lines | Set-Content $ledger
        $r = Test-BedrockComplianceEvidence -EvidencePath $ledger
        $r.Valid | Should -BeFalse
        $r.FirstBadRecord | Should -Be 2
        $r.Reason | Should -Be 'Edited'
        Test-BedrockComplianceEvidence -EvidencePath $ledger -Quiet | Should -BeExactly $false
        (Test-BedrockComplianceEvidence -EvidencePath $ledger | Out-String) | Should -Match 'False\s+False\s+4\s+2\s+Edited'
    }

    It 'reports a torn tail, and Get and Export never drop it silently' {
        $ledger = Join-Path $TestDrive 'torn.jsonl'
        New-SampleLedger $ledger
        [IO.File]::AppendAllText($ledger, '{"v":1,"id":"a-crash-he')
        $r = Test-BedrockComplianceEvidence -EvidencePath $ledger
        $r.Reason | Should -Be 'Torn'
        $r.FirstBadRecord | Should -Be 5
        $r.ChainIntact | Should -BeTrue

        $records = Get-BedrockComplianceEvidence -EvidencePath $ledger -ErrorVariable errs -ErrorAction SilentlyContinue
        $records.Count | Should -Be 4
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'EvidenceLineInvalid,BedrockCompliance.Commands.GetBedrockComplianceEvidenceCommand'
        $errs[0].Exception.Message | Should -Match 'Line 5'

        $csv = Join-Path $TestDrive 'torn.csv'
        Export-BedrockComplianceEvidence -Path $csv -EvidencePath $ledger -ErrorVariable xerrs -ErrorAction SilentlyContinue
        $xerrs[0].FullyQualifiedErrorId | Should -Be 'EvidenceLineInvalid,BedrockCompliance.Commands.ExportBedrockComplianceEvidenceCommand'
        Test-Path $csv | Should -BeFalse
        Export-BedrockComplianceEvidence -Path $csv -EvidencePath $ledger -IncludeInvalid -WarningVariable warns -WarningAction SilentlyContinue
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 5
        $rows[4].Action | Should -Be 'InvalidLine'
        $rows[4].Outcome | Should -Be 'Torn'
        $rows[4].LineNumber | Should -Be '5'
        $warns.Count | Should -Be 1

        # The next write terminates the torn line and continues the chain.
        Write-TestEvidence -Path $ledger -Record @{ Action = 'AccessVerified'; Outcome = 'Succeeded'; ModelId = 'amazon.nova-pro-v1:0' }
        $r2 = Test-BedrockComplianceEvidence -EvidencePath $ledger
        $r2.RecordCount | Should -Be 5
        $r2.LastSequence | Should -Be 5
        $r2.FirstBadRecord | Should -Be 5
        $r2.ChainIntact | Should -BeTrue
    }

    It 'writes a non-terminating EvidenceLedgerNotFound for a missing ledger' {
        Get-BedrockComplianceEvidence -EvidencePath (Join-Path $TestDrive 'missing.jsonl') -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'EvidenceLedgerNotFound,BedrockCompliance.Commands.GetBedrockComplianceEvidenceCommand'
        Test-BedrockComplianceEvidence -EvidencePath (Join-Path $TestDrive 'missing.jsonl') -Quiet -ErrorAction SilentlyContinue | Should -BeExactly $false
    }
}
