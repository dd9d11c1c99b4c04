namespace BedrockCompliance.Engine.Hosting;

/// <summary>
/// The caller's side of an engine operation in one account and region (the cmdlet answers it on the pipeline
/// thread): confirmation, -WhatIf, and messages. Agreements, access probes and use-case submission share it.
/// </summary>
internal interface IOperationHost
{
    /// <summary>ShouldProcess: false under -WhatIf or when the user declines.</summary>
    Task<bool> ShouldProcessAsync(string target, string action);
    /// <summary>-WhatIf is in effect: nothing is called and nothing is recorded; the message comes from the catalog.</summary>
    bool IsWhatIf { get; }
    void Verbose(string message);
    void Warning(string message);
    /// <summary>Wire-level detail (requests, retries): -Debug.</summary>
    void Debug(string message);
}
