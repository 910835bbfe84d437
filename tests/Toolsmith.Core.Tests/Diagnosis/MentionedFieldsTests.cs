using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Fields named only by mention: a message that speaks of a member the step sent, in words or in a code, and codes built as a
/// field and a verdict. The sentences are written for these tests (in the styles APIs use), not taken from the corpus.
/// </summary>
public class MentionedFieldsTests
{
    [Theory]
    [InlineData("""{"success":false,"message":"Please supply a correct Postal Code"}""", """{"street":"1 Main St","postalCode":"X"}""", "body.postalCode")]
    [InlineData("""{"error":"Shipping weight exceeds what this carrier accepts"}""", """{"parcel":{"shipping_weight":900,"carrier":"x"}}""", "body.parcel.shipping_weight")]
    [InlineData("""{"error":{"message":"Start Date lies in the past"}}""", """{"title":"x","start_date":"2001-01-01"}""", "body.start_date")]
    [InlineData("""{"fault":"problem with order.lines[1].qty: below minimum"}""", """{"order":{"lines":[{"qty":5},{"qty":0}]}}""", "body.order.lines[1].qty")]
    [InlineData("""{"errorCode":"QUANTITY_OUT_OF_RANGE","error":"out of range"}""", """{"sku":"a","quantity":0}""", "body.quantity")]
    public void Message_MentioningASentMember_NamesIt(string response, string request, string expected)
    {
        var d = Ex.Diagnose(Ex.Make(400, response, request: request));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal([expected], d.Paths());
    }

    [Fact]
    public void Message_MentioningAParameter_NamesTheParameter()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"error":"pageSize has to be 100 or less"}""", @params: ["pageSize", "cursor"]));
        Assert.Equal(["params.pageSize"], d.Paths());
    }

    [Theory]
    // a name the step did not send, said to be missing: where the step would send it
    [InlineData("""{"result":"fail","detail":"Required field customerRef is not present"}""", """{"amount":5,"currency":"EUR"}""", null, "body.customerRef")]
    [InlineData("""{"errors":[{"detail":"title is required."}]}""", """{"data":{"type":"posts","attributes":{"body":"x","tags":[]}}}""", null, "body.data.attributes.title")]
    [InlineData("""{"error":"Mandatory parameter 'region' missing"}""", null, new[] { "q", "page" }, "params.region")]
    // an object of one member is a field's value, not a wrapper: the name goes beside it
    [InlineData("""{"error":"summary must not be empty"}""", """{"content":{"text":{"de":"x"}}}""", null, "body.content.summary")]
    // a name said to be wrong, not missing, stays the API's own
    [InlineData("""{"error":"Unknown variable 'B01003E'"}""", null, new[] { "get", "for" }, "B01003E")]
    public void AMissingName_IsPlacedWhereTheStepWouldSendIt(string response, string? request, string[]? @params, string expected)
    {
        var d = Ex.Diagnose(Ex.Make(400, response, request: request, @params: @params));
        Assert.Equal([expected], d.Paths());
    }

    [Fact]
    public void EverydayWordFields_CountOnlyWhenMarked()
    {
        // "to" is in every sentence: only the quoted or labelled one names the field.
        var plain = Ex.Diagnose(Ex.Make(400, """{"error":"Failed to deliver the text"}""", request: """{"to":"+1555","body":"hi"}"""));
        Assert.Null(plain.Fields);
        var quoted = Ex.Diagnose(Ex.Make(400, """{"error":"The 'to' number is not reachable"}""", request: """{"to":"+1555","body":"hi"}"""));
        Assert.Equal(["body.to"], quoted.Paths());
        var labelled = Ex.Diagnose(Ex.Make(400, """{"error":"Bad to param"}""", request: """{"to":"","body":"hi"}"""));
        Assert.Equal(["body.to"], labelled.Paths());
        var missing = Ex.Diagnose(Ex.Make(400, """{"error":"Missing from param"}""", request: """{"to":"+1555","text":"hi"}"""));
        Assert.Equal(["body.from"], missing.Paths());
    }

    [Fact]
    public void AParameterCode_WithAMessageThatIsOneName_NamesIt()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"error_code":"invalid_argument","error_text":"pageToken"}"""));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(["pageToken"], d.Paths());
        // a message of words is not a name
        Assert.Empty(Ex.Diagnose(Ex.Make(400, """{"error_code":"invalid_argument","error_text":"Request"}""")).Paths());
    }

    [Fact]
    public void AnItemOfAListTheStepSent_QuotedBack_NamesTheList()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"message":"Unknown colour given: ultraviolet"}""", url: "https://api.example.com/v1/paint?colours=red,ultraviolet,blue&limit=5", method: "GET", @params: ["colours", "limit"]));
        Assert.Equal(["params.colours"], d.Paths());
    }

    [Fact]
    public void NotFound_UnderA400_NamesTheSentFieldItSpeaksOf_ButA404DoesNot()
    {
        var under400 = Ex.Diagnose(Ex.Make(400, """{"message":"Warehouse not found"}""", request: """{"warehouse":"north-7","qty":2}"""));
        Assert.Equal(DiagnosisKinds.NotFound, under400.Kind);
        Assert.Equal(["body.warehouse"], under400.Paths());
        var under404 = Ex.Diagnose(Ex.Make(404, """{"message":"Warehouse not found"}""", request: """{"warehouse":"north-7","qty":2}"""));
        Assert.Empty(under404.Paths());
    }

    [Fact]
    public void AnErrorItemWithoutAMessageMember_HasItsSentenceRead()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"class":"error","error":[{"status":400,"id":77,"caption":"Value 'x9' is not allowed for parameter granularity"}]}""", method: "GET", @params: ["granularity"]));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(["params.granularity"], d.Paths());
    }

    [Fact]
    public void Mentions_AreNotReadForOtherKinds()
    {
        var d = Ex.Diagnose(Ex.Make(429, """{"error":"Too many requests for this email"}""", request: """{"email":"a@b.c"}"""));
        Assert.Equal(DiagnosisKinds.RateLimited, d.Kind);
        Assert.Null(d.Fields);
    }

    [Theory]
    [InlineData("amount_invalid", "amount")]
    [InlineData("missing_first_name", "first_name")]
    [InlineData("EmailTaken", "Email")]
    [InlineData("invalid_expiry_month", "expiry_month")]
    [InlineData("INVALID_PHONE_NUMBER", "PHONE_NUMBER")]
    public void Code_BuiltAsFieldAndVerdict_NamesTheField(string code, string expected)
    {
        var d = Ex.Diagnose(422, $$"""{"error_type":"validation","error_codes":["{{code}}"]}""");
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal([expected], d.Paths());
    }

    [Theory]
    [InlineData("invalid_request")]
    [InlineData("InvalidParameterValue")]
    [InlineData("missing_required_parameter")]
    [InlineData("invalid_api_key")]
    [InlineData("ValidationError")]
    [InlineData("MalformedXML")]
    public void Code_AboutTheRequestAsAWhole_NamesNoField(string code)
    {
        var d = Ex.Diagnose(400, $$"""{"code":"{{code}}","message":"The request could not be processed."}""");
        Assert.Null(d.Fields);
    }
}
