using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 50, each closed by one generic rule; bodies written for these tests in the styles such APIs use
/// (not taken from the corpus).
/// </summary>
public class ThirteenthStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // A plain scope name written bare before "scope"
    [InlineData("""{"message":"Resource not accessible by integration. Requires repo scope."}""", "repo")]
    [InlineData("""{"error":"This endpoint needs the admin scope"}""", "admin")]
    public void ABareNameBeforeScope_IsTheScope(string body, string scope)
    {
        var d = Ex.Diagnose(Ex.Make(403, body, headers: Json));
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal([scope], d.Scopes!.Missing);
    }

    [Theory]
    // an adjective in that place is no scope's name
    [InlineData("""{"error":"This endpoint requires additional scope"}""")]
    [InlineData("""{"error":"Your token needs a broader scope"}""")]
    public void AnAdjectiveBeforeScope_NamesNoScope(string body) =>
        Assert.Empty(Ex.Diagnose(Ex.Make(403, body, headers: Json)).Scopes?.Missing ?? []);

    [Fact]
    public void AnInvalidNamedFilter_NamesItsParameter()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"error":"Invalid status filter 'archivedd'. Allowed values: active, archived"}""", @params: ["status"], method: "GET", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("params.status", d.Paths());
    }
    [Theory]
    // A noun that marks a name, the name, then what it must be
    [InlineData("""{"error":{"message":"(#100) Param limit must be a positive integer","type":"OAuthException","code":100}}""", "limit")]
    // a parameter named in an inner error's member, not a name built from its code (InvalidSortKey)
    [InlineData("""{"error":{"code":"BadArgument","message":"Invalid sort key","innererror":{"code":"InvalidSortKey","parameter":"sort"}}}""", "sort")]
    // class-validator's items under "validation"
    [InlineData("""{"error":{"message":"Validation error","validation":[{"property":"color","constraints":{"isHexColor":"color must be a hexadecimal color"}}]}}""", "color")]
    public void ANameInANounPhraseOrAnInnerMember_IsTheField(string body, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, method: "GET", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(field, d.Paths().First());
    }
}
