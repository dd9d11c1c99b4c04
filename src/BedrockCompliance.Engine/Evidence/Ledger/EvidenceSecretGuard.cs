using System.Text.RegularExpressions;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// Keeps secrets out of the ledger: every string field of a record passes through <see cref="Scrub"/> before it is
/// written. Anything that looks like an AWS secret access key, access key ID, session token, SigV4 Authorization
/// header or signature, presigned-URL credential parameters, bearer token, Bedrock API key, JWT, private key or a
/// <c>secret=value</c> pair (token, pwd and password included) is replaced by <c>[REDACTED:&lt;kind&gt;]</c>, also when
/// a key is URL-encoded (%2F, %2B), JSON-escaped (\/) or glued to other letters (then it must mix cases and hold a digit
/// and a '/' or '+': a glued key without those cannot be told from a word). Redacting (not rejecting) keeps the
/// evidence itself; the marker shows that something was removed. Server error text passes it too (Aws.ErrorText).
/// </summary>
internal static class EvidenceSecretGuard
{
    // One alternation, one pass per field. Group names are the kinds shown in the marker.
    // A base64 character, also as the URL-encoded (%2F, %2B) or JSON-escaped (\/) form a key takes in a query string or JSON text.
    const string B64 = @"(?:[A-Za-z0-9/+]|%2[FB]|\\/)";
    const string NotB64Before = @"(?<![A-Za-z0-9/+=%\\])";
    const string NotB64After = @"(?![A-Za-z0-9/+=%\\])";

