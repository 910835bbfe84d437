using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Catalog;

/// <summary>
/// The provider knowledge the engine reads as data (<c>catalog.json</c>, embedded, validated by <c>catalog.schema.json</c>):
/// the words of machine error codes, the headers that carry codes, the codes standards define for one parameter, and how
/// providers are recognised.
/// </summary>
internal static class DiagnosisCatalog
{
    /// <summary>The embedded resource names.</summary>
    public const string ResourceName = "Toolsmith.Core.diagnosis-catalog.json";

    /// <summary>The schema's embedded resource name.</summary>
    public const string SchemaResourceName = "Toolsmith.Core.diagnosis-catalog.schema.json";

    private static readonly Lazy<Loaded> Data = new(Load);

    /// <summary>One code rule: a kind for codes that equal or contain the listed words.</summary>
    public sealed record CodeRule(string Kind, bool Weak, string[] EqualsWords, string[] ContainsWords, string[] BothFirst, string[] BothSecond)
    {
        /// <summary>Whether the compacted code matches.</summary>
        public bool Matches(string compact) =>
            Array.IndexOf(EqualsWords, compact) >= 0
            || ContainsAny(compact, ContainsWords)
            || (BothFirst.Length > 0 && ContainsAny(compact, BothFirst) && ContainsAny(compact, BothSecond));

        private static bool ContainsAny(string s, string[] words)
        {
            foreach (var w in words)
            {
                if (s.Contains(w, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>A provider and what names it: a host (or parent domain) of the request, or a header only it sends.</summary>
    public sealed record Provider(string Name, string[] Hosts, string[] Headers);

    /// <summary>A code a standard defines for one refused parameter (OAI-PMH <c>badVerb</c> is the <c>verb</c>).</summary>
    /// <param name="Code">The code, compacted.</param>
    /// <param name="Field">The parameter it is about.</param>
    /// <param name="OnlyWhenSent">A code other APIs use too: it names the field only when the request sent one of that name.</param>
    public sealed record CodeField(string Code, string Field, bool OnlyWhenSent);

    private sealed record Loaded(CodeRule[] Rules, string[] CodeHeaders, Provider[] Providers, CodeField[] CodeFields);

    /// <summary>The code rules, in order: the first that matches gives the kind.</summary>
    public static IReadOnlyList<CodeRule> CodeRules => Data.Value.Rules;

    /// <summary>Headers whose value is an error code.</summary>
    public static IReadOnlyList<string> CodeHeaders => Data.Value.CodeHeaders;

    /// <summary>Codes that name the parameter they refuse.</summary>
    public static IReadOnlyList<CodeField> CodeFields => Data.Value.CodeFields;

    /// <summary>The providers the catalog knows.</summary>
    public static IReadOnlyList<Provider> Providers => Data.Value.Providers;

    /// <summary>The catalog's text, as embedded.</summary>
    public static string Text(string resource)
    {
        using var stream = typeof(DiagnosisCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from Toolsmith.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Loaded Load()
    {
        var root = JsonNode.Parse(Text(ResourceName))!.AsObject();
        var rules = new List<CodeRule>();
        foreach (var node in root["codeRules"]!.AsArray())
        {
            var rule = node!.AsObject();
            var both = rule["containsBoth"] as JsonArray;
            rules.Add(new CodeRule(
                rule["kind"]!.GetValue<string>(),
                JsonRead.Bool(rule, "weak") ?? false,
                Words(rule["equals"]),
                Words(rule["contains"]),
                both is { Count: 2 } ? Words(both[0]) : [],
                both is { Count: 2 } ? Words(both[1]) : []));
        }
        var providers = new List<Provider>();
        foreach (var node in root["providers"]!.AsArray())
        {
            var p = node!.AsObject();
            providers.Add(new Provider(p["name"]!.GetValue<string>(), Words(p["hosts"]), Words(p["headers"])));
        }
        var codeFields = (root["codeFields"] as JsonArray ?? []).Select(static n => n!.AsObject())
            .Select(static f => new CodeField(f["code"]!.GetValue<string>(), f["field"]!.GetValue<string>(), JsonRead.Bool(f, "onlyWhenSent") ?? false));
        return new Loaded([.. rules], Words(root["codeHeaders"]), [.. providers], [.. codeFields]);
    }

    private static string[] Words(JsonNode? node) => node is JsonArray a ? [.. a.Select(w => w!.GetValue<string>())] : [];
}
