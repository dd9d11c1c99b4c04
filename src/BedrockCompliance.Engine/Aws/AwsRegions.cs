using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Amazon;

namespace BedrockCompliance.Engine.Aws
{
    /// <summary>
    /// Region names for tab completion. The list comes from AWSSDK.Core (the same source ConnectionResolver
    /// validates against), exposed as plain strings because the cmdlet assembly must not touch AWSSDK types.
    /// </summary>
    public static class AwsRegions
    {
        static readonly Regex RegionName = new Regex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant);

        static readonly Lazy<IReadOnlyList<string>> All = new Lazy<IReadOnlyList<string>>(() =>
            RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName)
                // The SDK's table also has endpoint variants ('us-east-1-regional', 'aws-global') that are no -Region value.
                .Where(n => n != null && RegionName.IsMatch(n))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList());

        /// <summary>Every Region name AWSSDK.Core knows, sorted (computed once per process).</summary>
        public static IReadOnlyList<string> Names() => All.Value;
    }
}
