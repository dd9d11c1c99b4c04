# Issue 17 as an auditor sees it, through the built module against the emulator: decisions in the evidence, one run
# one correlation ID, provenance behind assumed roles, acceptances found in CloudTrail (and imported once), and the
# HTML report opened in a real headless browser (Debian's chromium; .ci/run installs it).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $script:policy = Join-Path $PSScriptRoot '../../examples/policy.json'
    $script:policySha = (Get-FileHash $script:policy -Algorithm SHA256).Hash.ToLowerInvariant()
    $script:approved = 'stability.stable-image-inpaint-v1:0'   # approved in the example policy under LEGAL-2317
    $script:admin = 'arn:aws:iam::111111111111:user/compliance-admin'
    # Shared by the three suites (TestDrive is per suite): the ledger of the first is read by the others.
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ('bc-audit-' + [Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null
    function script:Read-Ledger([string] $Path) { @(Get-Content $Path | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json }) }
    function script:Find-Chromium { foreach ($n in 'chromium', 'chromium-browser', 'google-chrome') { $c = Get-Command $n -ErrorAction SilentlyContinue; if ($c) { return $c.Source } } }
}

AfterAll {
    Stop-TestEmulator $script:emulator
    Remove-Item Env:BEDROCK_COMPLIANCE_RUN_ID -ErrorAction SilentlyContinue
    Remove-Item $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Decisions and one run in the evidence' {
    BeforeAll {
        Set-TestAwsEnvironment $script:emulator
        $script:ledger = Join-Path $script:work 'evidence.jsonl'
        $env:BEDROCK_COMPLIANCE_RUN_ID = 'nightly-2026-12-01'
        $script:verdicts = @('deepseek.r1-v1:0', $script:approved, 'cohere.embed-english-v3' | Test-BedrockModelLicense -Policy $script:policy -RecordEvidence -EvidencePath $script:ledger)
        New-BedrockModelAgreement -ModelId $script:approved -Policy $script:policy -EvidencePath $script:ledger -Confirm:$false
        New-BedrockModelAgreement -ModelId 'deepseek.r1-v1:0' -Policy $script:policy -EvidencePath $script:ledger -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable script:refused
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/accounts/200000000001" -ContentType 'application/json' -Body '{}' | Out-Null
        $member = New-BedrockAccountContext -AccountId 200000000001
        $member.AccountName = 'Contoso Payments'
        $member | New-BedrockModelAgreement -ModelId $script:approved -Policy $script:policy -EvidencePath $script:ledger -CorrelationId 'explicit-run' -Confirm:$false
        $script:records = Read-Ledger $script:ledger
    }

    It 'records every review as LicenseReviewed with verdict, reasons, policy hash and approval' {
        $reviews = @($script:records | Where-Object action -eq 'LicenseReviewed')
        $reviews.Count | Should -Be 3
        ($reviews | Where-Object modelId -eq 'deepseek.r1-v1:0').verdict | Should -Be 'Denied'
        ($reviews | Where-Object modelId -eq 'deepseek.r1-v1:0').outcome | Should -Be 'Denied'
        ($reviews | Where-Object modelId -eq 'cohere.embed-english-v3').verdict | Should -Be 'NeedsReview'
        ($reviews | Where-Object modelId -eq 'cohere.embed-english-v3').outcome | Should -Be 'Pending'
        $approvedReview = $reviews | Where-Object modelId -eq $script:approved
        $approvedReview.approvalReference | Should -Be 'LEGAL-2317'
        $approvedReview.approvedBy | Should -Be 'Sam Okafor (Legal)'
        $reviews.policySha256 | Sort-Object -Unique | Should -Be $script:policySha
    }

    It 'ties the intent and the acceptance to the policy hash and the approval, and the refusal to its reasons' {
        foreach ($action in 'AgreementIntent', 'AgreementAccepted') {
            $r = $script:records | Where-Object { $_.action -eq $action -and $_.accountId -eq '111111111111' }
            $r.policySha256 | Should -Be $script:policySha
            $r.policyName | Should -Be 'Contoso Bedrock licence policy'
            $r.verdict | Should -Be 'Allowed'
            $r.reasonCodes | Should -Be 'ExplicitApproval'
            $r.approvalReference | Should -Be 'LEGAL-2317'
            $r.approvedOn | Should -Be '2026-03-02'
            $r.acceptedVia | Should -Be 'Tool'
        }
        $denied = $script:records | Where-Object action -eq 'PolicyDenied'
        $denied.verdict | Should -Be 'Denied'
        $denied.reasonCodes | Should -Match 'DeniedProvider'
        $denied.policySha256 | Should -Be $script:policySha
        "$($script:refused[0].FullyQualifiedErrorId)" | Should -Match '^PolicyDenied'
    }

    It 'shares one correlation ID per run: the environment''s, unless -CorrelationId is given' {
        @($script:records | Where-Object accountId -ne '200000000001' | ForEach-Object correlationId | Sort-Object -Unique) | Should -Be 'nightly-2026-12-01'
        @($script:records | Where-Object accountId -eq '200000000001' | ForEach-Object correlationId | Sort-Object -Unique) | Should -Be 'explicit-run'
    }

    It 'records, behind an assumed role, the source principal and the account name' {
        $r = $script:records | Where-Object { $_.action -eq 'AgreementAccepted' -and $_.accountId -eq '200000000001' }
        $r.principalArn | Should -Match '^arn:aws:sts::200000000001:assumed-role/OrganizationAccountAccessRole/'
        $r.sourceArn | Should -Be $script:admin
        $r.accountName | Should -Be 'Contoso Payments'
        ($script:records | Where-Object { $_.action -eq 'AgreementAccepted' -and $_.accountId -eq '111111111111' }).sourceArn | Should -BeNullOrEmpty
    }

    It 'refuses an unusable correlation ID, naming it' {
        { Test-BedrockModelLicense -Policy $script:policy -ModelId $script:approved -RecordEvidence -EvidencePath $script:ledger -CorrelationId 'has spaces' -ErrorAction Stop } |
            Should -Throw -ExpectedMessage "*'has spaces'*"
    }

    It 'keeps the chain valid and exports the new columns after the old ones' {
        (Test-BedrockComplianceEvidence -EvidencePath $script:ledger).Valid | Should -BeTrue
        $csv = Join-Path $TestDrive 'evidence.csv'
        Export-BedrockComplianceEvidence -EvidencePath $script:ledger -Path $csv
        $header = (Get-Content $csv -TotalCount 1).TrimStart([char]0xFEFF) -split ','
        $header[0..22] -join ',' | Should -Be 'Sequence,Timestamp,Action,Outcome,AccountId,Region,ModelId,Provider,LicenseCategory,LicenseName,OfferId,LegalTermUrl,UseCase,PrincipalArn,OsUser,Machine,CorrelationId,ModuleVersion,Details,Id,LineNumber,PrevHash,Hash'
        $header | Should -Contain 'PolicySha256'
        $header | Should -Contain 'ApprovalReference'
        (Import-Csv $csv | Where-Object Action -eq 'AgreementAccepted' | Select-Object -First 1).PolicySha256 | Should -Be $script:policySha
    }
}

