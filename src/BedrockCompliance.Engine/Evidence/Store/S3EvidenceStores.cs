using System.Collections.Concurrent;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The S3 evidence stores of this process, one per <c>s3://</c> location, so the ledger path string can stand for
/// a store everywhere a file path is accepted (readers, the agreement index, the privacy gate). A recording command
/// opens its store with its own connection parameters; a reader that finds none opens one with the default
/// connection (environment and AWS config files, as every other call resolves it).
/// </summary>
internal static class S3EvidenceStores
{
    static readonly ConcurrentDictionary<string, S3EvidenceStore> Open = new ConcurrentDictionary<string, S3EvidenceStore>(StringComparer.Ordinal);

    /// <summary>Opens (or re-opens with new settings) the store at <paramref name="uri"/>.</summary>
    /// <exception cref="ArgumentException">Not an s3:// location.</exception>
    /// <exception cref="AwsConfigurationException">No region or credentials for the store.</exception>
    public static S3EvidenceStore Connect(string uri, ConnectionRequest? request = null, S3EvidenceStoreOptions? options = null)
    {
        var location = S3EvidenceLocation.Parse(uri);
        var connection = ConnectionResolver.Resolve(request ?? new ConnectionRequest());
        var store = new S3EvidenceStore(location, new S3ObjectClient(connection), options ?? S3EvidenceStoreOptions.Resolve(null, null));
        Open[location.Uri] = store;
        return store;
    }

    /// <summary>Uses a store built by the caller (tests, tools) for its location.</summary>
    public static void Register(S3EvidenceStore store) => Open[store.Location.Uri] = store;

    /// <summary>The store this process opened for <paramref name="uri"/>, else one on the default connection.</summary>
    public static S3EvidenceStore For(string uri)
    {
        var location = S3EvidenceLocation.Parse(uri);
        return Open.TryGetValue(location.Uri, out var store) ? store : Connect(location.Uri);
    }

    /// <summary>Opens the chain for reading (a file path opens the file).</summary>
    internal static Stream OpenRead(string path, CancellationToken ct = default)
    {
        try
        {
            return For(path).OpenRead(ct);
        }
        catch (AwsConfigurationException ex)
        {
            throw new EvidenceStoreException($"Cannot reach the evidence chain {path}: {ex.Message}", ex);
        }
    }
}
