namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// A small JSON writer for policy documents: objects are ordered (string, value) lists, arrays are object lists.
/// Hand-written rather than Utf8JsonWriter because the pinned System.Text.Json 8 writes Environment.NewLine when
/// indenting, so an indented SCP would count more characters on Windows; STJ 9's NewLine option fixes that and
/// this type can go once the package is bumped. Indented output is two spaces per level with '\n'.
/// </summary>
internal static class PolicyJsonWriter
{
    public static List<(string, object)> Obj(params (string, object)[] props) => props.ToList();

    public static List<object> Arr(IEnumerable<string> items) => items.Cast<object>().ToList();

    public static string Write(object root, bool indent)
    {
        var sb = new StringBuilder();
        Write(sb, root, 0, indent);
        return sb.ToString();
    }

    /// <summary>
    /// What one more string costs in a non-empty array whose items sit at <paramref name="itemDepth"/>:
    /// a comma, the line break and indentation when indented, and the quoted string. IAM counting skips white space.
    /// </summary>
    public static int AddedItemCost(string value, int itemDepth, bool indent, AccessPolicyType type)
    {
        var sb = new StringBuilder();
        WriteString(sb, value);
        int quoted = type == AccessPolicyType.Scp ? sb.Length : sb.ToString().Count(c => !char.IsWhiteSpace(c));
        int layout = indent && type == AccessPolicyType.Scp ? 1 + 2 * itemDepth : 0;
        return 1 + layout + quoted;
    }

    static void Write(StringBuilder sb, object value, int depth, bool indent)
    {
        switch (value)
        {
            case string s:
                WriteString(sb, s);
                break;
            case List<(string, object)> obj:
                sb.Append('{');
                for (int i = 0; i < obj.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    NewLine(sb, depth + 1, indent);
                    WriteString(sb, obj[i].Item1);
                    sb.Append(indent ? ": " : ":");
                    Write(sb, obj[i].Item2, depth + 1, indent);
                }
                if (obj.Count > 0) NewLine(sb, depth, indent);
                sb.Append('}');
                break;
            case List<object> arr:
                sb.Append('[');
                for (int i = 0; i < arr.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    NewLine(sb, depth + 1, indent);
                    Write(sb, arr[i], depth + 1, indent);
                }
                if (arr.Count > 0) NewLine(sb, depth, indent);
                sb.Append(']');
                break;
            default:
                throw new InvalidOperationException("Unexpected JSON value " + value.GetType());
        }
    }

    static void NewLine(StringBuilder sb, int depth, bool indent)
    {
        if (!indent) return;
        sb.Append('\n').Append(' ', depth * 2);
    }

    static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4"));
            else sb.Append(c);
        }
        sb.Append('"');
    }
}
