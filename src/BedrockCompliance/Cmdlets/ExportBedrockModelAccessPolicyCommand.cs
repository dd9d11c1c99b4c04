using System.IO;
using System.Text;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Policy;

namespace BedrockCompliance.Commands;

/// <summary>
/// Generates IAM or SCP JSON that denies Bedrock inference and agreement creation for every model the
/// licence policy does not allow (Denied and NeedsReview). See docs/licence-policy.md.
/// </summary>
[Cmdlet(VerbsData.Export, "BedrockModelAccessPolicy", DefaultParameterSetName = DefaultSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BedrockAccessPolicyDocument))]
public sealed class ExportBedrockModelAccessPolicyCommand : PSCmdlet, IDynamicParameters
{
    const string DefaultSet = "Path";
    const string LiteralSet = "LiteralPath";

    readonly CatalogParameters _catalog = new CatalogParameters();
    readonly OutputFileParameters _replace = new OutputFileParameters();
    DynamicParameterGroups? _dynamic;

    // -CatalogPath (classifies the models), -NoClobber and -Force (the output files).
    DynamicParameterGroups Dynamic => _dynamic ??= new DynamicParameterGroups().Add(_catalog).Add(_replace);

    /// <inheritdoc />
    public object? GetDynamicParameters() => Dynamic.Offered;

