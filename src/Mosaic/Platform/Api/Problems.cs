using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Mosaic.Platform.Security;

namespace Mosaic.Platform.Api;

/// <summary>Problem-details responses that the framework has no typed helper for.</summary>
public static class Problems
{
    public static ProblemHttpResult Conflict(IDictionary<string, string[]> errors, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status409Conflict, Title = title });

    public static ProblemHttpResult TooManyRequests(HttpContext http, ThrottleDecision decision, string title)
    {
        http.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title,
            detail: $"Retry after {decision.RetryAfterSeconds} seconds.");
    }
}

/// <summary>
/// Turns client mistakes the framework reports as exceptions (malformed JSON, wrong content type, oversized body)
/// into 4xx problems, so nothing a client sends becomes a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, bad) = exception switch
        {
            BadHttpRequestException b => (b.StatusCode, b),
            // Form reading reports its multipart limits this way.
            InvalidDataException d when d.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) => (StatusCodes.Status413PayloadTooLarge, new BadHttpRequestException(d.Message, StatusCodes.Status413PayloadTooLarge, d)),
            InvalidDataException d => (StatusCodes.Status400BadRequest, new BadHttpRequestException(d.Message, StatusCodes.Status400BadRequest, d)),
            _ => (0, null),
        };
        if (bad is null)
        {
            return false;
        }
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
                Detail = bad.InnerException is System.Text.Json.JsonException json ? json.Message : bad.Message,
            },
        });
    }
}
