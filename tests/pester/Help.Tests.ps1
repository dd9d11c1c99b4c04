# Every exported cmdlet has complete help (MAML generated from docs/help by tools/Build-Help.ps1), the help documents
# exactly the parameters the cmdlet has, and about_BedrockCompliance is found. A cmdlet written in another branch whose
# help source already exists here is skipped until it is exported; an exported cmdlet without help fails.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $discovered = Import-Module (Get-TestModulePath) -Force -PassThru
    $exported = @($discovered.ExportedCmdlets.Keys | Sort-Object)
    $cmdletCases = @($exported | ForEach-Object { @{ Name = $_ } })
    $sourceCases = @(Get-ChildItem (Join-Path $PSScriptRoot '../../docs/help') -Filter '*.md' |
        Where-Object Name -notlike 'about_*' |
        ForEach-Object { @{ Name = $_.BaseName; Path = $_.FullName; Exported = $_.BaseName -in $exported } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module (Get-TestModulePath) -Force -PassThru
    # PowerShell's own parameters (and -WhatIf/-Confirm, which the generator documents with the standard text).
    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $script:helpFile = Join-Path $module.ModuleBase 'en-US/BedrockCompliance.dll-Help.xml'

    function Get-Text($value) { (@($value) | ForEach-Object { if ($_.PSObject.Properties['Text']) { $_.Text } else { "$_" } }) -join "`n" }

    function Get-SourceParameterNames([string] $Path) {
        # '### -Name' headings inside '## PARAMETERS' (fenced code skipped).
        $inParameters = $false; $inFence = $false
        foreach ($line in Get-Content $Path) {
            if ($line -match '^\s*```') { $inFence = -not $inFence; continue }
            if ($inFence) { continue }
            if ($line -match '^## ') { $inParameters = $line -match '^## PARAMETERS\s*$'; continue }
            if ($inParameters -and $line -match '^### -(\S+)') { $Matches[1] }
        }
    }
}

Describe 'The MAML help file' {
    It 'is in the en-US folder next to the module dll and is well-formed XML' {
        $helpFile | Should -Exist
        { [xml](Get-Content $helpFile -Raw) } | Should -Not -Throw
    }

    It 'has one complete entry for every exported cmdlet and none for others' {
        $xml = [xml](Get-Content $helpFile -Raw)
        $ns = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        $entries = @($xml.SelectNodes('/*/command:command', $ns))
        $names = @($entries | ForEach-Object { $_.SelectSingleNode('command:details/command:name', $ns).InnerText })
        ($names | Sort-Object) | Should -Be @($module.ExportedCmdlets.Keys | Sort-Object)
        foreach ($entry in $entries) {
            $name = $entry.SelectSingleNode('command:details/command:name', $ns).InnerText
            $entry.SelectSingleNode('command:details/maml:description/maml:para', $ns).InnerText | Should -Not -BeNullOrEmpty -Because "$name needs a synopsis"
            $entry.SelectSingleNode('maml:description/maml:para', $ns).InnerText | Should -Not -BeNullOrEmpty -Because "$name needs a description"
            $entry.SelectNodes('command:syntax/command:syntaxItem', $ns).Count | Should -BeGreaterThan 0 -Because "$name needs syntax"
            $entry.SelectNodes('command:examples/command:example/dev:code', $ns).Count | Should -BeGreaterOrEqual 2 -Because "$name needs examples"
            $entry.SelectNodes('command:inputTypes/command:inputType/dev:type/maml:name', $ns).Count | Should -BeGreaterThan 0 -Because "$name needs input types"
            $entry.SelectNodes('command:returnValues/command:returnValue/dev:type/maml:name', $ns).Count | Should -BeGreaterThan 0 -Because "$name needs output types"
        }
    }
}

Describe 'Get-Help <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command $Name
        $help = Get-Help $Name -Full
        $documentable = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
    }

    It 'comes from the module''s MAML file (not PowerShell''s generated stub)' {
        # Without a help file Get-Help returns a stub whose synopsis is the syntax line and which has no description.
        $help.Synopsis | Should -Not -Match ([regex]::Escape($Name) + '\s+\[')
        Get-Text $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has a synopsis of one or two sentences' {
        $help.Synopsis.Trim().Length | Should -BeGreaterThan 30
        $help.Synopsis.Length | Should -BeLessThan 400
    }

    It 'has a description' {
        (Get-Text $help.description).Length | Should -BeGreaterThan 100
    }

    It 'describes every parameter' {
        $missing = foreach ($p in $documentable) {
            $entry = @($help.parameters.parameter) | Where-Object name -eq $p
            if (-not $entry -or -not (Get-Text $entry.description).Trim()) { $p }
        }
        $missing | Should -BeNullOrEmpty -Because "every parameter of $Name needs a description (docs/help/$Name.md)"
    }

    It 'documents no parameter the cmdlet does not have' {
        $stale = @($help.parameters.parameter.name) | Where-Object { $_ -notin $command.Parameters.Keys }
        $stale | Should -BeNullOrEmpty
    }

    It 'has at least two examples: one pipeline, one automation-style' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($e in $examples) { $e.code | Should -Not -BeNullOrEmpty }
        @($examples | Where-Object { $_.code -match '\|' }).Count | Should -BeGreaterThan 0 -Because 'one example should be a pipeline'
        # Non-interactive use: error handling, exit codes, confirmation off, evidence or CSV export.
        $automation = '-ErrorAction|\$ErrorActionPreference|\bexit\b|-Confirm:\$false|-Quiet|-ErrorVariable|Export-Csv|Export-BedrockComplianceEvidence|-NonInteractive|ScheduledJob'
        @($examples | Where-Object { $_.code -match $automation }).Count | Should -BeGreaterThan 0 -Because 'one example should be automation-style'
    }

    It 'names its input and output types, including every declared OutputType' {
        @($help.inputTypes.inputType.type.name | Where-Object { $_ }) | Should -Not -BeNullOrEmpty
        $outputs = @($help.returnValues.returnValue.type.name | Where-Object { $_ })
        $outputs | Should -Not -BeNullOrEmpty
        foreach ($declared in $command.OutputType.Name) { $outputs | Should -Contain $declared }
    }

    It 'shows its examples with -Examples' {
        $text = Get-Help $Name -Examples | Out-String -Width 200
        $text | Should -Match 'Example 1'
        $text | Should -Match 'Example 2'
    }

    It 'renders -Full with syntax and parameter details' {
        $text = Get-Help $Name -Full | Out-String -Width 200
        $text | Should -Match 'SYNTAX'
        $text | Should -Match 'Required\?'
        $text | Should -Match 'INPUTS'
        $text | Should -Match 'OUTPUTS'
    }
}

