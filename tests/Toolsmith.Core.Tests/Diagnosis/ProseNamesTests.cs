using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>Scopes, permissions and fields named only in a message's words, in the common phrasings (none of them a corpus entry).</summary>
public class ProseNamesTests
{
    [Theory]
    [InlineData("Token lacks the required scope orders.write for this call", "orders.write")]
    [InlineData("Insufficient scope; expected one of: invoices:read, invoices:admin", "invoices:read")]
    [InlineData("Access token does not include scopes:[calendar.events]", "calendar.events")]
    [InlineData("The following scopes are required - reports:export", "reports:export")]
    [InlineData("Required scope(s): drive.file", "drive.file")]
    [InlineData("Key ci-bot is missing scope (reports.read)", "reports.read")]
    [InlineData("The API key you used does not have the payments scope", "payments")]
    [InlineData("Forbidden - scope orders:read not granted", "orders:read")]
    [InlineData("Insufficient client scope. Required: user-read-email", "user-read-email")]
    [InlineData("The access token does not have the required scope vso.build_execute.", "vso.build_execute")]
    public void Scopes_InProse_MakeAMissingScope(string message, string scope)
    {
        var d = Ex.Diagnose(403, $$$"""{"error":{"message":"{{{message}}}"}}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Contains(scope, d.Scopes!.Missing!);
    }

    [Theory]
    [InlineData("User bob is not authorized to perform: sqs:SendMessage on resource queue-1", "sqs:SendMessage")]
    [InlineData("The principal does not have authorization to perform action 'Contoso.Billing/invoices/write' over scope '/x'", "Contoso.Billing/invoices/write")]
    [InlineData("Permission 'bigquery.tables.create' denied on dataset", "bigquery.tables.create")]
    [InlineData("svc-user is missing the Overall/Administer permission", "Overall/Administer")]
    [InlineData("Caller does not have compute.instances.start access to the project", "compute.instances.start")]
    [InlineData("The service account isn't authorized to access Billing::Invoices", "Billing::Invoices")]
    [InlineData("you are not authorized to perform operation (vm:Reboot) on this host", "vm:Reboot")]
    [InlineData("Token 42 lacks permission 'queue:purge' on jobs", "queue:purge")]
    [InlineData("Extra permissions needed: alerts:write", "alerts:write")]
    [InlineData("User does not have permission ManageOrders", "ManageOrders")]
    [InlineData("You are not allowed to perform projects.delete on this project", "projects.delete")]
    [InlineData("Permission denied: privilege [Update] is required on 'sales'.'orders' for user 'ro'", "Update")]
    [InlineData("Access to Feeds.SubmitFeed is denied", "Feeds.SubmitFeed")]
    public void Permissions_InProse_AreNamed_WithoutBecomingScopes(string message, string permission)
    {
        var d = Ex.Diagnose(403, $$$"""{"error":{"message":"{{{message}}}"}}""");
        Assert.Equal(DiagnosisKinds.InsufficientPermission, d.Kind);
        Assert.Contains(permission, d.Scopes!.Missing!);
    }

    [Theory]
    [InlineData("Value 'abc' at 'pageSize' failed to satisfy constraint: Member must be a number", "pageSize")]
    [InlineData("Value (xl) for parameter shirtSize is invalid.", "shirtSize")]
    [InlineData("The request must contain the parameter Region", "Region")]
    [InlineData("Unknown property name: \"colour\"", "colour")]
    [InlineData("Could not find the 'amout' column of 'payments'", "amout")]
    [InlineData("failed to parse field [created] of type [date]", "created")]
    [InlineData("An 'Email' address is required.", "Email")]
    [InlineData("'customer_id' is missing or empty", "customer_id")]
    [InlineData("Missing 'currency' in the request", "currency")]
    [InlineData("Invalid parameter(s): limit, offset", "offset")]
    [InlineData("the following required fields are missing: due_date", "due_date")]
    [InlineData("start_time must be a valid ISO 8601 date", "start_time")]
    [InlineData("Quantity must be greater than 0.", "quantity")]
    [InlineData("parameter sku_code is required", "sku_code")]
    [InlineData("Missing required parameter - attachment", "attachment")]
    [InlineData("Missing required attribute: due_on", "due_on")]
    [InlineData("Missing required attribute; postal_zip", "postal_zip")]
    [InlineData("ShipmentRef is missing or invalid", "ShipmentRef")]
    [InlineData("WarehouseCode must not be empty", "WarehouseCode")]
    [InlineData("Query error: Unrecognized variable=\"sst\".", "sst")]
    [InlineData("property: invoice.total, message: must not be null", "invoice.total")]
    [InlineData("El campo email es obligatorio", "email")]
    [InlineData("O campo cpf é inválido", "cpf")]
    [InlineData("Das Feld plz ist ungültig", "plz")]
    [InlineData("Le champ montant est requis", "montant")]
    [InlineData("order_ref is not specified", "order_ref")]
    [InlineData("mobile_number has an invalid format", "mobile_number")]
    [InlineData("zone_name not given or empty", "zone_name")]
    [InlineData("invoice_date is mandatory", "invoice_date")]
    [InlineData("Error: the barcode field may not be empty", "barcode")]
    [InlineData("#: extraneous key [max_len] is not permitted, please reformat your input", "max_len")]
    [InlineData("Could not find a property named 'shipDate' on type 'Sales.order'.", "shipDate")]
    [InlineData("The request body must contain the following parameter: 'grant_type'.", "grant_type")]
    [InlineData("Parameter {amount} faulty or missing", "amount")]
    [InlineData("The value '2026-02-30' is not valid for OrderDate.", "OrderDate")]
    [InlineData("The value 'x' is not a valid value for ship_method", "ship_method")]
    public void Fields_InProse_AreNamed(string message, string field)
    {
        var d = Ex.Diagnose(400, $$"""{"message":"{{message.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""");
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Paths());
    }

