using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Catalog;

/// <summary>
/// A failure's kind as the words of thousands of real error responses suggest it: a multinomial logistic regression
/// (<c>kind-model.json</c>, embedded; trained by <c>scripts/train-kind-model.py</c> on the read halves of the diagnosis
/// corpus only) over the words and word pairs of the body, of the headers that carry error codes and the status. The engine
/// asks it after its rules, and takes its kind only when it is nearly sure (<see cref="Threshold"/>) and no provider's own
/// rule decided: the rules stay first, the model settles what their words did not (a "nonce is too small" is about
/// credentials, "Invalid table incidnt" about a thing that does not exist).
/// The features here and in the trainer must stay the same; <c>KindModelTests</c> checks every read entry against the
/// trainer's own predictions.
/// </summary>
internal static partial class KindModel
{
    /// <summary>The embedded resource name.</summary>
    public const string ResourceName = "Toolsmith.Core.diagnosis-kind-model.json";

    private static readonly Lazy<Model> Data = new(Load);

    private sealed record Model(string[] Classes, Dictionary<string, (int Class, double Weight)[]> Weights, double Threshold, int MaxText, HashSet<string> CodeHeaders,
        double FailureBias, Dictionary<string, double> FailureWeights, int UnderSuccessText, double UnderSuccessFailure, double UnderSuccessKind,
        System.Buffers.SearchValues<string> UnderSuccessWords);

    /// <summary>The most raw bytes of an answer under 2xx the failure model reads (its text must be short anyway).</summary>
    private const int UnderSuccessBytes = 4096;

    /// <summary>The probability above which the model's kind is taken.</summary>
    public static double Threshold => Data.Value.Threshold;

    /// <summary>
    /// The probability above which the model's kind is taken where the rules found no evidence at all (a failure whose
    /// status, codes and words name no kind, which would otherwise be a bare refusal): its best guess is better than none.
    /// Chosen on the read halves (0.3–0.7 tried; 0.4 and 0.5 best there), see docs/diagnosis.md "Stop 49".
    /// </summary>
    public const double ThresholdWithoutEvidence = 0.5;

    /// <summary>The most likely kind and its probability, or null when the body says nothing the model knows.</summary>
    public static (string Kind, double Probability)? Predict(ResponseExchange exchange) => Predict(Features(exchange, Data.Value).Features, Data.Value);

    /// <summary>
    /// The kind of failure a short answer under 2xx reports that the rules took for a success: when its text is at most
    /// <c>underSuccess.maxText</c> characters, the failure model (trained on the read halves' answers under 2xx and the payment
    /// gateways' read halves) is <c>underSuccess.failure</c> sure it is a failure and the kind model <c>underSuccess.kind</c> sure
    /// of its kind. Null otherwise (and for any other status, or a body over 4 KB).
    /// </summary>
    public static string? FailureUnderSuccess(ResponseExchange exchange)
    {
        if (exchange.Status is < 200 or >= 300 || exchange.Body.Length > UnderSuccessBytes || exchange.Body.IsEmpty)
        {
            return null;
        }
        var model = Data.Value;
        if (!MayReportFailure(exchange.Body.Span, model))
        {
            return null;
        }
        var (features, length) = Features(exchange, model);
        if (length > model.UnderSuccessText || FailureProbability(features, model) < model.UnderSuccessFailure)
        {
            return null;
        }
        return Predict(features, model) is { } kind && kind.Probability >= model.UnderSuccessKind ? kind.Kind : null;
    }

