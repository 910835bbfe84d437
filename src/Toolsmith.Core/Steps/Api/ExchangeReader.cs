using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Serialization;
using Toolsmith.Core.Steps.Api.Transport;

namespace Toolsmith.Core.Steps.Api;

/// <summary>
/// After the transport: decodes the response in the step's format, diagnoses it, and writes both into the one
/// <see cref="Exchange"/> of the call.
/// </summary>
internal static class ExchangeReader
{
    /// <summary>Reads the delivered response (its body within <paramref name="token"/>'s time) into the record of the exchange.</summary>
    public static async Task<Exchange> ReadAsync(Delivery delivery, CompiledApiStep step, PreparedRequest prepared, RunContext run,
        RequestSummary summary, int? elementIndex, long started, CancellationToken token)
    {
        var response = delivery.Response;
        var options = run.Options;
        var status = (int)response.StatusCode;
        var statusText = response.ReasonPhrase is { Length: > 0 } reason ? reason : ReasonPhrases.For(status);
        var headers = CollectHeaders(response);
        var format = ResponseDecoder.PickFormat(step.Api.ResponseFormat, response);
        var contentType = response.Content.Headers.ContentType;
        byte[] raw = [];
        object? body = null;
        JsonNode? parsed = null;
        bool? bodyReportsFailure = null;
        Diagnosis.Diagnosis? decodeFailure = null;
        try
        {
            switch (format)
            {
                case ResponseFormat.Blob:
                    var baseName = elementIndex is { } i ? $"{step.Id}-{i.ToString(CultureInfo.InvariantCulture)}" : step.Id;
                    body = await ResponseDecoder.WriteBlobAsync(response.Content, run.ArtifactDirectory, baseName, options.MaxBlobBytes, step.Api.Checksum, run.Redactor, token).ConfigureAwait(false);
                    break;
                case ResponseFormat.ArrayBuffer:
                    raw = await ResponseDecoder.ReadCappedAsync(response.Content, options.MaxResponseBytes, token).ConfigureAwait(false);
                    body = (JsonNode)Convert.ToBase64String(raw);
                    break;
                case ResponseFormat.Json:
                    raw = await ResponseDecoder.ReadCappedAsync(response.Content, options.MaxResponseBytes, token).ConfigureAwait(false);
                    if (ResponseDecoder.IsUtf8(contentType) && Utf8Text.WithoutBom(raw) is var json && System.Text.Unicode.Utf8.IsValid(json)
                        && Diagnosis.Reading.SuccessBody.TryReadJson(json, out var reportsFailure, Diagnosis.Reading.SuccessBody.IsAction(prepared.Method.Method)))
                    {
                        // One pass over the bytes checked the JSON and read whether it reports a failure; it is parsed only
                        // if something reads it (a template, the diagnosis of a failure, a person) — at once when the tool
                        // reads every body of this bulk step (see CompiledStep.ReadsAllBodies).
                        var received = ReceivedJson.FromChecked(raw);
                        if (step.ReadsAllBodies && elementIndex is not null)
                        {
                            received.PrepareCopy();
                        }
                        body = received;
                        bodyReportsFailure = reportsFailure;
                    }
                    else if (ResponseDecoder.TryParseJson(raw, contentType, out parsed, out var parseError))
                    {
                        body = parsed;
                    }
                    else
                    {
                        format = ResponseFormat.String;
                        body = (JsonNode?)ResponseDecoder.DecodeText(raw, contentType);
                        if (status < 400)
                        {
                            decodeFailure = ResponseDecoder.NotJson(contentType?.MediaType, parseError!);
                        }
                    }
                    break;
                default:
                    raw = await ResponseDecoder.ReadCappedAsync(response.Content, options.MaxResponseBytes, token).ConfigureAwait(false);
                    body = raw.Length == 0 && prepared.Method == HttpMethod.Head ? null : (JsonNode?)ResponseDecoder.DecodeText(raw, contentType);
                    break;
            }
        }
        catch (Exception ex) when (ex is ResponseTooLargeException or ArtifactWriteException)
        {
            // The server answered; its body could not be kept (past the cap, or the download's file could not be written).
            body = null;
            raw = [];
            decodeFailure = ex is ResponseTooLargeException tooLarge ? ResponseDecoder.TooLarge(tooLarge) : ResponseDecoder.CannotWriteFile((ArtifactWriteException)ex);
        }

        Diagnosis.Diagnosis? diagnosis;
        var ok = false;
        if (decodeFailure is not null)
        {
            // The body could not be read as asked: that is the failure, whatever else the response says.
            diagnosis = decodeFailure;
        }
        else
        {
            diagnosis = Diagnose(step, prepared, run, status, headers, raw, parsed, bodyReportsFailure);
            ok = status < 400 && diagnosis is null && !(status >= 300 && step.Api.FollowRedirects && response.Headers.Location is not null);
            // Secrets are blanked out of the whole result where the runner records it (Redactor.Redact(StepResult)).
        }
        if (delivery.RedirectRefusal is { } refusal)
        {
            ok = false;
            diagnosis = new Diagnosis.Diagnosis
            {
                Kind = DiagnosisKinds.BlockedByPolicy,
                Title = "A redirect was refused",
                Explanation = refusal,
                Hint = "Call the final URL directly, or turn off following redirects for this step to see the redirect itself.",
            };
        }
        return new Exchange
        {
            Request = summary,
            Status = status,
            StatusText = statusText,
            Headers = headers,
            Cookies = delivery.SetCookies,
            Body = body,
            Format = format,
            ReceivedBytes = decodeFailure is null ? raw.Length : 0,
            DecodeFailed = decodeFailure is not null,
            Redirects = delivery.Redirects,
            Diagnosis = diagnosis,
            Ok = ok,
            DurationMs = options.Time.GetElapsedTime(started).TotalMilliseconds,
        };
    }

