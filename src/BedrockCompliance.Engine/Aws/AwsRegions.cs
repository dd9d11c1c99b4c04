using System;
using System.Collections.Generic;
using System.Linq;
using Amazon;

namespace BedrockCompliance.Engine.Aws
{
    /// <summary>
    /// Region names for tab completion. The list comes from AWSSDK.Core (the same source ConnectionResolver
    /// validates against), exposed as plain strings because the cmdlet assembly must not touch AWSSDK types.
    /// </summary>
    public static class AwsRegions
    {
        static readonly Lazy<IReadOnlyList<string>> All = new Lazy<IReadOnlyList<string>>(() =>
            RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName)
                .Where(n => !string.IsNullOrEmpty(n))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList());

        /// <summary>Every Region name AWSSDK.Core knows, sorted (computed once per process).</summary>
        public static IReadOnlyList<string> Names() => All.Value;
    }
}
