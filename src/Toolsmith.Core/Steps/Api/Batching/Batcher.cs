using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;
using Toolsmith.Core.Running;

namespace Toolsmith.Core.Steps.Api.Batching;

/// <summary>
/// A send policy for bulk writes: splits a JSON array body into batches of N elements, one request per batch (in order,
/// or a few at once), each through the same <see cref="Send"/> (retries, limits, diagnosis); the record it returns is a
/// summary plus every batch's exchange.
/// </summary>
internal static class Batcher
{
    public static async Task<Exchange> RunAsync(Send send, CompiledApiStep step, BatchSettings settings, PreparedRequest prepared,
        RunContext run, CancellationToken cancellationToken)
    {
        if (prepared.Body?.Bytes is not { } bytes || JsonNode.Parse(bytes) is not JsonArray all)
        {
            return Exchange.Failed(DiagnosisKinds.InvalidRequest, $"{step.Location}.batch: the body must be a JSON array to send in batches; it rendered to something else.", null);
        }
        var chunks = all.Chunk(settings.Size).Select(static c => Encoding.UTF8.GetBytes(new JsonArray([.. c.Select(static n => n?.DeepClone())]).ToJsonString())).ToArray();
        var results = new Exchange[chunks.Length];
        var done = 0;
        var failed = 0;
        await Parallel.ForAsync(0, chunks.Length, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var request = prepared with { Body = PreparedBody.FromBytes(chunks[i], prepared.Body.ContentType) };
            var r = await send(request, ct).ConfigureAwait(false);
            results[i] = r;
            var f = r.Ok ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
            run.Progress?.Report(new StepProgress(step.Id, Interlocked.Increment(ref done), chunks.Length, f, "batches", (long)Math.Min((i + 1) * settings.Size, all.Count)));
        }).ConfigureAwait(false);

        var failures = new JsonArray();
        var succeededItems = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var from = i * settings.Size;
            var to = Math.Min(from + settings.Size, all.Count) - 1;
            if (results[i].Ok)
            {
                succeededItems += to - from + 1;
                continue;
            }
            failures.Add((JsonNode)new JsonObject
            {
                ["batch"] = i + 1,
                ["items"] = $"{from}–{to}",
                ["status"] = results[i].Status,
                ["kind"] = results[i].Diagnosis?.Kind,
                ["why"] = results[i].Diagnosis?.Title,
            });
        }
        var firstFailure = results.FirstOrDefault(static r => !r.Ok);
        Diagnosis.Diagnosis? diagnosis = null;
        if (firstFailure?.Diagnosis is { } d)
        {
            var index = Array.IndexOf(results, firstFailure) + 1;
            diagnosis = new Diagnosis.Diagnosis
            {
                Kind = d.Kind,
                Title = $"Batch {index} of {chunks.Length}: {d.Title}",
                Explanation = $"{all.Count - succeededItems} of {all.Count} items were not accepted ({failures.Count} batch{(failures.Count == 1 ? "" : "es")} failed). {d.Explanation}",
                Hint = d.Hint,
                Scopes = d.Scopes,
                Fields = d.Fields,
                RetryAfterSeconds = d.RetryAfterSeconds,
                Provider = d.Provider,
                ProviderMessage = d.ProviderMessage,
            };
        }
        else if (firstFailure is not null)
        {
            diagnosis = DiagnosisEngine.ForTransport(DiagnosisKinds.Unknown, "A batch failed.");
        }
        return new Exchange
        {
            Ok = firstFailure is null,
            Status = firstFailure?.Status ?? results.LastOrDefault()?.Status,
            StatusText = firstFailure?.StatusText ?? results.LastOrDefault()?.StatusText,
            Request = results.LastOrDefault()?.Request,
            Format = ResponseFormat.Json,
            Body = new JsonObject
            {
                ["batches"] = chunks.Length,
                ["items"] = all.Count,
                ["succeededItems"] = succeededItems,
                ["failedItems"] = all.Count - succeededItems,
                ["failures"] = failures,
            },
            Batches = results,
            DurationMs = results.Sum(static r => r.DurationMs),
            Diagnosis = diagnosis,
        };
    }
}
