BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator -ArgumentList '--accounts', '2'
    $script:management = '111111111111'
    $script:bare = '200000000001'       # no trail, no endpoint, no logging
    $script:noEc2 = '200000000002'      # compliant, but ec2:DescribeVpcEndpoints is denied

    function script:Set-Account([string] $Id, [hashtable] $Patch) {
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.Url)/_emulator/accounts/$Id" -ContentType 'application/json' `
            -Body ($Patch | ConvertTo-Json -Depth 10 -Compress) | Out-Null
    }
    function script:Get-Calls([string] $Account, [string] $Operation) {
        $a = (Get-EmulatorState $script:emulator).accounts | Where-Object accountId -eq $Account
        $c = $a.calls.$Operation
        if ($c) { [int]$c.total } else { 0 }
    }
    function script:Read-Ledger([string] $Path) {
        if (-not (Test-Path $Path)) { return @() }
        @(Get-Content $Path | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
    }
    function script:Get-Result($Results, [string] $Account, [string] $Check) {
        $r = @($Results | Where-Object { $_.AccountId -eq $Account -and $_.Check -eq $Check })
        $r.Count | Should -Be 1 -Because "one $Check result for $Account"
        $r[0]
    }

    Set-TestAwsEnvironment $script:emulator
    Set-Account $script:noEc2 @{
        deny         = @('DescribeVpcEndpoints')
        trails       = @(@{ name = 'member-trail'; homeRegion = 'us-east-1'; isMultiRegionTrail = $true; isLogging = $true; includeManagementEvents = $true; readWriteType = 'All' })
        vpcEndpoints = @{ 'us-east-1' = @(@{ serviceName = 'com.amazonaws.us-east-1.bedrock-runtime' }) }
        loggingConfig = @{ 'us-east-1' = @{ s3Config = @{ bucketName = 'invocation-logs'; keyPrefix = 'bedrock/' }; textDataDeliveryEnabled = $true; imageDataDeliveryEnabled = $true } }
    }
    $script:contexts = @(
        New-BedrockAccountContext -AccountId $script:management -UseCallerCredentials -Region us-east-1
        New-BedrockAccountContext -AccountId $script:bare, $script:noEc2 -Region us-east-1
    )
}
AfterAll { Stop-TestEmulator $script:emulator }

