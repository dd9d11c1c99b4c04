using System.Runtime.Loader;
using Amazon.Runtime;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Aws;

/// <summary>
/// Credentials in AWS Tools for PowerShell's order (literal keys, -Credential, -ProfileName, $StoredAWSCredentials,
/// the default chain), credentials from another AWSSDK.Core, $StoredAWSRegion, and endpoints that would mislead or leak.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public class SigninConnectionTests
{
    const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    static EnvironmentScope WithEnvKeys() => new EnvironmentScope()
        .Set("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENTKEY01").Set("AWS_SECRET_ACCESS_KEY", "env-secret").Set("AWS_REGION", "us-east-1");

    static string KeyOf(AwsConnection c) => c.Credentials!.GetCredentials().AccessKey;
    static string CredentialLine(AwsConnection c) => c.RenderProvenance().Single(l => l.StartsWith("Credentials: ", StringComparison.Ordinal));

    /// <summary>Shaped like AWS Tools' credentials: GetCredentials() returning an object with AccessKey, SecretKey and Token.</summary>
    public sealed class ToolsLikeCredentials(string key)
    {
        public int Calls { get; private set; }
        public ToolsLikeImmutable GetCredentials() { Calls++; return new ToolsLikeImmutable(key, "tools-secret", "tools-token"); }
    }

    public sealed record ToolsLikeImmutable(string AccessKey, string SecretKey, string Token);

    /// <summary>Shaped like AWS Tools' AWSPSCredentials: the credentials in a Credentials property.</summary>
    public sealed class ToolsLikeWrapper(object credentials)
    {
        public object Credentials { get; } = credentials;
        public string Name => "wrapped";
    }

    [Fact]
    public void Literal_keys_come_before_Credential_which_comes_before_the_profile_the_stored_credentials_and_the_environment()
    {
        using var env = WithEnvKeys();
        env.WriteFile("credentials", "[named]\naws_access_key_id = AKIANAMEDPROFILE0001\naws_secret_access_key = s\n[stored]\naws_access_key_id = AKIASTOREDPROFILE001\naws_secret_access_key = s\n");
        var tools = new ToolsLikeCredentials("AKIATOOLSOBJECT00001");
        var request = new ConnectionRequest { AccessKey = "AKIALITERALKEY000001", SecretKey = "lit", Credential = tools, ProfileName = "named", StoredCredentials = "stored" };

        Assert.Equal("AKIALITERALKEY000001", KeyOf(ConnectionResolver.Resolve(request)));
        Assert.Equal("Credentials: the -AccessKey/-SecretKey parameters (access key AKIA…0001)", CredentialLine(ConnectionResolver.Resolve(request)));
        request.AccessKey = request.SecretKey = null;
        var fromTools = ConnectionResolver.Resolve(request);
        Assert.Equal("AKIATOOLSOBJECT00001", KeyOf(fromTools));
        Assert.StartsWith("Credentials: the -Credential parameter (ToolsLikeCredentials from BedrockCompliance.Tests", CredentialLine(fromTools));
        request.Credential = null;
        Assert.Equal("AKIANAMEDPROFILE0001", KeyOf(ConnectionResolver.Resolve(request)));
        request.ProfileName = null;
        var stored = ConnectionResolver.Resolve(request);
        Assert.Equal("AKIASTOREDPROFILE001", KeyOf(stored));
        Assert.Contains("$StoredAWSCredentials", CredentialLine(stored));
        request.StoredCredentials = new ToolsLikeWrapper(new ToolsLikeCredentials("AKIAWRAPPEDOBJECT001"));
        Assert.Equal("AKIAWRAPPEDOBJECT001", KeyOf(ConnectionResolver.Resolve(request)));
        request.StoredCredentials = null;
        Assert.Equal("AKIAENVIRONMENTKEY01", KeyOf(ConnectionResolver.Resolve(request)));
    }

    [Fact]
    public void A_foreign_credentials_object_is_asked_on_every_use_so_its_own_refresh_keeps_working()
    {
        var tools = new ToolsLikeCredentials("AKIATOOLSOBJECT00001");
        var credentials = ForeignCredentials.From(tools)!;
        var first = credentials.GetCredentials();
        credentials.GetCredentials();
        Assert.Equal(2, tools.Calls);
        Assert.Equal("tools-secret", first.SecretKey);
        Assert.Equal("tools-token", first.Token);
        Assert.Null(ForeignCredentials.From("not credentials"));
        var own = new BasicAWSCredentials("AKIAOWN", "s");
        Assert.Same(own, ForeignCredentials.From(own));
    }

    [Fact]
    public void Credentials_of_a_real_AWSSDK_Core_3_7_in_its_own_load_context_are_read_without_sharing_types()
    {
        string nuget = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(nuget, "awssdk.core", "3.7.402", "lib", "net8.0", "AWSSDK.Core.dll");
        Assert.True(File.Exists(path), "AWSSDK.Core 3.7.402 is restored by this project's PackageDownload");
        var context = new AssemblyLoadContext("aws-tools-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        try
        {
            var core = context.LoadFromAssemblyPath(path);
            var type = core.GetType("Amazon.Runtime.SessionAWSCredentials", throwOnError: true)!;
            Assert.NotEqual(typeof(AWSCredentials).Assembly, type.Assembly);
            object foreign = Activator.CreateInstance(type, "ASIAFOREIGNSESSION01", Secret, "foreign-token")!;
            var credentials = ForeignCredentials.From(foreign);
            Assert.NotNull(credentials);
            var keys = credentials!.GetCredentials();
            Assert.Equal("ASIAFOREIGNSESSION01", keys.AccessKey);
            Assert.Equal(Secret, keys.SecretKey);
            Assert.Equal("foreign-token", keys.Token);
            Assert.Equal("SessionAWSCredentials from AWSSDK.Core 3.3.0.0", ((ForeignCredentials)credentials).Description);
        }
        finally { context.Unload(); }
    }

    [Fact]
    public void Objects_without_credentials_and_half_given_keys_are_clear_errors()
    {
        using var env = WithEnvKeys();
        var ex = Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.Resolve(new ConnectionRequest { Credential = new object() }));
        Assert.Equal("InvalidCredential", ex.ErrorId);
        Assert.Contains("System.Object", ex.Message);
        ex = Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.Resolve(new ConnectionRequest { AccessKey = "AKIAONLYKEY" }));
        Assert.Equal("InvalidCredentialParameters", ex.ErrorId);
        ex = Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.Resolve(new ConnectionRequest { StoredCredentials = "no-such-profile" }));
        Assert.Equal("ProfileNotFound", ex.ErrorId);
        Assert.Contains("$StoredAWSCredentials", ex.Message);
    }

    [Fact]
    public void A_broken_role_chain_names_its_real_cause()
    {
        using var env = WithEnvKeys();
        env.WriteFile("config", "[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = nowhere\n");
        var ex = Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.Resolve(new ConnectionRequest { ProfileName = "chained" }));
        Assert.Equal("ProfileCredentialsInvalid", ex.ErrorId);
        Assert.Contains("nowhere", ex.Message);
    }

    [Fact]
    public void StoredAWSRegion_comes_after_Region_and_before_the_environment()
    {
        using var env = WithEnvKeys();
        env.Set("AWS_REGION", "us-west-2");
        var c = ConnectionResolver.Resolve(new ConnectionRequest { StoredRegion = "eu-central-1" });
        Assert.Equal("eu-central-1", c.Region);
        Assert.Contains("Region: eu-central-1 (from $StoredAWSRegion (Set-DefaultAWSRegion))", c.RenderProvenance());
        Assert.Equal("ap-south-1", ConnectionResolver.Resolve(new ConnectionRequest { Region = "ap-south-1", StoredRegion = "eu-central-1" }).Region);
        Assert.Equal("eu-central-1", ConnectionResolver.DefaultRegion(null, storedRegion: "eu-central-1"));
        Assert.Equal("UnknownRegion", Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.Resolve(new ConnectionRequest { StoredRegion = "mars-1" })).ErrorId);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\t")]
    public void A_blank_EndpointUrl_is_refused_instead_of_falling_back_to_AWS(string blank)
    {
        using var env = WithEnvKeys();
        var ex = Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.Resolve(new ConnectionRequest { EndpointUrl = blank }));
        Assert.Equal("InvalidEndpoint", ex.ErrorId);
    }

    [Theory]
    [InlineData("http://admin:S3cretPa55@127.0.0.1:4566")]
    [InlineData("https://admin:S3cretPa55@bedrock.us-east-1.amazonaws.com")]
    [InlineData("https://S3cretPa55@bedrock.us-east-1.amazonaws.com/base")]
    public void User_information_in_an_endpoint_is_refused_and_never_shown(string url)
    {
        using var env = WithEnvKeys();
        var ex = Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.Resolve(new ConnectionRequest { EndpointUrl = url }));
        Assert.Equal("InvalidEndpoint", ex.ErrorId);
        Assert.DoesNotContain("S3cretPa55", ex.Message);
        Assert.Contains("***@", ex.Message);
        env.Set("AWS_ENDPOINT_URL", url);
        ex = Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.Resolve(new ConnectionRequest()));
        Assert.DoesNotContain("S3cretPa55", ex.Message);
        Assert.DoesNotContain("S3cretPa55", ConnectionResolver.MaskEndpoint(url));
        // Bad URLs carrying a password are masked too.
        Assert.DoesNotContain("S3cretPa55", Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.ValidateEndpoint("ftp://u:S3cretPa55@host")).Message);
    }
}
