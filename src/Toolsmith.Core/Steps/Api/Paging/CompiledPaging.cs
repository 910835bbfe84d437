using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Steps.Api.Paging;

/// <summary>A step's pagination settings, checked and with their paths parsed at load time.</summary>
internal sealed class CompiledPaging
{
    private CompiledPaging(PaginationSettings settings) => Settings = settings;

    public PaginationSettings Settings { get; }

    public PaginationMode Mode => Settings.Mode;

    public ResponsePath? Items { get; private init; }

    public ResponsePath? NextUrl { get; private init; }

    public ResponsePath? Cursor { get; private init; }

    public ResponsePath? HasMore { get; private init; }

    public int MaxPages => Settings.MaxPages ?? 100;

    public static CompiledPaging? Compile(ApiStepDefinition step, string file, string location, List<ToolError> errors)
    {
        if (step.Pagination is not { } p)
        {
            return null;
        }
        var where = $"{location}.pagination";
        ResponsePath? Path(string? text, string name, bool required)
        {
            if (text is null)
            {
                if (required)
                {
                    errors.Add(new ToolError(file, where, $"mode \"{JsonNames.Of(p.Mode)}\" needs \"{name}\": where the response says it (e.g. body.{(name == "nextUrl" ? "next" : "next_cursor")})."));
                }
                return null;
            }
            try
            {
                return ResponsePath.Parse(text, $"{where}.{name}");
            }
            catch (TemplateException ex)
            {
                errors.Add(new ToolError(file, $"{where}.{name}", ex.Message[(ex.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]));
                return null;
            }
        }
        if (step.Batch is not null)
        {
            errors.Add(new ToolError(file, where, "a step either follows pages or sends batches, not both."));
        }
        if (p.Mode == PaginationMode.Cursor && p.CursorIn == CursorPlace.Body && step.BodyType is not (null or BodyKind.Json))
        {
            errors.Add(new ToolError(file, where, "a cursor in the body needs a JSON body."));
        }
        return new CompiledPaging(p)
        {
            Items = Path(p.Items, "items", required: false),
            NextUrl = Path(p.NextUrl, "nextUrl", required: p.Mode == PaginationMode.NextUrl),
            Cursor = Path(p.Cursor, "cursor", required: p.Mode == PaginationMode.Cursor),
            HasMore = Path(p.HasMore, "hasMore", required: false),
        };
    }
}
