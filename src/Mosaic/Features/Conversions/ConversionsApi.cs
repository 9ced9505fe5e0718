using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Api;
using Mosaic.Platform.Data;
using Mosaic.Platform.Imaging;
using Mosaic.Platform.Security;
using Mosaic.Platform.Storage;

namespace Mosaic.Features.Conversions;

/// <summary>The multipart form of a conversion request: a file or a post id, an operation and its amount.</summary>
public sealed record ConversionForm(IFormFile? File, long? PostId, string Operation, double? Amount);

public sealed record ConversionDto(Guid Id, string Status, string Operation, double Amount, long? SourcePostId, string? Error,
    string StatusUrl, string? ResultUrl, string? BeforeUrl, int Width, int Height, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    public static ConversionDto From(Conversion c)
    {
        var url = $"/api/v1/conversions/{c.Id}";
        var done = c.Status == ConversionStatus.Done;
        return new(c.Id, c.Status.ToString().ToLowerInvariant(), c.Operation, c.Amount, c.SourcePostId, c.Error, url,
            done ? url : null, done ? url + "/before" : null, c.ResultWidth, c.ResultHeight, c.CreatedAt, c.ExpiresAt);
    }
}

public sealed record ConversionAcceptedDto(Guid Id, string Status, string StatusUrl, string PageUrl);

public sealed record OperationDto(string Name, string Label, string? AmountLabel, double Min, double Max, double Default);

public static class ConversionsApi
{
    public static IEndpointRouteBuilder MapConversionsApi(this IEndpointRouteBuilder app)
    {
        var maxUpload = app.ServiceProvider.GetRequiredService<IOptions<ImagingOptions>>().Value.MaxUploadBytes + 64 * 1024;
        var group = app.MapGroup("/api/v1/conversions").WithTags("Conversions").RequireXsrfForCookieWrites();
        group.MapGet("/operations", ListOperations).AllowAnonymous();
        group.MapPost("/", Create).AllowAnonymous()
            .Accepts<ConversionForm>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload))
            .WithFormOptions(multipartBodyLengthLimit: maxUpload)
            .DisableAntiforgery();
        group.MapGet("/", ListMine).RequireAuthorization();
        group.MapGet("/{id:guid}", Get).AllowAnonymous();
        group.MapGet("/{id:guid}/before", GetBefore).AllowAnonymous();
        group.MapGet("/{id:guid}/status", GetStatus).AllowAnonymous();
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization();
        return app;
    }

    public static Ok<List<OperationDto>> ListOperations() =>
        TypedResults.Ok(Operations.All.Select(o => new OperationDto(o.Name, o.Label, o.AmountLabel, o.Min, o.Max, o.Default)).ToList());

    /// <summary>
    /// Starts a conversion of an uploaded <c>file</c> or of the post <c>postId</c>. Anyone may; anonymous callers have a
    /// stricter rate limit and their results expire. Answers 202 with the URL to poll.
    /// </summary>
    public static async Task<Results<Accepted<ConversionAcceptedDto>, ProblemHttpResult>> Create(HttpContext http, ConversionService conversions, ActionThrottle throttle, CancellationToken ct)
    {
        var decision = throttle.Attempt(ThrottledAction.Conversion, http);
        if (!decision.Allowed)
        {
            return Problems.TooManyRequests(http, decision, "Too many conversions; try again later.");
        }
        if (!http.Request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the conversion as multipart/form-data.");
        }
        var form = await http.Request.ReadFormAsync(ct);
        long? postId = long.TryParse(form["postId"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
        double? amount = double.TryParse(form["amount"], NumberStyles.Float, CultureInfo.InvariantCulture, out var a) ? a : null;
        if (!string.IsNullOrEmpty(form["amount"]) && amount is null)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["amount"] = ["The amount must be a number."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The amount must be a number.",
            });
        }
        var outcome = await conversions.StartAsync(http.User, form.Files.GetFile("file"), postId, form["operation"], amount, ct);
        if (outcome.Conversion is not { } started)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(outcome.Errors) { Status = outcome.Status, Title = outcome.Title });
        }
        return TypedResults.Accepted($"/api/v1/conversions/{started.Id}", new ConversionAcceptedDto(started.Id, "pending", $"/api/v1/conversions/{started.Id}", $"/convert/{started.Id}"));
    }

    /// <summary>202 while the conversion runs; 200 with the image when done; a problem with the reason if it failed; 404 once expired.</summary>
    public static async Task<IResult> Get(Guid id, HttpContext http, ConversionService conversions, IObjectStore store, CancellationToken ct)
    {
        var conversion = await conversions.FindAsync(id, http.User, ct);
        return conversion switch
        {
            null => TypedResults.NotFound(),
            { Status: ConversionStatus.Pending } => TypedResults.Accepted($"/api/v1/conversions/{id}", ConversionDto.From(conversion)),
            { Status: ConversionStatus.Failed } => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The conversion failed.", detail: conversion.Error),
            _ => await ImageAsync(conversion.ResultKey!, $"mosaic-{conversion.Operation}-{id:N}", http, store, ct),
        };
    }

    public static async Task<IResult> GetBefore(Guid id, HttpContext http, ConversionService conversions, IObjectStore store, CancellationToken ct)
    {
        var conversion = await conversions.FindAsync(id, http.User, ct);
        return conversion is { Status: ConversionStatus.Done, BeforeKey: { } key }
            ? await ImageAsync(key, $"mosaic-before-{id:N}", http, store, ct)
            : TypedResults.NotFound();
    }

    /// <summary>The conversion as JSON whatever its state, for pages that poll.</summary>
    public static async Task<Results<Ok<ConversionDto>, NotFound>> GetStatus(Guid id, HttpContext http, ConversionService conversions, CancellationToken ct) =>
        await conversions.FindAsync(id, http.User, ct) is { } conversion ? TypedResults.Ok(ConversionDto.From(conversion)) : TypedResults.NotFound();

    /// <summary>The signed-in person's conversions, newest first: their gallery.</summary>
    public static async Task<Ok<List<ConversionDto>>> ListMine(ClaimsPrincipal user, MosaicDbContext db, CancellationToken ct)
    {
        var id = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var list = await db.Set<Conversion>().AsNoTracking().Where(c => c.UserId == id).OrderByDescending(c => c.CreatedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(list.ConvertAll(ConversionDto.From));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, ClaimsPrincipal user, MosaicDbContext db, IObjectStore store, CancellationToken ct)
    {
        var owner = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var conversion = await db.Set<Conversion>().FirstOrDefaultAsync(c => c.Id == id && c.UserId == owner, ct);
        if (conversion is null)
        {
            return TypedResults.NotFound();
        }
        db.Remove(conversion);
        await db.SaveChangesAsync(ct);
        await ConversionFiles.DeleteUnusedAsync(db, store, [conversion], ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ImageAsync(string key, string name, HttpContext http, IObjectStore store, CancellationToken ct)
    {
        var stored = await store.OpenReadAsync(key, null, ct);
        if (stored is null)
        {
            return TypedResults.NotFound();
        }
        http.Response.RegisterForDisposeAsync(stored);
        var extension = stored.ContentType == "image/png" ? "png" : "jpg";
        http.Response.Headers.CacheControl = "private, max-age=600";
        http.Response.Headers.ContentDisposition = $"inline; filename=\"{name}.{extension}\"";
        return TypedResults.Stream(stored.Content, stored.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(key)}\""));
    }
}
