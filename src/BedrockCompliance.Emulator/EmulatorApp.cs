using BedrockCompliance.Emulator.Auth;
using BedrockCompliance.Emulator.Catalog;
using BedrockCompliance.Emulator.Control;
using BedrockCompliance.Emulator.Faults;
using BedrockCompliance.Emulator.Hosting;
using BedrockCompliance.Emulator.Privacy;
using BedrockCompliance.Emulator.Services;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BedrockCompliance.Emulator;

/// <summary>Builds the emulator web application; used by Program and in-process by tests.</summary>
public static class EmulatorApp
{
    public const string DefaultUrl = "http://127.0.0.1:0";

    /// <summary>Builds from command-line arguments (emulator flags plus host flags such as <c>--urls</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var (options, hostArgs) = EmulatorOptions.Parse(args);
        return Build(options, hostArgs);
    }

    public static WebApplication Build(EmulatorOptions options, string[]? hostArgs = null)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(hostArgs ?? Array.Empty<string>());
        // stdout belongs to the "listening on" line; the host's own logging would interleave with it.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrl);

        var time = options.TimeProvider ?? TimeProvider.System;
        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton(time);
        s.AddSingleton<ModelCatalog>();
        s.AddSingleton<RetentionCatalog>();
        s.AddSingleton<ProfileCatalog>();
        s.AddSingleton<RetentionPolicy>();
        s.AddSingleton<BedrockPrivacyApi>();
        s.AddSingleton<GuardrailApi>();
        s.AddSingleton<ProfileApi>();
        s.AddSingleton<MantleService>();
        s.AddSingleton<IamService>();
        s.AddSingleton<S3Service>();
        s.AddSingleton<State.S3Storage>();
        s.AddSingleton<LogsService>();
        s.AddSingleton<OfferCatalog>();
        s.AddSingleton<EmulatorState>();
        s.AddSingleton<CredentialStore>();
        s.AddSingleton<SsoTokens>();
        s.AddSingleton<SsoService>();
        s.AddSingleton<SsoOidcService>();
        s.AddSingleton<OrganizationsService>();
        s.AddSingleton<Authenticator>();
        s.AddSingleton<FaultInjector>();
        s.AddSingleton<ControlApi>();
        s.AddSingleton<BedrockControlPlane>();
        s.AddSingleton<BedrockRuntime>();
        s.AddSingleton<StsService>();
        s.AddSingleton<CloudTrailService>();
        s.AddSingleton<Ec2Service>();
        s.AddSingleton<RequestDispatcher>();

        var app = builder.Build();
        var dispatcher = app.Services.GetRequiredService<RequestDispatcher>();
        app.Run(dispatcher.HandleAsync);
        return app;
    }

    /// <summary>The bound address (after start), e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public static string Address(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
