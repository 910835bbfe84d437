using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Mcp.Results;

namespace Toolsmith.Mcp.Tests;

public sealed class CallResultsTests
{
    private static string TextOf(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    private static RunResult Failed(StepResult step, string stepId = "call") => new()
    {
        Id = "run1",
        Tool = "create_issue",
        Status = RunStatus.Failed,
        FailedStep = stepId,
        Error = "Step \"call\" failed.",
        Steps = { [stepId] = StepOutcome.One(step) },
    };

    [Fact]
    public void FromRun_ObjectOutput_IsStructuredContentAndCompactJsonText()
    {
        var run = new RunResult { Id = "r", Tool = "t", Status = RunStatus.Succeeded, Output = JsonNode.Parse("""{"id":"u_1","name":"Ada Lovelace"}""") };

        var result = CallResults.FromRun(run);

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("u_1", result.StructuredContent!.Value.GetProperty("id").GetString());
        Assert.Equal("""{"id":"u_1","name":"Ada Lovelace"}""", TextOf(result));
        Assert.Equal("r", (string?)result.Meta!["toolsmith/runId"]);
    }

    [Fact]
    public void FromRun_NonObjectOutput_IsWrappedUnderResult()
    {
        var array = CallResults.FromRun(new RunResult { Id = "r", Tool = "t", Status = RunStatus.Succeeded, Output = JsonNode.Parse("[1,2,3]") });
        var text = CallResults.FromRun(new RunResult { Id = "r", Tool = "t", Status = RunStatus.Succeeded, Output = JsonValue.Create("plain words") });

        Assert.Equal(3, array.StructuredContent!.Value.GetProperty("result").GetArrayLength());
        Assert.Equal("[1,2,3]", TextOf(array));
        Assert.Equal("plain words", text.StructuredContent!.Value.GetProperty("result").GetString());
        Assert.Equal("plain words", TextOf(text));
    }

    [Fact]
    public void FromRun_LongOutput_TextIsCutButStructuredContentIsWhole()
    {
        var big = new string('x', CallResults.MaxTextLength * 2);
        var result = CallResults.FromRun(new RunResult { Id = "r", Tool = "t", Status = RunStatus.Succeeded, Output = new JsonObject { ["text"] = big } });

        Assert.True(TextOf(result).Length < CallResults.MaxTextLength + 200);
        Assert.Contains("structured content", TextOf(result), StringComparison.Ordinal);
        Assert.Equal(big, result.StructuredContent!.Value.GetProperty("text").GetString());
    }

    [Fact]
    public void FromRun_MissingScope_TextNamesKindScopesAndHint_AndNoRequestHeader()
    {
        var step = new StepResult
        {
            Ok = false,
            Status = 403,
            StatusText = "Forbidden",
            // What a request summary could hold if redaction had failed: the text must not show request headers at all.
            Request = new RequestSummary { Method = "GET", Url = "https://api.github.com/orgs/x", Headers = { ["authorization"] = "Bearer ghp_SECRETSECRET" } },
            Diagnosis = new Diagnosis
            {
                Kind = DiagnosisKinds.MissingScope,
                Title = "The token is missing a permission (scope)",
                Explanation = "The API needs the scope admin:org, which the token does not have.",
                Hint = "Create a token with the admin:org scope and store it as the secret.",
                Scopes = new ScopeInfo { Missing = ["admin:org"], Granted = ["repo", "gist"] },
                Provider = "GitHub",
                ProviderMessage = "Must have admin rights to Repository.",
            },
        };

        var result = CallResults.FromRun(Failed(step));
        var text = TextOf(result);

        Assert.True(result.IsError);
        Assert.Null(result.StructuredContent);
        Assert.Contains("failed at step \"call\": HTTP 403 Forbidden.", text, StringComparison.Ordinal);
        Assert.Contains("Diagnosis: missing_scope", text, StringComparison.Ordinal);
        Assert.Contains("Missing scope: admin:org (the credential has: repo, gist)", text, StringComparison.Ordinal);
        Assert.Contains("What to do: Create a token with the admin:org scope", text, StringComparison.Ordinal);
        Assert.Contains("The API said: \"Must have admin rights to Repository.\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_SECRETSECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain("authorization", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FromRun_InvalidValue_ListsEachFieldWithWhatIsExpected()
    {
        var step = new StepResult
        {
            Ok = false,
            Status = 422,
            StatusText = "Unprocessable Entity",
            Diagnosis = new Diagnosis
            {
                Kind = DiagnosisKinds.InvalidValue,
                Title = "A value was rejected",
                Explanation = "The API rejected two fields.",
                Hint = "Fix the fields named.",
                Fields = [new FieldProblem("body.email", "is required"), new FieldProblem("body.age", "must be a number")],
            },
        };

        var text = TextOf(CallResults.FromRun(Failed(step)));

        Assert.Contains("Diagnosis: invalid_value", text, StringComparison.Ordinal);
        Assert.Contains("- body.email: is required", text, StringComparison.Ordinal);
        Assert.Contains("- body.age: must be a number", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRun_RateLimitedForeachElement_NamesTheElementAndTheWait()
    {
        var ok = new StepResult { Ok = true, Status = 200, StatusText = "OK" };
        var limited = new StepResult
        {
            Ok = false,
            Status = 429,
            StatusText = "Too Many Requests",
            Diagnosis = new Diagnosis { Kind = DiagnosisKinds.RateLimited, Title = "Too many requests", Explanation = "Slow down.", Hint = "Wait, then retry.", RetryAfterSeconds = 30 },
        };
        var run = new RunResult { Id = "r", Tool = "bulk", Status = RunStatus.Failed, FailedStep = "each", Steps = { ["each"] = StepOutcome.Many([ok, limited, ok]) } };

        var text = TextOf(CallResults.FromRun(run));

        Assert.Contains("step \"each\" (element 1 of 3): HTTP 429 Too Many Requests.", text, StringComparison.Ordinal);
        Assert.Contains("Retry after: 30 seconds.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRun_NoResponse_AndFailureBeforeAnyStep_AreExplained()
    {
        var refused = new StepResult { Ok = false, Diagnosis = new Diagnosis { Kind = DiagnosisKinds.ConnectionFailed, Title = "Could not connect", Explanation = "Nothing listens there.", Hint = "Check the URL." } };
        var template = new RunResult { Id = "r", Tool = "t", Status = RunStatus.Failed, Error = "steps[0].url: there is no input \"x\"." };

        Assert.Contains(": no response.\nDiagnosis: connection_failed", TextOf(CallResults.FromRun(Failed(refused))), StringComparison.Ordinal);
        var text = TextOf(CallResults.FromRun(template));
        Assert.Contains("failed: steps[0].url: there is no input \"x\".", text, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidArguments_NamesEachArgument_InWordsForAModel()
    {
        var tool = ToolLoader.Parse("""
            {"name":"get_page","inputs":{"pageId":{"type":"integer","required":true},"title":{"type":"string","required":true,"description":"The title"}},
             "steps":[{"id":"a","type":"api","url":"http://127.0.0.1:1/{{pageId}}"}]}
            """, "get_page.tool.json");
        var ex = Assert.Throws<ToolLoadException>(() => Core.Running.InputBinder.FromJson(tool, JsonNode.Parse("""{"pageId":"abc","pageid":1}""")!.AsObject()));

        var result = CallResults.InvalidArguments("get_page", ex);
        var text = TextOf(result);

        Assert.True(result.IsError);
        Assert.Contains("nothing was sent", text, StringComparison.Ordinal);
        Assert.Contains("- argument \"pageId\": expected an integer, got \"abc\".", text, StringComparison.Ordinal);
        Assert.Contains("- argument \"pageid\": the tool has no input \"pageid\". Did you mean \"pageId\"?", text, StringComparison.Ordinal);
        Assert.Contains("- argument \"title\": the input \"title\" is required (string: The title).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("--input", text, StringComparison.Ordinal); // command-line words do not reach a model
    }
}
