using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace Toolsmith.Core.Steps.Api;

/// <summary>
/// Copies a response body to a file in 256 KiB chunks, stopping past the cap, and computes its checksum when the step asks
/// for one. The plain copy hashes on a task of its own, so the network and the disk never wait for the hash (which costs
/// more CPU than the copy itself), with at most a few chunks in memory; a run that used secrets blanks them out of each
/// chunk first.
/// </summary>
internal static class BlobCopy
{
    // Measured against 6 x 1 MiB, 4 x 512 KiB and 8 x 128 KiB on a 100 MB download (11 alternating rounds): as fast or
    // faster, with 6 MiB less peak memory.
    private const int ChunkSize = 256 * 1024;

    /// <summary>Chunks in flight: being read, written, waiting for the hash, or free. Bounds the memory to 1 MiB.</summary>
    private const int Chunks = 4;

    public static async Task<long> CopyAsync(Stream source, FileStream target, IncrementalHash? hash, long cap, CancellationToken cancellationToken)
    {
        var free = Channel.CreateBounded<byte[]>(Chunks);
        var written = Channel.CreateBounded<(byte[] Buffer, int Length)>(Chunks);
        var rented = new byte[Chunks][];
        for (var i = 0; i < Chunks; i++)
        {
            rented[i] = ArrayPool<byte>.Shared.Rent(ChunkSize);
            free.Writer.TryWrite(rented[i]);
        }
        var hashing = hash is null ? Task.CompletedTask : Task.Run(async () =>
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
                WriteToFile(target, buffer.AsSpan(0, read));
                if (hash is null)
                {
                    free.Writer.TryWrite(buffer);
                }
                else
                {
                    written.Writer.TryWrite((buffer, read));
                }
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

    /// <summary>The copy for runs that used secrets: each chunk is redacted before it is hashed and written (the file holds no secret).</summary>
    public static async Task<long> CopyRedactedAsync(Stream source, FileStream target, IncrementalHash? hash, Secrets.ByteRedactor redactor, long cap, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long received = 0;
            int read;
            while ((read = await FillAsync(source, buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                received += read;
                if (received > cap)
                {
                    throw new ResponseTooLargeException(cap, null);
                }
                var safe = redactor.Push(buffer.AsSpan(0, read));
                hash?.AppendData(safe);
                WriteToFile(target, safe);
            }
            var rest = redactor.Flush();
            hash?.AppendData(rest);
            WriteToFile(target, rest);
            return target.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes to the file; a failure there (a full disk) is the file's, not the connection's.</summary>
    private static void WriteToFile(FileStream target, ReadOnlySpan<byte> bytes)
    {
        try
        {
            target.Write(bytes);
        }
        catch (IOException ex)
        {
            throw new ArtifactWriteException(target.Name, ex);
        }
    }

    /// <summary>Reads until the buffer is full or the body ends.</summary>
    private static async Task<int> FillAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
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
