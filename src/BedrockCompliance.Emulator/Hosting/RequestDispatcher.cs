using BedrockCompliance.Emulator.Auth;
using BedrockCompliance.Emulator.Control;
using BedrockCompliance.Emulator.Faults;
using BedrockCompliance.Emulator.Routing;
using BedrockCompliance.Emulator.Services;

namespace BedrockCompliance.Emulator.Hosting;

/// <summary>
/// The single request pipeline: route → latency → authenticate → count → injected faults →
/// per-account denial → handler. Every response carries <c>x-amzn-RequestId</c>.
/// </summary>
public sealed class RequestDispatcher(
    EmulatorState state,
    Authenticator authenticator,
    FaultInjector faults,
    ControlApi control,
    TimeProvider time,
    BedrockControlPlane bedrock,
    BedrockRuntime runtime,
    StsService sts,
    CloudTrailService cloudTrail,
    Ec2Service ec2,
    MantleService mantle,
    IamService iam,
    S3Service s3,
    LogsService logs,
    SsoService sso,
    SsoOidcService ssoOidc,
    OrganizationsService organizations)
{
    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var request = await AwsRequest.ReadAsync(context);

        if (request.RawPath.StartsWith(ControlApi.Prefix, StringComparison.Ordinal))
        {
            await WriteAsync(context, control.Handle(request.Method, request.RawPath, request.Body));
            return;
        }

        var route = Router.Match(request);
        state.Totals.AddCall();
        if (route is null)
        {
            await WriteErrorAsync(context, AwsProtocol.RestJson,
                new AwsError("UnknownOperationException", 404, "The requested operation is not recognized by the service."), requestId);
            return;
        }

        var protocol = route.Service.Protocol();
        await faults.DelayAsync(context.RequestAborted);

        var now = time.GetUtcNow();
        var auth = authenticator.Authenticate(request, route.Service, now);
        var account = auth.Principal is { } p ? state.Find(p.AccountId) : null;
        if (auth.Error is not null || account is null)
        {
            state.Totals.AddAuthFailure();
            await WriteErrorAsync(context, protocol, auth.Error ?? CommonErrors.For(protocol, CommonError.UnknownAccessKey), requestId);
            return;
        }

        var counter = account.Calls.For(route.Operation);
        counter.AddCall();

        bool quota = route.Service is AwsService.Bedrock or AwsService.BedrockRuntime or AwsService.BedrockMantle;
        // One bucket per account x Region x service, as AWS's quotas (and the module's client-side limiter) are.
        if (faults.Decide(account.AccountId, quota, $"{auth.Region}|{route.Service}") is { } fault)
        {
            if (fault.IsThrottle) state.Totals.AddThrottled(); else state.Totals.AddInjectedError();
            await WriteErrorAsync(context, protocol, CommonErrors.For(protocol, fault.Error, fault.Message), requestId);
            return;
        }

        // A denial names the operation (every surface) or the IAM action (one surface: "bedrock-mantle:GetAccountDataRetention").
        if (account.IsDenied(route.Operation) || account.IsActionDenied($"{route.Service.IamPrefix()}:{route.Service.IamAction(route.Operation)}"))
        {
            await WriteErrorAsync(context, protocol, CommonErrors.For(protocol, CommonError.AccessDenied,
                DeniedMessage(protocol, route, auth.Principal!)), requestId);
            return;
        }

        AwsResponse response;
        var call = new CallContext(request, route, auth.Principal!, account, auth.Region, now, requestId);
        try
        {
            response = Handler(route.Service).Handle(call);
        }
        catch (AwsException e)
        {
            CloudTrailService.Record(call, e.Error.Code, e.Error.Message); // CloudTrail logs failed calls too
            await WriteErrorAsync(context, protocol, e.Error, requestId);
            return;
        }
        CloudTrailService.Record(call);

        // Fault-after-commit: the change above stands, its answer is lost (a 5xx or a dropped connection; not counted as a success).
        switch (faults.DecideAfterCommit(route.Operation))
        {
            case AfterCommitModes.Drop:
                state.Totals.AddInjectedError();
                context.Abort();
                return;
            case AfterCommitModes.Error:
                state.Totals.AddInjectedError();
                await WriteErrorAsync(context, protocol, CommonErrors.For(protocol, CommonError.InternalError, null), requestId);
                return;
        }
        counter.AddSuccess();
        state.Totals.AddSuccess();
        await WriteAsync(context, response);
    }

    IServiceHandler Handler(AwsService service) => service switch
    {
        AwsService.Bedrock => bedrock,
        AwsService.BedrockRuntime => runtime,
        AwsService.Sts => sts,
        AwsService.CloudTrail => cloudTrail,
        AwsService.BedrockMantle => mantle,
        AwsService.Iam => iam,
        AwsService.S3 => s3,
        AwsService.Logs => logs,
        AwsService.Sso => sso,
        AwsService.SsoOidc => ssoOidc,
        AwsService.Organizations => organizations,
        _ => ec2,
    };

    /// <summary>IAM's wording; Converse is authorised by bedrock:InvokeModel.</summary>
    static string DeniedMessage(AwsProtocol protocol, RouteMatch route, Principal principal)
    {
        var action = $"{route.Service.IamPrefix()}:{route.Service.IamAction(route.Operation)}";
        var text = $"User: {principal.Arn} is not authorized to perform: {action} because no identity-based policy allows the {action} action";
        return protocol == AwsProtocol.Ec2Query ? "You are not authorized to perform this operation. " + text : text;
    }

    static Task WriteErrorAsync(HttpContext context, AwsProtocol protocol, AwsError error, string requestId)
    {
        if (ErrorWriter.UsesErrorTypeHeader(protocol))
            context.Response.Headers["x-amzn-ErrorType"] = error.Code;
        return WriteAsync(context, ErrorWriter.Render(protocol, error, requestId));
    }

    static Task WriteAsync(HttpContext context, AwsResponse response)
    {
        context.Response.StatusCode = response.Status;
        if (response.Headers is { } headers)
            foreach (var (name, value) in headers) context.Response.Headers[name] = value;
        if (response.Status == 204) return Task.CompletedTask;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        if (response.OmitBody) return Task.CompletedTask;
        return context.Response.Body.WriteAsync(response.Body, context.RequestAborted).AsTask();
    }
}
