namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// The one declaration of how an Export- cmdlet may replace a file, with Export-Csv's names: -NoClobber and -Force,
/// offered as dynamic parameters (<see cref="DynamicParameterGroups"/>) and read by <see cref="OutputFile.Check"/>.
/// </summary>
public sealed class OutputFileParameters
{
    /// <summary>Do not overwrite an existing file.</summary>
    [Parameter]
    [Alias("NoOverwrite")]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Overwrite a read-only file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }
}