Describe 'Help source docs/help/<Name>.md' -ForEach $sourceCases {
    It 'documents exactly the parameters the cmdlet has (no stale or missing entries)' {
        if (-not $Exported) { Set-ItResult -Skipped -Because "$Name is not exported by this build (yet)"; return }
        $command = Get-Command $Name
        $expected = @($command.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)
        $documented = @(Get-SourceParameterNames $Path | Where-Object { $_ -notin 'WhatIf', 'Confirm' } | Sort-Object)
        $documented | Should -Be $expected
        @($documented | Group-Object | Where-Object Count -gt 1).Name | Should -BeNullOrEmpty -Because 'each parameter is documented once'
    }
}

Describe 'about_BedrockCompliance' {
    It 'is found by Get-Help and explains categories, workflow, evidence and the access model' {
        $text = Get-Help about_BedrockCompliance | Out-String
        $text | Should -Match 'about_BedrockCompliance'
        foreach ($topic in 'LICENCE CATEGORIES', 'FIVE-STEP WORKFLOW', 'EVIDENCE MODEL', 'ACCESS MODEL SINCE OCTOBER 2025',
            'AmazonProprietary', 'ProprietaryCommercial', 'OpenWeight', 'Unknown', 'Hash chain', 'Write-ahead', 'CSV export', 'first invocation', 'SCP') {
            $text | Should -Match ([regex]::Escape($topic))
        }
    }

    It 'is listed by Get-Help about_Bedrock*' {
        (Get-Help about_Bedrock* | Select-Object -ExpandProperty Name) | Should -Contain 'about_BedrockCompliance'
    }
}
