using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Steps.Api;

/// <summary>An API step's <c>auth</c>, checked and with its inline values compiled as templates once at load time.</summary>
internal sealed class CompiledAuth
{
    private CompiledAuth(CredentialDefinition definition, Dictionary<string, Template> fields)
    {
        Definition = definition;
        Fields = fields;
    }

    /// <summary>The step's auth as written.</summary>
    public CredentialDefinition Definition { get; }

    /// <summary>The inline credential's values by JSON field name (empty for a stored credential by name).</summary>
    public IReadOnlyDictionary<string, Template> Fields { get; }

    /// <summary>Every template of the inline credential, for the compiler's path checks.</summary>
    public IEnumerable<Template> Templates => Fields.Values;

    /// <summary>Checks and compiles <paramref name="definition"/>; problems go to <paramref name="errors"/>, naming the field, and the result is then null.</summary>
    public static CompiledAuth? Compile(CredentialDefinition? definition, string file, string location, List<ToolError> errors)
    {
        if (definition is null)
        {
            return null;
        }
        var before = errors.Count;
        foreach (var (field, message) in definition.Problems())
        {
            errors.Add(new ToolError(file, $"{location}.auth.{field}", message));
        }
        var fields = new Dictionary<string, Template>(StringComparer.Ordinal);
        if (definition.Credential is null)
        {
            foreach (var (field, value) in TemplateFields(definition))
            {
                if (value is null)
                {
                    continue;
                }
                var where = $"{location}.auth.{field}";
                try
                {
                    fields[field] = Template.Parse(value, where);
                }
                catch (TemplateException ex)
                {
                    errors.Add(new ToolError(file, where, ex.Message.StartsWith(where + ": ", StringComparison.Ordinal) ? ex.Message[(where.Length + 2)..] : ex.Message));
                }
            }
        }
        return errors.Count > before ? null : new CompiledAuth(definition, fields);
    }

    private static IEnumerable<(string, string?)> TemplateFields(CredentialDefinition d) =>
    [
        ("token", d.Token), ("username", d.Username), ("password", d.Password), ("name", d.Name), ("value", d.Value),
        ("tokenUrl", d.TokenUrl), ("authUrl", d.AuthUrl), ("clientId", d.ClientId), ("clientSecret", d.ClientSecret),
        ("audience", d.Audience), ("resource", d.Resource), ("refreshToken", d.RefreshToken),
    ];
}