    static readonly Regex Pattern = new Regex(
        @"(?<PrivateKey>-----BEGIN[A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END[A-Z ]*PRIVATE KEY-----|$))" +
        @"|(?<SigV4Authorization>AWS4-HMAC-SHA256\s+Credential=[^\s]+(?:\s*SignedHeaders=[^\s,]+,?)?(?:\s*Signature=[0-9a-fA-F]+)?)" +
        @"|(?<authz>(?<authkey>\b(?:Proxy-)?Authorization[""']?\s*[:=]\s*[""']?)[^\r\n""']+)" +
        @"|(?<BearerToken>\bBearer\s+[A-Za-z0-9\-._~+/]{8,}=*)" +
        @"|(?<BedrockApiKey>\bABSK[A-Za-z0-9+/]{16,}={0,2}|\bbedrock-api-key-[A-Za-z0-9+/=%_.\\-]{8,})" +
        @"|(?<Jwt>\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*)" +
        @"|(?<pair>(?<key>\b(?:X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|Signature|aws_secret_access_key|aws_session_token|aws_security_token|secret_?access_?key|session_?token|security_?token|secret|password|passwd|pwd|token|api_?key|access_?token|refresh_?token|client_?secret|offer_?token)\b[""']?\s*[:=]\s*[""']?)(?<value>[^\s""'&,;]+))" +
        @"|(?<AwsAccessKeyId>\b(?:AKIA|ASIA|AROA|AIDA|ABIA|ACCA)[A-Z0-9]{16}\b)" +
        @"|(?<Token>" + NotB64Before + B64 + "{100,}={0,2}" + NotB64After + ")" +
        @"|(?<AwsSecretAccessKey>" + NotB64Before + B64 + "{40}" + NotB64After + ")" +
        // A 40-character key glued to letters ('keywJalr…') is a longer run: judged by GluedSecretKey.
        @"|(?<glued>" + NotB64Before + B64 + "{41,99}" + NotB64After + ")",
        RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    static readonly string[] Kinds = { "PrivateKey", "SigV4Authorization", "BearerToken", "BedrockApiKey", "Jwt", "AwsAccessKeyId", "Token", "AwsSecretAccessKey" };

    /// <summary>The value with secret-looking material replaced, or the same instance when nothing matched.</summary>
    public static string? Scrub(string? value) => Scrub(value, out _);

    public static string? Scrub(string? value, out bool redacted)
    {
        redacted = false;
        if (value == null || value.Length < 8 || !MightContainSecret(value)) return value;
        bool any = false;
        string result = Pattern.Replace(value, m =>
        {
            if (m.Groups["authz"].Success)
            {
                any = true;
                return m.Groups["authkey"].Value + "[REDACTED:Authorization]";
            }
            if (m.Groups["pair"].Success)
            {
                string v = m.Groups["value"].Value;
                if (v.StartsWith("[REDACTED", StringComparison.Ordinal)) return m.Value;
                any = true;
                return m.Groups["key"].Value + "[REDACTED:" + KeyKind(m.Groups["key"].Value) + "]";
            }
            if (m.Groups["glued"].Success)
            {
                if (!LooksLikeGluedSecretKey(Decode(m.Value))) return m.Value;
                any = true;
                return "[REDACTED:AwsSecretAccessKey]";
            }
            foreach (var kind in Kinds)
            {
                var g = m.Groups[kind];
                if (!g.Success) continue;
                // A 40-character run is a secret key only if it mixes cases (a hex SHA-1 does not).
                if (kind == "AwsSecretAccessKey" && !LooksLikeSecretKey(Decode(g.Value))) return m.Value;
                // Access key IDs are upper case: do not redact a lower-case word that happens to match.
                if (kind == "AwsAccessKeyId" && g.Value != g.Value.ToUpperInvariant()) return m.Value;
                any = true;
                return kind == "BearerToken" ? "Bearer [REDACTED:BearerToken]" : "[REDACTED:" + kind + "]";
            }
            return m.Value;
        });
        redacted = any;
        return any ? result : value;
    }

    static readonly string[] Keywords = { "key", "secret", "token", "signature", "authorization", "bearer", "passw", "pwd", "credential", "-----begin", "bedrock-api-key" };

    // Keywords a pattern needs nothing after. Every other one is part of a name the patterns match only with an
    // assignment after it ('token=', 'Authorization: ', 'Credential='), so "5 output tokens" skips the regex.
    static readonly string[] StandaloneKeywords = { "bearer", "-----begin", "bedrock-api-key" };

    /// <summary>
    /// Cheap pre-check so ordinary values skip the regex. Every pattern needs one of <see cref="Keywords"/> (with an
    /// assignment after it unless it is one of <see cref="StandaloneKeywords"/>), or a run
    /// of at least 16 base64 characters with an upper-case letter and either a digit, '/' or '+', or no lower-case letter
    /// (keys, key IDs, tokens, JWTs); plain words, URLs and lower-case hex do not.
    /// </summary>
    static bool MightContainSecret(string s)
    {
        int run = 0;
        bool upper = false, digit = false, lower = false;
        foreach (char c in s)
        {
            bool isUpper = c >= 'A' && c <= 'Z', isDigit = (c >= '0' && c <= '9') || c == '/' || c == '+' || c == '%' || c == '\\', isLower = c >= 'a' && c <= 'z';
            if (isUpper || isDigit || isLower)
            {
                run++;
                upper |= isUpper;
                digit |= isDigit;
                lower |= isLower;
                if (run >= 16 && upper && (digit || !lower)) return true;
            }
            else { run = 0; upper = digit = lower = false; }
        }
        for (int i = 0; i < s.Length; i++)
        {
            char c = (char)(s[i] | 0x20);
            if (c != 'k' && c != 's' && c != 't' && c != 'a' && c != 'b' && c != 'p' && c != 'c' && s[i] != '-') continue;
            char first = s[i] == '-' ? '-' : c;
            foreach (var k in Keywords)
            {
                if (k[0] != first || i + k.Length > s.Length) continue;
                int j = 1;
                while (j < k.Length && (char)(s[i + j] | 0x20) == k[j]) j++;
                if (j == k.Length && (Array.IndexOf(StandaloneKeywords, k) >= 0 || AssignmentFollows(s, i + k.Length))) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// After a keyword: the rest of its name (letters, digits, '_', '-'), an optional quote, white space, then ':' or '='.
    /// Looser than the patterns' <c>name\b["']?\s*[:=]</c>, so it never skips a value they would match.
    /// </summary>
    static bool AssignmentFollows(string s, int p)
    {
        while (p < s.Length && (char.IsLetterOrDigit(s[p]) || s[p] == '_' || s[p] == '-')) p++;
        if (p < s.Length && (s[p] == '"' || s[p] == '\'')) p++;
        while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
        return p < s.Length && (s[p] == ':' || s[p] == '=');
    }

    static string KeyKind(string key)
    {
        var sb = new StringBuilder();
        foreach (char c in key)
            if (char.IsLetterOrDigit(c) || c == '-' || c == '_') sb.Append(c);
            else break;
        return sb.ToString();
    }

    /// <summary>The run as a key would read once URL-decoded (%2F, %2B) or JSON-unescaped (\/).</summary>
    static string Decode(string run) => run.IndexOf('%') < 0 && run.IndexOf('\\') < 0 ? run
        : run.Replace("\\/", "/").Replace("%2F", "/").Replace("%2f", "/").Replace("%2B", "+").Replace("%2b", "+");

    /// <summary>
    /// A 41 to 99 character run holding a secret key glued to other letters: it mixes cases and has a digit and a '/'
    /// or '+' (the key's base64 symbols), so long words, CamelCase names and hex digests do not qualify; a path
    /// (several '/'-separated words) is not one either. A glued key without '/' or '+' cannot be told from a word.
    /// </summary>
    static bool LooksLikeGluedSecretKey(string run)
    {
        if (run.Length < 41) return false;
        int upper = 0, lower = 0, digit = 0, symbol = 0;
        foreach (char c in run)
        {
            if (c >= 'A' && c <= 'Z') upper++;
            else if (c >= 'a' && c <= 'z') lower++;
            else if (c >= '0' && c <= '9') digit++;
            else symbol++;
        }
        return upper >= 4 && lower >= 4 && digit >= 1 && symbol >= 1 && symbol <= 4;
    }

    static bool LooksLikeSecretKey(string s)
    {
        bool upper = false, lower = false, digitOrSymbol = false;
        foreach (char c in s)
        {
            if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= 'a' && c <= 'z') lower = true;
            else digitOrSymbol = true;
        }
        return upper && lower && digitOrSymbol;
    }
}
