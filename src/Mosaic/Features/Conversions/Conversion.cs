using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Mosaic.Features.Accounts;

namespace Mosaic.Features.Conversions;

public enum ConversionStatus
{
    Pending,
    Done,
    Failed,
}

/// <summary>
/// A quick edit of an image (the image-editor seed): one operation on an uploaded file or an existing post.
/// Anonymous results expire; signed-in people keep theirs in their gallery until they delete them.
/// </summary>
public sealed class Conversion
{
    public Guid Id { get; set; }
    public Guid? UserId { get; set; }
    public long? SourcePostId { get; set; }

    /// <summary>The uploaded source, stored privately until the conversion has run; null for a post's image.</summary>
    public string? SourceKey { get; set; }

    public string SourceContentType { get; set; } = "";
    public string Operation { get; set; } = "";
    public double Amount { get; set; }
    public ConversionStatus Status { get; set; }
    public string? Error { get; set; }
    public string? ResultKey { get; set; }
    public string? BeforeKey { get; set; }
    public string? ResultContentType { get; set; }
    public int ResultWidth { get; set; }
    public int ResultHeight { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}

internal sealed class ConversionConfiguration : IEntityTypeConfiguration<Conversion>
{
    public void Configure(EntityTypeBuilder<Conversion> builder)
    {
        builder.ToTable("Conversions");
        builder.Property(c => c.Operation).HasMaxLength(32);
        builder.Property(c => c.SourceKey).HasMaxLength(200);
        builder.Property(c => c.SourceContentType).HasMaxLength(50);
        builder.Property(c => c.ResultKey).HasMaxLength(200);
        builder.Property(c => c.BeforeKey).HasMaxLength(200);
        builder.Property(c => c.ResultContentType).HasMaxLength(50);
        builder.Property(c => c.Error).HasMaxLength(500);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.UserId, c.CreatedAt });
        builder.HasIndex(c => c.ExpiresAt);
    }
}

public sealed class ConversionsOptions
{
    public const string Section = "Mosaic:Conversions";

    /// <summary>How long an anonymous result stays downloadable after it is done.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(10);
}

internal sealed class ConversionsOptionsValidator : IValidateOptions<ConversionsOptions>
{
    public ValidateOptionsResult Validate(string? name, ConversionsOptions options) =>
        options.Retention < TimeSpan.FromSeconds(10) || options.Retention > TimeSpan.FromDays(30)
            ? ValidateOptionsResult.Fail("Mosaic:Conversions:Retention must be between 00:00:10 and 30.00:00:00.")
            : ValidateOptionsResult.Success;
}

/// <summary>The operations a conversion can apply, with the amount each takes and its range.</summary>
public static class Operations
{
    public sealed record Operation(string Name, string Label, string? AmountLabel, double Min, double Max, double Default);

    public static readonly IReadOnlyList<Operation> All =
    [
        new("grayscale", "Grayscale", null, 0, 0, 0),
        new("flip-horizontal", "Flip horizontally", null, 0, 0, 0),
        new("flip-vertical", "Flip vertically", null, 0, 0, 0),
        new("rotate", "Rotate", "Degrees (90, 180 or 270)", 90, 270, 90),
        new("brightness", "Brightness", "Change (−100 to 100)", -100, 100, 25),
        new("contrast", "Contrast", "Factor (0.1 to 4)", 0.1, 4, 1.5),
        new("blur", "Blur", "Radius (0.3 to 30)", 0.3, 30, 4),
        new("sharpen", "Sharpen", null, 0, 0, 0),
        new("invert", "Invert colours", null, 0, 0, 0),
        new("sepia", "Sepia", null, 0, 0, 0),
        new("posterize", "Posterize", "Levels (2 to 32)", 2, 32, 4),
        new("pixelate", "Pixelate", "Block size (2 to 128)", 2, 128, 12),
    ];

    public static Operation? Find(string? name) => All.FirstOrDefault(o => o.Name == name);
}
