namespace Toolsmith.Core.Serialization;

/// <summary>UTF-8 bytes as received: some servers start JSON with a byte-order mark, which no JSON reader accepts.</summary>
internal static class Utf8Text
{
    /// <summary>The UTF-8 byte-order mark.</summary>
    public static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The bytes after a leading byte-order mark, if there is one.</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Bom) ? bytes[Bom.Length..] : bytes;
}
