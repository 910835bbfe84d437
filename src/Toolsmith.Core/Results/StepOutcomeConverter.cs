using System.Text.Json;
using System.Text.Json.Serialization;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Core.Results;

/// <summary>Writes a step outcome as a result object, or an array of them for <c>foreach</c>.</summary>
internal sealed class StepOutcomeConverter : JsonConverter<StepOutcome>
{
    public override StepOutcome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var items = JsonSerializer.Deserialize(ref reader, ToolsmithJsonContext.Default.ListStepResult) ?? [];
            return StepOutcome.Many(items);
        }
        var single = JsonSerializer.Deserialize(ref reader, ToolsmithJsonContext.Default.StepResult)
            ?? throw new JsonException("A step result was null.");
        return StepOutcome.One(single);
    }

    public override void Write(Utf8JsonWriter writer, StepOutcome value, JsonSerializerOptions options)
    {
        if (value.Single is { } single)
        {
            JsonSerializer.Serialize(writer, single, ToolsmithJsonContext.Default.StepResult);
            return;
        }
        writer.WriteStartArray();
        foreach (var item in value.Items!)
        {
            JsonSerializer.Serialize(writer, item, ToolsmithJsonContext.Default.StepResult);
        }
        writer.WriteEndArray();
    }
}
