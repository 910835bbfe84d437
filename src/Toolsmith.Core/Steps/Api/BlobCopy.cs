using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace Toolsmith.Core.Steps.Api;

/// <summary>
/// Copies a response body to a file in 1 MiB chunks while a task of its own computes the SHA-256: the network and the
/// disk never wait for the hash (which costs more CPU than the copy itself), and at most a few chunks are in memory.
/// </summary>
internal static class BlobCopy
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Chunks in flight: being read, written, waiting for the hash, or free. Bounds the memory to 6 MiB.</summary>
    private const int Chunks = 6;

    public static async Task<long> CopyAsync(Stream source, FileStream target, IncrementalHash hash, long cap, CancellationToken cancellationToken)
    {
        var free = Channel.CreateBounded<byte[]>(Chunks);
        var written = Channel.CreateBounded<(byte[] Buffer, int Length)>(Chunks);
        var rented = new byte[Chunks][];
        for (var i = 0; i < Chunks; i++)
        {
            rented[i] = ArrayPool<byte>.Shared.Rent(ChunkSize);
            free.Writer.TryWrite(rented[i]);
        }
        var hashing = Task.Run(async () =>
        {
            await foreach (var (buffer, length) in written.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                hash.AppendData(buffer, 0, length);
                free.Writer.TryWrite(buffer);
            }
        }, CancellationToken.None);
        long size = 0;
        Task<int>? next = null;
        try
        {
            var buffer = await free.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var read = await FillAsync(source, buffer, cancellationToken).ConfigureAwait(false);
            while (read > 0)
            {
                size += read;
                if (size > cap)
                {
                    throw new ResponseTooLargeException(cap, null);
                }
                // The next chunk comes in from the network while this one goes to the page cache (a synchronous,
                // unbuffered write of the whole chunk: short, and no extra copy).
                var following = await free.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                next = FillAsync(source, following, cancellationToken);
                target.Write(buffer, 0, read);
                written.Writer.TryWrite((buffer, read));
                read = await next.ConfigureAwait(false);
                next = null;
                buffer = following;
            }
        }
        finally
        {
            if (next is not null)
            {
                // A failure while a read was in flight: let it end before its chunk goes back to the pool.
                await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            }
            // The hash task lets go of every chunk before they go back to the pool.
            written.Writer.TryComplete();
            await hashing.ConfigureAwait(false);
            foreach (var chunk in rented)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
        return size;
    }

    /// <summary>Reads until the buffer is full or the body ends.</summary>
    public static async Task<int> FillAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        return filled;
    }
}
