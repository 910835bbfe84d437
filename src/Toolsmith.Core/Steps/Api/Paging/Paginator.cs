using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Steps.Api.Transport;

namespace Toolsmith.Core.Steps.Api.Paging;

/// <summary>
/// A send policy: follows pages (Link header, next URL, cursor, page number, offset), each page through the same
/// <see cref="Send"/> (retries, limits, diagnosis) as a single call; items move from each page into one array, so memory
/// holds one page plus the items. The record it returns is the last page's, with the combined items as its body.
/// </summary>
internal static class Paginator
{
    public static async Task<Exchange> RunAsync(Send send, CompiledApiStep step, CompiledPaging paging, PreparedRequest first,
        RunContext run, CancellationToken cancellationToken)
    {
        var settings = paging.Settings;
        var started = run.Options.Time.GetTimestamp();
        var combined = new JsonArray();
        var pages = new List<PageRecord>();
        var request = first;
        var number = settings.Start ?? (paging.Mode == PaginationMode.Offset ? 0 : 1);
        if (settings.SizeParam is { } sizeParam && settings.Size is { } size)
        {
            request = request.WithQuery(sizeParam, size.ToString(CultureInfo.InvariantCulture));
        }
        if (paging.Mode is PaginationMode.Page or PaginationMode.Offset)
        {
            request = request.WithQuery(ParamOf(paging), number.ToString(CultureInfo.InvariantCulture));
        }
        string? previous = null;
        Exchange? last = null;
        string stopped;
        while (true)
        {
            var maxPages = run.MaxPages is { } preview ? Math.Min(preview, paging.MaxPages) : paging.MaxPages;
            if (pages.Count >= maxPages)
            {
                stopped = $"maxPages ({maxPages}) reached";
                break;
            }
            var page = await send(request, cancellationToken).ConfigureAwait(false);
            last = page;
            if (!page.Ok)
            {
                if (page.Status is { } status && settings.StopOnStatus?.Contains(status) == true)
                {
                    pages.Add(new PageRecord(pages.Count + 1, page.Request?.Url, status, 0, page.DurationMs));
                    stopped = $"status {status}";
                    break;
                }
                // A failing page fails the step, with what was gathered before it.
                pages.Add(new PageRecord(pages.Count + 1, page.Request?.Url, page.Status, 0, page.DurationMs));
                return page with
                {
                    Pages = pages,
                    StoppedBecause = $"page {pages.Count} failed",
                    DurationMs = run.Options.Time.GetElapsedTime(started).TotalMilliseconds,
                };
            }
            var body = page.ParsedBody();
            var itemsNode = paging.Items is { } itemsPath ? itemsPath.Find(page, body) : body;
            if (itemsNode is not (null or JsonArray))
            {
                return page with
                {
                    Body = body,
                    Ok = false,
                    DecodeFailed = true,
                    Pages = pages,
                    Diagnosis = DiagnosisEngine.ForTransport(DiagnosisKinds.InvalidRequest,
                        $"{step.Location}.pagination.items: \"{paging.Items?.Text ?? "body"}\" is {Describe(itemsNode)} on page {pages.Count + 1}, not the array of items. Point \"items\" at the array, e.g. body.data."),
                };
            }
            var items = (JsonArray?)itemsNode ?? [];
            pages.Add(new PageRecord(pages.Count + 1, page.Request?.Url, page.Status, items.Count, page.DurationMs));
            if (items.Count == 0)
            {
                stopped = "empty page";
                break;
            }
            var signature = items.ToJsonString();
            if (signature == previous)
            {
                stopped = "repeated page";
                break;
            }
            previous = signature;
            var taken = MoveItems(items, combined, settings.MaxItems);
            run.Progress?.Report(new StepProgress(step.Id, pages.Count, 0, 0, "pages", combined.Count));
            if (settings.MaxItems is { } max && combined.Count >= max)
            {
                stopped = $"maxItems ({max}) reached";
                break;
            }
            if (paging.HasMore is { } hasMore && !ResponsePath.IsTruthy(hasMore.Find(page, body)))
            {
                stopped = $"{hasMore.Text} says there is no more";
                break;
            }
            var (next, why) = Next(paging, page, body, request, ref number, taken);
            if (next is null)
            {
                stopped = why!;
                break;
            }
            if (!HttpTransport.SameOrigin(first.Uri, next.Uri))
            {
                stopped = $"the next page is on another origin ({next.Uri.GetLeftPart(UriPartial.Authority)}), where credentials are not sent";
                break;
            }
            request = next;
        }
        return last! with
        {
            DurationMs = run.Options.Time.GetElapsedTime(started).TotalMilliseconds, // all pages, not the last one
            Ok = true,
            Diagnosis = null,
            Body = combined,
            Format = ResponseFormat.Json,
            Pages = pages,
            StoppedBecause = stopped,
        };
    }

