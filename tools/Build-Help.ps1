<#
.SYNOPSIS
    Turns the Markdown help sources (docs/help) into the module's MAML help and about topic.
.DESCRIPTION
    platyPS is not available to us, so this is the small generator build.ps1 runs after laying out the module.
    It imports the BUILT module (in its own pwsh process, so the build's process never loads the dll) and takes
    everything the cmdlet itself knows from its metadata: parameter sets and syntax, types, Mandatory, Position,
    pipeline input, aliases, wildcards, ValidateSet/enum values. The Markdown supplies only the prose: synopsis,
    description, parameter descriptions, inputs, outputs, notes, examples and links. So the syntax in Get-Help
    can never drift from the code; prose that drifts (a documented parameter the cmdlet no longer has, or a new
    parameter without a description) is reported as a warning here and fails tests/pester/Help.Tests.ps1.

    Writes <module>/<Culture>/BedrockCompliance.dll-Help.xml and about_BedrockCompliance.help.txt, then reloads
    the XML to prove it is well-formed and has one complete entry per exported cmdlet.

    Markdown layout (platyPS-like), one file per cmdlet, docs/help/<Cmdlet>.md:
        # <Cmdlet>
        ## SYNOPSIS            one paragraph
        ## DESCRIPTION         paragraphs, '- ' lists
        ## EXAMPLES            ### Example N: title, a ```powershell fence, then remarks
        ## PARAMETERS          ### -Name, paragraphs; an optional line 'Default value: x'
        ## INPUTS / ## OUTPUTS ### <type name>, paragraphs
        ## NOTES               paragraphs
        ## RELATED LINKS       '- [text](uri)' or '- text'
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $SourcePath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $Culture = 'en-US'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

# Parameters every cmdlet gets from PowerShell; they are not documented per cmdlet (WhatIf/Confirm get the standard text).
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$shouldProcessText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

#region Markdown
function ConvertFrom-HelpMarkdown {
    <# Splits a help Markdown file into sections: H2 → list of H3 blocks (a block without H3 has Title $null). #>
    param([string] $Path)
    $sections = [ordered]@{}
    $title = $null
    $h2 = $null; $block = $null
    $inFence = $false
    foreach ($line in [IO.File]::ReadAllLines($Path)) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^# (\S.*)$' -and -not $title) { $title = $Matches[1].Trim(); continue }
        if (-not $inFence -and $line -match '^## (\S.*)$') {
            $h2 = $Matches[1].Trim().ToUpperInvariant()
            $block = [pscustomobject]@{ Title = $null; Lines = [Collections.Generic.List[string]]::new() }
            $sections[$h2] = [Collections.Generic.List[object]]::new()
            $sections[$h2].Add($block)
            continue
        }
        if (-not $inFence -and $line -match '^### (\S.*)$' -and $h2) {
            $block = [pscustomobject]@{ Title = $Matches[1].Trim(); Lines = [Collections.Generic.List[string]]::new() }
            $sections[$h2].Add($block)
            continue
        }
        if ($block) { $block.Lines.Add($line) }
    }
    [pscustomobject]@{ Name = $title; Sections = $sections; Path = $Path }
}

function ConvertTo-PlainText {
    <# Inline Markdown to console text: links keep their URL; emphasis and code markers go (they are noise in a console). #>
    param([string] $Text)
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]*)\)', { param($m) if ($m.Groups[2].Value -and $m.Groups[2].Value -notmatch '^[A-Za-z_-]+\.md$') { "$($m.Groups[1].Value) ($($m.Groups[2].Value))" } else { $m.Groups[1].Value } })
    $Text = $Text -replace '\*\*([^*]+)\*\*', '$1'
    $Text = [regex]::Replace($Text, '`([^`]+)`', '$1')
    $Text.Trim()
}

function Get-Paragraphs {
    <# Paragraphs of a block: blank lines separate, '- ' items are their own paragraph, fenced code is kept verbatim. #>
    param([string[]] $Lines)
    $paras = [Collections.Generic.List[string]]::new()
    $current = [Collections.Generic.List[string]]::new()
    $fence = $null
    $flush = { if ($current.Count) { $paras.Add((ConvertTo-PlainText ($current -join ' '))); $current.Clear() } }
    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line -match '^\s*```') { $paras.Add(($fence -join "`n")); $fence = $null } else { $fence.Add('    ' + $line) }
            continue
        }
        if ($line -match '^\s*```') { & $flush; $fence = [Collections.Generic.List[string]]::new(); continue }
        if ($line -match '^\s*$') { & $flush; continue }
        if ($line -match '^\s*[-*] ' -or $line -match '^\s*\d+\. ') { & $flush; $current.Add('  ' + $line.Trim()); continue }
        $current.Add($line.Trim())
    }
    & $flush
    if ($null -ne $fence) { $paras.Add(($fence -join "`n")) }
    $paras.ToArray()
}

