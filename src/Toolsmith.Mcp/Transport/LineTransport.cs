using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Toolsmith.Core.Loading;

namespace Toolsmith.Mcp.Transport;

/// <summary>
/// MCP over a pair of streams, one JSON-RPC message per line (the stdio transport). Unlike the SDK's stream transport
/// it answers a line that is not JSON with <c>-32700</c> and a message that is not JSON-RPC with <c>-32600</c> (both
/// with <c>id: null</c> when no id can be read) instead of dropping them, and when the input ends it answers every
/// request already read before it closes, instead of dropping them with the connection.
/// </summary>
internal sealed partial class LineTransport : TransportBase
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageInfo = (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    private readonly ILogger _logger;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _gate = new();
    private readonly HashSet<RequestId> _unanswered = [];
    private readonly TaskCompletionSource _allAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;
    private bool _inputEnded;
    private int _disposed;

    public LineTransport(Stream input, Stream output, ILoggerFactory? loggerFactory)
        : base("toolsmith (stdio)", loggerFactory)
    {
        _input = input;
        _output = output;
        _logger = loggerFactory?.CreateLogger("toolsmith.mcp") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        SetConnected();
        _reading = Task.Run(ReadAsync);
    }

    public override async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsConnected)
        {
            return;
        }
        await WriteLineAsync(JsonSerializer.SerializeToUtf8Bytes(message, MessageInfo), cancellationToken).ConfigureAwait(false);
        if (message is JsonRpcResponse or JsonRpcError)
        {
            Answered(((JsonRpcMessageWithId)message).Id);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reading.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        SetDisconnected();
        _shutdown.Dispose();
        _sendLock.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task ReadAsync()
    {
        var token = _shutdown.Token;
        Exception? error = null;
        try
        {
            using var reader = new StreamReader(_input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            while (await reader.ReadLineAsync(token).ConfigureAwait(false) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                var (message, problem) = Read(line);
                if (problem is not null)
                {
                    LogRefused(_logger, problem["error"]!["message"]!.GetValue<string>());
                    await WriteLineAsync(Encoding.UTF8.GetBytes(problem.ToJsonString()), token).ConfigureAwait(false);
                    continue;
                }
                switch (message)
                {
                    case JsonRpcRequest request:
                        lock (_gate)
                        {
                            _unanswered.Add(request.Id);
                        }
                        break;
                    case JsonRpcNotification { Method: NotificationMethods.CancelledNotification } cancelled when IdOf(cancelled.Params?["requestId"]) is { } cancelledId:
                        // A cancelled request gets no answer: nothing to wait for.
                        Answered(cancelledId);
                        break;
                }
                await WriteMessageAsync(message!, token).ConfigureAwait(false);
            }
            // The input ended: answer what was already asked, then close.
            lock (_gate)
            {
                _inputEnded = true;
                if (_unanswered.Count == 0)
                {
                    _allAnswered.TrySetResult();
                }
            }
            await _allAnswered.Task.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // disposed
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            error = ex;
        }
        finally
        {
            SetDisconnected(error);
        }
    }

    private void Answered(RequestId id)
    {
        lock (_gate)
        {
            if (_unanswered.Remove(id) && _inputEnded && _unanswered.Count == 0)
            {
                _allAnswered.TrySetResult();
            }
        }
    }

    private async Task WriteLineAsync(byte[] json, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _output.WriteAsync(json, cancellationToken).ConfigureAwait(false);
            await _output.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>One line as a JSON-RPC message, or the error response that refuses it (JSON-RPC 2.0 §5.1).</summary>
    internal static (JsonRpcMessage? Message, JsonObject? Problem) Read(string line)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException ex)
        {
            return (null, Error(null, McpErrorCode.ParseError, $"Parse error: the message is not valid JSON ({JsonErrors.Describe(ex)})"));
        }
        if (node is not JsonObject message)
        {
            return (null, Error(null, McpErrorCode.InvalidRequest, node is JsonArray
                ? "Invalid Request: batches are not supported; send one JSON-RPC message per line."
                : "Invalid Request: a JSON-RPC message is a JSON object."));
        }
        // The id, when it is one JSON-RPC allows (a string or an integer); the answer carries it back.
        var id = IdOf(message["id"]);
        var idNode = id is null ? null : message["id"]!.DeepClone();
        string? problem = null;
        if (message["jsonrpc"] is not JsonValue version || version.GetValueKind() != JsonValueKind.String || version.GetValue<string>() != "2.0")
        {
            problem = "\"jsonrpc\" must be \"2.0\"";
        }
        else if (message.ContainsKey("id") && id is null && message["id"] is not null)
        {
            problem = "\"id\" must be a string or an integer";
        }
        else if (message.ContainsKey("method"))
        {
            if (message["method"] is not JsonValue method || method.GetValueKind() != JsonValueKind.String)
            {
                problem = "\"method\" must be a string";
            }
        }
        else if (!(message.ContainsKey("result") || message.ContainsKey("error")) || id is null)
        {
            problem = "a message has a \"method\" (a request or a notification), or an \"id\" with a \"result\" or an \"error\" (a response)";
        }
        if (problem is null)
        {
            try
            {
                if (message.Deserialize(MessageInfo) is { } parsed)
                {
                    return (parsed, null);
                }
                problem = "the message is empty";
            }
            catch (JsonException ex)
            {
                problem = $"the message does not have the shape of one ({ex.Message.Split(" Path:")[0].TrimEnd('.')})";
            }
        }
        return (null, Error(idNode, McpErrorCode.InvalidRequest, $"Invalid Request: {problem}."));
    }

    /// <summary>A JSON-RPC id (a string or an integer), or null for anything else.</summary>
    private static RequestId? IdOf(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() == JsonValueKind.String ? new RequestId(value.GetValue<string>())
        : value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) ? new RequestId(number)
        : null
        : null;

    private static JsonObject Error(JsonNode? id, McpErrorCode code, string message) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id,
        ["error"] = new JsonObject { ["code"] = (int)code, ["message"] = message },
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message from the client was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
