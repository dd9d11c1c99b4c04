BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator -ArgumentList '--agreement-delay-ms', '1200'
    $script:claude = 'anthropic.claude-haiku-4-5-20251001-v1:0'  # listed for INFERENCE_PROFILE: invoked as us.<id>
    $script:llama = 'meta.llama3-1-70b-instruct-v1:0'
    $script:admin = 'arn:aws:iam::111111111111:user/compliance-admin'

    function script:Get-Calls([string] $Operation) {
        $account = (Get-EmulatorState $script:emulator).accounts | Where-Object accountId -eq '111111111111'
        $c = $account.calls.$Operation
        if ($c) { [int]$c.total } else { 0 }
    }
    function script:Get-Agreements {
        $account = (Get-EmulatorState $script:emulator).accounts | Where-Object accountId -eq '111111111111'
        @(($account.regions | Where-Object region -eq 'us-east-1').agreements)
    }
    function script:Read-Ledger([string] $Path) {
        if (-not (Test-Path $Path)) { return @() }
        @(Get-Content $Path | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
    }
    # Acceptances or observations that stand for each model (after its last revocation).
    function script:Get-StandingAcceptances([object[]] $Records) {
        $standing = @{}
        foreach ($r in $Records) {
            if (-not $r.modelId) { continue }
            if ($r.action -eq 'AgreementRevoked' -and $r.outcome -eq 'Succeeded') { $standing[$r.modelId] = 0 }
            elseif (($r.action -eq 'AgreementAccepted' -and $r.outcome -eq 'Succeeded') -or $r.action -eq 'AgreementObserved') { $standing[$r.modelId] = 1 + [int]$standing[$r.modelId] }
        }
        $standing
    }
}
AfterAll { Stop-TestEmulator $script:emulator }

