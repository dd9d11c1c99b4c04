namespace BedrockCompliance.Engine;

/// <summary>
/// How the policy and catalog files are read (issue 15, Low): the read is bounded (a device such as /dev/zero
/// or a growing file stops at the limit instead of exhausting memory) and the encoding is checked before JSON
/// parsing, with an error that names it. A UTF-8 BOM is accepted (Notepad and Windows PowerShell 5.1 write one;
/// JSON parsers commonly tolerate it); UTF-16/UTF-32 (with or without BOM) and invalid UTF-8 are refused.
/// </summary>
internal static class InputFileBytes
{
    /// <summary>Reads at most <paramref name="maxBytes"/>; <paramref name="fail"/> makes the caller's exception from a message.</summary>
    public static byte[] Read(string path, long maxBytes, Func<string, Exception?, Exception> fail)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var ms = new MemoryStream();
            var buf = new byte[81920];
            int n;
            while ((n = fs.Read(buf, 0, buf.Length)) > 0)
            {
                if (ms.Length + n > maxBytes)
                    throw fail($"more than {maxBytes} bytes could be read (a device such as /dev/zero, or not a regular file); expected a JSON file of at most {maxBytes} bytes.", null);
                ms.Write(buf, 0, n);
            }
            return ms.ToArray();
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw fail($"cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The JSON text's bytes: without a UTF-8 BOM, or <paramref name="fail"/>'s exception naming the encoding.</summary>
    public static byte[] Utf8Json(byte[] b, Func<string, Exception> fail)
    {
        const string save = "save the file as UTF-8 (in PowerShell 7: Set-Content -Encoding utf8NoBOM; in an editor: 'UTF-8')";
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) throw fail($"the file is UTF-32 (big-endian, with BOM); {save}.");
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) throw fail($"the file is UTF-32 (little-endian, with BOM); {save}.");
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) throw fail($"the file is UTF-16 (little-endian, with BOM; Windows PowerShell's 'Unicode'); {save}.");
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) throw fail($"the file is UTF-16 (big-endian, with BOM); {save}.");
        int start = b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
        if (b.Length - start >= 2 && (b[start] == 0) != (b[start + 1] == 0))
            throw fail($"the file looks like UTF-16 ({(b[start] == 0 ? "big" : "little")}-endian, without BOM: every other byte is NUL); {save}.");
        int bad = Evidence.Utf8Validation.FindInvalidUtf8(b, start, b.Length - start, out _);
        if (bad >= 0)
        {
            int line = 1;
            for (int i = 0; i < bad; i++) if (b[i] == (byte)'\n') line++;
            throw fail($"not valid UTF-8: byte 0x{b[bad]:X2} at offset {bad} (line {line}) — perhaps Windows-1252 or Latin-1; {save}.");
        }
        if (start == 0) return b;
        var json = new byte[b.Length - start];
        Buffer.BlockCopy(b, start, json, 0, json.Length);
        return json;
    }

    /// <summary>The message for a JSON string with a lone UTF-16 surrogate escape (System.Text.Json throws InvalidOperationException).</summary>
    public static string LoneSurrogate(InvalidOperationException ex) =>
        $"a string contains an invalid \\u escape (a lone UTF-16 surrogate such as \\ud800, which is no character): {ex.Message}";
}
