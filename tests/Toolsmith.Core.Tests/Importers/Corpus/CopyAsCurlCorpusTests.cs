using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Import.Curl;
using Xunit.Abstractions;

namespace Toolsmith.Core.Tests.Importers.Corpus;

/// <summary>
/// Browsers' "Copy as cURL" (tests/fixtures/importers/copy-as-curl): for each request of requests.json, commands.json holds
/// what Chromium's own DevTools wrote for it — bash and cmd, one request and "Copy all as cURL" — recorded by
/// scripts/record-copy-as-curl.mjs from the browser's Network panel code. Each command is imported, its tools run against
/// the local test API, and what arrives is compared with the request the browser had made. For cmd, the request is the
/// one the command can still say: Chromium writes every character outside printable ASCII as a space and line breaks as
/// LF. A fifth of the requests, by a hash of the request's name, is held out.
/// </summary>
public sealed class CopyAsCurlCorpusTests(ImportRunner runner, ITestOutputHelper output) : IClassFixture<ImportRunner>
{
    [Fact]
    public async Task Chromium_copy_as_curl_commands_send_the_request_the_browser_made()
    {
        var folder = Corpora.Folder("copy-as-curl");
        var requests = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "requests.json")))!["requests"]!.AsArray()
            .ToDictionary(static r => r!["name"]!.GetValue<string>(), static r => r!.AsObject(), StringComparer.Ordinal);
        var commands = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "commands.json")))!["commands"]!.AsArray();
        var tally = new CorpusTally("copy-as-curl");
        foreach (var entry in commands)
        {
            var names = entry!["requests"]!.AsArray().Select(static n => n!.GetValue<string>()).ToList();
            var platform = entry["platform"]!.GetValue<string>();
            var expected = names.Select(n => Expected(requests[n], platform == "win")).ToList();
            var outcome = await TryAsync(entry["command"]!.GetValue<string>(), expected);
            // Both shells' commands of a request are in the same part; a group is held out when its first request is.
            tally.Add($"{entry["name"]!.GetValue<string>()} ({platform})", outcome, Corpora.IsHeldOut(names[0]));
        }
        tally.Report(output);
        Assert.Equal(0, tally.Count(Outcome.Crashed));
        Corpora.AssertDocumented(tally);
    }

    /// <summary>
    /// Firefox's "Copy as cURL" (commands-firefox.json, recorded by scripts/record-copy-as-curl-firefox.mjs from Firefox's own
    /// curl.js), POSIX and Windows.
    /// </summary>
    [Fact]
    public Task Firefox_copy_as_curl_commands_send_what_the_pasted_command_sends() => BrowserCommandsAsync("firefox", 100);

    /// <summary>Safari's "Copy as cURL" (commands-safari.json, recorded by scripts/record-copy-as-curl-safari.mjs from WebKit's Web Inspector).</summary>
    [Fact]
    public Task Safari_copy_as_curl_commands_send_what_the_pasted_command_sends() => BrowserCommandsAsync("safari", 60);

    /// <summary>
    /// A browser's commands other than Chromium's: a POSIX command is compared with what the real curl sent when bash ran it
    /// (copy-as-curl/BROWSER-curl, by scripts/record-docs-curl.py), or, where curl's bytes are not text (a character below
    /// U+0100 written as $'\xNN', one byte; an emoji as two \u halves), with what the command says by the browser's own
    /// helpers (its `says`); a Windows command with what it says as Firefox's cmd quoting can say it.
    /// </summary>
    private async Task BrowserCommandsAsync(string browser, int atLeast)
    {
        var folder = Corpora.Folder("copy-as-curl");
        var commands = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, $"commands-{browser}.json")))!["commands"]!.AsArray();
        var tally = new CorpusTally($"copy-as-curl-{browser}");
        foreach (var entry in commands)
        {
            var name = entry!["name"]!.GetValue<string>();
            var platform = entry["platform"]!.GetValue<string>();
            HttpRecording expected;
            if (platform == "win")
            {
                expected = Expected(entry["says"]!.AsObject(), FirefoxCmdCanSay, noEmptyHeaders: true);
            }
            else
            {
                var sent = HttpRecording.Parse(await File.ReadAllTextAsync(Path.Combine(folder, $"{browser}-curl", name + ".txt")));
                expected = sent.Body.Contains('\uFFFD', StringComparison.Ordinal) ? Expected(entry["says"]!.AsObject(), static s => s, noEmptyHeaders: true) : sent;
            }
            tally.Add($"{name} ({platform})", await TryAsync(entry["command"]!.GetValue<string>(), [expected]), Corpora.IsHeldOut(name));
        }
        tally.Report(output);
        Assert.True(commands.Count >= atLeast, $"{browser}'s commands were not found: run scripts/record-copy-as-curl-{browser}.mjs");
        Assert.Equal(0, tally.Count(Outcome.Crashed));
        Corpora.AssertDocumented(tally);
    }

    /// <summary>
    /// Firefox's escapeStringWin: whitespace other than line breaks becomes a space (JavaScript's \s, which holds no-break and
    /// other Unicode spaces), and CRLF or CR becomes LF (a caret before a line break); every other character stays.
    /// </summary>
    private static string FirefoxCmdCanSay(string s) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(s, "[\\t\\v\\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]", " "),
            "\\r\\n?", "\n");

    /// <summary>The request the browser made, as an HTTP/1.1 recording; for cmd, as Chromium's cmd quoting can say it.</summary>
    private static HttpRecording Expected(JsonObject request, bool cmd) => Expected(request, cmd ? CmdCanSay : static s => s);

    /// <summary>
    /// The request the browser made, as an HTTP/1.1 recording, each string as <paramref name="say"/> says it. With
    /// <paramref name="noEmptyHeaders"/>, a header whose value is empty is left out: curl sends none for <c>-H 'name: '</c>,
    /// which is how Firefox writes it (Chromium writes <c>-H 'name;'</c>, which sends it empty).
    /// </summary>
    private static HttpRecording Expected(JsonObject request, Func<string, string> say, bool noEmptyHeaders = false)
    {
        string Say(string s) => say(s);
        var url = Toolsmith.Core.Steps.Api.CompiledApiStep.IsHttpUrl(request["url"]!.GetValue<string>(), out _, out var sendable) ? sendable! : new Uri(request["url"]!.GetValue<string>());
        var headers = request["headers"]!.AsArray()
            .Select(h => (h![0]!.GetValue<string>(), Say(h[1]!.GetValue<string>())))
            .Where(h => !noEmptyHeaders || h.Item2.Trim().Length > 0)
            .ToList();
        if (!headers.Any(static h => h.Item1.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(("User-Agent", "curl/8")); // curl sends its own when the command sets none; so does the engine
        }
        var body = request["body"]?.GetValue<string>();
        return new HttpRecording(request["method"]!.GetValue<string>(), Say(url.PathAndQuery), headers, body is null ? "" : Say(body));
    }

    /// <summary>Chromium's escapeStringWin: characters outside printable ASCII become spaces (tabs included), CRLF and CR become LF.</summary>
    private static string CmdCanSay(string s)
    {
        var text = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\r')
            {
                text.Append('\n');
                if (i + 1 < s.Length && s[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c == '\n' || c is >= ' ' and <= '~')
            {
                text.Append(c);
            }
            else
            {
                // A surrogate pair is one character to JavaScript's replace only when the regex has the u flag; Chromium's has not.
                text.Append(' ');
            }
        }
        return text.ToString();
    }

    private async Task<CorpusOutcome> TryAsync(string command, List<HttpRecording> expected)
    {
        try
        {
            if (Corpora.Refusal(() => CurlImporter.Import(command), out var result) is { } refused)
            {
                return refused;
            }
            return await Corpora.SendsAll(runner, result, expected);
        }
#pragma warning disable CA1031 // a crash is what this test counts
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new CorpusOutcome(Outcome.Crashed, ex.GetType().Name + ": " + ex.Message);
        }
    }
}
