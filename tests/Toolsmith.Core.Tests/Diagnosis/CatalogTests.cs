using System.Text.Json;
using Json.Schema;
using Toolsmith.Core.Diagnosis.Catalog;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Tests.Diagnosis;

public class CatalogTests
{
    [Fact]
    public void Catalog_AsEmbedded_IsValidAgainstItsSchema()
    {
        var schema = JsonSchema.FromText(DiagnosisCatalog.Text(DiagnosisCatalog.SchemaResourceName), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var catalog = JsonDocument.Parse(DiagnosisCatalog.Text(DiagnosisCatalog.ResourceName));
        var result = schema.Evaluate(catalog.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
        Assert.NotEmpty(DiagnosisCatalog.CodeRules);
        Assert.NotEmpty(DiagnosisCatalog.Providers);
    }

    [Theory]
    [InlineData("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "not_found")]
    [InlineData("InvalidParameterValueException:http://internal.amazon.com/coral/com.amazonaws.lambda/", "invalid_value")]
    [InlineData("AWS.SimpleQueueService.NonExistentQueue;Sender", "not_found")]
    [InlineData("a:ErrorServerBusy", "rate_limited")]
    [InlineData("soapenv:Server.userException", null)]
    [InlineData("parameter_not_found", "invalid_value")]
    [InlineData("EMAIL_EXISTS", "conflict")]
    [InlineData("storage_limit_exceeded", "quota_exceeded")]
    [InlineData("TOO_MANY_REQUESTS_PER_SECOND", "rate_limited")]
    [InlineData("ExpiredAuthenticationToken", "expired_credentials")]
    [InlineData("SignatureDoesNotMatch", "bad_credentials")]
    public void Classify_CodeInAnySpelling_MapsThroughTheCatalog(string code, string? kind) =>
        Assert.Equal(kind, ErrorVocabulary.ClassifyCode(code));
}
