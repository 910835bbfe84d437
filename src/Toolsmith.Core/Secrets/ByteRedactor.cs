using System.Text;

namespace Toolsmith.Core.Secrets;

/// <summary>
/// Blanks secret values out of a byte stream as it passes (blob downloads go to disk in chunks):
/// a tail as long as the longest secret is held back, so a secret split between two chunks is still found.
/// </summary>
internal sealed class ByteRedactor
{
    private static readonly byte[] Mask = Encoding.UTF8.GetBytes(Redactor.Mask);
    private readonly byte[][] _secrets;
    private readonly int _longest;
    private byte[] _pending = [];

    public ByteRedactor(IEnumerable<string> secrets)
    {
        _secrets = [.. secrets.Where(static s => s.Length > 0).Select(static s => Encoding.UTF8.GetBytes(s)).OrderByDescending(static b => b.Length)];
        _longest = _secrets.Length == 0 ? 0 : _secrets[0].Length;
    }

    /// <summary>Takes the next chunk; returns the bytes that are safe to write now.</summary>
    public byte[] Push(ReadOnlySpan<byte> chunk)
    {
        var all = new byte[_pending.Length + chunk.Length];
        _pending.CopyTo(all, 0);
        chunk.CopyTo(all.AsSpan(_pending.Length));
        var redacted = Replace(all, out var safeLength);
        _pending = redacted[safeLength..];
        return redacted[..safeLength];
    }

    /// <summary>The bytes still held back, at the end of the stream.</summary>
    public byte[] Flush()
    {
        var rest = _pending;
        _pending = [];
        return rest;
    }

    /// <summary>Replaces whole secrets; everything before the last <c>longest - 1</c> bytes (that could start a secret) is safe.</summary>
    private byte[] Replace(byte[] data, out int safeLength)
    {
        var output = new List<byte>(data.Length);
        var i = 0;
        var holdFrom = Math.Max(0, data.Length - (_longest - 1));
        var safe = -1;
        while (i < data.Length)
        {
            if (i >= holdFrom && safe < 0)
            {
                safe = output.Count;
            }
            var matched = false;
            foreach (var secret in _secrets)
            {
                if (data.AsSpan(i).StartsWith(secret))
                {
                    output.AddRange(Mask);
                    i += secret.Length;
                    matched = true;
                    break;
                }
            }
            if (!matched)
            {
                output.Add(data[i++]);
            }
        }
        safeLength = safe < 0 ? output.Count : safe;
        return [.. output];
    }
}
