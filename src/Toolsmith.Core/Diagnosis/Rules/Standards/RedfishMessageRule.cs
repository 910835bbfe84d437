using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Standards;

/// <summary>
/// DMTF Redfish, the API of server management controllers (iDRAC, iLO, XClarity, OpenBMC and others): an error's
/// <c>@Message.ExtendedInfo</c> items (HPE iLO's <c>Messages</c>) name a message of the Base registry
/// (<c>Base.1.8.PropertyValueNotInList</c>, <c>Base.1.0:PropertyUnknown</c>) with its <c>MessageArgs</c>; the registry says
/// what each message means and which argument is the property or parameter.
/// </summary>
internal sealed class RedfishMessageRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } body || Find(body, 0) is not { } messages)
        {
            return;
        }
        foreach (var item in messages.OfType<JsonObject>())
        {
            if (RedfishRegistry.Name(item) is not { } name || !RedfishRegistry.Messages.TryGetValue(name, out var meaning))
            {
                continue;
            }
            var said = JsonRead.Str(item, "Message");
            if (said is not null)
            {
                context.Message ??= said;
                context.AddText(said);
            }
            context.AddNote($"The Redfish message is {name}.");
            context.Propose(meaning.Kind, Evidence.Structured);
            if (meaning.Arg >= 0 && JsonRead.Get(item, "MessageArgs") is JsonArray args && args.Count > meaning.Arg
                && args[meaning.Arg] is JsonValue v && v.ToString().Trim().TrimStart('#') is { Length: > 0 } property)
            {
                context.AddField(property, FieldLocation.Unknown, said ?? name);
            }
            return;
        }
    }

    /// <summary>The list of messages: <c>error["@Message.ExtendedInfo"]</c>, a resource's own, or iLO's <c>Messages</c>, a few levels down.</summary>
    private static JsonArray? Find(JsonObject node, int depth)
    {
        foreach (var (key, value) in node)
        {
            if (key is "@Message.ExtendedInfo" or "Messages" && value is JsonArray list && list.Any(static i => i is JsonObject o && RedfishRegistry.Name(o) is not null))
            {
                return list;
            }
        }
        if (depth >= 3)
        {
            return null;
        }
        foreach (var (_, value) in node)
        {
            if (value is JsonObject child && Find(child, depth + 1) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
