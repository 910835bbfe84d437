using System.Text.RegularExpressions;

namespace Toolsmith.Import;

/// <summary>
/// The dynamic variables of .http files and Postman (<c>{{$timestamp}}</c>, <c>{{$guid}}</c>, <c>{{$isoTimestamp}}</c>,
/// <c>{{$randomInt}}</c>, <c>{{$datetime iso8601}}</c>…) that a run makes too: each maps to the run's value of the same
/// meaning (<c>run.timestamp</c>, <c>run.uuid</c>…), made once per run. Others (with bounds, offsets or formats the run does
/// not make) are left to the importer, which asks for them as inputs.
/// </summary>
internal static partial class DynamicVariables
{
    /// <summary>The run value for a dynamic variable written without its '$' (<c>timestamp</c>, <c>datetime iso8601</c>), or null.</summary>
    public static string? RunValue(string expression)
    {
        var parts = expression.Trim().TrimStart('$').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }
        var name = parts[0].ToLowerInvariant();
        var args = parts.Skip(1).ToArray();
        return name switch
        {
            "timestamp" when args.Length == 0 => "run.timestamp",
            "isotimestamp" when args.Length == 0 => "run.isoTimestamp",
            "datetime" when args is ["iso8601"] or ["\"iso8601\""] => "run.isoTimestamp",
            // REST Client's and httpyac's custom format of the UTC date, in quotes: the run's date (UTC, yyyy-MM-dd).
            "datetime" when args is ["\"YYYY-MM-DD\""] or ["'YYYY-MM-DD'"] => "run.date",
            "guid" or "uuid" or "randomuuid" or "random.uuid" when args.Length == 0 => "run.uuid",
            "randomint" when args.Length == 0 => "run.randomInt",
            _ => null,
        };
    }

    /// <summary>
    /// Whether a JSON body's text holds a dynamic variable the run makes as a number (<c>{{$timestamp}}</c>,
    /// <c>{{$randomInt}}</c>) alone inside quotes: the clients send it as text there, while a step's JSON string that is one
    /// placeholder takes the value's type; such a body stays text, the value written in, quotes and all.
    /// </summary>
    public static bool QuotesANumberOfTheRun(string body) => QuotedNumberOfTheRun().IsMatch(body);

    [GeneratedRegex(@"""\{\{\s*\$(?:timestamp|randomInt)\s*\}\}""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex QuotedNumberOfTheRun();
}
