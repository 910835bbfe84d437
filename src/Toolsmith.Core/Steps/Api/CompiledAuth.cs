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

    /// <summary>
    /// What the request carries to the executor: a stored credential's name, or the inline credential with its values
    /// rendered (secrets it uses are now known to the run's redactor). A <see cref="TemplateException"/> means nothing may be sent.
    /// </summary>
    public StepAuth Render(TemplateScope scope)
    {
        var d = Definition;
        if (d.Credential is { } name)
        {
            return new StepAuth(name, null);
        }
        string? Field(string field, string? literal) => Fields.TryGetValue(field, out var t) ? t.RenderText(scope) : literal;
        var rendered = new CredentialDefinition
        {
            Type = d.Type, In = d.In, Grant = d.Grant, ClientAuth = d.ClientAuth, Scopes = d.Scopes,
            Token = Field("token", d.Token), Username = Field("username", d.Username), Password = Field("password", d.Password),
            Name = Field("name", d.Name), Value = Field("value", d.Value), TokenUrl = Field("tokenUrl", d.TokenUrl),
            AuthUrl = Field("authUrl", d.AuthUrl), ClientId = Field("clientId", d.ClientId), ClientSecret = Field("clientSecret", d.ClientSecret),
            Audience = Field("audience", d.Audience), Resource = Field("resource", d.Resource), RefreshToken = Field("refreshToken", d.RefreshToken),
        };
        return new StepAuth(null, rendered);
    }

    private static IEnumerable<(string, string?)> TemplateFields(CredentialDefinition d) =>
    [
        ("token", d.Token), ("username", d.Username), ("password", d.Password), ("name", d.Name), ("value", d.Value),
        ("tokenUrl", d.TokenUrl), ("authUrl", d.AuthUrl), ("clientId", d.ClientId), ("clientSecret", d.ClientSecret),
        ("audience", d.Audience), ("resource", d.Resource), ("refreshToken", d.RefreshToken),
    ];
}

/// <summary>A request's authentication as the executor receives it: a stored credential by name, or an inline one rendered.</summary>
/// <param name="CredentialName">The stored credential's name, or null.</param>
/// <param name="Inline">The inline credential with its values rendered, or null.</param>
internal sealed record StepAuth(string? CredentialName, CredentialDefinition? Inline);