    private static string ParamOf(CompiledPaging paging) => paging.Settings.Param ?? (paging.Mode == PaginationMode.Offset ? "offset" : "page");

    /// <summary>The request for the next page, or why there is none.</summary>
    private static (PreparedRequest? Next, string? Why) Next(CompiledPaging paging, Exchange page, JsonNode? body, PreparedRequest current, ref int number, int taken)
    {
        switch (paging.Mode)
        {
            case PaginationMode.Link:
                var link = page.Headers?.TryGetValue("link", out var header) == true ? LinkHeader.Next(header) : null;
                // Relative links resolve against the real request URL (the one in the result is redacted).
                return link is null ? (null, "no rel=\"next\" link") : (current.WithUri(new Uri(current.Uri, link)), null);
            case PaginationMode.NextUrl:
                var url = Text(paging.NextUrl!.Find(page, body));
                return string.IsNullOrEmpty(url) ? (null, $"no next URL at {paging.NextUrl!.Text}") : (current.WithUri(new Uri(current.Uri, url)), null);
            case PaginationMode.Cursor:
                var cursor = Text(paging.Cursor!.Find(page, body));
                if (string.IsNullOrEmpty(cursor))
                {
                    return (null, $"no cursor at {paging.Cursor!.Text}");
                }
                var name = paging.Settings.CursorParam ?? "cursor";
                return paging.Settings.CursorIn switch
                {
                    CursorPlace.Header => (current.WithHeader(name, cursor), null),
                    CursorPlace.Body => (current.WithBodyField(name, cursor), null),
                    _ => (current.WithQuery(name, cursor), null),
                };
            case PaginationMode.Page:
                number++;
                return (current.WithQuery(ParamOf(paging), number.ToString(CultureInfo.InvariantCulture)), null);
            default:
                number += taken;
                return (current.WithQuery(ParamOf(paging), number.ToString(CultureInfo.InvariantCulture)), null);
        }
    }

    /// <summary>Moves items (not copies) into the combined array; returns how many the page had.</summary>
    private static int MoveItems(JsonArray items, JsonArray combined, int? maxItems)
    {
        var count = items.Count;
        var moved = items.ToArray();
        items.Clear();
        foreach (var item in moved)
        {
            if (maxItems is { } max && combined.Count >= max)
            {
                break;
            }
            combined.Add(item);
        }
        return count;
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        _ => node.ToJsonString(),
    };

    private static string Describe(JsonNode? node) => node switch
    {
        JsonObject => "an object",
        JsonValue v => "a " + v.GetValueKind().ToString().ToLowerInvariant(),
        _ => "missing",
    };

}

/// <summary>Reads RFC 8288 Link headers.</summary>
internal static class LinkHeader
{
    /// <summary>The target of the rel="next" link, or null.</summary>
    public static string? Next(string header)
    {
        foreach (var part in Split(header))
        {
            var close = part.IndexOf('>', StringComparison.Ordinal);
            if (!part.StartsWith('<') || close < 0)
            {
                continue;
            }
            foreach (var parameter in part[(close + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = parameter.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && parameter[..eq].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase)
                    && parameter[(eq + 1)..].Trim().Trim('"').Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase))
                {
                    return part[1..close];
                }
            }
        }
        return null;
    }

    /// <summary>Splits on the commas between links, not those inside &lt;…&gt; or quotes.</summary>
    private static IEnumerable<string> Split(string header)
    {
        var start = 0;
        var inAngle = false;
        var inQuote = false;
        for (var i = 0; i < header.Length; i++)
        {
            switch (header[i])
            {
                case '<' when !inQuote:
                    inAngle = true;
                    break;
                case '>' when !inQuote:
                    inAngle = false;
                    break;
                case '"' when !inAngle:
                    inQuote = !inQuote;
                    break;
                case ',' when !inAngle && !inQuote:
                    yield return header[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }
        yield return header[start..].Trim();
    }
}
