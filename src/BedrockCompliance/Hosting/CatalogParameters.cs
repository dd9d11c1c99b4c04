namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// The one declaration of -CatalogPath, offered as a dynamic parameter (<see cref="DynamicParameterGroups"/>) by every
/// cmdlet that classifies models, and loaded by <see cref="InputFiles.LoadCatalog"/>.
/// Plain types only: PowerShell reflects parameter types before the engine loads.
/// </summary>
public sealed class CatalogParameters
{
    /// <summary>An organisation's catalog file overlaying the built-in one (default: $env:BEDROCK_COMPLIANCE_CATALOG).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CatalogPath { get; set; }
}
