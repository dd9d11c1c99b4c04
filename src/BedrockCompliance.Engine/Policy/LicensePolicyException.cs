namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// A licence-policy file that cannot be used. The message names the file, the JSON path of the field
/// (e.g. <c>$.approvals[1].approvedOn</c>), the bad value and what is expected.
/// </summary>
internal sealed class LicensePolicyException : Exception
{
    public LicensePolicyException(string file, string? jsonPath, string problem, Exception? inner = null)
        : base(Format(file, jsonPath, problem), inner)
    {
        File = file;
        JsonPath = jsonPath;
        Problem = problem;
    }

    public string File { get; }
    public string? JsonPath { get; }
    public string Problem { get; }

    static string Format(string file, string? path, string problem) =>
        path == null ? $"Licence policy '{file}': {problem}" : $"Licence policy '{file}', field '{path}': {problem}";
}