Describe 'Test-BedrockDataPrivacy across three accounts' {
    BeforeAll {
        Set-TestAwsEnvironment $script:emulator
        $script:ledger = Join-Path $TestDrive 'evidence.jsonl'
        # The four checks that predate 2026; the others have their own suite (Privacy2026.Tests.ps1).
        $script:results = $script:contexts | Test-BedrockDataPrivacy -Check RegionAllowed, CloudTrail, PrivateLink, InvocationLogging `
            -AllowedRegion 'us-*', 'eu-west-1' -RequireInvocationLogging Enabled `
            -EvidencePath $script:ledger -ErrorVariable script:errs -WarningVariable script:warns
    }

    It 'returns one typed result per check, account and region, and no errors' {
        $script:results.Count | Should -Be 12
        $script:results | ForEach-Object { $_ | Should -BeOfType ([BedrockCompliance.BedrockPrivacyCheck]) }
        $script:results | ForEach-Object { $_.Region | Should -Be 'us-east-1'; $_.Context | Should -Not -BeNullOrEmpty }
        $script:errs | Should -BeNullOrEmpty
        $script:warns | Should -BeNullOrEmpty -Because 'a permission denial is a finding (Unknown), not a failure of the run'
    }

    It 'passes every check in the compliant account and names what the verdict rests on' {
        $mine = $script:results | Where-Object AccountId -eq $script:management
        $mine.Status | Sort-Object -Unique | Should -Be 'Pass'
        $trail = Get-Result $script:results $script:management CloudTrail
        $trail.Resources | Should -Be @('arn:aws:cloudtrail:us-east-1:111111111111:trail/organization-trail')
        $trail.Detail | Should -Match "organization-trail.*multi-region.*read and write management events"
        $trail.Remediation | Should -BeNullOrEmpty
        $link = Get-Result $script:results $script:management PrivateLink
        $link.Resources | Should -Match '^vpce-'
        $link.VpcIds | Should -Match '^vpc-'
        $logging = Get-Result $script:results $script:management InvocationLogging
        $logging.Resources | Should -Be @('cloudwatch:/aws/bedrock/modelinvocations')
        $logging.DataKinds | Should -Be @('Text')
        $logging.Requirement | Should -Be 'Enabled (any data kind)'
        (Get-Result $script:results $script:management RegionAllowed).Detail | Should -Match "matches 'us-\*'"
    }

    It 'fails the bare account with concrete remediation' {
        (Get-Result $script:results $script:bare RegionAllowed).Status | Should -Be 'Pass'
        $trail = Get-Result $script:results $script:bare CloudTrail
        $trail.Status | Should -Be 'Fail'
        $trail.Detail | Should -Match 'No CloudTrail trail'
        $trail.Remediation | Should -Match 'aws cloudtrail create-trail .*--is-multi-region-trail'
        $link = Get-Result $script:results $script:bare PrivateLink
        $link.Status | Should -Be 'Fail'
        $link.Remediation | Should -Match 'aws ec2 create-vpc-endpoint .*--service-name com\.amazonaws\.us-east-1\.bedrock-runtime'
        $logging = Get-Result $script:results $script:bare InvocationLogging
        $logging.Status | Should -Be 'Fail'
        $logging.Detail | Should -Match 'no model-invocation logging is configured'
        $logging.Remediation | Should -Match 'put-model-invocation-logging-configuration'
    }

    It 'reports PrivateLink as Unknown where EC2 is denied and still judges the other checks' {
        $link = Get-Result $script:results $script:noEc2 PrivateLink
        $link.Status | Should -Be 'Unknown'
        $link.ErrorCode | Should -Be 'UnauthorizedOperation'
        $link.Detail | Should -Match 'permission denied'
        $link.Remediation | Should -Match 'ec2:DescribeVpcEndpoints'
        (Get-Result $script:results $script:noEc2 CloudTrail).Status | Should -Be 'Pass'
        (Get-Result $script:results $script:noEc2 RegionAllowed).Status | Should -Be 'Pass'
        $logging = Get-Result $script:results $script:noEc2 InvocationLogging
        $logging.Status | Should -Be 'Pass'
        $logging.Resources | Should -Be @('s3://invocation-logs/bedrock/')
        $logging.DataKinds | Should -Be @('Text', 'Image')
    }

    It 'records one PrivacyChecked record per account and region, linked from the results' {
        $records = @(Read-Ledger $script:ledger | Where-Object action -eq 'PrivacyChecked')
        $records.Count | Should -Be 3
        ($records | Where-Object accountId -eq $script:management).outcome | Should -Be 'Succeeded'
        ($records | Where-Object accountId -eq $script:bare).outcome | Should -Be 'Failed'
        $partial = $records | Where-Object accountId -eq $script:noEc2
        $partial.outcome | Should -Be 'Observed'
        $partial.details | Should -Match 'PrivateLink=Unknown \(UnauthorizedOperation\)'
        $partial.details | Should -Match 'CloudTrail=Pass \[arn:aws:cloudtrail:us-east-1:200000000002:trail/member-trail\]'
        $partial.principalArn | Should -Match 'assumed-role/OrganizationAccountAccessRole'
        foreach ($r in $script:results) { $r.EvidenceId | Should -Be ($records | Where-Object accountId -eq $r.AccountId).id }
        Test-BedrockComplianceEvidence -EvidencePath $script:ledger -Quiet | Should -BeTrue
    }

    It 'formats as a table and as a list' {
        $table = $script:results | Format-Table | Out-String -Width 200
        $table | Should -Match 'AccountId\s+Region\s+Check\s+Status\s+Detail'
        $list = Get-Result $script:results $script:bare CloudTrail | Format-List | Out-String -Width 200
        $list | Should -Match 'Remediation\s+:\s+Create a multi-region trail'
        $list | Should -Match 'Requirement\s+:'
    }
}

