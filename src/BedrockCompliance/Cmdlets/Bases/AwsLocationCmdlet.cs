using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands.Bases;

/// <summary>
/// The one declaration of where AWS is reached: -Region (one or several), -ProfileName and -EndpointUrl, with the
/// AWS Tools for PowerShell names, aliases and completers. Base of every AWS-calling cmdlet (through
/// <see cref="BedrockAwsCmdlet"/>, which adds the credential parameters) and of New-BedrockAccountContext.
/// </summary>
public abstract class AwsLocationCmdlet : PSCmdlet
{
    /// <summary>The shell variable Set-DefaultAWSRegion (AWS Tools) sets.</summary>
    internal const string StoredRegionVariable = "StoredAWSRegion";

    /// <summary>AWS Regions, e.g. us-east-1; several run the work in each. Default: $StoredAWSRegion, AWS_REGION, AWS_DEFAULT_REGION, the profile's region.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull, AllowEmptyCollection]
    [Alias("RegionToCall")]
    [ArgumentCompleter(typeof(Completion.RegionCompleter))]
    public string[]? Region { get; set; }

    /// <summary>A profile in the shared AWS config/credentials files (static keys, SSO, assume-role, credential_process).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(Completion.ProfileNameCompleter))]
    public string? ProfileName { get; set; }

    /// <summary>Overrides the endpoint of every service called (e.g. the emulator). Plain http only on loopback; a blank value or user:password@ is refused.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EndpointUrl { get; set; }

    /// <summary>The -Region values given, trimmed, blanks dropped; empty when none.</summary>
    private protected IReadOnlyList<string> Regions =>
        (Region ?? Array.Empty<string>()).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>$StoredAWSRegion as AWS Tools' Set-DefaultAWSRegion leaves it (a string, or an object whose SystemName is one).</summary>
    private protected string? StoredRegion()
    {
        object? value = SessionState.PSVariable.GetValue(StoredRegionVariable);
        if (value is PSObject ps) value = ps.BaseObject;
        string? text = value as string ?? value?.GetType().GetProperty("SystemName")?.GetValue(value) as string;
        return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
    }

    /// <summary>The endpoint as it may be shown (user information masked): for error targets.</summary>
    private protected string? ShownEndpoint => EndpointUrl == null ? null : ConnectionResolver.MaskEndpoint(EndpointUrl);
}