Describe 'Acceptances found in CloudTrail' {
    BeforeAll {
        Set-TestAwsEnvironment $script:emulator
        Remove-Item Env:BEDROCK_COMPLIANCE_RUN_ID -ErrorAction SilentlyContinue
        # The first suite's ledger: it holds the intent of the module's own acceptance of $approved in this account.
        $script:ledger2 = Join-Path $script:work 'history.jsonl'
        Copy-Item $script:ledger $script:ledger2
        # Out of band: straight to the API with a Bedrock API key, not through the module.
        $script:outOfBand = 'cohere.embed-english-v3'
        $key = @{ Authorization = 'Bearer bedrock-api-key-EXAMPLE' }
        $url = $script:emulator.Url
        $offer = (Invoke-RestMethod -Uri "$url/list-foundation-model-agreement-offers/$([uri]::EscapeDataString($script:outOfBand))" -Headers $key).offers[0]
        $script:before = [DateTime]::UtcNow.AddSeconds(-2)
        Invoke-RestMethod -Method Post -Uri "$url/create-foundation-model-agreement" -Headers $key -ContentType 'application/json' `
            -Body (@{ modelId = $script:outOfBand; offerToken = $offer.offerToken } | ConvertTo-Json) | Out-Null
        $script:history = @(Get-BedrockAgreementHistory -Import -EvidencePath $script:ledger2)
        $script:again = @(Get-BedrockAgreementHistory -Import -EvidencePath $script:ledger2)
    }

    It 'finds the out-of-band acceptance with its principal and time and marks it outside review' {
        $e = $script:history | Where-Object { $_.ModelId -eq $script:outOfBand -and $_.IsAcceptance }
        $e | Should -HaveCount 1
        $e.OutsideReview | Should -BeTrue
        $e.AcceptedVia | Should -Be 'OtherClient'
        $e.PrincipalArn | Should -Be $script:admin
        $e.EventTime | Should -BeGreaterThan $script:before
        $e.EventId | Should -Not -BeNullOrEmpty
        $e.PSObject.TypeNames[0] | Should -Be 'BedrockCompliance.BedrockAgreementEvent'
        ($e | Out-String -Width 250) | Should -Match 'OtherClient'
    }

    It 'does not mark the acceptance the module made with an intent' {
        $tool = $script:history | Where-Object { $_.ModelId -eq $script:approved -and $_.IsAcceptance }
        $tool.AcceptedVia | Should -Be 'Tool'
        $tool.OutsideReview | Should -BeFalse
    }

    It 'imports each CloudTrail event once, however often -Import runs' {
        $observed = @(Read-Ledger $script:ledger2 | Where-Object action -eq 'AcceptanceObserved')
        $observed.Count | Should -Be 2 -Because 'two acceptances in the account: the module''s and the out-of-band one' 
        @($observed.cloudTrailEventId | Sort-Object -Unique).Count | Should -Be 2
        @($script:again | Where-Object EvidenceId).Count | Should -Be 0
        @($script:again | Where-Object AlreadyRecorded).Count | Should -Be 2
        ($observed | Where-Object modelId -eq $script:outOfBand).principalArn | Should -Be $script:admin
        (Test-BedrockComplianceEvidence -EvidencePath $script:ledger2).Valid | Should -BeTrue
    }

    It 'survives ConvertTo-Json and Export-Csv' {
        { $script:history | ConvertTo-Json -Depth 3 | Out-Null } | Should -Not -Throw
        $csv = Join-Path $TestDrive 'history.csv'
        $script:history | Export-Csv $csv -NoTypeInformation
        (Import-Csv $csv | Where-Object ModelId -eq $script:outOfBand | Where-Object IsAcceptance -eq 'True').OutsideReview | Should -Be 'True'
    }
}

Describe 'The compliance report in a headless browser' {
    BeforeAll {
        Set-TestAwsEnvironment $script:emulator
        $script:report = Join-Path $TestDrive 'report.html'
        $script:written = Export-BedrockComplianceReport -Path $script:report -Policy $script:policy -EvidencePath $script:ledger2 -PassThru
        $script:chromium = Find-Chromium
    }

    It 'writes one self-contained file and returns its figures' {
        $script:written.Path | Should -Be $script:report
        $script:written.OutsideReviewCount | Should -Be 1
        $script:written.ChainValid | Should -BeTrue
        $html = Get-Content $script:report -Raw
        $html | Should -Not -Match '<script|<link|src=|@import|url\('
        { Export-BedrockComplianceReport -Path $script:report -EvidencePath $script:ledger2 -NoClobber -ErrorAction Stop } | Should -Throw
    }

    It 'opens in Chromium: the page shows the outside-review acceptance, the chain and the policy hash, and screenshots' {
        if (-not $script:chromium) { Set-ItResult -Skipped -Because 'no chromium on this machine (.ci/run installs it with apt-get)'; return }
        $profileDir = Join-Path $TestDrive 'chromium-profile'
        $url = 'file://' + ((Resolve-Path $script:report).Path -replace ' ', '%20')
        $flags = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', "--user-data-dir=$profileDir", '--no-first-run', '--hide-scrollbars')
        $dom = (& $script:chromium @flags '--dump-dom' $url 2>$null) -join "`n"
        $dom | Should -Match '<h1 id="title">Amazon Bedrock licence compliance report</h1>'
        $dom | Should -Match ([regex]::Escape($script:outOfBand))
        $dom | Should -Match 'Acceptances outside review'
        $dom | Should -Match ([regex]::Escape($script:policySha))
        $dom | Should -Match 'class="good">valid'
        $png = Join-Path $TestDrive 'report.png'
        & $script:chromium @flags "--screenshot=$png" '--window-size=1280,1600' $url 2>$null | Out-Null
        $png | Should -Exist
        $bytes = [IO.File]::ReadAllBytes($png)
        $bytes[0..3] | Should -Be @(0x89, 0x50, 0x4E, 0x47)
        $bytes.Length | Should -BeGreaterThan 20000 -Because 'a rendered page, not a blank one'
    }
}
