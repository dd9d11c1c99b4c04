using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace BedrockCompliance.Engine.Catalog
{
    /// <summary>
    /// The licence catalog: the built-in entries (from the researched model-licenses.json) overlaid by an
    /// organisation's own file. Lookup takes the longest matching model-ID prefix.
    /// </summary>
    public sealed class LicenseCatalog
    {
        public const string EnvironmentVariable = "BEDROCK_COMPLIANCE_CATALOG";
        public const string NotReviewedCode = "TERMS_NOT_REVIEWED";

        static readonly Lazy<IReadOnlyList<CatalogEntry>> BuiltIn = new Lazy<IReadOnlyList<CatalogEntry>>(LoadBuiltIn);
        static readonly object CacheLock = new object();
        static (string Path, DateTime Stamp, long Length, LicenseCatalog Catalog)? _cached;

        readonly List<CatalogEntry> _byLengthDesc;
        readonly HashSet<string> _providers;

        LicenseCatalog(IEnumerable<CatalogEntry> entries, string? overridePath)
        {
            Entries = entries.OrderBy(e => e.ModelIdPrefix, StringComparer.Ordinal).ToList();
            _byLengthDesc = Entries.OrderByDescending(e => e.ModelIdPrefix.Length).ToList();
            _providers = new HashSet<string>(Entries.Select(e => e.ModelIdPrefix.Substring(0, e.ModelIdPrefix.IndexOf('.'))), StringComparer.Ordinal);
            OverridePath = overridePath;
        }

        public IReadOnlyList<CatalogEntry> Entries { get; }
        public string? OverridePath { get; }

        /// <summary>The built-in catalog alone.</summary>
        public static LicenseCatalog Default { get; } = new LicenseCatalog(BuiltIn.Value, null);

        /// <summary>
        /// The catalog for a call: the explicit path, else BEDROCK_COMPLIANCE_CATALOG, else the built-in one.
        /// Throws <see cref="CatalogFormatException"/> for an unusable file.
        /// </summary>
        public static LicenseCatalog Resolve(string? catalogPath)
        {
            string? path = string.IsNullOrWhiteSpace(catalogPath) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : catalogPath;
            if (string.IsNullOrWhiteSpace(path)) return Default;
            path = Path.GetFullPath(path);
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new CatalogFormatException(path, null, null, catalogPath == null
                    ? $"the file named by {EnvironmentVariable} does not exist."
                    : "the file does not exist.");
            lock (CacheLock)
            {
                if (_cached is { } c && c.Path == path && c.Stamp == info.LastWriteTimeUtc && c.Length == info.Length)
                    return c.Catalog;
            }
            var catalog = WithOverrides(CatalogReader.ReadFile(path), path);
            lock (CacheLock) _cached = (path, info.LastWriteTimeUtc, info.Length, catalog);
            return catalog;
        }

        /// <summary>The built-in entries with <paramref name="overrides"/> replacing equal prefixes and adding new ones.</summary>
        public static LicenseCatalog WithOverrides(IEnumerable<CatalogEntry> overrides, string? overridePath)
        {
            var map = BuiltIn.Value.ToDictionary(e => e.ModelIdPrefix, StringComparer.Ordinal);
            foreach (var e in overrides) map[e.ModelIdPrefix] = e;
            return new LicenseCatalog(map.Values, overridePath);
        }

        public bool IsKnownProvider(string providerSegment) => _providers.Contains(providerSegment);

        /// <summary>The entry whose prefix is the longest match for a foundation-model ID, or null.</summary>
        public CatalogEntry? FindEntry(string foundationModelId) =>
            _byLengthDesc.FirstOrDefault(e => foundationModelId.StartsWith(e.ModelIdPrefix, StringComparison.Ordinal));

        /// <summary>
        /// Classifies any identifier a user may hold (model ID, profile ID, ARN). Throws
        /// <see cref="ArgumentException"/> for input that is not a model identifier at all.
        /// </summary>
        public BedrockModelLicense Classify(string modelIdentifier)
        {
            string id = ModelIdentifier.ToFoundationModelId(modelIdentifier, IsKnownProvider);
            var entry = FindEntry(id);
            return entry == null ? Unknown(id) : FromEntry(entry, id);
        }

        public static BedrockModelLicense FromEntry(CatalogEntry e, string modelId) => new BedrockModelLicense
        {
            ModelId = modelId,
            Provider = e.Provider,
            Family = e.Family,
            LicenseCategory = e.LicenseCategory,
            LicenseName = e.LicenseName,
            LicenseUrl = e.LicenseUrl,
            EulaRequired = e.EulaRequired,
            UseCaseFormRequired = e.UseCaseFormRequired,
            Restrictions = e.Restrictions,
            Confidence = e.Confidence,
            SourceUrls = e.SourceUrls,
            MatchedPrefix = e.ModelIdPrefix,
            CatalogSource = e.Source,
        };

        /// <summary>An unknown model: never a permissive default.</summary>
        public static BedrockModelLicense Unknown(string modelId, string? providerName = null) => new BedrockModelLicense
        {
            ModelId = modelId,
            Provider = providerName ?? (modelId.IndexOf('.') > 0 ? modelId.Substring(0, modelId.IndexOf('.')) : null),
            Family = null,
            LicenseCategory = LicenseCategory.Unknown,
            LicenseName = "Not in the licence catalog: review the terms before use",
            EulaRequired = true,
            UseCaseFormRequired = false,
            Restrictions = new[]
            {
                new LicenseRestriction(NotReviewedCode,
                    "This model is not in the licence catalog, so its terms were not reviewed. Restrictions are unknown, not absent; review the licence and add the model to your catalog file (-CatalogPath / BEDROCK_COMPLIANCE_CATALOG)."),
            },
            Confidence = CatalogConfidence.None,
            CatalogSource = "None",
        };

        /// <summary>Compiled from model-licenses.json (tools/Update-BuiltInCatalog.ps1); a test keeps the two equal.</summary>
        static IReadOnlyList<CatalogEntry> LoadBuiltIn() => BuiltInCatalog.Create();
    }
}