    [Parameter(Mandatory = true, Position = 0)]
    [Alias("PolicyPath")]
    [ValidateNotNullOrEmpty]
    public string Policy { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    public AccessPolicyType Type { get; set; }

    /// <summary>With -LimitToRegion: the Regions the licence deny is limited to (default: the policy's "regions").</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.RegionCompleter))]
    public string[]? Region { get; set; }

    /// <summary>Limit the licence deny to -Region (or the policy's "regions"); warns that unapproved models stay usable elsewhere.</summary>
    [Parameter]
    public SwitchParameter LimitToRegion { get; set; }

    /// <summary>Also deny creating and using long-term Bedrock API keys (both endpoints).</summary>
    [Parameter]
    public SwitchParameter DenyLongTermApiKey { get; set; }

    /// <summary>Also deny aws-external-anthropic:* (Claude Platform on AWS: operated by Anthropic, data may leave AWS).</summary>
    [Parameter]
    public SwitchParameter DenyClaudePlatform { get; set; }

    /// <summary>The model universe as licences (from Get-BedrockModelLicense); default: the bundled real model list.</summary>
    [Parameter(ValueFromPipeline = true)]
    [Alias("InputObject")]
    public BedrockModelLicense[]? License { get; set; }

    /// <summary>The model universe as IDs (classified with the catalog).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ModelIdentifier", "ModelArn")]
    [ArgumentCompleter(typeof(Completion.ModelIdCompleter))]
    public string[]? ModelId { get; set; }

    [Parameter]
    public AccessPolicyStrategy Strategy { get; set; } = AccessPolicyStrategy.AllowListOnly;

    /// <summary>Output file (a folder writes &lt;Name&gt;.json); split policies get -PartNofM before the extension.</summary>
    [Parameter(ParameterSetName = DefaultSet)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter(ParameterSetName = LiteralSet, Mandatory = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string? LiteralPath { get; set; }

    /// <summary>Minified JSON: the smallest SCPs (AWS counts white space in SCPs created through the API).</summary>
    [Parameter]
    public SwitchParameter Compress { get; set; }

    [Parameter]
    [ValidateSet("aws", "aws-cn", "aws-us-gov")]
    public string Partition { get; set; } = "aws";

    /// <summary>Base name of the documents (and files).</summary>
    [Parameter]
    [ValidatePattern("^[A-Za-z0-9_+=,.@-]{1,100}$")]
    public string Name { get; set; } = "BedrockModelAccess";

    /// <summary>Leave out the aws-marketplace:Subscribe statement.</summary>
    [Parameter]
    public SwitchParameter NoMarketplace { get; set; }

    [Parameter]
    public DateTime? AsOf { get; set; }

    PolicyEvaluator? _evaluator;
    AccessPolicyUniverse? _universe;
    // The command's input files: an output that resolves to one of them is refused (it would destroy Legal's policy).
    string? _policyPath;
    string? _catalogPath;

    protected override void BeginProcessing()
    {
        _evaluator = InputFiles.LoadPolicy(this, Policy, AsOf);
        var catalog = InputFiles.LoadCatalog(this, Dynamic.Bound(_catalog));
        _universe = new AccessPolicyUniverse(_evaluator, catalog);
        _policyPath = _evaluator.Policy.Source;
        _catalogPath = catalog.OverridePath;
        if (Region != null && !LimitToRegion)
            ThrowTerminatingError(ErrorRecordFactory.RegionNeedsLimitToRegion(Region));
        if (LimitToRegion && Region == null && _evaluator.Policy.Regions.Count == 0)
            ThrowTerminatingError(ErrorRecordFactory.NoRegionToLimitTo());
        if (Region != null)
            foreach (var r in Region)
                if (!Engine.Aws.AwsRegions.IsRegionName(r))
                    ThrowTerminatingError(ErrorRecordFactory.InvalidRegionName(r));
    }

    protected override void ProcessRecord()
    {
        if (License != null && MyInvocation.BoundParameters.ContainsKey(nameof(License)))
        {
            foreach (var l in License.Where(l => l != null))
                _universe!.Add(l);
        }
        if (ModelId != null && MyInvocation.BoundParameters.ContainsKey(nameof(ModelId)) && !MyInvocation.BoundParameters.ContainsKey(nameof(License)))
        {
            foreach (var id in ModelId)
            {
                try { _universe!.Add(id); }
                catch (ArgumentException ex) { WriteError(ErrorRecordFactory.InvalidModelId(ex, id)); }
            }
        }
    }

    protected override void EndProcessing()
    {
        var policy = _evaluator!.Policy;
        var universe = _universe!;
        universe.Complete();
        foreach (var w in universe.Warnings) WriteWarning(w);
        foreach (var n in universe.Notes) WriteVerbose(n);
        if (universe.Verdicts.Count == 0)
        {
            WriteError(ErrorRecordFactory.NoModels());
            return;
        }

        var regions = !LimitToRegion ? Array.Empty<string>() : Region ?? policy.Regions.ToArray();
        var options = new AccessPolicyOptions
        {
            Type = Type,
            Strategy = Strategy,
            Regions = regions.Distinct(StringComparer.Ordinal).ToList(),
            Partition = Partition,
            Compress = Compress,
            BaseName = Name,
            IncludeMarketplace = !NoMarketplace,
            DenyLongTermApiKeys = DenyLongTermApiKey,
            DenyClaudePlatform = DenyClaudePlatform,
        };
        AccessPolicyUniverse.ApplyPolicy(options, policy);

        AccessPolicyResult result;
        try
        {
            result = AccessPolicyGenerator.Generate(universe.ForGenerator(), options);
        }
        catch (AccessPolicyTooLargeException ex)
        {
            WriteError(ErrorRecordFactory.AccessPolicyTooLarge(ex, Policy));
            return;
        }
        foreach (var w in result.Warnings) WriteWarning(w);
        foreach (var n in result.Notes) WriteVerbose(n);

        foreach (var doc in result.Documents)
        {
            doc.PolicyName = policy.DisplayName;
            doc.PolicySha256 = policy.Sha256;
            WriteVerbose($"{doc.Name}: {doc.Size} of {doc.SizeLimit} characters ({Type} counting), denies {doc.ModelsDenied.Count} listed model(s).");
            string? target = TargetFile(doc, result.Documents.Count);
            if (target != null && !WriteFile(doc, target)) continue;
            WriteObject(doc);
        }
    }

    string? TargetFile(BedrockAccessPolicyDocument doc, int count)
    {
        string? raw = ParameterSetName == LiteralSet ? LiteralPath : Path;
        if (raw == null) return null;
        string resolved = PowerShellPaths.Resolve(this, raw, literal: ParameterSetName == LiteralSet);
        if (Directory.Exists(resolved))
            return System.IO.Path.Combine(resolved, doc.Name + ".json");
        if (count == 1) return resolved;
        string ext = System.IO.Path.GetExtension(resolved);
        if (string.IsNullOrEmpty(ext)) ext = ".json";
        string stem = resolved.Substring(0, resolved.Length - System.IO.Path.GetExtension(resolved).Length);
        return $"{stem}-Part{doc.Part}of{doc.PartCount}{ext}";
    }

    bool WriteFile(BedrockAccessPolicyDocument doc, string file)
    {
        var output = OutputFile.Check(file, Dynamic.Bound(_replace), null, new[] { _policyPath, _catalogPath }, out var refused);
        if (output == null)
        {
            WriteError(refused!);
            return false;
        }
        if (!ShouldProcess(file, $"Write {doc.Type} policy document '{doc.Name}' ({doc.Size} characters)"))
            return false;
        try
        {
            // Exactly the document, UTF-8 without BOM and without a trailing newline: for SCPs created via the API, every character counts.
            byte[] bytes = new UTF8Encoding(false).GetBytes(doc.Document);
            output.Write(stream => { stream.Write(bytes, 0, bytes.Length); return bytes.Length; });
            doc.Path = output.Path;
            return true;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            WriteError(ErrorRecordFactory.FileWriteFailed(ex, file));
            return false;
        }
    }
}