    [Theory]
    [InlineData("Request body is not valid JSON")]
    [InlineData("Something went wrong, please try again")]
    [InlineData("Invalid request")]
    [InlineData("The parameter value is invalid")]
    [InlineData("Bad Gateway")]
    [InlineData("JavaScript must be enabled")]
    [InlineData("PostgreSQL is required for this feature")]
    [InlineData("This coupon is not valid for production.")]
    public void SentenceWords_AreNotFields(string message) =>
        Assert.Empty(Ex.Diagnose(400, $$"""{"message":"{{message}}"}""").Paths());

    [Fact]
    public void ScopesBesideAGrantedList_AndPermissionMembers_AreRead()
    {
        var scopes = Ex.Diagnose(403, """{"error":{"message":"Not allowed.","detail":{"granted":["read"],"required":["admin:write"]}}}""");
        Assert.Equal(DiagnosisKinds.MissingScope, scopes.Kind);
        Assert.Equal(["admin:write"], scopes.Scopes!.Missing);
        Assert.Equal(["read"], scopes.Scopes.Granted);

        var permissions = Ex.Diagnose(403, """{"code":"FORBIDDEN","details":{"missing_permissions":["Reports.Export"]}}""");
        Assert.Equal(DiagnosisKinds.InsufficientPermission, permissions.Kind);
        Assert.Equal(["Reports.Export"], permissions.Scopes!.Missing);
    }

    [Fact]
    public void FieldLists_UnderParamsOrParameters_AreRead()
    {
        Assert.Equal(["title"], Ex.Diagnose(400, """{"code":"missing_param","message":"Missing parameter(s)","data":{"params":["title"]}}""").Paths());
        Assert.Contains("page_size", Ex.Diagnose(400, """{"errors":[{"message":"Bad value","parameters":{"page_size":["5000"]}}]}""").Paths());
    }

    [Fact]
    public void AMemberNamedForRequiredScopes_AtAnyDepth_NamesThem()
    {
        var d = Ex.Diagnose(403, """{"status":"error","message":"This app hasn't been granted all required scopes to make this call.","errors":[{"message":"One or more of the following scopes are required.","context":{"requiredGranularScopes":["crm.objects.contacts.write"]}}]}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["crm.objects.contacts.write"], d.Scopes!.Missing);
    }

    [Fact]
    public void AnActionOutsideTheAuthorizedScopes_IsAMissingScope() =>
        Assert.Equal(DiagnosisKinds.MissingScope, Ex.Diagnose(403, """{"error":"This action is outside the authorized scopes"}""").Kind);

    [Fact]
    public void PermissionToAccessData_NamesNoWordAsAPermission() =>
        Assert.DoesNotContain("to", Ex.Diagnose(403, """{"message":"This application does not have permission to access sleep data."}""").Scopes?.Missing ?? []);

    [Theory]
    // a code of a verdict, a noun saying "field", and the name: the name is the field
    [InlineData("<response><returncode>FAILED</returncode><messageKey>missingParamGroupID</messageKey><message>You must give a group.</message></response>", "text/xml", "GroupID")]
    [InlineData("""{"code":"InvalidParameterPostalCode","message":"The postal code is not right."}""", "application/json", "PostalCode")]
    [InlineData("""{"code":"email_field_required","message":"Please fill it in."}""", "application/json", "email")]
    public void ACodeOfVerdictNounAndName_NamesTheName(string body, string contentType, string field) =>
        Assert.Contains(field, Ex.Diagnose(400, body, ("Content-Type", contentType)).Paths());

    [Theory]
    [InlineData("""{"code":"invalid_request_id","message":"Unknown request."}""")]
    [InlineData("""{"code":"InvalidParameterValue","message":"Not right."}""")]
    public void ACodeOfGeneralWords_NamesNoField(string body) =>
        Assert.Empty(Ex.Diagnose(400, body, ("Content-Type", "application/json")).Paths());

    [Fact]
    public void AMapOfNamesToSentences_UnderAnyName_IsAFieldMap() =>
        // ASP.NET Web API's ModelState, and the like under names no list knows
        Assert.Equal(["order.Amount", "order.Currency"], Ex.Diagnose(400, """{"Message":"The request is invalid.","ModelState":{"order.Amount":["The field Amount must be between 1 and 10."],"order.Currency":["The Currency field is required."]}}""").Paths());

    [Fact]
    public void AFieldWordWithoutAName_NamesNone() =>
        Assert.Empty(Ex.Diagnose(400, """{"message":"El campo es obligatorio"}""").Paths());

    [Fact]
    public void AFailedStatus_BesideAMessageInAnotherLanguage_IsAFailure() =>
        Assert.Equal(DiagnosisKinds.NotFound, DiagnosisEngine.Diagnose(Ex.Make(200, """{"status":"erro","mensagem":"Pedido não encontrado"}""", method: "GET"))!.Kind);
}