function Get-Section { param($Doc, [string] $Name) if ($Doc.Sections.Contains($Name)) { $Doc.Sections[$Name] } else { @() } }
#endregion

#region Metadata
function Get-TypeDisplayName {
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    if ($Type.IsArray) { return (Get-TypeDisplayName $Type.GetElementType()) + '[]' }
    $Type.Name
}

function Get-TypeFullName {
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    if ($Type.IsArray) { return (Get-TypeFullName $Type.GetElementType()) + '[]' }
    $Type.FullName
}

function Get-ParameterValues {
    <# ValidateSet values or enum names, shown by Get-Help as {A | B | C}. #>
    param($Parameter)
    $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return , @($set.ValidValues) }
    $type = $Parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    $underlying = [Nullable]::GetUnderlyingType($type); if ($underlying) { $type = $underlying }
    if ($type.IsEnum) { return , @([Enum]::GetNames($type)) }
    , @()
}

function Get-PipelineInput {
    param($SetParameters)
    $kinds = @()
    if ($SetParameters | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($SetParameters | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}
#endregion

#region MAML
$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Write-Paras {
    param([System.Xml.XmlWriter] $W, [string[]] $Paras)
    if (-not $Paras) { $Paras = @('') }
    foreach ($p in $Paras) { $W.WriteElementString('maml', 'para', $ns.maml, $p) }
}

function Write-ParameterElement {
    param([System.Xml.XmlWriter] $W, [string] $Name, $Parameter, [bool] $Required, [string] $Position, [string] $Pipeline,
        [string[]] $Description, [string] $Default, [switch] $InSyntax)
    $isSwitch = $Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
    $globbing = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $W.WriteStartElement('command', 'parameter', $ns.command)
    $W.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Pipeline)
    $W.WriteAttributeString('position', $Position)
    $W.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $ns.maml, $Name)
    $W.WriteStartElement('maml', 'description', $ns.maml); Write-Paras $W $Description; $W.WriteEndElement()
    $typeName = Get-TypeDisplayName $Parameter.ParameterType
    $values = Get-ParameterValues $Parameter
    if ($InSyntax -and $values.Count) {
        $W.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($v in $values) {
            $W.WriteStartElement('command', 'parameterValue', $ns.command)
            $W.WriteAttributeString('required', 'false'); $W.WriteAttributeString('command', 'variableLength', $ns.command, 'false')
            $W.WriteString($v); $W.WriteEndElement()
        }
        $W.WriteEndElement()
    } elseif (-not ($InSyntax -and $isSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $ns.command)
        $W.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant()); $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString($typeName); $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $ns.dev)
    $W.WriteElementString('maml', 'name', $ns.maml, (Get-TypeFullName $Parameter.ParameterType))
    $W.WriteElementString('maml', 'uri', $ns.maml, '')
    $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $ns.dev, $(if ($Default) { $Default } elseif ($isSwitch) { 'False' } else { 'None' }))
    $W.WriteEndElement()
}