    /// <summary>
    /// Whether the bytes hold a word of trouble (<c>underSuccess.words</c>, any case), a byte over 127 or a JSON escape: only
    /// then is an answer read into words. One scan, nothing allocated: an ordinary success stays as cheap as it was.
    /// </summary>
    private static bool MayReportFailure(ReadOnlySpan<byte> body, Model model)
    {
        if (body.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
        {
            return true;
        }
        Span<char> chars = stackalloc char[UnderSuccessBytes];
        var count = Encoding.ASCII.GetChars(body, chars);
        return chars[..count].IndexOfAny(model.UnderSuccessWords) >= 0;
    }

    /// <summary>The failure model's probability that an answer under 2xx reports a failure (for tests).</summary>
    public static double FailureProbability(ResponseExchange exchange) => FailureProbability(Features(exchange, Data.Value).Features, Data.Value);

    /// <summary>The length of the text the features are read from (for tests).</summary>
    public static int TextLength(ResponseExchange exchange) => Features(exchange, Data.Value).Length;

    private static double FailureProbability(HashSet<string> features, Model model)
    {
        var z = model.FailureBias;
        foreach (var feature in features)
        {
            z += model.FailureWeights.GetValueOrDefault(feature);
        }
        return 1 / (1 + Math.Exp(-Math.Clamp(z, -30, 30)));
    }

    private static (string Kind, double Probability)? Predict(HashSet<string> features, Model model)
    {
        var scores = new double[model.Classes.Length];
        var known = false;
        foreach (var feature in features)
        {
            if (model.Weights.TryGetValue(feature, out var row))
            {
                known |= !feature.StartsWith('#');
                foreach (var (c, w) in row)
                {
                    scores[c] += w;
                }
            }
        }
        if (!known)
        {
            return null;
        }
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            best = scores[i] > scores[best] ? i : best;
        }
        var total = 0.0;
        foreach (var s in scores)
        {
            total += Math.Exp(s - scores[best]);
        }
        return (model.Classes[best], 1 / total);
    }

    /// <summary>The features, and the length of the text they were read from.</summary>
    private static (HashSet<string> Features, int Length) Features(ResponseExchange exchange, Model model)
    {
        var parts = new List<string>();
        foreach (var (name, value) in exchange.Headers)
        {
            if (model.CodeHeaders.Contains(name))
            {
                parts.Add(value);
            }
        }
        var budget = new Budget(model.MaxText);
        if (exchange.ParsedBody is JsonObject or JsonArray)
        {
            Walk(exchange.ParsedBody, parts, budget);
        }
        else
        {
            var utf8 = BodyReader.Utf8(exchange);
            var start = utf8.Span.TrimStart(" \t\r\n"u8);
            var json = utf8.Length <= 1 << 16 && start is [(byte)'{' or (byte)'[', ..] ? Parse(utf8) : null;
            if ((json is not (JsonObject or JsonArray) || !TryWalk(json, parts, budget)) && !utf8.IsEmpty)
            {
                parts.Add(Encoding.UTF8.GetString(utf8.Length > model.MaxText * 4 ? utf8.Span[..(model.MaxText * 4)] : utf8.Span));
            }
        }
        var joined = string.Join(' ', parts);
        var words = Words(joined.Length > model.MaxText ? joined[..model.MaxText] : joined);
        var features = new HashSet<string>(StringComparer.Ordinal)
        {
            "#s" + exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "#s" + (exchange.Status / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + "xx",
        };
        for (var i = 0; i < words.Count; i++)
        {
            features.Add(words[i]);
            if (i > 0)
            {
                features.Add(words[i - 1] + " " + words[i]);
            }
        }
        return (features, joined.Length);
    }

    private static JsonNode? Parse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
#pragma warning disable CA1031 // a body the model cannot read as JSON is read as text
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Walks a parsed body; false (and nothing added) when its members cannot be read, such as a name given twice.</summary>
    private static bool TryWalk(JsonNode json, List<string> parts, Budget budget)
    {
        var before = parts.Count;
        try
        {
            Walk(json, parts, budget);
            return true;
        }
#pragma warning disable CA1031 // System.Text.Json reports a duplicate name only when the object is first read
        catch (Exception)
#pragma warning restore CA1031
        {
            parts.RemoveRange(before, parts.Count - before);
            return false;
        }
    }

    private sealed class Budget(int chars)
    {
        public int Left = chars;
    }

    /// <summary>Member names and string values in document order; true, false and null after the member that holds them.</summary>
    private static void Walk(JsonNode? node, List<string> parts, Budget budget)
    {
        if (budget.Left <= 0)
        {
            return;
        }
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    Add(parts, budget, key);
                    if (value is null)
                    {
                        Add(parts, budget, "null");
                    }
                    else if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                    {
                        Add(parts, budget, v.GetValueKind() == JsonValueKind.True ? "true" : "false");
                    }
                    else
                    {
                        Walk(value, parts, budget);
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Walk(item, parts, budget);
                }
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                Add(parts, budget, v.GetValue<string>());
                break;
        }
    }