    /// <summary>The diagnosis of a response that arrived whole: null when nothing is wrong with it.</summary>
    private static Diagnosis.Diagnosis? Diagnose(CompiledApiStep step, PreparedRequest prepared, RunContext run, int status,
        Dictionary<string, string> headers, byte[] raw, JsonNode? parsed, bool? bodyReportsFailure)
    {
        var exchange = new ResponseExchange
        {
            Method = prepared.Method.Method,
            Url = run.Redactor.Redact(prepared.Uri.AbsoluteUri),
            Status = status,
            Headers = headers,
            Body = raw,
            ParsedBody = parsed,
            BodyReportsFailure = bodyReportsFailure,
            RequestBody = status >= 400 || Diagnosis.Reading.SuccessBody.NeedsRequestToJudge(raw) ? RequestJson(prepared) : null,
            RequestParamNames = prepared.ParamNames,
            RequiredScopes = step.Api.RequiredScopes,
        };
        var time = run.Options.Time;
        var diagnosis = DiagnosisEngine.Diagnose(exchange, time);
        if (diagnosis is not null && exchange.RequestBody is null && RequestJson(prepared) is { } sent)
        {
            // A success status whose body reports a failure: diagnose again with the body sent, so field paths map back to it.
            diagnosis = DiagnosisEngine.Diagnose(new ResponseExchange
            {
                Method = exchange.Method, Url = exchange.Url, Status = status, Headers = headers, Body = raw,
                ParsedBody = parsed, BodyReportsFailure = bodyReportsFailure, RequestBody = sent, RequestParamNames = prepared.ParamNames, RequiredScopes = step.Api.RequiredScopes,
            }, time);
        }
        return diagnosis;
    }

    private static JsonNode? RequestJson(PreparedRequest prepared)
    {
        if (prepared.Body?.Bytes is not { Length: > 0 } bytes || prepared.Body.ContentType != "application/json")
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> CollectHeaders(HttpResponseMessage response)
    {
        // Sized once: growing a dictionary re-allocates its arrays.
        var headers = new Dictionary<string, string>(response.Headers.NonValidated.Count + response.Content.Headers.NonValidated.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            headers[HeaderNames.Lower(name)] = values.ToString();
        }
        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            headers[HeaderNames.Lower(name)] = values.ToString();
        }
        return headers;
    }
}
