using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Engine.Hosting;

namespace BedrockCompliance.Engine.Accounts;

/// <summary>
/// What a command's work in one account and region uses, built once per target: the signed sender (its retries and
/// requests go to the host's debug stream), the Bedrock client, the evidence writer (when the command records
/// evidence), the host, and whether -WhatIf is in effect (then no AWS call is made, not even GetCallerIdentity).
/// </summary>
internal sealed class TargetServices
{
    TargetServices(AccountTarget target, IOperationHost host, AwsHttpSender sender, EvidenceRecorder? evidence, AgreementLedgerIndex? index)
    {
        Target = target;
        Host = host;
        Sender = sender;
        Bedrock = new BedrockClient(sender);
        Evidence = evidence;
        AgreementIndex = index;
    }

    public AccountTarget Target { get; }
    public IOperationHost Host { get; }
    public bool IsWhatIf => Host.IsWhatIf;
    public AwsHttpSender Sender { get; }
    public BedrockClient Bedrock { get; }
    /// <summary>STS on the target's connection (GetCallerIdentity is cached per credential).</summary>
    public StsClient Sts => new StsClient(Target.Connection);
    /// <summary>Null when the command records no evidence.</summary>
    public EvidenceRecorder? Evidence { get; }
    /// <summary>What the ledger already holds about agreements (for the agreement commands), else null.</summary>
    public AgreementLedgerIndex? AgreementIndex { get; }

    /// <param name="ledger">The run's ledger, or null when the command records nothing.</param>
    public static async Task<TargetServices> CreateAsync(AccountTarget target, IOperationHost host, EvidenceLedger? ledger, AgreementLedgerIndex? index,
        CancellationToken ct)
    {
        var sender = new AwsHttpSender(target.Connection) { Trace = host.Debug };
        var evidence = ledger == null ? null
            : await EvidenceRecorder.OpenAsync(ledger, target, index, ct, lookUpIdentity: !host.IsWhatIf).ConfigureAwait(false);
        return new TargetServices(target, host, sender, evidence, index);
    }

    /// <summary>The target's account by the one rule (<see cref="EvidenceRecorder.AccountIdFor"/>); no call under -WhatIf.</summary>
    public async Task<string?> GetAccountIdAsync(CancellationToken ct)
    {
        if (Evidence != null) return Evidence.AccountId;
        var identity = IsWhatIf ? null : await Target.GetIdentityAsync(ct).ConfigureAwait(false);
        return EvidenceRecorder.AccountIdFor(identity, Target);
    }
}
