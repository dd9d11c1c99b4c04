namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// A licence-policy file that cannot be used. The message names the file, the JSON path of the field
/// (e.g. <c>$.approvals[1].approvedOn</c>), the bad value and what is expected.
/// </summary>
internal sealed class LicensePolicyException(string file, string? jsonPath, string problem, Exception? inner = null)
    : Exception(Format(file, jsonPath, problem), inner)
{
    public string File { get; } = file;
    public string? JsonPath { get; } = jsonPath;
    public string Problem { get; } = problem;

    static string Format(string file, string? path, string problem) =>
        path == null ? $"Licence policy '{file}': {problem}" : $"Licence policy '{file}', field '{path}': {problem}";
}