function Write-CommandHelp {
    param([System.Xml.XmlWriter] $W, $Command, $Doc)
    $problems = [Collections.Generic.List[string]]::new()
    $synopsis = @(Get-Paragraphs (Get-Section $Doc 'SYNOPSIS' | Select-Object -First 1).Lines)
    $description = @(Get-Section $Doc 'DESCRIPTION' | ForEach-Object { Get-Paragraphs $_.Lines })
    if (-not $synopsis) { $problems.Add('no SYNOPSIS') }
    if (-not $description) { $problems.Add('no DESCRIPTION') }

    # Parameter prose from the Markdown, keyed by name.
    $paramDocs = @{}
    foreach ($block in (Get-Section $Doc 'PARAMETERS' | Where-Object Title)) {
        $name = $block.Title.TrimStart('-').Trim()
        $default = $null
        $lines = foreach ($l in $block.Lines) { if ($l -match '^\s*Default value:\s*(.+)$') { $default = $Matches[1].Trim() } else { $l } }
        $paramDocs[$name] = [pscustomobject]@{ Description = @(Get-Paragraphs $lines); Default = $default }
    }

    $parameters = @($Command.Parameters.Values | Where-Object { $_.Name -notin $commonParameters })
    $shouldProcess = $Command.Parameters.ContainsKey('WhatIf')
    foreach ($p in $parameters) { if (-not $paramDocs.ContainsKey($p.Name) -or -not $paramDocs[$p.Name].Description) { $problems.Add("parameter -$($p.Name) has no description") } }
    foreach ($name in $paramDocs.Keys) { if (-not $Command.Parameters.ContainsKey($name)) { $problems.Add("documents -$name, which the cmdlet does not have") } }

    $verb, $noun = $Command.Name -split '-', 2
    $W.WriteStartElement('command', 'command', $ns.command)
    $W.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
    $W.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)

    $W.WriteStartElement('command', 'details', $ns.command)
    $W.WriteElementString('command', 'name', $ns.command, $Command.Name)
    $W.WriteElementString('command', 'verb', $ns.command, $verb)
    $W.WriteElementString('command', 'noun', $ns.command, $noun)
    $W.WriteStartElement('maml', 'description', $ns.maml); Write-Paras $W $synopsis; $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('maml', 'description', $ns.maml); Write-Paras $W $description; $W.WriteEndElement()

    # Syntax: one item per parameter set, positional parameters first, then mandatory, then the rest (as PowerShell orders them).
    $W.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $Command.ParameterSets) {
        $W.WriteStartElement('command', 'syntaxItem', $ns.command)
        $W.WriteElementString('maml', 'name', $ns.maml, $Command.Name)
        $inSet = @($set.Parameters | Where-Object { $_.Name -notin $commonParameters } |
            Sort-Object @{ e = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } }, @{ e = { -not $_.IsMandatory } })
        foreach ($sp in $inSet) {
            $pdoc = $paramDocs[$sp.Name]
            Write-ParameterElement $W $sp.Name $Command.Parameters[$sp.Name] $sp.IsMandatory $(if ($sp.Position -ge 0) { "$($sp.Position)" } else { 'named' }) `
                (Get-PipelineInput @($sp)) $(if ($pdoc) { $pdoc.Description } else { @() }) $(if ($pdoc) { $pdoc.Default }) -InSyntax
        }
        if ($shouldProcess) {
            foreach ($name in 'WhatIf', 'Confirm') {
                Write-ParameterElement $W $name $Command.Parameters[$name] $false 'named' 'False' @($shouldProcessText[$name]) $null -InSyntax
            }
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # Parameters: Required when mandatory in every set that has the parameter; pipeline input as any set allows it.
    $W.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($p in ($parameters | Sort-Object Name)) {
        $setParams = @($Command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $p.Name })
        $required = @($setParams | Where-Object { -not $_.IsMandatory }).Count -eq 0
        $positions = @($setParams | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Select-Object -Unique)
        $pdoc = $paramDocs[$p.Name]
        Write-ParameterElement $W $p.Name $p $required $(if ($positions.Count) { "$($positions[0])" } else { 'named' }) (Get-PipelineInput $setParams) `
            $(if ($pdoc) { $pdoc.Description } else { @() }) $(if ($pdoc) { $pdoc.Default })
    }
    if ($shouldProcess) {
        foreach ($name in 'WhatIf', 'Confirm') { Write-ParameterElement $W $name $Command.Parameters[$name] $false 'named' 'False' @($shouldProcessText[$name]) $null }
    }
    $W.WriteEndElement()

    foreach ($kind in @(@{ Section = 'INPUTS'; List = 'inputTypes'; Item = 'inputType' }, @{ Section = 'OUTPUTS'; List = 'returnValues'; Item = 'returnValue' })) {
        $blocks = @(Get-Section $Doc $kind.Section | Where-Object Title)
        if (-not $blocks) { $problems.Add("no $($kind.Section)") }
        $W.WriteStartElement('command', $kind.List, $ns.command)
        foreach ($b in $blocks) {
            $W.WriteStartElement('command', $kind.Item, $ns.command)
            $W.WriteStartElement('dev', 'type', $ns.dev)
            $W.WriteElementString('maml', 'name', $ns.maml, $b.Title); $W.WriteElementString('maml', 'uri', $ns.maml, '')
            $W.WriteEndElement()
            $W.WriteStartElement('maml', 'description', $ns.maml); Write-Paras $W @(Get-Paragraphs $b.Lines); $W.WriteEndElement()
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }

    $notes = @(Get-Section $Doc 'NOTES' | ForEach-Object { Get-Paragraphs $_.Lines })
    $W.WriteStartElement('maml', 'alertSet', $ns.maml)
    $W.WriteStartElement('maml', 'alert', $ns.maml); Write-Paras $W $notes; $W.WriteEndElement()
    $W.WriteEndElement()

    $examples = @(Get-Section $Doc 'EXAMPLES' | Where-Object Title)
    if ($examples.Count -lt 2) { $problems.Add("$($examples.Count) example(s); at least 2 expected") }
    $W.WriteStartElement('command', 'examples', $ns.command)
    foreach ($ex in $examples) {
        $code = [Collections.Generic.List[string]]::new(); $remarks = [Collections.Generic.List[string]]::new()
        $state = 'before'
        foreach ($l in $ex.Lines) {
            if ($state -eq 'before' -and $l -match '^\s*```') { $state = 'code'; continue }
            if ($state -eq 'code' -and $l -match '^\s*```') { $state = 'after'; continue }
            if ($state -eq 'code') { $code.Add($l) } elseif ($state -eq 'after') { $remarks.Add($l) }
        }
        if (-not $code.Count) { $problems.Add("example '$($ex.Title)' has no code") }
        $W.WriteStartElement('command', 'example', $ns.command)
        $W.WriteElementString('maml', 'title', $ns.maml, "-------------------------- $($ex.Title) --------------------------")
        $W.WriteElementString('dev', 'code', $ns.dev, ($code -join "`n"))
        # The trailing empty paragraph keeps a blank line between one example's remarks and the next title.
        $W.WriteStartElement('dev', 'remarks', $ns.dev); Write-Paras $W @(@(Get-Paragraphs $remarks) + ''); $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $ns.command)
    # First link with a URI = where Get-Help -Online goes: this cmdlet's Markdown source, rendered by the repository host.
    $W.WriteStartElement('maml', 'navigationLink', $ns.maml)
    $W.WriteElementString('maml', 'linkText', $ns.maml, 'Online Version:'); $W.WriteElementString('maml', 'uri', $ns.maml, "$onlineBase$($Command.Name).md")
    $W.WriteEndElement()
    foreach ($b in (Get-Section $Doc 'RELATED LINKS')) {
        foreach ($l in $b.Lines) {
            if ($l -notmatch '^\s*[-*]\s+(.+)$') { continue }
            $item = $Matches[1].Trim()
            $text = $item; $uri = ''
            if ($item -match '^\[([^\]]+)\]\(([^)]*)\)') { $text = $Matches[1]; $uri = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' } }
            $W.WriteStartElement('maml', 'navigationLink', $ns.maml)
            $W.WriteElementString('maml', 'linkText', $ns.maml, $text); $W.WriteElementString('maml', 'uri', $ns.maml, $uri)
            $W.WriteEndElement()
        }
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
    $problems
}
#endregion

#region About topic
function ConvertTo-AboutText {
    <# Markdown → about_*.help.txt: H2 headings in capitals at the margin, text reflowed to 80 columns with a 4-space indent; code and tables verbatim. #>
    param([string] $Path)
    $out = [Collections.Generic.List[string]]::new()
    $width = 76
    $wrap = {
        param([string] $text, [string] $first, [string] $rest)
        $line = $first
        foreach ($word in ($text -split '\s+' | Where-Object { $_ })) {
            if ($line.Length -gt $first.Length -and $line.Length + 1 + $word.Length -gt $width + 4) { $out.Add($line.TrimEnd()); $line = $rest + $word }
            elseif ($line.Length -eq $first.Length -or $line -eq $rest) { $line += $word }
            else { $line += ' ' + $word }
        }
        if ($line.Trim()) { $out.Add($line.TrimEnd()) }
    }
    $para = [Collections.Generic.List[string]]::new()
    $paraPrefix = $null
    $flush = {
        if ($para.Count) {
            $text = ConvertTo-PlainText ($para -join ' ')
            if ($paraPrefix) { & $wrap $text ('    ' + $paraPrefix) ('    ' + (' ' * $paraPrefix.Length)) } else { & $wrap $text '    ' '    ' }
            $para.Clear()
        }
    }
    $inFence = $false
    foreach ($line in [IO.File]::ReadAllLines($Path)) {
        if ($line -match '^\s*```') { & $flush; $inFence = -not $inFence; continue }
        if ($inFence) { $out.Add('        ' + $line); continue }
        if ($line -match '^# (.+)$') { & $flush; $out.Add('TOPIC'); $out.Add('    ' + $Matches[1].Trim()); $out.Add(''); continue }
        if ($line -match '^## (.+)$') { & $flush; if ($out.Count -and $out[-1] -ne '') { $out.Add('') }; $out.Add($Matches[1].Trim().ToUpperInvariant()); continue }
        if ($line -match '^### (.+)$') { & $flush; if ($out.Count -and $out[-1] -ne '') { $out.Add('') }; $out.Add('  ' + (ConvertTo-PlainText $Matches[1])); continue }
        if ($line -match '^\s*\|') { & $flush; if ($line -notmatch '^\s*\|[\s:|-]+\|\s*$') { $out.Add('    ' + (ConvertTo-PlainText $line)) }; continue }
        if ($line -match '^\s*$') { & $flush; if ($out.Count -and $out[-1] -ne '') { $out.Add('') }; continue }
        if ($line -match '^\s*([-*]|\d+\.) (.*)$') { & $flush; $paraPrefix = ($Matches[1] -replace '\*', '-') + ' '; $para.Add($Matches[2]); continue }
        if (-not $para.Count) { $paraPrefix = $null }
        $para.Add($line.Trim())
    }
    & $flush
    ($out -join [Environment]::NewLine).TrimEnd() + [Environment]::NewLine
}
#endregion

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$SourcePath = (Resolve-Path -LiteralPath $SourcePath).Path
$module = Import-Module $ModulePath -PassThru -Force
$moduleDir = Split-Path $ModulePath
$cultureDir = Join-Path $moduleDir $Culture
New-Item -ItemType Directory -Force -Path $cultureDir | Out-Null
$dllName = (Split-Path -Leaf $module.Path) -replace '\.psd1$', '.dll'
if ($module.Path -like '*.dll') { $dllName = Split-Path -Leaf $module.Path }
$helpFile = Join-Path $cultureDir "$dllName-Help.xml"

# Online help is the Markdown in the repository (ProjectUri); HelpInfoURI in the manifest points at the same folder.
$projectUri = (Import-PowerShellDataFile $ModulePath).PrivateData.PSData.ProjectUri
if (-not $projectUri) { throw "The manifest has no PrivateData.PSData.ProjectUri: the online help links need it." }
$onlineBase = "$($projectUri.TrimEnd('/'))/blob/main/docs/help/"

$docs = @{}
foreach ($file in Get-ChildItem $SourcePath -Filter '*.md' | Where-Object Name -notlike 'about_*') {
    $doc = ConvertFrom-HelpMarkdown $file.FullName
    $docs[$(if ($doc.Name) { $doc.Name } else { $file.BaseName })] = $doc
}

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create($helpFile, $settings)
$warnings = [Collections.Generic.List[string]]::new()
$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Name)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($cmd in $cmdlets) {
        $doc = $docs[$cmd.Name]
        if (-not $doc) { $warnings.Add("$($cmd.Name): no help source ($SourcePath/$($cmd.Name).md)"); continue }
        foreach ($p in (Write-CommandHelp $writer $cmd $doc)) { $warnings.Add("$($cmd.Name): $p") }
    }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
} finally { $writer.Dispose() }
foreach ($name in $docs.Keys | Where-Object { $_ -notin $cmdlets.Name } | Sort-Object) {
    Write-Host "help: $name.md is not an exported cmdlet of this build; skipped"
}

# Prove the file is well-formed and complete for what this build exports.
$xml = [xml]::new(); $xml.Load($helpFile)
$nsm = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
$nsm.AddNamespace('command', $ns.command)
$documented = @($xml.SelectNodes('//command:command/command:details/command:name', $nsm) | ForEach-Object InnerText)
foreach ($cmd in $cmdlets) {
    if ($cmd.Name -notin $documented -and -not ($warnings -like "$($cmd.Name): no help source*")) { throw "MAML has no entry for $($cmd.Name)" }
}

$aboutSource = Join-Path $SourcePath 'about_BedrockCompliance.md'
if (Test-Path $aboutSource) {
    [IO.File]::WriteAllText((Join-Path $cultureDir 'about_BedrockCompliance.help.txt'), (ConvertTo-AboutText $aboutSource), [Text.UTF8Encoding]::new($false))
} else { $warnings.Add("no about topic source ($aboutSource)") }

foreach ($w in $warnings) { Write-Warning "help: $w" }
Write-Host "help: $($documented.Count) cmdlet(s) → $helpFile$(if ($warnings.Count) { " ($($warnings.Count) warning(s))" })"
