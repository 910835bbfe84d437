using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Toolsmith.Core.Loading;

namespace Toolsmith.Server.Apis;

/// <summary>Errors as ProblemDetails (<c>application/problem+json</c>) that name the field that is wrong.</summary>
internal static class Problems
{
    /// <summary>400 with <c>errors</c>: JSON path → messages (the ValidationProblemDetails shape).</summary>
    public static ValidationProblem Invalid(ToolLoadException ex, string title = "The request is not valid.") =>
        TypedResults.ValidationProblem(
            ex.Errors.GroupBy(static e => e.Path.Length == 0 ? "$" : e.Path).ToDictionary(static g => g.Key, static g => g.Select(static e => e.Message).ToArray()),
            detail: ex.Message, title: title);

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: $"{field}: {message}", title: "The request is not valid.");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
