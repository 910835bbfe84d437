using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 58, each closed by one generic rule; bodies written for these tests in the styles such APIs use (not
/// taken from the corpus).
/// </summary>
public class TwentyFirstStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // a Symfony form's violation path: each "children[…]" is a field, ".data" the form's own
    [InlineData("""{"success": false, "code": 9, "errors": [{"elementId": "children[recipient].data", "message": "This value is not a valid phone number."}]}""", "body.recipient")]
    [InlineData("""{"errors": [{"propertyPath": "children[address].children[city].data", "message": "This value should not be blank."}]}""", "body.address.city")]
    public void ASymfonyFormPath_NamesTheFieldsItWalks(string body, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, method: "POST", request: """{"recipient": "+33 6", "address": {"city": ""}}""", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Fields!.Select(static f => f.Path));
    }

    [Fact]
    public void APathThatMerelyStartsWithChildren_IsKeptAsGiven()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"errors": [{"field": "children[0].name", "message": "must not be blank"}]}""",
            method: "POST", request: """{"children": [{"name": ""}]}""", headers: Json));
        Assert.Equal("body.children[0].name", Assert.Single(d.Fields!).Path);
    }

    [Theory]
    [InlineData("""{"error": "Required phoneNumber is missing."}""", "body.phoneNumber")]
    [InlineData("""{"message": "Required 'nationalIdentityNumber' was not provided"}""", "body.nationalIdentityNumber")]
    public void RequiredThenAName_NamesIt(string body, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, method: "POST", request: """{"relyingPartyName": "DEMO", "hash": "abc"}""", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Fields!.Select(static f => f.Path));
    }

    [Fact]
    public void RequiredThenANoun_NamesNoField() =>
        Assert.Null(Ex.Diagnose(Ex.Make(400, """{"error": "Required field is missing."}""", method: "POST", request: """{"a": 1}""", headers: Json)).Fields);
}
