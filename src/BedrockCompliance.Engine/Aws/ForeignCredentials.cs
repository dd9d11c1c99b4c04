using System.Reflection;
using Amazon.Runtime;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// Credentials held by an object of another AWSSDK.Core (AWS Tools for PowerShell loads its own copy, so its
/// Amazon.Runtime.AWSCredentials is not our type). Read by duck typing: its GetCredentials() returns an object
/// with AccessKey, SecretKey and Token; asked on every signature, so the owner's own refreshing still works.
/// </summary>
internal sealed class ForeignCredentials : AWSCredentials
{
    readonly object _source;
    readonly MethodInfo _getCredentials;

    ForeignCredentials(object source, MethodInfo getCredentials)
    {
        _source = source;
        _getCredentials = getCredentials;
    }

    /// <summary>'BasicAWSCredentials from AWSSDK.Core 3.3.0.0': for -Verbose; no secret.</summary>
    public string Description => $"{_source.GetType().Name} from {_source.GetType().Assembly.GetName().Name} {_source.GetType().Assembly.GetName().Version}";

    /// <summary>
    /// Our own credentials as they are; another SDK's through <see cref="ForeignCredentials"/>; AWS Tools' wrapper
    /// (an object whose Credentials property holds them) unwrapped. Null when the object has none of these shapes.
    /// </summary>
    public static AWSCredentials? From(object? value)
    {
        for (int depth = 0; value != null && depth < 3; depth++)
        {
            if (value is AWSCredentials own) return own;
            var type = value.GetType();
            var method = type.GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
            if (method != null && HasKeyShape(method.ReturnType)) return new ForeignCredentials(value, method);
            value = type.GetProperty("Credentials", BindingFlags.Public | BindingFlags.Instance)?.GetValue(value);
        }
        return null;
    }

    public override ImmutableCredentials GetCredentials()
    {
        object? result;
        try { result = _getCredentials.Invoke(_source, null); }
        catch (TargetInvocationException ex) when (ex.InnerException != null)
        {
            throw new AwsConfigurationException("CredentialUnusable", $"The -Credential object ({Description}) could not give credentials: {ex.InnerException.Message}", ex.InnerException);
        }
        if (result == null) throw new AwsConfigurationException("CredentialUnusable", $"The -Credential object ({Description}) gave no credentials.");
        var type = result.GetType();
        string? Read(string name) => type.GetProperty(name)?.GetValue(result) as string;
        string? accessKey = Read("AccessKey"), secretKey = Read("SecretKey"), token = Read("Token");
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            throw new AwsConfigurationException("CredentialUnusable", $"The -Credential object ({Description}) gave credentials without an access key or secret key.");
        return new ImmutableCredentials(accessKey, secretKey, string.IsNullOrEmpty(token) ? null : token);
    }

    static bool HasKeyShape(Type type) =>
        type.GetProperty("AccessKey")?.PropertyType == typeof(string) && type.GetProperty("SecretKey")?.PropertyType == typeof(string);
}
