BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Example = Join-Path $PSScriptRoot '../../examples/policy.json' | Resolve-Path | Select-Object -ExpandProperty Path
    $script:AsOf = [datetime]'2026-12-01'
}

Describe 'Test-BedrockModelLicense -Policy' {
    It 'declares its output type and accepts pipeline input by value and by property name' {
        (Get-Command Test-BedrockModelLicense).OutputType.Name | Should -Contain 'BedrockCompliance.BedrockModelPolicyVerdict'
        $byName = [pscustomobject]@{ ModelId = 'amazon.nova-pro-v1:0' } | Test-BedrockModelLicense -Policy $Example -AsOf $AsOf
        $byName.Verdict | Should -Be 'Allowed'
        $byValue = 'deepseek.r1-v1:0' | Test-BedrockModelLicense -Policy $Example -AsOf $AsOf
        $byValue.Verdict | Should -Be 'Denied'
    }

    It 'gives the example policy''s verdict for every offline catalog entry piped from Get-BedrockModelLicense' {
        $v = Get-BedrockModelLicense -Offline | Test-BedrockModelLicense -Policy $Example -AsOf $AsOf
        $v.Count | Should -Be (Get-BedrockModelLicense -Offline).Count
        $v | Should -BeOfType ([BedrockCompliance.BedrockModelPolicyVerdict])
        ($v | Where-Object ModelId -like 'deepseek.*').Verdict | Sort-Object -Unique | Should -Be 'Denied'
        ($v | Where-Object ModelId -like 'amazon.nova*').Verdict | Sort-Object -Unique | Should -Be 'Allowed'
        ($v | Where-Object ModelId -eq 'meta.llama3-2-90b').Verdict | Should -Be 'Denied'
        ($v | Where-Object ModelId -like 'cohere.*').Verdict | Sort-Object -Unique | Should -Be 'NeedsReview'
        foreach ($x in $v) { $x.Reasons.Count | Should -BeGreaterThan 0 }
    }

    It 'reports the approval that decided a verdict, and keeps what it overrode' {
        $v = Test-BedrockModelLicense -Policy $Example -ModelId 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' -AsOf $AsOf
        $v.ModelId | Should -Be 'anthropic.claude-sonnet-4-5-20250929-v1:0'
        $v.Verdict | Should -Be 'Allowed'
        $v.ApprovedBy | Should -Be 'Dana Whitfield (Legal)'
        $v.ApprovalReference | Should -Be 'LEGAL-2291'
        $v.ReasonCodes | Should -Be 'ExplicitApproval'
        ($v.Reasons | Where-Object Overridden).Code | Should -Contain 'DeniedRestriction'
    }

    It 'says offline lifecycle is unknown and denies LEGACY models when the status is known' {
        $offline = Test-BedrockModelLicense -Policy $Example -ModelId 'amazon.nova-pro-v1:0' -AsOf $AsOf
        $offline.Reasons.Code | Should -Contain 'LifecycleUnknown'
        $live = Get-BedrockModelLicense -Offline 'amazon.nova-pro-v1:0'
        $live.LifecycleStatus = 'LEGACY'; $live.AccountId = '111111111111'; $live.Region = 'us-east-1'
        $v = $live | Test-BedrockModelLicense -Policy $Example -AsOf $AsOf
        $v.Verdict | Should -Be 'Denied'
        $v.ReasonCodes | Should -Be 'LegacyModel'
        $v.AccountId | Should -Be '111111111111'
        $v.Region | Should -Be 'us-east-1'
    }

    It 'expires approvals: the same policy judged after the expiry date needs review' {
        $v = Test-BedrockModelLicense -Policy $Example -ModelId 'anthropic.claude-sonnet-4-5-20250929-v1:0' -AsOf '2027-03-01'
        $v.Verdict | Should -Be 'Denied'   # rules deny NO_TRAINING_COMPETING_MODELS once the approval has lapsed
        $v.Reasons.Code | Should -Contain 'ApprovalExpired'
    }

    It 'shows a table view with the verdict and a list view with every reason' {
        $v = Test-BedrockModelLicense -Policy $Example -ModelId 'deepseek.r1-v1:0', 'amazon.nova-pro-v1:0' -AsOf $AsOf
        $table = $v | Out-String -Width 200
        $table | Should -Match 'ModelId\s+Category\s+Verdict\s+Reasons\s+ApprovedBy'
        $table | Should -Match 'deepseek\.r1-v1:0\s+OpenWeight\s+Denied\s+DeniedProvider'
        $list = $v[0] | Format-List | Out-String -Width 200
        $list | Should -Match 'DeniedProvider: Provider'
        $list | Should -Match 'PolicySha256'
    }

    It 'round-trips through Export-Csv with ReasonCodes and Summary columns' {
        $csv = Join-Path $TestDrive 'verdicts.csv'
        Get-BedrockModelLicense -Offline -Provider Meta | Test-BedrockModelLicense -Policy $Example -AsOf $AsOf | Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv
        ($rows | Where-Object ModelId -eq 'meta.llama3-2-11b').ReasonCodes | Should -Be 'DeniedModelId'
        $rows[0].PolicySha256 | Should -Match '^[0-9a-f]{64}$'
    }

    It 'writes a non-terminating error for a bad model ID and goes on' {
        $out = 'x', 'amazon.nova-pro-v1:0' | Test-BedrockModelLicense -Policy $Example -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Match '^InvalidModelId'
    }

    It 'stops with InvalidLicensePolicy naming the file, field, bad value and expectation' {
        $bad = Join-Path $TestDrive 'bad-policy.json'
        '{"schemaVersion":1,"allowedCategories":["OpenWeight"],"approvals":[{"modelId":"amazon.nova-pro-v1:0","approvedBy":"A","approvedOn":"31/01/2026"}]}' | Set-Content $bad
        { Test-BedrockModelLicense -Policy $bad -ModelId 'amazon.nova-pro-v1:0' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidLicensePolicy,BedrockCompliance.Commands.TestBedrockModelLicenseCommand' -ExpectedMessage "*bad-policy.json*approvals``[0``].approvedOn*31/01/2026*yyyy-MM-dd*"
        { Test-BedrockModelLicense -Policy (Join-Path $TestDrive 'missing.json') -ModelId 'amazon.nova-pro-v1:0' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidLicensePolicy,BedrockCompliance.Commands.TestBedrockModelLicenseCommand' -ExpectedMessage '*missing.json*does not exist*'
    }
}

Describe 'Export-BedrockModelAccessPolicy' {
    It 'declares its output type and supports -WhatIf' {
        $cmd = Get-Command Export-BedrockModelAccessPolicy
        $cmd.OutputType.Name | Should -Contain 'BedrockCompliance.BedrockAccessPolicyDocument'
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
    }

    It 'writes a valid SCP JSON file within 5,120 characters for the bundled model list' {
        # The bundled list is the 2026 list (119 IDs): today's generator writes it as two documents (5,097 + 690
        # characters), each within the limit; one document again is the policy work's target (issue 14 item 4).
        $file = Join-Path $TestDrive 'scp.json'
        $docs = @(Export-BedrockModelAccessPolicy -Policy $Example -Type Scp -Path $file -Compress -AsOf $AsOf -WarningAction SilentlyContinue)
        $docs.Count | Should -BeIn (1..5)
        if ($docs.Count -eq 1) { $docs[0].Path | Should -Be $file } else { $docs.Path | ForEach-Object { $_ | Should -Match 'scp-Part\dof\d\.json$' } }
        foreach ($doc in $docs) {
            $text = [IO.File]::ReadAllText($doc.Path)
            $text | Should -BeExactly $doc.Document
            $text.Length | Should -BeLessOrEqual 5120
            $doc.Size | Should -Be $text.Length
            $json = $text | ConvertFrom-Json
            $json.Version | Should -Be '2012-10-17'
            $json.Statement[0].Effect | Should -Be 'Deny'
        }
        $json = $docs[0].Document | ConvertFrom-Json
        # Every Amazon model is allowed, so the allow-list names the provider once.
        $json.Statement[0].NotResource | Should -Contain 'arn:aws:bedrock:*::foundation-model/amazon.*'
        $json.Statement[0].Condition.StringEquals.'aws:RequestedRegion' | Should -Be @('us-east-1', 'us-west-2', 'eu-west-1')
        $docs.ModelsDenied | Should -Contain 'deepseek.r1-v1:0'
        $docs.ModelsAllowed | Should -Contain 'anthropic.claude-sonnet-4-5-20250929-v1:0'
    }

    It 'writes nothing with -WhatIf' {
        $file = Join-Path $TestDrive 'whatif.json'
        $out = Export-BedrockModelAccessPolicy -Policy $Example -Type Iam -Path $file -WhatIf
        Test-Path $file | Should -BeFalse
        $out | Should -BeNullOrEmpty
    }

    It 'honours -NoClobber and writes into a folder by document name' {
        $file = Join-Path $TestDrive 'existing.json'
        'keep' | Set-Content $file
        Export-BedrockModelAccessPolicy -Policy $Example -Type Iam -Path $file -NoClobber -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Match '^FileExists'
        (Get-Content $file) | Should -Be 'keep'
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive 'out')
        $doc = Export-BedrockModelAccessPolicy -Policy $Example -Type Iam -Path $dir.FullName -Region eu-central-1
        $doc.Path | Should -Be (Join-Path $dir.FullName 'BedrockModelAccess-Iam.json')
        (Get-Content $doc.Path -Raw | ConvertFrom-Json).Statement[0].Condition.StringEquals.'aws:RequestedRegion' | Should -Be 'eu-central-1'
    }

    It 'uses piped licences as the model universe and DenyListed names exactly the not-allowed ones' {
        $docs = Get-BedrockModelLicense -Offline -ModelId 'amazon.nova-pro-v1:0', 'deepseek.r1-v1:0', 'cohere.embed-english-v3' |
            Export-BedrockModelAccessPolicy -Policy $Example -Type Scp -Strategy DenyListed -AsOf $AsOf -WarningVariable warns -WarningAction SilentlyContinue
        $doc = $docs | Select-Object -First 1
        $doc.ModelsDenied | Should -Be @('cohere.embed-english-v3', 'deepseek.r1-v1:0')
        $resources = ($doc.Document | ConvertFrom-Json).Statement[0].Resource
        $resources | Should -Contain 'arn:aws:bedrock:*:*:inference-profile/*.deepseek.r1-v1:0'
        $resources | Should -Not -Contain 'arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0'
        $warns -join ' ' | Should -Match 'NOT denied'
    }

    It 'warns and splits when the deny-list outgrows one SCP' {
        # Odd models denied by pattern, even ones allowed: no wildcard can stay exact, so the list must be split.
        $ids = foreach ($i in 0..299) { 'amazon.nova-pro-{0:D4}-{1}-v1:0' -f $i, ('even', 'odd')[$i % 2] }
        $policy = Join-Path $TestDrive 'split-policy.json'
        '{"schemaVersion":1,"allowedCategories":["AmazonProprietary"],"deniedModelIds":["amazon.nova-pro-*-odd-*"]}' | Set-Content $policy
        $docs = Export-BedrockModelAccessPolicy -Policy $policy -Type Scp -Strategy DenyListed -ModelId $ids -Compress -WarningVariable warns -WarningAction SilentlyContinue -AsOf $AsOf
        $docs.Count | Should -BeGreaterThan 1
        foreach ($d in $docs) { $d.Size | Should -BeLessOrEqual 5120; $null = $d.Document | ConvertFrom-Json }
        ($docs.ModelsDenied | Sort-Object -Unique).Count | Should -Be 150
        $warns -join ' ' | Should -Match 'split into'
        $file = Join-Path $TestDrive 'split.json'
        $written = Export-BedrockModelAccessPolicy -Policy $policy -Type Scp -Strategy DenyListed -ModelId $ids -Compress -Path $file -WarningAction SilentlyContinue -AsOf $AsOf
        $written[0].Path | Should -Match 'split-Part1of\d+\.json$'
        foreach ($w in $written) { Test-Path $w.Path | Should -BeTrue }
    }

    It 'stops for a bad Region and reports InvalidLicensePolicy for a bad policy' {
        { Export-BedrockModelAccessPolicy -Policy $Example -Type Scp -Region 'Frankfurt' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRegion,BedrockCompliance.Commands.ExportBedrockModelAccessPolicyCommand'
        $bad = Join-Path $TestDrive 'bad2.json'
        '{"schemaVersion":1,"allowedCategories":[],"deniedRestrictions":["NO_TRAINING"]}' | Set-Content $bad
        { Export-BedrockModelAccessPolicy -Policy $bad -Type Scp -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidLicensePolicy,BedrockCompliance.Commands.ExportBedrockModelAccessPolicyCommand' -ExpectedMessage '*deniedRestrictions`[0`]*NO_TRAINING*'
    }
}
