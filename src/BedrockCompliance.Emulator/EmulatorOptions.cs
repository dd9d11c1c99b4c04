using System.Globalization;

namespace BedrockCompliance.Emulator;

/// <summary>Start-up configuration. Parsed from the command line; the emulator's own flags are
/// removed from the argument list so that ASP.NET's configuration only sees what it understands
/// (for example <c>--urls</c>).</summary>
public sealed class EmulatorOptions
{
    public const string ManagementAccountId = "111111111111";
    public const string ManagementAccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string ManagementSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string ManagementUserName = "compliance-admin";
    public const string ManagementUserId = "AIDAEMULATORADMIN0001";
    public static string ManagementPrincipalArn { get; } = Arns.IamUser(ManagementAccountId, ManagementUserName);
    public const string MemberRoleName = "OrganizationAccountAccessRole";
    public const long FirstMemberAccountNumber = 200000000000;

    public int Accounts { get; set; }
    public int LatencyMs { get; set; }
    public double ThrottleRate { get; set; }
    public double ErrorRate { get; set; }
    /// <summary>Requests per second per account; 0 disables the token bucket.</summary>
    public double RateLimit { get; set; }
    public int Seed { get; set; } = 42;
    public int AgreementDelayMs { get; set; }
    public string BearerToken { get; set; } = "bedrock-api-key-EXAMPLE";
    /// <summary>Region used when a request carries no SigV4 scope (bearer-token requests).</summary>
    public string DefaultRegion { get; set; } = "us-east-1";
    /// <summary>Entries of the form <c>&lt;accountId&gt;</c> or <c>&lt;accountId&gt;:&lt;Operation&gt;</c>.</summary>
    public List<string> DenyAccounts { get; } = new();
    public List<string> UnassumableAccounts { get; } = new();
    /// <summary>Overrides the clock (tests). Null means <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    public static string MemberAccountId(int index) =>
        (FirstMemberAccountNumber + index).ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>Parses the emulator's flags out of <paramref name="args"/>; returns the options and
    /// the arguments that are left for the web host.</summary>
    public static (EmulatorOptions Options, string[] HostArgs) Parse(IReadOnlyList<string> args)
    {
        var o = new EmulatorOptions();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name = arg, value = "";
            var eq = arg.IndexOf('=');
            var isOwn = arg.StartsWith("--", StringComparison.Ordinal) && IsOwnFlag(eq > 0 ? arg[..eq] : arg);
            if (!isOwn) { rest.Add(arg); continue; }
            if (eq > 0) { name = arg[..eq]; value = arg[(eq + 1)..]; }
            else
            {
                if (i + 1 >= args.Count) throw new ArgumentException($"Flag {arg} needs a value.");
                value = args[++i];
            }
            try { o.Apply(name, value); }
            catch (FormatException) { throw new ArgumentException($"{name}: '{value}' is not a valid number."); }
            catch (OverflowException) { throw new ArgumentException($"{name}: '{value}' is out of range."); }
        }
        o.Validate();
        return (o, rest.ToArray());
    }

    static readonly string[] OwnFlags =
    {
        "--accounts", "--latency-ms", "--throttle-rate", "--error-rate", "--rate-limit", "--seed",
        "--agreement-delay-ms", "--bearer-token", "--default-region", "--deny-account", "--unassumable-account",
    };

    static bool IsOwnFlag(string name) => OwnFlags.Contains(name, StringComparer.OrdinalIgnoreCase);

    void Apply(string name, string value)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (name.ToLowerInvariant())
        {
            case "--accounts": Accounts = int.Parse(value, inv); break;
            case "--latency-ms": LatencyMs = int.Parse(value, inv); break;
            case "--throttle-rate": ThrottleRate = double.Parse(value, inv); break;
            case "--error-rate": ErrorRate = double.Parse(value, inv); break;
            case "--rate-limit": RateLimit = double.Parse(value, inv); break;
            case "--seed": Seed = int.Parse(value, inv); break;
            case "--agreement-delay-ms": AgreementDelayMs = int.Parse(value, inv); break;
            case "--bearer-token": BearerToken = value; break;
            case "--default-region": DefaultRegion = value; break;
            case "--deny-account": DenyAccounts.Add(value); break;
            case "--unassumable-account": UnassumableAccounts.Add(value); break;
        }
    }

    public void Validate()
    {
        if (Accounts is < 0 or > 99_999) throw new ArgumentException("--accounts must be between 0 and 99999.");
        if (ThrottleRate is < 0 or > 1) throw new ArgumentException("--throttle-rate must be between 0 and 1.");
        if (ErrorRate is < 0 or > 1) throw new ArgumentException("--error-rate must be between 0 and 1.");
        if (LatencyMs < 0 || AgreementDelayMs < 0 || RateLimit < 0)
            throw new ArgumentException("--latency-ms, --agreement-delay-ms and --rate-limit must not be negative.");
    }
}
