using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Aws;

/// <summary>Region, credential and endpoint precedence with temporary AWS config and credentials files.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public class ConnectionResolverTests
{
    const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    static EnvironmentScope WithEnvKeys() => new EnvironmentScope()
        .Set("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE").Set("AWS_SECRET_ACCESS_KEY", Secret);

    [Fact]
    public void Region_parameter_wins_then_AWS_REGION_then_AWS_DEFAULT_REGION_then_profile()
    {
        using var env = WithEnvKeys();
        env.WriteFile("config", "[default]\nregion = eu-west-1\n");
        Assert.Equal("eu-west-1", Resolve().Region);
        env.Set("AWS_DEFAULT_REGION", "eu-central-1");
        Assert.Equal("eu-central-1", Resolve().Region);
        env.Set("AWS_REGION", "us-west-2");
        var c = Resolve();
        Assert.Equal("us-west-2", c.Region);
        Assert.Contains(Lines(c), p => p == "Region: us-west-2 (from AWS_REGION)");
        Assert.Equal("ap-northeast-1", Resolve(new ConnectionRequest { Region = "ap-northeast-1" }).Region);
    }

    [Fact]
    public void No_region_anywhere_is_a_clear_error()
    {
        using var env = WithEnvKeys();
        var ex = Assert.Throws<AwsConfigurationException>(() => Resolve());
        Assert.Equal("NoRegion", ex.ErrorId);
        Assert.Contains("-Region", ex.Message);
        Assert.Contains("AWS_REGION", ex.Message);
    }

    [Theory]
    [InlineData("us-east-7")]
    [InlineData("virginia")]
    public void Unknown_region_names_are_refused(string region)
    {
        using var env = WithEnvKeys();
        var ex = Assert.Throws<AwsConfigurationException>(() => Resolve(new ConnectionRequest { Region = region }));
        Assert.Equal("UnknownRegion", ex.ErrorId);
        Assert.Contains($"'{region}'", ex.Message);
    }

    [Fact]
    public void Environment_keys_are_used_and_described_without_the_secret()
    {
        using var env = WithEnvKeys().Set("AWS_REGION", "us-east-1");
        var c = Resolve();
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", c.Credentials!.GetCredentials().AccessKey);
        Assert.Contains(Lines(c), p => p.StartsWith("Credentials: environment variables (AWS_ACCESS_KEY_ID AKIA…MPLE)"));
        Assert.DoesNotContain(Lines(c), p => p.Contains(Secret) || p.Contains("AKIAIOSFODNN7EXAMPLE"));
    }

    [Fact]
    public void A_named_profile_supplies_keys_and_region()
    {
        using var env = new EnvironmentScope();
        env.WriteFile("credentials", "[audit]\naws_access_key_id = AKIAAUDITEXAMPLE0001\naws_secret_access_key = auditsecret\n");
        env.WriteFile("config", "[profile audit]\nregion = eu-north-1\n");
        var c = Resolve(new ConnectionRequest { ProfileName = "audit" });
        Assert.Equal("AKIAAUDITEXAMPLE0001", c.Credentials!.GetCredentials().AccessKey);
        Assert.Equal("eu-north-1", c.Region);
        Assert.Contains(Lines(c), p => p.Contains("profile 'audit'"));
    }

    [Fact]
    public void AWS_PROFILE_selects_the_profile_for_the_default_chain()
    {
        using var env = new EnvironmentScope();
        env.WriteFile("credentials", "[ops]\naws_access_key_id = AKIAOPSEXAMPLE000001\naws_secret_access_key = opssecret\n");
        env.WriteFile("config", "[profile ops]\nregion = ca-central-1\n");
        env.Set("AWS_PROFILE", "ops");
        var c = Resolve();
        Assert.Equal("AKIAOPSEXAMPLE000001", c.Credentials!.GetCredentials().AccessKey);
        Assert.Equal("ca-central-1", c.Region);
    }

    [Fact]
    public void A_credential_process_profile_runs_the_process_through_AWSSDK_Core()
    {
        using var env = new EnvironmentScope();
        string script = env.WriteFile("creds.sh", "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"AKIAPROCESSEXAMPLE01\",\"SecretAccessKey\":\"procsecret\"}'\n");
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        env.WriteFile("config", $"[profile proc]\nregion = us-east-2\ncredential_process = {script}\n");
        var c = Resolve(new ConnectionRequest { ProfileName = "proc" });
        Assert.Equal("AKIAPROCESSEXAMPLE01", c.Credentials!.GetCredentials().AccessKey);
    }

    [Fact]
    public void An_assume_role_profile_resolves_to_role_credentials()
    {
        using var env = new EnvironmentScope();
        env.WriteFile("credentials", "[base]\naws_access_key_id = AKIABASEEXAMPLE00001\naws_secret_access_key = basesecret\n");
        env.WriteFile("config", "[profile member]\nregion = us-east-1\nrole_arn = arn:aws:iam::200000000001:role/OrganizationAccountAccessRole\nsource_profile = base\n");
        var c = Resolve(new ConnectionRequest { ProfileName = "member" });
        Assert.Contains("AssumeRole", c.Credentials!.GetType().Name);
    }

    [Fact]
    public void A_missing_profile_names_itself_and_the_files()
    {
        using var env = WithEnvKeys().Set("AWS_REGION", "us-east-1");
        var ex = Assert.Throws<AwsConfigurationException>(() => Resolve(new ConnectionRequest { ProfileName = "nope" }));
        Assert.Equal("ProfileNotFound", ex.ErrorId);
        Assert.Contains("'nope'", ex.Message);
        Assert.Contains(EnvironmentScope.SharedConfigFile, ex.Message);
    }

    [Fact]
    public void No_credentials_is_a_clear_error_that_fails_fast()
    {
        using var env = new EnvironmentScope().Set("AWS_REGION", "us-east-1");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<AwsConfigurationException>(() => Resolve());
        Assert.Equal("NoCredentials", ex.ErrorId);
        Assert.Contains("AWS_ACCESS_KEY_ID", ex.Message);
    }

    [Fact]
    public void Endpoint_precedence_is_parameter_then_service_variable_then_global_then_profile_then_regional()
    {
        using var env = WithEnvKeys().Set("AWS_REGION", "us-east-1");
        Assert.Equal("https://bedrock.us-east-1.amazonaws.com/", Resolve().EndpointFor(AwsService.Bedrock).ToString());
        Assert.Equal("https://bedrock-runtime.us-east-1.amazonaws.com/", Resolve().EndpointFor(AwsService.BedrockRuntime).ToString());
        Assert.Equal("https://sts.us-east-1.amazonaws.com/", Resolve().EndpointFor(AwsService.Sts).ToString());

        env.WriteFile("config", "[default]\nendpoint_url = http://127.0.0.1:1000\n");
        Assert.Equal("http://127.0.0.1:1000/", Resolve().EndpointFor(AwsService.Bedrock).ToString());
        env.Set("AWS_ENDPOINT_URL", "http://localhost:1111");
        env.Set("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://localhost:2222/base");
        var c = Resolve();
        Assert.Equal("http://localhost:1111/", c.EndpointFor(AwsService.Bedrock).ToString());
        Assert.Equal("http://localhost:1111/", c.EndpointFor(AwsService.Sts).ToString());
        Assert.Equal("http://localhost:2222/base", c.EndpointFor(AwsService.BedrockRuntime).ToString());
        Assert.Contains(Lines(c), p => p.Contains("from AWS_ENDPOINT_URL_BEDROCK_RUNTIME"));
        Assert.Equal("http://127.0.0.1:3333/", Resolve(new ConnectionRequest { EndpointUrl = "http://127.0.0.1:3333" }).EndpointFor(AwsService.BedrockRuntime).ToString());

        env.Set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        Assert.Equal("https://bedrock.us-east-1.amazonaws.com/", Resolve().EndpointFor(AwsService.Bedrock).ToString());
    }

    [Fact]
    public void China_regions_use_the_cn_suffix()
    {
        using var env = WithEnvKeys();
        Assert.Equal("https://bedrock.cn-north-1.amazonaws.com.cn/", Resolve(new ConnectionRequest { Region = "cn-north-1" }).EndpointFor(AwsService.Bedrock).ToString());
    }

    [Theory]
    [InlineData("http://10.0.0.5:8080", "InsecureEndpoint")]
    [InlineData("http://bedrock.example.com", "InsecureEndpoint")]
    [InlineData("ftp://127.0.0.1", "InvalidEndpoint")]
    [InlineData("not a url", "InvalidEndpoint")]
    [InlineData("http://127.0.0.1:1/?x=1", "InvalidEndpoint")]
    public void Plaintext_is_refused_off_loopback_and_junk_is_named(string url, string errorId)
    {
        var ex = Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.ValidateEndpoint(url));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Contains(url.Trim(), ex.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4566")]
    [InlineData("http://127.8.9.10:4566")]
    [InlineData("http://localhost:4566")]
    [InlineData("http://[::1]:4566")]
    [InlineData("https://bedrock.us-east-1.amazonaws.com")]
    [InlineData("https://vpce-123.bedrock.us-east-1.vpce.amazonaws.com")]
    public void Loopback_http_and_any_https_are_accepted(string url) => ConnectionResolver.ValidateEndpoint(url);

    [Fact]
    public void Bearer_token_is_picked_up_and_credentials_become_optional()
    {
        using var env = new EnvironmentScope().Set("AWS_REGION", "us-east-1").Set("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-EXAMPLE");
        var c = Resolve();
        Assert.Equal("bedrock-api-key-EXAMPLE", c.BearerToken);
        Assert.Null(c.Credentials);
        Assert.Contains(Lines(c), p => p == "Bedrock authentication: bearer token (from AWS_BEARER_TOKEN_BEDROCK)");
        Assert.DoesNotContain(Lines(c), p => p.Contains("bedrock-api-key-EXAMPLE"));
    }

    [Fact]
    public void The_regional_default_endpoint_uses_the_partition_suffix()
    {
        using var env = WithEnvKeys();
        var c = Resolve(new ConnectionRequest { Region = "us-iso-east-1" });
        Assert.Equal("https://bedrock.us-iso-east-1.c2s.ic.gov/", c.EndpointFor(AwsService.Bedrock).ToString());
    }

    [Fact]
    public void Provenance_is_structured_and_never_holds_the_secret_or_the_whole_key_id()
    {
        using var env = WithEnvKeys().Set("AWS_REGION", "us-east-1").Set("AWS_ENDPOINT_URL_BEDROCK", "http://127.0.0.1:4566");
        var c = Resolve();
        var region = Assert.Single(c.Provenance, p => p.Part == ProvenanceEntry.RegionPart);
        Assert.Equal(("AWS_REGION", "us-east-1"), (region.Source, region.Value));
        var credentials = Assert.Single(c.Provenance, p => p.Part == ProvenanceEntry.CredentialsPart);
        Assert.Equal(("environment variables", "AWS_ACCESS_KEY_ID AKIA…MPLE"), (credentials.Source, credentials.Value));
        var bedrock = Assert.Single(c.Provenance, p => p.Part == "Bedrock endpoint");
        Assert.Equal(("AWS_ENDPOINT_URL_BEDROCK", "http://127.0.0.1:4566"), (bedrock.Source, bedrock.Value));
        Assert.Contains("Bedrock endpoint: http://127.0.0.1:4566 (from AWS_ENDPOINT_URL_BEDROCK)", Lines(c));
        Assert.Contains("STS endpoint: https://sts.us-east-1.amazonaws.com (from the regional default)", Lines(c));
        // CloudTrail and EC2 are named only when they are not the regional default.
        Assert.DoesNotContain(c.Provenance, p => p.Part == "CloudTrail endpoint" || p.Part == "EC2 endpoint");
        Assert.DoesNotContain(c.Provenance, p => $"{p.Source} {p.Value}".Contains(Secret) || $"{p.Source} {p.Value}".Contains("AKIAIOSFODNN7EXAMPLE"));
    }

    [Fact]
    public void A_connection_for_another_region_keeps_explicit_settings_and_reads_nothing_again()
    {
        using var env = WithEnvKeys().Set("AWS_REGION", "us-east-1").Set("AWS_ENDPOINT_URL_BEDROCK", "http://127.0.0.1:4566");
        var source = Resolve();
        // Whatever the environment says now, the derived connection is the source's in another region.
        env.Set("AWS_ENDPOINT_URL_BEDROCK", "http://127.0.0.1:9999").Set("AWS_ACCESS_KEY_ID", null).Set("AWS_SECRET_ACCESS_KEY", null);
        var derived = ConnectionResolver.ForRegion(source, " eu-west-1 ", "the account context");
        Assert.Equal("eu-west-1", derived.Region);
        Assert.Same(source.Credentials, derived.Credentials);
        Assert.Equal("http://127.0.0.1:4566/", derived.EndpointFor(AwsService.Bedrock).ToString());
        Assert.Equal("https://sts.eu-west-1.amazonaws.com/", derived.EndpointFor(AwsService.Sts).ToString());
        Assert.Equal("https://ec2.eu-west-1.amazonaws.com/", derived.EndpointFor(AwsService.Ec2).ToString());
        Assert.Contains("Region: eu-west-1 (from the account context)", Lines(derived));
        Assert.Contains("Credentials: environment variables (AWS_ACCESS_KEY_ID AKIA…MPLE)", Lines(derived));
        Assert.Equal("us-east-1", source.Region);
        var ex = Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.ForRegion(source, "eu-west-9", "the account context"));
        Assert.Equal("UnknownRegion", ex.ErrorId);
        Assert.Contains("the account context", ex.Message);
    }

    [Fact]
    public void With_methods_copy_and_leave_the_original_unchanged()
    {
        using var env = WithEnvKeys().Set("AWS_REGION", "us-east-1").Set(ConnectionResolver.BearerTokenVariable, "bedrock-api-key-EXAMPLE");
        var c = Resolve();
        var gate = new SemaphoreSlim(2);
        var limiter = new BedrockCompliance.Engine.Accounts.AccountRateLimiter(5);
        var changed = c.WithConcurrencyGate(gate).WithRateLimiter(limiter).WithAttemptTimeout(TimeSpan.FromSeconds(5));
        Assert.Null(c.ConcurrencyGate);
        Assert.Null(c.RateLimiter);
        Assert.Equal(AwsConnection.DefaultAttemptTimeout, c.AttemptTimeout);
        Assert.Same(gate, changed.ConcurrencyGate);
        Assert.Same(limiter, changed.RateLimiter);
        Assert.Equal(TimeSpan.FromSeconds(5), changed.AttemptTimeout);

        var role = changed.WithCredentials(new Amazon.Runtime.BasicAWSCredentials("AKIAROLEEXAMPLE00000", "s"), "role arn:aws:iam::123456789012:role/R assumed as session 'x'");
        Assert.Null(role.BearerToken);
        Assert.Same(gate, role.ConcurrencyGate);
        Assert.Equal("Credentials: role arn:aws:iam::123456789012:role/R assumed as session 'x'", Lines(role).Last(l => l.StartsWith("Credentials: ")));
        Assert.DoesNotContain(role.Provenance, p => p.Part == ProvenanceEntry.BearerPart);
        Assert.Contains(c.Provenance, p => p.Part == ProvenanceEntry.BearerPart);
    }

    static System.Collections.Generic.IEnumerable<string> Lines(AwsConnection c) => c.RenderProvenance();

    static AwsConnection Resolve(ConnectionRequest? request = null) => ConnectionResolver.Resolve(request ?? new ConnectionRequest());
}