    private static void Add(List<string> parts, Budget budget, string text)
    {
        parts.Add(text);
        budget.Left -= text.Length + 1;
    }

    /// <summary>Lower-case words (runs of letters, camelCase split); a character of a script written without spaces is a word alone.</summary>
    private static List<string> Words(string text)
    {
        var lower = CamelCase().Replace(text, "$1 $2").ToLowerInvariant();
        var words = new List<string>();
        var current = new StringBuilder();
        var letters = 0;
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in lower.EnumerateRunes())
        {
            var alone = WrittenWithoutSpaces(rune.Value);
            if (Rune.IsLetter(rune) && !alone)
            {
                current.Append(utf16[..rune.EncodeToUtf16(utf16)]);
                letters++;
                continue;
            }
            Flush(words, current, ref letters);
            if (alone)
            {
                words.Add(rune.ToString());
            }
        }
        Flush(words, current, ref letters);
        return words;
    }

    /// <summary>Ends the word being read; one letter alone is no word.</summary>
    private static void Flush(List<string> words, StringBuilder current, ref int letters)
    {
        if (letters >= 2)
        {
            words.Add(current.ToString());
        }
        current.Clear();
        letters = 0;
    }

    /// <summary>Kana, CJK ideographs, Hangul syllables.</summary>
    private static bool WrittenWithoutSpaces(int c) =>
        c is (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x9FFF) or (>= 0xAC00 and <= 0xD7AF) or (>= 0xF900 and <= 0xFAFF);

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex CamelCase();

    private static Model Load()
    {
        var root = JsonNode.Parse(DiagnosisCatalog.Text(ResourceName))!.AsObject();
        var classes = root["classes"]!.AsArray().Select(static c => c!.GetValue<string>()).ToArray();
        var weights = new Dictionary<string, (int, double)[]>(StringComparer.Ordinal);
        foreach (var (feature, node) in root["weights"]!.AsObject())
        {
            var pairs = node!.AsArray();
            var row = new (int, double)[pairs.Count / 2];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = (pairs[2 * i]!.GetValue<int>(), pairs[2 * i + 1]!.GetValue<double>());
            }
            weights[feature] = row;
        }
        var failure = root["failure"]!.AsObject();
        var failureWeights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (feature, weight) in failure["weights"]!.AsObject())
        {
            failureWeights[feature] = weight!.GetValue<double>();
        }
        var under = root["underSuccess"]!.AsObject();
        return new Model(classes, weights, root["threshold"]!.GetValue<double>(), root["maxText"]!.GetValue<int>(),
            new HashSet<string>(DiagnosisCatalog.CodeHeaders, StringComparer.OrdinalIgnoreCase),
            failure["bias"]!.GetValue<double>(), failureWeights,
            under["maxText"]!.GetValue<int>(), under["failure"]!.GetValue<double>(), under["kind"]!.GetValue<double>(),
            System.Buffers.SearchValues.Create([.. under["words"]!.AsArray().Select(static w => w!.GetValue<string>())], StringComparison.OrdinalIgnoreCase));
    }
}
