using System.IO.Compression;
using System.Net.Http.Headers;

namespace Toolsmith.Core.Steps.Api.Transport;

/// <summary>
/// Compressed responses, with the request's <c>Accept-Encoding</c> left as the step wrote it. .NET's own automatic
/// decompression appends every encoding it supports to a header the user set (<c>deflate, gzip</c> went out as
/// <c>gzip, deflate, br</c>); here a step without the header offers <c>gzip, deflate, br</c>, a step with it sends exactly
/// its value, and a response in any of those encodings (also chained, <c>Content-Encoding: gzip, br</c>) is decoded
/// whichever header asked for it. An encoding Toolsmith cannot decode (<c>zstd</c>, <c>sdch</c>) arrives as sent, its
/// <c>Content-Encoding</c> kept so the result says what the bytes are.
/// </summary>
internal sealed class ContentDecoding(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private static readonly StringWithQualityHeaderValue[] Offered =
        [new("gzip"), new("deflate"), new("br")];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var encodings = request.Headers.AcceptEncoding;
        if (encodings.Count == 0 && !request.Headers.Contains("Accept-Encoding"))
        {
            foreach (var offered in Offered)
            {
                encodings.Add(offered);
            }
        }
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Decode(response);
        return response;
    }

    /// <summary>Replaces the content with its decoded stream when every encoding named is one Toolsmith decodes.</summary>
    private static void Decode(HttpResponseMessage response)
    {
        var content = response.Content;
        var named = content.Headers.ContentEncoding;
        if (named.Count == 0 || named.Any(e => !IsKnown(e)))
        {
            return;
        }
        var applied = named.Where(e => !IsIdentity(e)).ToArray();
        if (applied.Length == 0)
        {
            return;
        }
        var decoded = new DecodedContent(content, applied);
        foreach (var header in content.Headers)
        {
            if (!header.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase)
                && !header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                decoded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
        response.Content = decoded;
    }

    private static bool IsIdentity(string encoding) => encoding.Equals("identity", StringComparison.OrdinalIgnoreCase);

    private static bool IsKnown(string encoding) =>
        IsIdentity(encoding)
        || encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase)
        || encoding.Equals("deflate", StringComparison.OrdinalIgnoreCase)
        || encoding.Equals("br", StringComparison.OrdinalIgnoreCase);

    /// <summary>The original content read through its decoders, the last applied encoding undone first.</summary>
    private sealed class DecodedContent(HttpContent original, string[] applied) : HttpContent
    {
        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
        {
            var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            for (var i = applied.Length - 1; i >= 0; i--)
            {
                stream = await DecoderAsync(applied[i], stream, cancellationToken).ConfigureAwait(false);
            }
            return stream;
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            await using var decoded = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
            await decoded.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                original.Dispose();
            }
            base.Dispose(disposing);
        }

        /// <summary>
        /// HTTP's "deflate" is meant to be zlib-wrapped (RFC 9110 §8.4.1.2) but some servers send raw deflate; the first two
        /// bytes tell them apart (a zlib header is a multiple of 31 with method 8), as browsers do.
        /// </summary>
        private static async ValueTask<Stream> DecoderAsync(string encoding, Stream source, CancellationToken cancellationToken)
        {
            if (encoding.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                return new BrotliStream(source, CompressionMode.Decompress);
            }
            if (!encoding.Equals("deflate", StringComparison.OrdinalIgnoreCase))
            {
                return new GZipStream(source, CompressionMode.Decompress);
            }
            var head = new byte[2];
            var read = await source.ReadAtLeastAsync(head, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var zlib = read == 2 && (head[0] & 0x0F) == 8 && ((head[0] << 8) | head[1]) % 31 == 0;
            var rest = new PrefixedStream(head.AsMemory(0, read), source);
            return zlib ? new ZLibStream(rest, CompressionMode.Decompress) : new DeflateStream(rest, CompressionMode.Decompress);
        }
    }

    /// <summary>A stream that gives back a few bytes already read, then the rest of its source.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream source) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (!_prefix.IsEmpty)
            {
                var n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }
            return source.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_prefix.IsEmpty)
            {
                var n = Math.Min(buffer.Length, _prefix.Length);
                _prefix[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }
            return await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                source.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
