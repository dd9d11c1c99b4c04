namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The one loop that follows a listing's continuation (NextToken, Marker, an after-cursor): a token seen before or
/// more than the client's page limit is a malformed answer, reported as such, never an endless loop.
/// </summary>
internal static class AwsPaging
{
    /// <summary>Pages followed at most unless a client knows its listing is longer (a server that keeps answering with a token must not loop forever).</summary>
    public const int DefaultMaxPages = 100;

    /// <param name="tokenName">What the continuation is called on the wire, for the error (e.g. NextToken).</param>
    /// <param name="page">Fetches and reads one page given the token (null first); returns the next token (null or empty: done) and the answer's request id.</param>
    public static async Task FollowAsync(AwsService service, string operation, string tokenName,
        Func<string?, Task<(string? Next, string? RequestId)>> page, int maxPages = DefaultMaxPages)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        for (int n = 1; ; n++)
        {
            var (next, requestId) = await page(token).ConfigureAwait(false);
            if (string.IsNullOrEmpty(next)) return;
            if (!seen.Add(next!))
                throw new AwsResponseFormatException(service.DisplayName, operation, $"page {n} repeats an earlier {tokenName}; the listing would never end", requestId);
            if (n >= maxPages)
                throw new AwsResponseFormatException(service.DisplayName, operation, $"more than {maxPages} pages; stopped rather than loop", requestId);
            token = next;
        }
    }
}
