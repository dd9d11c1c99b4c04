BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Example = Join-Path $PSScriptRoot '../../examples/policy.json' | Resolve-Path | Select-Object -ExpandProperty Path
    $script:AsOf = [datetime]'2026-12-01'
    # A small model universe keeps an IAM policy one document (the 2026 list needs two), so the target is the file named.
    $script:Small = 'amazon.nova-pro-v1:0', 'deepseek.r1-v1:0'
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

    It 'gives scripts the reason codes as a public vocabulary that every verdict''s codes come from' {
        $codes = [BedrockCompliance.PolicyReasonCode]::All
        $codes | Should -Contain ([BedrockCompliance.PolicyReasonCode]::DeniedProvider)
        $v = Get-BedrockModelLicense -Offline | Test-BedrockModelLicense -Policy $Example -AsOf $AsOf
        $used = @($v.Reasons.Code | Sort-Object -Unique)
        $used.Count | Should -BeGreaterThan 4
        $used | Where-Object { $_ -cnotin $codes } | Should -BeNullOrEmpty
        ($v | Where-Object ModelId -like 'deepseek.*')[0].ReasonCodes -split ';' | Should -Contain ([BedrockCompliance.PolicyReasonCode]::DeniedProvider)
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

Describe 'Test-BedrockModelLicense with the 2026 privacy and lifecycle fields' {
    It 'denies a model that needs more data retention than maximumDataRetention (RequiresDataRetention), and no approval waives it' {
        $l = Get-BedrockModelLicense -Offline 'amazon.nova-pro-v1:0'
        $l.MinimumDataRetention = 'AwsReview'
        $l.DataRetentionNote = 'Every request is retained for up to 30 days.'
        $v = $l | Test-BedrockModelLicense -Policy $Example -AsOf $AsOf
        $v.Verdict | Should -Be 'Denied'
        $v.ReasonCodes | Should -Be 'RequiresDataRetention'
        ($v.Reasons | Where-Object Code -eq 'RequiresDataRetention').Message | Should -Match "aws_review.*maximumDataRetention 'default'.*30 days"
        $approved = Get-BedrockModelLicense -Offline 'anthropic.claude-sonnet-4-5-20250929-v1:0'
        $approved.MinimumDataRetention = 'AwsReview'
        $a = $approved | Test-BedrockModelLicense -Policy $Example -AsOf $AsOf
        $a.Verdict | Should -Be 'Denied'
        $a.Reasons.Code | Should -Contain 'ApprovalOverriddenByDeny'
        ('amazon.nova-pro-v1:0' | Test-BedrockModelLicense -Policy $Example -AsOf $AsOf).Verdict | Should -Be 'Allowed'
    }

    It 'denies a model within denyWithinDaysOfEndOfLife days of its end of life, as of -AsOf, and shows LEGACY' {
        $l = Get-BedrockModelLicense -Offline 'amazon.nova-pro-v1:0'
        $l.EndOfLifeDate = [datetime]'2026-12-20'
        $l.CatalogLifecycleStatus = 'LEGACY'
        $l.LifecycleStatus = 'ACTIVE'   # live data says ACTIVE: only the end-of-life rule decides
        $eol = Join-Path $TestDrive 'eol-policy.json'
        (Get-Content $Example -Raw) -replace '"maximumDataRetention"', '"denyWithinDaysOfEndOfLife": 30, "maximumDataRetention"' | Set-Content $eol
        $v = $l | Test-BedrockModelLicense -Policy $eol -AsOf $AsOf
        $v.Verdict | Should -Be 'Denied'
        $v.ReasonCodes | Should -Be 'NearEndOfLife'
        ($v.Reasons | Where-Object Code -eq 'NearEndOfLife').Message | Should -Match '2026-12-20.*19 day'
        ($l | Test-BedrockModelLicense -Policy $eol -AsOf '2026-10-01').Verdict | Should -Be 'Allowed'
        ($l | Test-BedrockModelLicense -Policy $Example -AsOf $AsOf).Verdict | Should -Be 'Allowed'   # no rule without the field
        $l.LifecycleStatus = $null   # offline: the catalog's LEGACY is shown; only a live LEGACY decides
        $offline = $l | Test-BedrockModelLicense -Policy $eol -AsOf '2026-10-01'
        $offline.LifecycleStatus | Should -Be 'LEGACY'
        $offline.Verdict | Should -Be 'Allowed'
        ($offline.Reasons | Where-Object Code -eq 'LifecycleUnknown').Message | Should -Match 'catalog lists the model as LEGACY'
    }

    It 'stops with InvalidLicensePolicy for a maximum the schema refuses, naming field and value' {
        $bad = Join-Path $TestDrive 'bad-retention.json'
        '{"schemaVersion":1,"allowedCategories":["OpenWeight"],"maximumDataRetention":"provider_data_share"}' | Set-Content $bad
        { Test-BedrockModelLicense -Policy $bad -ModelId 'amazon.nova-pro-v1:0' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidLicensePolicy,BedrockCompliance.Commands.TestBedrockModelLicenseCommand' -ExpectedMessage '*maximumDataRetention*provider_data_share*none, default, aws_review*'
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
        # The policy's "regions" no longer limits the licence deny: it holds in every Region.
        $json.Statement[0].PSObject.Properties.Name | Should -Not -Contain 'Condition'
        $docs.Regions | Should -BeNullOrEmpty
        $docs.ModelsDenied | Should -Contain 'deepseek.r1-v1:0'
        $docs.ModelsAllowed | Should -Contain 'anthropic.claude-sonnet-4-5-20250929-v1:0'
    }

    It 'writes nothing with -WhatIf' {
        $file = Join-Path $TestDrive 'whatif.json'
        $out = Export-BedrockModelAccessPolicy -Policy $Example -Type Iam -Path $file -WhatIf
        Test-Path $file | Should -BeFalse
        $out | Should -BeNullOrEmpty
    }

    It 'never overwrites its own policy file, not even with -Force (OutputIsInput)' {
        $policy = Join-Path $TestDrive 'own-policy.json'
        Copy-Item $Example $policy
        $before = (Get-FileHash $policy).Hash
        Export-BedrockModelAccessPolicy -Policy $policy -Type Iam -ModelId $Small -LiteralPath $policy -Force -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Match '^OutputIsInput'
        $errs[0].Exception.Message | Should -BeLike '*own-policy.json*input files*'
        (Get-FileHash $policy).Hash | Should -Be $before
    }

    It 'refuses a FIFO and a symlink as the output file, even with -Force (OutputNotRegularFile)' -Skip:($IsWindows) {
        $fifo = Join-Path $TestDrive 'policy-pipe.json'
        mkfifo $fifo
        $LASTEXITCODE | Should -Be 0
        Export-BedrockModelAccessPolicy -Policy $Example -Type Iam -ModelId $Small -LiteralPath $fifo -Force -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Match '^OutputNotRegularFile'
        $errs[0].Exception.Message | Should -BeLike '*policy-pipe.json*named pipe*'
        $real = Join-Path $TestDrive 'policy-real.json'
        'keep' | Set-Content $real
        $link = Join-Path $TestDrive 'policy-link.json'
        New-Item -ItemType SymbolicLink -Path $link -Target $real | Out-Null
        Export-BedrockModelAccessPolicy -Policy $Example -Type Iam -ModelId $Small -LiteralPath $link -Force -ErrorVariable errs2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs2[0].FullyQualifiedErrorId | Should -Match '^OutputNotRegularFile'
        Get-Content $real | Should -Be 'keep'
    }

    It 'honours -NoClobber and writes into a folder by document name' {
        $file = Join-Path $TestDrive 'existing.json'
        'keep' | Set-Content $file
        Export-BedrockModelAccessPolicy -Policy $Example -Type Iam -ModelId $Small -Path $file -NoClobber -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Match '^FileExists'
        (Get-Content $file) | Should -Be 'keep'
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive 'out')
        $doc = Export-BedrockModelAccessPolicy -Policy $Example -Type Iam -ModelId $Small -Path $dir.FullName -LimitToRegion -Region eu-central-1 -WarningAction SilentlyContinue
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
        { Export-BedrockModelAccessPolicy -Policy $Example -Type Scp -LimitToRegion -Region 'Frankfurt' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRegion,BedrockCompliance.Commands.ExportBedrockModelAccessPolicyCommand'
        $bad = Join-Path $TestDrive 'bad2.json'
        '{"schemaVersion":1,"allowedCategories":[],"deniedRestrictions":["NO_TRAINING"]}' | Set-Content $bad
        { Export-BedrockModelAccessPolicy -Policy $bad -Type Scp -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidLicensePolicy,BedrockCompliance.Commands.ExportBedrockModelAccessPolicyCommand' -ExpectedMessage '*deniedRestrictions`[0`]*NO_TRAINING*'
    }
}

Describe 'Export-BedrockModelAccessPolicy: residency, retention, mantle and the optional statements' {
    BeforeAll {
        $script:Doc = Export-BedrockModelAccessPolicy -Policy $Example -Type Scp -Compress -AsOf $AsOf -WarningAction SilentlyContinue
        $script:Statements = ($script:Doc.Document | ConvertFrom-Json).Statement
        function script:Statement([string] $Sid) { $script:Statements | Where-Object Sid -eq $Sid }
    }

    It 'denies mantle inference for every model outside the allow-list' {
        $s = Statement 'DenyMantleInferenceExceptAllowedModels'
        $s.Action | Should -Be 'bedrock-mantle:CreateInference'
        # Every Amazon model is allowed, so the allow-list may name the provider by wildcard: some pattern admits nova-pro.
        @($s.Condition.StringNotLike.'bedrock-mantle:Model' | Where-Object { 'amazon.nova-pro-v1:0' -like $_ }) | Should -Not -BeNullOrEmpty
        $s.Condition.StringNotLike.'bedrock-mantle:Model' | Should -Not -Contain 'deepseek.r1-v1:0'
    }

    It 'denies inference outside the policy''s allowedRegions and every profile that routes outside them' {
        (Statement 'DenyInferenceOutsideAllowedRegions').Condition.StringNotEquals.'aws:RequestedRegion' | Should -Be @('us-east-1', 'us-west-2', 'eu-west-1')
        (Statement 'DenyInferenceOutsideAllowedRegions').Action | Should -Contain 'bedrock-mantle:CreateInference'
        $p = Statement 'DenyInferenceProfilesRoutingOutsideAllowedRegions'
        $p.Condition.ArnLike.'bedrock:InferenceProfileArn' | Should -Be 'arn:aws:bedrock:*:*:inference-profile/*'
        $p.Condition.PSObject.Properties.Name | Should -Not -Contain 'ArnNotLike'   # no geography lies wholly inside these three Regions
    }

    It 'denies setting a retention mode above maximumDataRetention on both surfaces' {
        (Statement 'DenyDataRetentionAboveMaximum').Condition.'ForAnyValue:StringEquals'.'bedrock:DataRetentionMode' | Should -Be @('aws_review', 'provider_data_share')
        $m = Statement 'DenyMantleDataRetentionAboveMaximum'
        $m.Action | Should -Contain 'bedrock-mantle:PutAccountDataRetention'
        $m.Condition.'ForAnyValue:StringEquals'.'bedrock-mantle:DataRetentionMode' | Should -Be @('aws_review', 'provider_data_share')
    }

    It 'adds the API-key and Claude Platform statements only with their switches, within 5,120 characters' {
        Statement 'DenyClaudePlatformOnAws' | Should -BeNullOrEmpty
        $strict = Export-BedrockModelAccessPolicy -Policy $Example -Type Scp -Compress -AsOf $AsOf -DenyLongTermApiKey -DenyClaudePlatform
        $strict.Size | Should -BeLessOrEqual 5120
        $st = ($strict.Document | ConvertFrom-Json).Statement
        ($st | Where-Object Sid -eq 'DenyClaudePlatformOnAws').Action | Should -Be 'aws-external-anthropic:*'
        ($st | Where-Object Sid -eq 'DenyLongTermBedrockApiKeys').Condition.StringEquals.'bedrock:BearerTokenType' | Should -Be 'LONG_TERM'
        ($st | Where-Object Sid -eq 'DenyLongTermMantleApiKeys').Action | Should -Be 'bedrock-mantle:CallWithBearerToken'
        ($st | Where-Object Sid -eq 'DenyBedrockApiKeyCreation').Condition.StringEquals.'iam:ServiceSpecificCredentialServiceName' | Should -Be 'bedrock.amazonaws.com'
    }

    It 'limits the licence deny only with -LimitToRegion, and warns what stays open' {
        $limited = Export-BedrockModelAccessPolicy -Policy $Example -Type Scp -Compress -AsOf $AsOf -LimitToRegion -WarningVariable warns -WarningAction SilentlyContinue
        # Limited, the 2026 list may need more than one document: the licence deny carries the Region condition, and
        # every document says which Regions it is limited to.
        (@($limited)[0].Document | ConvertFrom-Json).Statement[0].Condition.StringEquals.'aws:RequestedRegion' | Should -Be @('us-east-1', 'us-west-2', 'eu-west-1')
        foreach ($d in @($limited)) { $d.Regions | Should -Be @('us-east-1', 'us-west-2', 'eu-west-1') }
        $warns -join ' ' | Should -Match 'limited to us-east-1, us-west-2, eu-west-1: in every other Region the \d+ models the policy does not allow stay usable'
        { Export-BedrockModelAccessPolicy -Policy $Example -Type Scp -Region eu-west-1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'RegionNeedsLimitToRegion,BedrockCompliance.Commands.ExportBedrockModelAccessPolicyCommand'
        $noRegions = Join-Path $TestDrive 'no-regions.json'
        '{"schemaVersion":1,"allowedCategories":["AmazonProprietary"]}' | Set-Content $noRegions
        { Export-BedrockModelAccessPolicy -Policy $noRegions -Type Scp -LimitToRegion -ErrorAction Stop } |
            Should -Throw -ErrorId 'NoRegionToLimitTo,BedrockCompliance.Commands.ExportBedrockModelAccessPolicyCommand'
        $plain = Export-BedrockModelAccessPolicy -Policy $Example -Type Scp -Compress -AsOf $AsOf -WarningVariable none -WarningAction SilentlyContinue
        # Unlimited, nothing stays open (a note that the allow-list uses wildcards may remain).
        @($none | Where-Object { "$_" -match "stay usable" }) | Should -BeNullOrEmpty
    }
}
