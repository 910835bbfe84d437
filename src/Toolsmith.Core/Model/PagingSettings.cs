namespace Toolsmith.Core.Model;

/// <summary>
/// Pagination of an API step: the step follows pages and its result is the combined items.
/// It always stops on an empty page, a page that repeats the previous one, and after <see cref="MaxPages"/>.
/// </summary>
public sealed class PaginationSettings
{
    /// <summary>How the next page is found.</summary>
    public required PaginationMode Mode { get; set; }

    /// <summary>Where a page's items are, e.g. <c>body.data</c>; default: the body when it is an array.</summary>
    public string? Items { get; set; }

    /// <summary>With <c>nextUrl</c>: where the next page's URL is, e.g. <c>body.next</c>.</summary>
    public string? NextUrl { get; set; }

    /// <summary>With <c>cursor</c>: where the next cursor is, e.g. <c>body.meta.next_cursor</c>.</summary>
    public string? Cursor { get; set; }

    /// <summary>With <c>cursor</c>: the parameter that sends it (default <c>cursor</c>).</summary>
    public string? CursorParam { get; set; }

    /// <summary>With <c>cursor</c>: where the cursor is sent (default a query parameter).</summary>
    public CursorPlace? CursorIn { get; set; }

    /// <summary>With <c>page</c>: the page-number parameter (default <c>page</c>); with <c>offset</c>: the offset parameter (default <c>offset</c>).</summary>
    public string? Param { get; set; }

    /// <summary>With <c>page</c>: the first page number (default 1); with <c>offset</c>: the first offset (default 0).</summary>
    public int? Start { get; set; }

    /// <summary>The page-size parameter to send with each page (e.g. <c>limit</c>, <c>per_page</c>), with <see cref="Size"/>.</summary>
    public string? SizeParam { get; set; }

    /// <summary>The page size to ask for.</summary>
    public int? Size { get; set; }

    /// <summary>Where the response says whether there is more, e.g. <c>body.has_more</c>: paging stops when it is false or missing.</summary>
    public string? HasMore { get; set; }

    /// <summary>Statuses that end paging normally (e.g. 404 past the last page).</summary>
    public List<int>? StopOnStatus { get; set; }

    /// <summary>The most pages fetched (default 100, at most 100,000).</summary>
    public int? MaxPages { get; set; }

    /// <summary>The most items kept; paging stops once reached.</summary>
    public int? MaxItems { get; set; }
}

/// <summary>Bulk writes: an array body is sent in batches of <see cref="Size"/> elements, one request per batch.</summary>
public sealed class BatchSettings
{
    /// <summary>Elements per request.</summary>
    public int Size { get; set; } = 100;

    /// <summary>Batches in flight at once; 1 (the default) sends them in order.</summary>
    public int Concurrency { get; set; } = 1;
}
