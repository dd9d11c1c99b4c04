using System;
using System.Text;
using System.Text.RegularExpressions;

namespace BedrockCompliance.Engine.Policy
{
    /// <summary>
    /// A model-ID pattern from a policy file: '*' = any run of characters (also none), '?' = exactly one
    /// character, everything else literal. Case-sensitive (Bedrock model IDs are lower case), anchored on
    /// the whole ID — the same semantics IAM gives '*' and '?' in a Resource ARN.
    /// </summary>
    public sealed class ModelIdGlob
    {
        readonly Regex _regex;

        public ModelIdGlob(string pattern)
        {
            Pattern = pattern;
            var sb = new StringBuilder("^");
            foreach (char c in pattern)
                sb.Append(c == '*' ? ".*" : c == '?' ? "." : Regex.Escape(c.ToString()));
            sb.Append('$');
            _regex = new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }

        public string Pattern { get; }
        public bool HasWildcard => Pattern.IndexOfAny(new[] { '*', '?' }) >= 0;
        public bool IsMatch(string foundationModelId) => _regex.IsMatch(foundationModelId);
        public override string ToString() => Pattern;
    }
}
