namespace BedrockCompliance.Engine.Evidence;

/// <summary>Strict UTF-8 validation for ledger lines (Utf8.IsValid is .NET 8+; the engine also runs on netstandard2.0).</summary>
internal static class Utf8Validation
{
    /// <summary>
    /// Validates UTF-8 (no overlongs, no surrogates, max U+10FFFF). Returns -1 when valid, else the offset of the
    /// first bad byte; <paramref name="truncatedAtEnd"/> says whether the only problem is an incomplete sequence at the end.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Optimize)] // every ledger line passes here (export, verify)
    internal static int FindInvalidUtf8(byte[] b, int offset, int length, out bool truncatedAtEnd)
    {
        truncatedAtEnd = false;
        int i = offset, end = offset + length;
        while (i < end)
        {
            // ASCII fast path, 8 bytes at a time (an unaligned read the JIT inlines; BitConverter.ToUInt64 stayed a call).
            while (i + 8 <= end && (System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref b[i]) & 0x8080808080808080UL) == 0) i += 8;
            if (i >= end) break;
            byte c = b[i];
            if (c < 0x80) { i++; continue; }
            int need; int min;
            if (c >= 0xC2 && c <= 0xDF) { need = 1; min = 0x80; }
            else if (c >= 0xE0 && c <= 0xEF) { need = 2; min = 0x800; }
            else if (c >= 0xF0 && c <= 0xF4) { need = 3; min = 0x10000; }
            else return i;
            if (i + need >= end)
            {
                // Not enough bytes left: an incomplete sequence at the very end is a cut-off write.
                for (int k = 1; i + k < end; k++)
                    if ((b[i + k] & 0xC0) != 0x80) return i;
                truncatedAtEnd = true;
                return i;
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++)
            {
                byte cc = b[i + k];
                if ((cc & 0xC0) != 0x80) return i;
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
            i += need + 1;
        }
        return -1;
    }
}