Describe 'The acceptance story against the emulator' {
    BeforeAll {
        Set-TestAwsEnvironment $script:emulator
        $script:ledger = Join-Path $TestDrive 'evidence.jsonl'
        $script:csv = Join-Path $TestDrive 'evidence.csv'
    }
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'shows the offer with its legal terms before anything is accepted' {
        $offer = Get-BedrockModelAgreementOffer -ModelId $script:claude
        $offer.OfferToken | Should -Not -BeNullOrEmpty
        $offer.LegalTermUrl | Should -Match '^https://'
        $offer.AccountId | Should -BeNullOrEmpty -Because 'offers need no account lookup'
        (Get-BedrockModelAgreementOffer -ModelId 'amazon.nova-pro-v1:0') | Should -BeNullOrEmpty
    }

    It 'refuses an Anthropic agreement before the use case is on file, pointing to Set-BedrockModelUseCase' {
        New-BedrockModelAgreement -ModelId $script:claude -EvidencePath $script:ledger -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Match '^UseCaseRequired'
        $errs[0].Exception.Message | Should -Match 'Set-BedrockModelUseCase'
        Get-Calls 'CreateFoundationModelAgreement' | Should -Be 0
        Read-Ledger $script:ledger | Should -BeNullOrEmpty
    }

    It 'validates the use-case form with clear errors' {
        { Set-BedrockModelUseCase -CompanyName Acme -CompanyWebsite 'not a url' -IntendedUsers Internal -IndustryOption Technology -UseCases 'x' -EvidencePath $script:ledger -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUseCaseForm,BedrockCompliance.Commands.SetBedrockModelUseCaseCommand' -ExpectedMessage "*'not a url'*"
        { Set-BedrockModelUseCase -CompanyName Acme -CompanyWebsite 'https://acme.example' -IntendedUsers Everyone -IndustryOption Technology -UseCases 'x' } | Should -Throw '*Everyone*'
    }

    It '-WhatIf makes no call at all and writes no record' {
        $calls = (Get-EmulatorState $script:emulator).totals.calls
        Set-BedrockModelUseCase -CompanyName Acme -CompanyWebsite 'https://acme.example' -IntendedUsers Internal -IndustryOption Technology -UseCases 'Internal assistant' -EvidencePath $script:ledger -WhatIf
        $preview = New-BedrockModelAgreement -ModelId $script:llama -EvidencePath $script:ledger -WhatIf 6>&1 | Out-String
        Test-BedrockModelAccess -ModelId $script:llama -EvidencePath $script:ledger -WhatIf
        Remove-BedrockModelAgreement -ModelId $script:llama -EvidencePath $script:ledger -WhatIf
        (Get-EmulatorState $script:emulator).totals.calls | Should -Be $calls
        Read-Ledger $script:ledger | Should -BeNullOrEmpty
        (Get-BedrockModelUseCase).Submitted | Should -BeFalse -Because 'an account with no form on file gives Submitted = $false (was: nothing and an error)'
    }

    It '-WhatIf names the model, account, region, licence and its terms' {
        # "What if:" lines go to the host, so read them from a child pwsh's output.
        $preview = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command @"
Import-Module '$(Get-TestModulePath)'
New-BedrockModelAgreement -ModelId $($script:llama) -Context (New-BedrockAccountContext -AccountId 111111111111 -UseCallerCredentials) -EvidencePath '$($script:ledger)' -WhatIf
"@ | Out-String
        $preview | Should -Match ([regex]::Escape("$($script:llama) in account 111111111111 (us-east-1)"))
        $preview | Should -Match 'Llama 3\.1 Community License'
        $preview | Should -Match 'https://'
    }

    It 'runs list -> use case -> agree -> wait -> verify -> remove -> export with evidence in order' {
        $licences = Get-BedrockModelLicense -Provider Anthropic, Meta
        $licences.ModelId | Should -Contain $script:claude

        Set-BedrockModelUseCase -CompanyName 'Acme Corp' -CompanyWebsite 'https://acme.example' -IntendedUsers InternalAndExternal `
            -IndustryOption 'Software as a Service' -UseCases 'Customer-support summarisation' -EvidencePath $script:ledger -Confirm:$false
        (Get-BedrockModelUseCase).CompanyName | Should -Be 'Acme Corp'

        $agreed = $licences | Where-Object ModelId -in $script:claude, $script:llama |
            New-BedrockModelAgreement -Wait -TimeoutSeconds 60 -PassThru -EvidencePath $script:ledger -Confirm:$false
        $agreed.Count | Should -Be 2
        $agreed.Result | Sort-Object -Unique | Should -Be 'Accepted'
        $agreed.AgreementStatus | Sort-Object -Unique | Should -Be 'AVAILABLE'
        $agreed.LegalTermUrl | ForEach-Object { $_ | Should -Match '^https://' }

        $amazon = New-BedrockModelAgreement -ModelId 'amazon.nova-pro-v1:0' -PassThru -EvidencePath $script:ledger -Confirm:$false
        $amazon.Result | Should -Be 'NotRequired'

        $access = Test-BedrockModelAccess -ModelId $script:claude, $script:llama -EvidencePath $script:ledger
        $access.Success | Should -Be @($true, $true)
        ($access | Where-Object ModelId -eq $script:llama).InvokedModelId | Should -Be "us.$($script:llama)"
        $access.LatencyMs | ForEach-Object { $_ | Should -BeGreaterOrEqual 0 }

        $removed = Remove-BedrockModelAgreement -ModelId $script:llama -Force -PassThru -EvidencePath $script:ledger
        $removed.Result | Should -Be 'Revoked'

        Export-BedrockComplianceEvidence -Path $script:csv -EvidencePath $script:ledger
        $rows = Import-Csv $script:csv
        $rows.Action | Should -Be @('UseCaseSubmitted', 'AgreementIntent', 'AgreementAccepted', 'AgreementIntent', 'AgreementAccepted',
            'AccessVerified', 'AccessVerified', 'AgreementRevoked')
        $rows | ForEach-Object {
            $_.AccountId | Should -Be '111111111111'
            $_.Region | Should -Be 'us-east-1'
            $_.PrincipalArn | Should -Be $script:admin
            $_.OsUser | Should -Not -BeNullOrEmpty
        }
        ($rows | Where-Object Action -eq 'UseCaseSubmitted').UseCase | Should -Match 'company=Acme Corp'
        ($rows | Where-Object Action -eq 'AgreementAccepted').ModelId | Should -Be @($script:claude, $script:llama)
        ($rows | Where-Object Action -eq 'AgreementAccepted').LegalTermUrl | ForEach-Object { $_ | Should -Match '^https://' }
        $stamps = $rows.Timestamp | ForEach-Object { [DateTime]::Parse($_, [Globalization.CultureInfo]::InvariantCulture, 'AdjustToUniversal') }
        for ($i = 1; $i -lt $stamps.Count; $i++) { $stamps[$i] | Should -BeGreaterOrEqual $stamps[$i - 1] }
        Test-BedrockComplianceEvidence -EvidencePath $script:ledger -Quiet | Should -BeTrue
    }

    It 'reruns without a duplicate agreement or acceptance record' {
        $createsBefore = Get-Calls 'CreateFoundationModelAgreement'
        $before = Read-Ledger $script:ledger
        New-BedrockModelAgreement -ModelId $script:claude -EvidencePath $script:ledger -Confirm:$false
        New-BedrockModelAgreement -ModelId $script:claude -EvidencePath $script:ledger -Confirm:$false
        Get-Calls 'CreateFoundationModelAgreement' | Should -Be $createsBefore
        (Read-Ledger $script:ledger).Count | Should -Be $before.Count
    }

    It 'records an observation, not an acceptance, for an agreement someone else made' {
        $mistral = 'mistral.mistral-large-2402-v1:0'
        $offer = Get-BedrockModelAgreementOffer -ModelId $mistral
        # Accept out of band (as the console would), straight against the API.
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/accounts/111111111111" -ContentType 'application/json' -Body '{}' | Out-Null
        New-BedrockModelAgreement -ModelId $mistral -EvidencePath (Join-Path $TestDrive 'other.jsonl') -Confirm:$false
        $r = New-BedrockModelAgreement -ModelId $mistral -EvidencePath $script:ledger -PassThru -Confirm:$false
        $r.Result | Should -BeIn 'AlreadyAvailable', 'Pending'
        $mine = Read-Ledger $script:ledger | Where-Object modelId -eq $mistral
        $mine.action | Should -Be 'AgreementObserved'
    }

    It 'completes the ledger after pwsh is killed between intent and result' {
        $ledger = $script:ledger
        $model = 'writer.palmyra-vision-7b'  # a Marketplace-sold model of the 2026 list (Command R+ is retired)
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/faults" -ContentType 'application/json' -Body '{"latencyMs":1500}' | Out-Null
        try {
            $child = @"
`$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module '$(Get-TestModulePath)'
New-BedrockModelAgreement -ModelId '$model' -EvidencePath '$ledger' -Confirm:`$false
"@
            $proc = Start-Process -FilePath (Join-Path $PSHOME 'pwsh') -ArgumentList '-NoProfile', '-NonInteractive', '-Command', $child -PassThru
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ([DateTime]::UtcNow -lt $deadline -and -not ((Read-Ledger $ledger) | Where-Object { $_.modelId -eq $model -and $_.action -eq 'AgreementIntent' })) {
                Start-Sleep -Milliseconds 50
            }
            Stop-Process -Id $proc.Id -Force
            $proc.WaitForExit()
        } finally {
            Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/faults" -ContentType 'application/json' -Body '{"latencyMs":0}' | Out-Null
        }
        $afterCrash = Read-Ledger $ledger | Where-Object modelId -eq $model
        $afterCrash[-1].action | Should -Be 'AgreementIntent' -Because 'the process died before it could record the result'

        # The rerun first completes the open intent against live state, then does its own work.
        New-BedrockModelAgreement -ModelId $model -EvidencePath $ledger -Confirm:$false -WarningAction SilentlyContinue
        $records = Read-Ledger $ledger
        $forModel = $records | Where-Object modelId -eq $model
        $forModel[1].action | Should -BeIn 'AgreementAccepted', 'IntentReconciled'
        $forModel[1].details | Should -Match 'Reconciled'
        Test-BedrockComplianceEvidence -EvidencePath $ledger -Quiet | Should -BeTrue
    }

    It 'holds exactly one standing acceptance or observation for every agreement the emulator holds' {
        $standing = Get-StandingAcceptances (Read-Ledger $script:ledger)
        $held = Get-Agreements
        $held.Count | Should -BeGreaterThan 0
        foreach ($a in $held) { $standing[$a.modelId] | Should -Be 1 -Because "$($a.modelId) is held by the emulator" }
        foreach ($m in $standing.Keys) { if ($standing[$m] -gt 0) { $held.modelId | Should -Contain $m } }
    }

    It 'refuses agreements the licence policy does not allow and records PolicyDenied' {
        $policy = Join-Path $PSScriptRoot '../../examples/policy.json'
        $creates = Get-Calls 'CreateFoundationModelAgreement'
        # deepseek is a denied provider; Mistral Large 24.07 carries the denied NON_COMMERCIAL (the Llama 3.2 vision
        # models denied by pattern are retired and no longer listed).
        New-BedrockModelAgreement -ModelId 'deepseek.r1-v1:0', 'mistral.mistral-large-2407-v1:0' -Policy $policy -EvidencePath $script:ledger -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 2
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -Match '^PolicyDenied'; $_.CategoryInfo.Category | Should -Be 'PermissionDenied' }
        $errs[0].Exception.Message | Should -Match 'Denied'
        Get-Calls 'CreateFoundationModelAgreement' | Should -Be $creates
        $denied = Read-Ledger $script:ledger | Where-Object action -eq 'PolicyDenied'
        $denied.modelId | Should -Be @('deepseek.r1-v1:0', 'mistral.mistral-large-2407-v1:0')
        $denied | ForEach-Object { $_.outcome | Should -Be 'Denied'; $_.details | Should -Match 'Contoso' }
    }

    It 'refuses to invoke a model whose agreement is missing, unless forced' {
        Test-BedrockModelAccess -ModelId 'xai.grok-4.3' -EvidencePath $script:ledger -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Match '^AgreementNotAvailable'
        Get-Calls 'Converse' | Should -Be 2
    }

    It 'does not invoke a model that outputs no text, and records nothing for it' {
        $before = @(Read-Ledger $script:ledger).Count
        $converse = Get-Calls 'Converse'
        # Amazon's embedding model needs no agreement, so only the missing text output stops the probe.
        Test-BedrockModelAccess -ModelId 'amazon.titan-embed-text-v2:0' -EvidencePath $script:ledger -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Match '^ModelHasNoTextOutput'
        $errs[0].Exception.Message | Should -Match 'EMBEDDING'
        Get-Calls 'Converse' | Should -Be $converse
        @(Read-Ledger $script:ledger).Count | Should -Be $before
    }
}
