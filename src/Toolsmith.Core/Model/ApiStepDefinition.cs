using System.Text.Json.Nodes;

namespace Toolsmith.Core.Model;

/// <summary>One HTTP call, configured instead of coded (docs/design.md, "API step").</summary>
public sealed class ApiStepDefinition : StepDefinition
{
    /// <summary>The HTTP method (default GET).</summary>
    public RequestMethod Method { get; set; }

    /// <summary>An absolute http(s) URL template.</summary>
    public required string Url { get; set; }

    /// <summary>Request headers; values are templates.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>URL (query) parameters merged with any query already in the URL; an array value repeats the name.</summary>
    public JsonObject? Params { get; set; }

    /// <summary>Cookies sent with the request (scoped to the request's host).</summary>
    public Dictionary<string, string> Cookies { get; set; } = [];

    /// <summary>The body: a JSON template (object or array for <c>json</c>), fields for <c>form</c>/<c>multipart</c>, text, or a file for <c>binary</c>.</summary>
    public JsonNode? Body { get; set; }

    /// <summary>The kind of body; json when absent.</summary>
    public BodyKind? BodyType { get; set; }

    /// <summary>
    /// A JSON body's text as it was written, spaces and line breaks included (optional; filled by the importers): while it
    /// holds the same JSON as <see cref="Body"/>, the body is sent in its layout instead of compact; once the body is edited
    /// it no longer does and is ignored.
    /// </summary>
    public string? BodyLayout { get; set; }

    /// <summary>How the response body is read; by default json when the response says JSON, else string.</summary>
    public ResponseFormat? ResponseFormat { get; set; }

    /// <summary>A checksum of a blob download, given in the result under the algorithm's name; none when absent.</summary>
    public ChecksumAlgorithm? Checksum { get; set; }

    /// <summary>Whether a 4xx/5xx response fails the step (default true).</summary>
    public bool ThrowOnHttpError { get; set; } = true;

    /// <summary>Timeout for the whole call including the body, e.g. <c>"30s"</c> or a number of seconds.</summary>
    public JsonNode? Timeout { get; set; }

    /// <summary>Whether redirects are followed (default true).</summary>
    public bool FollowRedirects { get; set; } = true;

    /// <summary>The most redirects followed (default 10).</summary>
    public int? MaxRedirects { get; set; }

    /// <summary>Retries of transient failures; off when absent.</summary>
    public RetrySettings? Retry { get; set; }

    /// <summary>Follow pages and combine their items; off when absent.</summary>
    public PaginationSettings? Pagination { get; set; }

    /// <summary>Send an array body in batches; off when absent.</summary>
    public BatchSettings? Batch { get; set; }

    /// <summary>Schemas the rendered request is checked against before sending (optional; filled by the OpenAPI importer).</summary>
    public ApiStepValidation? Validate { get; set; }

    /// <summary>OAuth scopes the call needs, as its API describes it (optional); the diagnosis names them when a call fails for permissions.</summary>
    public List<string>? RequiredScopes { get; set; }

    /// <summary>How the call authenticates: a stored credential by name, or an inline one with secret templates (optional).</summary>
    public CredentialDefinition? Auth { get; set; }

    /// <summary>
    /// The JSON Schema of a successful response's body, as the API's description says (optional; filled by the OpenAPI
    /// importer). It types the tool's output for agents (the MCP output schema); responses are not checked against it.
    /// </summary>
    public JsonNode? ResponseSchema { get; set; }
}

/// <summary>
/// Retries of an API step (docs/design.md, "Retries"): on 429/502/503/504 and connection failures, idempotent methods only unless
/// <see cref="UnsafeMethods"/>, honouring Retry-After, with jittered exponential backoff and a total time cap.
/// </summary>
public sealed class RetrySettings
{
    /// <summary>Attempts in all, the first included (2 to 10).</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>Statuses that are retried. Default 429, 502, 503, 504.</summary>
    public List<int>? Statuses { get; set; }

    /// <summary>The first backoff delay, doubled each attempt, with jitter. Default 1 s.</summary>
    public JsonNode? Delay { get; set; }

    /// <summary>The longest wait between attempts, Retry-After included. Default 30 s.</summary>
    public JsonNode? MaxDelay { get; set; }

    /// <summary>The most time all attempts and waits may take together. Default 2 minutes.</summary>
    public JsonNode? MaxTotal { get; set; }

    /// <summary>Retry POST and PATCH too, sending an <c>Idempotency-Key</c> header (the same on every attempt).</summary>
    public bool UnsafeMethods { get; set; }
}
