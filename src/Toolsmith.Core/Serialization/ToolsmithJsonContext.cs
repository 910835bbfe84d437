using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;

namespace Toolsmith.Core.Serialization;

/// <summary>Source-generated JSON for every contract type: camelCase, no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    AllowOutOfOrderMetadataProperties = true,
    PropertyNameCaseInsensitive = false,
    WriteIndented = false)]
[JsonSerializable(typeof(StepResult))]
[JsonSerializable(typeof(List<StepResult>))]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(Diagnosis.Diagnosis))]
[JsonSerializable(typeof(Credentials.OAuthTokens))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
public sealed partial class ToolsmithJsonContext : JsonSerializerContext
{
    private static ToolsmithJsonContext? _indented;

    /// <summary>The same contract, indented for people to read.</summary>
    public static ToolsmithJsonContext Indented => _indented ??= new ToolsmithJsonContext(new JsonSerializerOptions(Default.Options) { WriteIndented = true, Encoder = Toolsmith.Core.Serialization.MinimalJsonEscaping.Instance });
}

/// <summary>Source-generated JSON for tool documents: camelCase, unset members left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(ToolDefinition))]
[JsonSerializable(typeof(StepDefinition))]
[JsonSerializable(typeof(ApiStepDefinition))]
[JsonSerializable(typeof(TransformStepDefinition))]
[JsonSerializable(typeof(RequestMethod))]
[JsonSerializable(typeof(BodyKind))]
[JsonSerializable(typeof(ResponseFormat))]
[JsonSerializable(typeof(PaginationMode))]
[JsonSerializable(typeof(CursorPlace))]
[JsonSerializable(typeof(CredentialDefinition))]
[JsonSerializable(typeof(CredentialType))]
[JsonSerializable(typeof(ApiKeyPlace))]
[JsonSerializable(typeof(OAuthGrant))]
[JsonSerializable(typeof(OAuthClientAuth))]
public sealed partial class ToolDefinitionJsonContext : JsonSerializerContext;
