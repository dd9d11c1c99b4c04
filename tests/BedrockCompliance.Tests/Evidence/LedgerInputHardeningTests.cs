using System.Text;
using BedrockCompliance.Engine;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Engine.Policy;

namespace BedrockCompliance.Tests.Evidence;

/// <summary>Issue 15 item 14 (ledger I/O errors) and the Low items on reading policy and catalog files.</summary>
public class LedgerInputHardeningTests
{
    const string Policy = "{\"schemaVersion\":1,\"allowedCategories\":[\"AmazonProprietary\"]}";

    static string TempFile(byte[] content)
    {
        string path = Path.Combine(Path.GetTempPath(), "bc-input-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void A_ledger_path_that_is_a_directory_fails_at_once_with_its_own_error_id_naming_EvidencePath()
    {
        using var t = new TempLedger();
        var ledger = EvidenceLedger.Open(t.Directory, EvidenceContext.Create());
        var ex = Assert.Throws<ComplianceException>(() => ledger.Append(TempLedger.Draft(1)));
        Assert.Equal(EvidenceWriteErrors.IsDirectory, ex.ErrorId);
        Assert.Contains("-EvidencePath", ex.Message);
        Assert.Equal(EvidenceWriteErrors.IsDirectory, Assert.Throws<ComplianceException>(() => ledger.EnsureWritable()).ErrorId);
    }

    [Fact]
    public void A_ledger_below_a_file_fails_at_once_and_does_not_wait_for_the_lock()
    {
        using var t = new TempLedger();
        t.Fill(1);
        var ledger = EvidenceLedger.Open(Path.Combine(t.Path, "nested.jsonl"), EvidenceContext.Create(), new EvidenceLedgerOptions { LockTimeout = TimeSpan.FromSeconds(30) });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<ComplianceException>(() => ledger.Append(TempLedger.Draft(1)));
        Assert.Equal(EvidenceWriteErrors.ParentNotDirectory, ex.ErrorId);
        Assert.Contains(t.Path, ex.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), "it waited out the lock timeout");
        Assert.Equal(EvidenceWriteErrors.ParentNotDirectory, Assert.Throws<ComplianceException>(() => ledger.EnsureWritable()).ErrorId);
    }

    [Theory]
    [InlineData(30, "Read-only file system", EvidenceWriteErrors.ReadOnly)]
    [InlineData(28, "No space left on device", EvidenceWriteErrors.DiskFull)]
    [InlineData(5, "Input/output error", EvidenceWriteErrors.WriteFailed)]
    public void Unix_write_errors_get_specific_error_ids(int errno, string text, string errorId)
    {
        if (OperatingSystem.IsWindows()) return;
        var io = new IOException(text, errno);
        var ex = EvidenceWriteErrors.Classify(io, "/tmp/does-not-matter/evidence.jsonl");
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Contains("/tmp/does-not-matter/evidence.jsonl", ex.Message);
        Assert.False(EvidenceWriteErrors.IsSharingViolation(io));
        Assert.True(EvidenceWriteErrors.IsSharingViolation(new IOException("locked", 11)));
    }

    [Fact]
    public void EnsureWritable_creates_nothing()
    {
        using var t = new TempLedger();
        string path = Path.Combine(t.Directory, "ledger.jsonl");
        EvidenceLedger.Open(path, EvidenceContext.Create()).EnsureWritable();
        EvidenceLedger.Open(Path.Combine(t.Directory, "sub", "ledger.jsonl"), EvidenceContext.Create()).EnsureWritable();
        Assert.Empty(Directory.GetFileSystemEntries(t.Directory));
        t.Fill(1);
        t.Ledger.EnsureWritable();
        Assert.True(EvidenceVerifier.Verify(t.Path).Valid);
    }

    [Fact]
    public void Dev_zero_as_a_policy_or_catalog_is_refused_after_a_bounded_read()
    {
        if (!File.Exists("/dev/zero")) return;
        var p = Assert.Throws<LicensePolicyException>(() => LicensePolicy.Load("/dev/zero"));
        Assert.Contains("/dev/zero", p.Message);
        Assert.Contains("at most", p.Message);
        var c = Assert.Throws<CatalogFormatException>(() => CatalogReader.ReadFile("/dev/zero"));
        Assert.Contains("at most", c.Message);
    }

    [Fact]
    public void A_policy_with_a_UTF8_BOM_is_read_and_its_hash_is_of_the_file_as_it_is()
    {
        byte[] bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Policy)).ToArray();
        string path = TempFile(bytes);
        try
        {
            var policy = LicensePolicy.Load(path);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), policy.Sha256);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("utf-16le-bom", "UTF-16 (little-endian, with BOM")]
    [InlineData("utf-16be-bom", "UTF-16 (big-endian, with BOM")]
    [InlineData("utf-16le", "looks like UTF-16 (little-endian, without BOM")]
    [InlineData("latin1", "not valid UTF-8: byte 0xE9")]
    public void Policy_and_catalog_files_in_another_encoding_are_refused_naming_it(string encoding, string expected)
    {
        string text = "{\"schemaVersion\":1,\"allowedCategories\":[\"AmazonProprietary\"],\"name\":\"café\"}";
        byte[] bytes = encoding switch
        {
            "utf-16le-bom" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(),
            "utf-16be-bom" => Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray(),
            "utf-16le" => Encoding.Unicode.GetBytes(text),
            _ => Encoding.Latin1.GetBytes(text),
        };
        var p = Assert.Throws<LicensePolicyException>(() => LicensePolicy.Parse(bytes, "policy.json"));
        Assert.Contains(expected, p.Message);
        Assert.Contains("save the file as UTF-8", p.Message);
        var c = Assert.Throws<CatalogFormatException>(() => CatalogReader.Read(bytes, "catalog.json"));
        Assert.Contains(expected, c.Message);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_a_policy_error_not_a_raw_exception()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"allowedCategories\":[\"AmazonProprietary\"],\"name\":\"bad \\ud800 name\"}");
        var p = Assert.Throws<LicensePolicyException>(() => LicensePolicy.Parse(bytes, "policy.json"));
        Assert.Contains("lone UTF-16 surrogate", p.Message);
        var c = Assert.Throws<CatalogFormatException>(() => CatalogReader.Read(Encoding.UTF8.GetBytes("[{\"modelIdPrefix\":\"acme.\\udc00x\"}]"), "catalog.json"));
        Assert.Contains("lone UTF-16 surrogate", c.Message);
    }

    [Fact]
    public void A_catalog_entry_with_a_duplicate_key_is_refused_naming_the_key()
    {
        var c = Assert.Throws<CatalogFormatException>(() => CatalogReader.Read(Encoding.UTF8.GetBytes("[{\"modelIdPrefix\":\"acme.a\",\"family\":\"A\",\"family\":\"B\"}]"), "catalog.json"));
        Assert.Contains("family", c.Message);
        Assert.Contains("appears twice", c.Message);
    }
}
