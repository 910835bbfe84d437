using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Common;

/// <summary>
/// A batch answered entry by entry: the step sent a list (<c>Entries</c>, <c>Records</c>, <c>items</c>) and the answer holds a
/// list of the same name and length whose entries line up with the ones sent, some of them an error. The failed entry names the
/// field: the member of the entry sent that its words speak of (<c>body.Entries[1].Detail</c> for "Detail is malformed."), or
/// the entry itself when they speak of none. AWS's batch calls (EventBridge, Kinesis, Firehose, SQS) and most bulk APIs answer so.
/// </summary>
internal sealed class BatchEntriesRule : DiagnosisRule
{
    private const int MaxEntries = 500;

    public override void Apply(DiagnosisContext context)
    {
        if (context.Body is not JsonObject answer || context.Exchange.RequestBody is not JsonObject sent)
        {
            return;
        }
        // a failed entry itself is named only when no rule named anything more precise
        var namedBefore = context.FieldCount > 0;
        foreach (var (key, value) in answer)
        {
            if (value is not JsonArray entries || entries.Count is 0 or > MaxEntries || SentList(sent, key) is not { } sentList
                || sentList.Value.Count != entries.Count)
            {
                continue;
            }
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i] is JsonObject entry && sentList.Value[i] is JsonObject sentEntry && ErrorWords(entry) is { } words)
                {
                    var index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (sentEntry.Select(static p => p.Key).FirstOrDefault(name => Mentions(words, name)) is { } named)
                    {
                        context.PlaceField([sentList.Key, index, named], FieldLocation.Body, words);
                    }
                    else if (!namedBefore)
                    {
                        context.AddField([sentList.Key, index], FieldLocation.Body, words);
                    }
                }
            }
        }
    }

    /// <summary>The list the step sent under the same name (any case), with the name as sent.</summary>
    private static (string Key, JsonArray Value)? SentList(JsonObject sent, string key)
    {
        foreach (var (name, value) in sent)
        {
            if (value is JsonArray list && string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return (name, list);
            }
        }
        return null;
    }

    /// <summary>The words of an entry that failed: its error code and message members; null for an entry that did not fail.</summary>
    private static string? ErrorWords(JsonObject entry)
    {
        string? words = null;
        foreach (var (key, value) in entry)
        {
            var c = ErrorVocabulary.Compact(key);
            if ((c.Contains("error", StringComparison.Ordinal) || c.Contains("fail", StringComparison.Ordinal))
                && JsonRead.Str(value) is { Length: > 0 } text && !string.Equals(text, "null", StringComparison.OrdinalIgnoreCase))
            {
                words = words is null ? text : words + " " + text;
            }
            else if (value is JsonObject error && c is "error" or "err" or "failure")
            {
                var inner = string.Join(" ", error.Select(static p => JsonRead.Str(p.Value)).Where(static s => s is { Length: > 0 }));
                if (inner.Length > 0)
                {
                    words = words is null ? inner : words + " " + inner;
                }
            }
        }
        return words;
    }

    /// <summary>Whether the words name a member: the name itself, as a whole word, in any case.</summary>
    private static bool Mentions(string words, string name)
    {
        if (name.Length < 2)
        {
            return false;
        }
        for (var at = words.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = words.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 || !char.IsLetterOrDigit(words[at - 1]);
            var end = at + name.Length;
            var after = end == words.Length || !char.IsLetterOrDigit(words[end]);
            if (before && after)
            {
                return true;
            }
        }
        return false;
    }
}