Describe 'Judgements without a requirement, and check selection' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }

    It 'never passes RegionAllowed or InvocationLogging without a requirement' {
        $ledger = Join-Path $TestDrive 'none.jsonl'
        $saved = $env:BEDROCK_COMPLIANCE_EVIDENCE
        $env:BEDROCK_COMPLIANCE_EVIDENCE = $ledger
        try { $r = Test-BedrockDataPrivacy -NoEvidence } finally { $env:BEDROCK_COMPLIANCE_EVIDENCE = $saved }
        $r.Count | Should -Be ([Enum]::GetValues([BedrockCompliance.PrivacyCheck]).Count) -Because 'one result per check'
        $region = $r | Where-Object Check -eq RegionAllowed
        $region.Status | Should -Be 'Unknown'
        $region.Detail | Should -Match 'no data-residency list given'
        $logging = $r | Where-Object Check -eq InvocationLogging
        $logging.Status | Should -Be 'Unknown'
        $logging.Detail | Should -Match 'no invocation-logging requirement given.*Text data'
        ($r | Where-Object Check -eq CloudTrail).AccountId | Should -Be $script:management
        $r.EvidenceId | Where-Object { $_ } | Should -BeNullOrEmpty
        Test-Path $ledger | Should -BeFalse
    }

    It 'runs only the selected checks and makes only their calls' {
        $before = Get-Calls $script:management 'DescribeVpcEndpoints'
        $r = Test-BedrockDataPrivacy -Check RegionAllowed, CloudTrail -AllowedRegion eu-west-1 -NoEvidence
        $r.Check | Should -Be @('RegionAllowed', 'CloudTrail')
        ($r | Where-Object Check -eq RegionAllowed).Status | Should -Be 'Fail'
        ($r | Where-Object Check -eq RegionAllowed).Remediation | Should -Match 'aws:RequestedRegion'
        Get-Calls $script:management 'DescribeVpcEndpoints' | Should -Be $before
    }

    It 'judges -RequireInvocationLogging Disabled against the data kinds delivered' {
        $fail = Test-BedrockDataPrivacy -Check InvocationLogging -RequireInvocationLogging Disabled -NoEvidence
        $fail.Status | Should -Be 'Fail'
        $fail.Detail | Should -Match 'Text data of prompts and responses is stored'
        $fail.Remediation | Should -Match 'delete-model-invocation-logging-configuration|textDataDeliveryEnabled=false'
        $ok = Test-BedrockDataPrivacy -Check InvocationLogging -RequireInvocationLogging Disabled -InvocationLogDataKind Image, Video -NoEvidence
        $ok.Status | Should -Be 'Pass'
        $ok.Requirement | Should -Be 'Disabled (no Image, Video delivered)'
        $missing = Test-BedrockDataPrivacy -Check InvocationLogging -RequireInvocationLogging Enabled -InvocationLogDataKind Text, Image -NoEvidence
        $missing.Status | Should -Be 'Fail'
        $missing.Detail | Should -Match 'Required but not delivered: Image'
    }

    It 'refuses -InvocationLogDataKind without a requirement that uses it' {
        { Test-BedrockDataPrivacy -InvocationLogDataKind Text -NoEvidence } |
            Should -Throw -ErrorId 'InvocationLogDataKindWithoutRequirement,BedrockCompliance.Commands.TestBedrockDataPrivacyCommand'
    }
}

Describe 'CloudTrail judgements against configured trails' {
    BeforeEach { Set-TestAwsEnvironment $script:emulator }
    AfterEach { Set-Account $script:bare @{ trails = @(); deny = @() } }

    It '<name>' -ForEach @(
        @{ name = 'a stopped trail fails with start-logging'; trail = @{ name = 't'; isMultiRegionTrail = $true; isLogging = $false }; status = 'Fail'; remediation = 'start-logging' }
        @{ name = 'write-only management events fail'; trail = @{ name = 't'; isMultiRegionTrail = $true; readWriteType = 'WriteOnly' }; status = 'Fail'; remediation = 'put-event-selectors' }
        @{ name = 'no management events fail'; trail = @{ name = 't'; isMultiRegionTrail = $true; includeManagementEvents = $false }; status = 'Fail'; remediation = 'IncludeManagementEvents' }
        @{ name = 'a single-region trail homed elsewhere fails'; trail = @{ name = 't'; homeRegion = 'eu-west-1' }; status = 'Fail'; remediation = 'create-trail' }
        @{ name = 'a single-region trail homed here passes'; trail = @{ name = 't'; homeRegion = 'us-east-1' }; status = 'Pass'; remediation = $null }
    ) {
        Set-Account $script:bare @{ trails = @($trail) }
        $r = New-BedrockAccountContext -AccountId $script:bare -Region us-east-1 | Test-BedrockDataPrivacy -Check CloudTrail -NoEvidence
        $r.Status | Should -Be $status
        if ($remediation) { $r.Remediation | Should -Match $remediation } else { $r.Remediation | Should -BeNullOrEmpty }
    }

    It 'is Unknown, not Pass, when GetEventSelectors is denied' {
        Set-Account $script:bare @{ trails = @(@{ name = 't'; isMultiRegionTrail = $true }); deny = @('GetEventSelectors') }
        $r = New-BedrockAccountContext -AccountId $script:bare -Region us-east-1 | Test-BedrockDataPrivacy -Check CloudTrail -NoEvidence
        $r.Status | Should -Be 'Unknown'
        $r.ErrorCode | Should -Be 'AccessDeniedException'
        $r.Remediation | Should -Match 'cloudtrail:GetEventSelectors'
    }

    It 'is Unknown when DescribeTrails is denied' {
        Set-Account $script:bare @{ deny = @('DescribeTrails') }
        $r = New-BedrockAccountContext -AccountId $script:bare -Region us-east-1 | Test-BedrockDataPrivacy -Check CloudTrail -NoEvidence
        $r.Status | Should -Be 'Unknown'
        $r.Detail | Should -Match 'AccessDeniedException.*DescribeTrails'
    }
}
