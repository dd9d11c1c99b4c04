namespace BedrockCompliance.Tests.Aws;

/// <summary>Sets process environment variables for one test and restores them; AWSSDK.Core reads the real environment.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    static readonly string[] AwsVariables =
    {
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_BEDROCK", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
        "AWS_ENDPOINT_URL_STS", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_BEARER_TOKEN_BEDROCK", "AWS_MAX_ATTEMPTS", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
    };
    readonly Dictionary<string, string?> _saved = new();
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "bc-env-" + Guid.NewGuid().ToString("N"));

    public EnvironmentScope()
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var name in AwsVariables.Append("AWS_EC2_METADATA_DISABLED"))
            _saved[name] = Environment.GetEnvironmentVariable(name);
        foreach (var name in AwsVariables) Environment.SetEnvironmentVariable(name, null);
        Set("AWS_CONFIG_FILE", SharedConfigFile).Set("AWS_SHARED_CREDENTIALS_FILE", SharedCredentialsFile);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        // Empty files by default, so the machine's own ~/.aws never leaks into a test.
        WriteFile("config", "");
        WriteFile("credentials", "");
    }

    public EnvironmentScope Set(string name, string? value) { Environment.SetEnvironmentVariable(name, value); return this; }

    /// <summary>
    /// AWSSDK.Core caches the config and credentials file paths for the life of the process (it re-reads their
    /// content), so every test in this process uses one fixed pair, set before any AWS call.
    /// </summary>
    public static readonly string SharedConfigFile, SharedCredentialsFile;

    static EnvironmentScope()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"bc-aws-files-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(dir);
        SharedConfigFile = Path.Combine(dir, "config");
        SharedCredentialsFile = Path.Combine(dir, "credentials");
        File.WriteAllText(SharedConfigFile, "");
        File.WriteAllText(SharedCredentialsFile, "");
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", SharedConfigFile);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", SharedCredentialsFile);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        // AWSSDK.Core resolves the two paths now, while the files exist: it keeps what it finds at first use, and a first
        // use with them deleted (Missing_files_give_no_profiles_and_no_error run first) left the process without them.
        _ = new Amazon.Runtime.CredentialManagement.SharedCredentialsFile().ConfigFilePath;
    }

    /// <summary>Runs before any test: pins the AWS files before AWSSDK.Core first reads them.</summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void PinAwsFiles() => _ = SharedConfigFile;

    /// <summary>Writes 'config' or 'credentials' into the fixed pair; any other name into this scope's folder.</summary>
    public string WriteFile(string name, string content)
    {
        string path = name switch
        {
            "config" => SharedConfigFile,
            "credentials" => SharedCredentialsFile,
            _ => Path.Combine(Directory, name),
        };
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection { public const string Name = "Process environment"; }
