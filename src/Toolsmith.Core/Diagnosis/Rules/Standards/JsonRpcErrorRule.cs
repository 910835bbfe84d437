using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Standards;

/// <summary>JSON-RPC 2.0 errors (also MCP): <c>{"jsonrpc":"2.0","error":{"code":-32602,"message":"…"}}</c>, usually with HTTP 200.</summary>
internal sealed class JsonRpcErrorRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } body || !body.ContainsKey("jsonrpc") || JsonRead.Get(body, "error") is not JsonObject error)
        {
            return;
        }
        if (JsonRead.Str(error, "message") is { } message)
        {
            context.Message ??= message;
        }
        var code = JsonRead.Number(error, "code");
        var kind = code switch
        {
            -32700 => DiagnosisKinds.MalformedBody,
            -32600 => DiagnosisKinds.InvalidValue,
            -32601 => DiagnosisKinds.NotFound,
            -32602 => DiagnosisKinds.InvalidValue,
            -32603 => DiagnosisKinds.ServerError,
            >= -32099 and <= -32000 => DiagnosisKinds.ServerError,
            _ => null,
        };
        if (code is { } c)
        {
            context.AddNote($"The JSON-RPC error code is {c:0}.");
        }
        if (code == -32601)
        {
            context.Hint ??= "The JSON-RPC method does not exist on this server: check the \"method\" name in the body.";
        }
        // Servers put the detail in "data" ("Invalid params." / "Session terminated, re-login, please."): its words are read,
        // and outrank the generic codes (invalid params, invalid request, internal and server errors); parse error and
        // method not found are precise.
        if (JsonRead.Str(error, "data") is { Length: > 0 } data)
        {
            context.AddText(data);
        }
        if (kind is not null && code is -32700 or -32601)
        {
            context.Propose(kind, Evidence.Structured);
        }
        else if (kind is not null)
        {
            context.WeakCodeKinds.Add(kind); // weighed with the words, the most specific wins
        }
        else if (JsonRead.Str(error, "message") is { } text)
        {
            context.AddText(text);
        }
    }
}
