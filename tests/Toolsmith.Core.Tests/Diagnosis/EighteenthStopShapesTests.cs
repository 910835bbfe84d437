using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 55, each closed by one generic rule; bodies written for these tests in the styles such APIs use
/// (not taken from the corpus).
/// </summary>
public class EighteenthStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // OAuth's invalid_scope whose words say the client may not have the scope: a scope it lacks, named
    [InlineData("""{"error": "invalid_scope", "error_description": "Invalid scope: billing:write. The client is not authorized to request this scope."}""", "billing:write")]
    [InlineData("""{"error": "invalid_scope", "error_description": "Scope 'reports.read' is not allowed for this client"}""", "reports.read")]
    public void AnInvalidScopeTheClientMayNotHave_IsAMissingScope(string body, string scope)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, method: "POST", headers: Json));
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal([scope], d.Scopes!.Missing);
    }

    [Fact]
    public void AnInvalidScopeThatIsUnknown_StaysAnInvalidValue() =>
        Assert.Equal(DiagnosisKinds.InvalidValue, Ex.Diagnose(Ex.Make(400, """{"error": "invalid_scope", "error_description": "The requested scope is unknown or malformed."}""",
            method: "POST", headers: Json)).Kind);

    [Theory]
    // a permission named after "haven't the permission" or "required permission"
    [InlineData("""{"type": "AuthorizationError", "message": "You are not allowed to delete this alert: you haven't the permission manageAlert"}""", "manageAlert")]
    [InlineData("""{"faultstring": "User \"ann\" doesn't have required permission \"rule_create\" on resource \"rule:ops:cleanup\""}""", "rule_create")]
    public void APermissionNamedInProse_IsNamed(string body, string permission)
    {
        var d = Ex.Diagnose(Ex.Make(403, body, method: "POST", headers: Json));
        Assert.Equal(DiagnosisKinds.InsufficientPermission, d.Kind);
        Assert.Contains(permission, d.Scopes!.Missing);
    }

    [Theory]
    // a status member named for what was asked, holding a code word that names a failure
    [InlineData("""{"lookup_status": "illegal_search_term", "data": "Your search term is not valid"}""", DiagnosisKinds.InvalidValue)]
    [InlineData("""{"search_status": "no_such_record", "data": null}""", DiagnosisKinds.NotFound)]
    // Ext Direct's exception answer
    [InlineData("""{"type": "exception", "tid": 3, "action": "TaskRouter", "method": "run", "message": "run() got an unexpected keyword argument 'nmae'", "where": "..."}""", DiagnosisKinds.InvalidValue)]
    // a result code (resultCd) beside words that name a conflict
    [InlineData("""{"resultCd": "921", "resultMsg": "Receipt number already exists.", "data": null}""", DiagnosisKinds.Conflict)]
    public void AFailureInAnEnvelope_Under200_IsFound(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)).Kind);

    [Fact]
    public void AnExtDirectException_NamesTheArgument() =>
        Assert.Contains("nmae", Ex.Diagnose(Ex.Make(200, """{"type": "exception", "tid": 3, "message": "run() got an unexpected keyword argument 'nmae'"}""",
            method: "POST", headers: Json)).Fields!.Select(static f => f.Path));

    [Theory]
    // records whose status is a state, and Ext Direct's ordinary answer, are successes
    [InlineData("""{"order_status": "in_transit", "tracking": "1Z999"}""")]
    [InlineData("""{"shipment_status": "awaiting_pickup", "count": 1}""")]
    [InlineData("""{"type": "rpc", "tid": 3, "action": "TaskRouter", "method": "run", "result": {"success": true}}""")]
    [InlineData("""{"type": "exception_report", "id": 9, "message": "Weekly exceptions report"}""")]
    public void AStateOrAnOrdinaryAnswer_IsNotAFailure(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: Json)));

    [Theory]
    // the words of limits: a rate "restriction", a plan's limit that "is reached", an account's "usage limits"
    [InlineData(429, """{"error": {"code": 42, "message": "Rate restriction"}}""", DiagnosisKinds.RateLimited)]
    [InlineData(400, """{"errorCode": "LIMIT", "errorMessage": "The plan product limit is reached"}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData(429, """{"message": "You've exceeded the usage limits for your account."}""", DiagnosisKinds.QuotaExceeded)]
    // an "internal application error" is the server's
    [InlineData(200, """{"success": false, "code": "E1000", "message": "Internal Application Error"}""", DiagnosisKinds.ServerError)]
    // a code saying a named thing is unknown: it was not found
    [InlineData(403, """{"tppMessages": [{"category": "ERROR", "code": "CONSENT_UNKNOWN", "text": "The consent-id does not match any consent"}]}""", DiagnosisKinds.NotFound)]
    public void TheWordsAndCodesOfACause_AreRead(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, method: "GET", headers: Json)).Kind);

    [Fact]
    public void AnUnknownField_StaysAnInvalidValue() =>
        Assert.Equal(DiagnosisKinds.InvalidValue, Ex.Diagnose(Ex.Make(400, """{"code": "UNKNOWN_FIELD", "message": "unknown field colour"}""", method: "POST", headers: Json)).Kind);

    [Theory]
    // false written as text beside an error code; an error number alone; an outcome that names a class of error; a
    // response status that is a code word saying what is required
    [InlineData("""{"result": "false", "error_code": 20031, "ts": 1700000000000}""")]
    [InlineData("""{"error": 12}""")]
    [InlineData("""{"Outcome": "SystemError", "Message": "An unexpected error occurred. Please try again later.", "Identity": "Request", "Delay": 0.01, "Price": 0}""")]
    [InlineData("""{"response_code": 104, "response_status": "REQUIRED_SENDER", "response_result": null}""")]
    public void AFailureInAnotherEnvelope_Under200_IsFound(string body) =>
        Assert.NotNull(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)));

    [Theory]
    [InlineData("""{"result": "true", "orders": []}""")]
    [InlineData("""{"error": 0}""")]
    [InlineData("""{"Outcome": "Success", "Message": null, "Price": 12.5}""")]
    [InlineData("""{"Outcome": "NoError", "Price": 12.5}""")]
    public void TheSameEnvelopesSayingSuccess_AreSuccesses(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)));

    [Theory]
    [InlineData(403, "Access denied because of exceeding access rate", DiagnosisKinds.RateLimited)]
    [InlineData(400, "You already use the maximum number of simultaneous connections. Try later.", DiagnosisKinds.RateLimited)]
    [InlineData(402, "Credits Low", DiagnosisKinds.QuotaExceeded)]
    [InlineData(403, "This endpoint requires a higher tier subscription", DiagnosisKinds.RequestRejected)]
    [InlineData(403, "The sender number is not MMS enabled on your account", DiagnosisKinds.RequestRejected)]
    [InlineData(403, "Sending from example.org is not allowed. Domain verification is required.", DiagnosisKinds.RequestRejected)]
    public void TheWordsOfLimitsAndRefusals_AreRead(int status, string message, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, $$"""{"message": "{{message}}"}""", method: "POST", headers: Json)).Kind);

    [Fact]
    public void ACreditCodeWord_IsAQuota() =>
        Assert.Equal(DiagnosisKinds.QuotaExceeded, Ex.Diagnose(Ex.Make(400, """{"error": "NotEnoughCredit", "code": 402}""", method: "POST", headers: Json)).Kind);
}
