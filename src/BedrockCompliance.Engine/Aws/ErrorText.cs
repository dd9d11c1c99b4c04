namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// Text a server sent (error messages, codes) made safe for a terminal, an ErrorRecord and evidence: control
/// characters (ESC/CSI/OSC sequences, CR, LF, BEL, C1 controls) and bidirectional overrides become spaces or are
/// dropped, so a hostile answer cannot rewrite the screen or forge lines; secret-looking material is redacted
/// (<see cref="Evidence.EvidenceSecretGuard"/>); and the length is capped.
/// </summary>
internal static class ErrorText
{
    /// <summary>Longest server message kept (AWS messages are far shorter).</summary>
    public const int MaxMessageLength = 1024;

    public static string? Clean(string? text, int maxLength = MaxMessageLength)
    {
        if (text == null) return null;
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool unsafeChar = char.IsControl(c) || IsBidiControl(c);
            if (!unsafeChar && sb == null) continue;
            if (sb == null) sb = new StringBuilder(text.Length).Append(text, 0, i);
            if (!unsafeChar) { sb.Append(c); continue; }
            // ESC [ … final byte (CSI) and ESC ] … BEL/ST (OSC) are dropped whole; other controls become one space.
            if (c == '\u001b' && i + 1 < text.Length && (text[i + 1] == '[' || text[i + 1] == ']'))
            {
                bool osc = text[i + 1] == ']';
                int j = i + 2;
                while (j < text.Length && !(osc ? text[j] == '\u0007' || (text[j] == '\u001b' && j + 1 < text.Length && text[j + 1] == '\\') : text[j] >= '@' && text[j] <= '~')) j++;
                i = osc && j < text.Length && text[j] == '\u001b' ? j + 1 : j;
                continue;
            }
            if (sb.Length > 0 && sb[sb.Length - 1] != ' ') sb.Append(' ');
        }
        // A server may echo what it was sent: the secret guard applies to its text as to evidence.
        string s = Evidence.EvidenceSecretGuard.Scrub(sb?.ToString() ?? text)!;
        return s.Length <= maxLength ? s : s.Substring(0, maxLength) + "…[truncated]";
    }

    static bool IsBidiControl(char c) => c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f' or '\u061c';
}
