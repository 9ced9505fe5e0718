using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Mosaic.Platform.Imaging;

/// <summary>An image received and validated: its bytes, proven type, hash and header facts.</summary>
public sealed record ReceivedImage(byte[] Bytes, ImageFormat Format, string Sha256, ImageProbe Probe);

/// <summary>A file refused at the door, with the HTTP status and the reason to show.</summary>
public sealed record IntakeRefusal(int Status, string Message);

/// <summary>
/// The checks every incoming image passes before anything is stored: present, within the size limit, a type proven
/// by its bytes, header limits (dimensions, pixels, frames) and a validating decode — the last two in the imaging
/// host, never in this process.
/// </summary>
public sealed class ImageIntake(ImagingHost imaging, IOptions<ImagingOptions> options)
{
    public async Task<(ReceivedImage? Image, IntakeRefusal? Refusal)> ReceiveAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return (null, new IntakeRefusal(StatusCodes.Status400BadRequest, "Choose an image file (this one is empty)."));
        }
        var limit = options.Value.MaxUploadBytes;
        if (file.Length > limit)
        {
            return (null, new IntakeRefusal(StatusCodes.Status413PayloadTooLarge, $"The file is larger than the {limit / (1024 * 1024)} MB limit."));
        }
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, ct);
        }
        if (ImageFormats.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, ImageFormats.SniffLength))) is not { } format)
        {
            return (null, new IntakeRefusal(StatusCodes.Status415UnsupportedMediaType, "The file is not a JPEG, PNG, WebP, GIF or AVIF image (whatever its name says)."));
        }
        try
        {
            var probe = (await imaging.RunAsync(new ImagingRequest("validate", format, imaging.Limits), bytes, ct)).Probe!;
            return (new ReceivedImage(bytes, format, Convert.ToHexStringLower(SHA256.HashData(bytes)), probe), null);
        }
        catch (ImagingException ex)
        {
            var status = ex.Failure == ImagingFailure.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return (null, new IntakeRefusal(status, ex.Message));
        }
    }
}
