using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Core.Model;

// The API step's words, each declared once with its JSON name. The tool file (schemas/tool.schema.json), the CLI,
// the web builder and the importers all take their lists from here; a test holds the schema's enums to these.

/// <summary>The HTTP methods an API step sends (<c>method</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequestMethod>))]
public enum RequestMethod
{
    /// <summary>GET (the default).</summary>
    [JsonStringEnumMemberName("GET")] Get,
    /// <summary>POST.</summary>
    [JsonStringEnumMemberName("POST")] Post,
    /// <summary>PUT.</summary>
    [JsonStringEnumMemberName("PUT")] Put,
    /// <summary>PATCH.</summary>
    [JsonStringEnumMemberName("PATCH")] Patch,
    /// <summary>DELETE.</summary>
    [JsonStringEnumMemberName("DELETE")] Delete,
    /// <summary>HEAD.</summary>
    [JsonStringEnumMemberName("HEAD")] Head,
    /// <summary>OPTIONS.</summary>
    [JsonStringEnumMemberName("OPTIONS")] Options,
}

/// <summary>The kinds of request body an API step sends (<c>bodyType</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BodyKind>))]
public enum BodyKind
{
    /// <summary>A JSON template, object or array (the default).</summary>
    [JsonStringEnumMemberName("json")] Json,
    /// <summary>URL-encoded form fields.</summary>
    [JsonStringEnumMemberName("form")] Form,
    /// <summary>Multipart fields and files.</summary>
    [JsonStringEnumMemberName("multipart")] Multipart,
    /// <summary>Text, sent as it renders.</summary>
    [JsonStringEnumMemberName("text")] Text,
    /// <summary>Bytes from a file or base64.</summary>
    [JsonStringEnumMemberName("binary")] Binary,
}

/// <summary>How a response body is read (<c>responseFormat</c>, and a result's <c>bodyFormat</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResponseFormat>))]
public enum ResponseFormat
{
    /// <summary>Text decoded by its charset.</summary>
    [JsonStringEnumMemberName("string")] String,
    /// <summary>Parsed JSON.</summary>
    [JsonStringEnumMemberName("json")] Json,
    /// <summary>The bytes, base64 in the result.</summary>
    [JsonStringEnumMemberName("arrayBuffer")] ArrayBuffer,
    /// <summary>Streamed to a file; the result describes the file.</summary>
    [JsonStringEnumMemberName("blob")] Blob,
}

/// <summary>How an API step finds its next page (<c>pagination.mode</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaginationMode>))]
public enum PaginationMode
{
    /// <summary>The Link header's rel="next".</summary>
    [JsonStringEnumMemberName("link")] Link,
    /// <summary>A URL in the body.</summary>
    [JsonStringEnumMemberName("nextUrl")] NextUrl,
    /// <summary>A cursor from the body, sent back as a parameter, header or body field.</summary>
    [JsonStringEnumMemberName("cursor")] Cursor,
    /// <summary>A page number.</summary>
    [JsonStringEnumMemberName("page")] Page,
    /// <summary>An item offset.</summary>
    [JsonStringEnumMemberName("offset")] Offset,
}

/// <summary>Where a pagination cursor is sent (<c>pagination.cursorIn</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CursorPlace>))]
public enum CursorPlace
{
    /// <summary>A URL (query) parameter (the default).</summary>
    [JsonStringEnumMemberName("query")] Query,
    /// <summary>A request header.</summary>
    [JsonStringEnumMemberName("header")] Header,
    /// <summary>A top-level field of the JSON body.</summary>
    [JsonStringEnumMemberName("body")] Body,
}

/// <summary>
/// A checksum of a download saved to a file (<c>checksum</c>, with <c>responseFormat: blob</c>): computed while the body
/// streams in, and given in the result under the algorithm's name. Off unless asked: SHA-256 of a 100 MB download costs
/// about as much CPU as the download itself (docs/performance.md).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChecksumAlgorithm>))]
public enum ChecksumAlgorithm
{
    /// <summary>SHA-256, what most download pages publish.</summary>
    [JsonStringEnumMemberName("sha256")] Sha256,
    /// <summary>SHA-512 (npm's integrity, some release pages).</summary>
    [JsonStringEnumMemberName("sha512")] Sha512,
    /// <summary>SHA-1 (older release pages, Git objects).</summary>
    [JsonStringEnumMemberName("sha1")] Sha1,
    /// <summary>MD5 (Content-MD5, S3's ETag of a single-part upload).</summary>
    [JsonStringEnumMemberName("md5")] Md5,
}

/// <summary>The JSON names of the vocabulary's values, read from their one declaration.</summary>
public static class JsonNames
{
    /// <summary>The JSON name of <paramref name="value"/>, e.g. <c>"PATCH"</c> or <c>"arrayBuffer"</c>.</summary>
    public static string Of<T>(T value) where T : struct, Enum => Names<T>.ByValue[value];

    /// <summary>Every JSON name of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Names<T>.InOrder;

    /// <summary>The value whose JSON name is <paramref name="name"/> (compared exactly, as the tool file does).</summary>
    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        value = default;
        return name is not null && Names<T>.ByName.TryGetValue(name, out value);
    }

    private static class Names<T> where T : struct, Enum
    {
        public static readonly T[] Values = Enum.GetValues<T>();
        public static readonly string[] InOrder = [.. Values.Select(static v => JsonSerializer.Serialize(v, TypeInfo).Trim('"'))];
        public static readonly Dictionary<T, string> ByValue = Values.Zip(InOrder).ToDictionary(static p => p.First, static p => p.Second);
        public static readonly Dictionary<string, T> ByName = Values.Zip(InOrder).ToDictionary(static p => p.Second, static p => p.First, StringComparer.Ordinal);

        private static JsonTypeInfo<T> TypeInfo => (JsonTypeInfo<T>)ToolDefinitionJsonContext.Default.GetTypeInfo(typeof(T))!;
    }
}

/// <summary>What RFC 9110 says of each method, asked in one place.</summary>
public static class RequestMethods
{
    /// <summary>Safe (RFC 9110 §9.2.1): the call only reads.</summary>
    public static bool IsSafe(this RequestMethod method) => method is RequestMethod.Get or RequestMethod.Head or RequestMethod.Options;

    /// <summary>Idempotent (RFC 9110 §9.2.2): sending it twice has the effect of sending it once, so it may be retried.</summary>
    public static bool IsIdempotent(this RequestMethod method) => method.IsSafe() || method is RequestMethod.Put or RequestMethod.Delete;

    /// <summary>
    /// False for HEAD only. A GET may carry a body (RFC 9110 gives it no meaning, but Elasticsearch, OpenSearch and others
    /// read one, and curl, Postman and .http files send it).
    /// </summary>
    public static bool AllowsBody(this RequestMethod method) => method is not RequestMethod.Head;
}
