using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;

namespace Toolsmith.Core.Steps.Api.Batching;

/// <summary>
/// Bulk writes: splits a JSON array body into batches of N elements, one request per batch (in order, or a few at
/// once), each through the same retries, limits and diagnosis; the result is a summary plus every batch's result.
/// </summary>
internal static class Batcher
{
    public static async Task<StepResult> RunAsync(ApiStepExecutor executor, CompiledApiStep step, BatchSettings settings, PreparedRequest prepared,
        RunContext run, int? elementIndex, CancellationToken cancellationToken)
    {
        if (prepared.Body?.Bytes is not { } bytes || JsonNode.Parse(bytes) is not JsonArray all)
        {
            return StepResults.NotSent($"{step.Location}.batch: the body must be a JSON array to send in batches; it rendered to something else.");
        }
        var chunks = all.Chunk(settings.Size).Select(static c => Encoding.UTF8.GetBytes(new JsonArray([.. c.Select(static n => n?.DeepClone())]).ToJsonString())).ToArray();
        var results = new StepResult[chunks.Length];
        var done = 0;
        var failed = 0;
        await Parallel.ForAsync(0, chunks.Length, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var request = prepared with { Body = PreparedBody.FromBytes(chunks[i], prepared.Body.ContentType) };
            var r = await executor.SendAsync(step, request, run, elementIndex, ct).ConfigureAwait(false);
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
        var summary = new StepResult
        {
            Ok = firstFailure is null,
            Status = firstFailure?.Status ?? results.LastOrDefault()?.Status,
            StatusText = firstFailure?.StatusText ?? results.LastOrDefault()?.StatusText,
            Request = results.LastOrDefault()?.Request,
            BodyFormat = ResponseFormat.Json,
            Body = new JsonObject
            {
                ["batches"] = chunks.Length,
                ["items"] = all.Count,
                ["succeededItems"] = succeededItems,
                ["failedItems"] = all.Count - succeededItems,
                ["failures"] = failures,
            },
            Batches = [.. results],
            DurationMs = results.Sum(static r => r.DurationMs),
        };
        if (firstFailure?.Diagnosis is { } d)
        {
            var index = Array.IndexOf(results, firstFailure) + 1;
            summary.Diagnosis = new Diagnosis.Diagnosis
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
            summary.Diagnosis = DiagnosisEngine.ForTransport(DiagnosisKinds.Unknown, "A batch failed.");
        }
        return summary;
    }
}
