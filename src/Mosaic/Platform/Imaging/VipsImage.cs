using System.Runtime.InteropServices;

namespace Mosaic.Platform.Imaging;

/// <summary>A libvips error: the message is libvips' own, which names what was wrong with the file.</summary>
public sealed class VipsException(string message) : Exception(message);

/// <summary>An owned reference to a libvips image; every operation returns a new image the caller disposes.</summary>
internal sealed class VipsImage : IDisposable
{
    private nint handle;

    private VipsImage(nint handle) => this.handle = handle;

    public nint Handle => handle != 0 ? handle : throw new ObjectDisposedException(nameof(VipsImage));
    public int Width => VipsNative.vips_image_get_width(Handle);
    public int Height => VipsNative.vips_image_get_height(Handle);
    public int Bands => VipsNative.vips_image_get_bands(Handle);
    public int BandFormat => VipsNative.vips_image_get_format(Handle);
    public int Interpretation => VipsNative.vips_image_get_interpretation(Handle);
    public bool HasAlpha => VipsNative.vips_image_hasalpha(Handle) != 0;
    public int Pages => Math.Max(1, VipsNative.vips_image_get_n_pages(Handle));
    public int PageHeight => VipsNative.vips_image_get_page_height(Handle);
    public bool HasIccProfile => VipsNative.vips_image_get_typeof(Handle, "icc-profile-data") != 0;

    public int Orientation =>
        VipsNative.vips_image_get_typeof(Handle, "orientation") != 0 && VipsNative.vips_image_get_int(Handle, "orientation", out var value) == 0
            ? value
            : 1;

    public static VipsImage Wrap(int status, nint image) =>
        status == 0 && image != 0 ? new VipsImage(image) : throw new VipsException(VipsNative.LastError());

    public static unsafe VipsImage Load(ReadOnlySpan<byte> bytes, ImageFormat format, bool allPages = false)
    {
        const string failOn = "fail_on";
        var pages = allPages ? -1 : 1;
        fixed (byte* data = bytes)
        {
            var length = (nuint)bytes.Length;
            nint image;
            var status = format switch
            {
                ImageFormat.Jpeg => VipsNative.vips_jpegload_buffer(data, length, out image, failOn, VipsNative.FailOnTruncated, "access", VipsNative.AccessSequential, 0),
                ImageFormat.Png => VipsNative.vips_pngload_buffer(data, length, out image, failOn, VipsNative.FailOnTruncated, "access", VipsNative.AccessSequential, 0),
                ImageFormat.WebP => VipsNative.vips_webpload_buffer(data, length, out image, failOn, VipsNative.FailOnTruncated, "n", pages, 0),
                ImageFormat.Gif => VipsNative.vips_gifload_buffer(data, length, out image, failOn, VipsNative.FailOnTruncated, "n", pages, 0),
                ImageFormat.Avif => VipsNative.vips_heifload_buffer(data, length, out image, failOn, VipsNative.FailOnTruncated, "n", pages, 0),
                _ => throw new VipsException($"No loader for {format}."),
            };
            return Wrap(status, image);
        }
    }

    /// <summary>Decodes with shrink-on-load and resizes to fit within the box, applying orientation and converting to sRGB.</summary>
    public static unsafe VipsImage Thumbnail(ReadOnlySpan<byte> bytes, int width, int height, bool allFrames = false)
    {
        fixed (byte* data = bytes)
        {
            var status = VipsNative.vips_thumbnail_buffer(data, (nuint)bytes.Length, out var image, width,
                "height", height, "size", VipsNative.SizeDown, "export_profile", "srgb", "option_string", allFrames ? "fail-on=truncated,n=-1" : "fail-on=truncated", 0);
            return Wrap(status, image);
        }
    }

    public static unsafe VipsImage FromPixels(ReadOnlySpan<byte> pixels, int width, int height, int bands)
    {
        fixed (byte* data = pixels)
        {
            var image = VipsNative.vips_image_new_from_memory_copy(data, (nuint)pixels.Length, width, height, bands, VipsNative.FormatUchar);
            return Wrap(image == 0 ? -1 : 0, image);
        }
    }

    /// <summary>Resizes an image that is already upright and sRGB (a previous rendering), so no colour conversion.</summary>
    public VipsImage ThumbnailOf(int width, int height) =>
        Wrap(VipsNative.vips_thumbnail_image(Handle, out var image, width, "height", height, "size", VipsNative.SizeDown, 0), image);

    /// <summary>Renders the whole pipeline so far into memory, so several outputs can be cut from it without decoding again.</summary>
    public VipsImage InMemory()
    {
        var image = VipsNative.vips_image_copy_memory(Handle);
        return Wrap(image == 0 ? -1 : 0, image);
    }

    /// <summary>
    /// Forgets the ICC profile (pixels are already sRGB, which browsers assume) and every EXIF, XMP and IPTC field.
    /// Savers' own "strip" is not enough: libvips 8.14's WebP saver rebuilds EXIF from the parsed <c>exif-ifd*</c>
    /// fields. Only for an image this code owns (fresh from <see cref="InMemory"/>).
    /// </summary>
    public VipsImage WithoutMetadata()
    {
        var fields = VipsNative.vips_image_get_fields(Handle);
        try
        {
            for (var i = 0; Marshal.ReadIntPtr(fields, i * IntPtr.Size) is var name && name != 0; i++)
            {
                var field = Marshal.PtrToStringUTF8(name) ?? "";
                if (field.StartsWith("exif", StringComparison.Ordinal) || field.StartsWith("xmp", StringComparison.Ordinal)
                    || field.StartsWith("iptc", StringComparison.Ordinal) || field.StartsWith("icc", StringComparison.Ordinal)
                    || field is "orientation" or "gif-comment" or "png-comment" || field.StartsWith("png-comment", StringComparison.Ordinal))
                {
                    VipsNative.vips_image_remove(Handle, field);
                }
            }
        }
        finally
        {
            VipsNative.g_strfreev(fields);
        }
        return this;
    }

    public VipsImage AutoRotate() => Wrap(VipsNative.vips_autorot(Handle, out var image, 0), image);

    /// <summary>sRGB, 8 bits per sample, alpha kept: what every served file is made from.</summary>
    public VipsImage ToSrgb8()
    {
        using var srgb = HasIccProfile && Bands >= 3 && Interpretation != VipsNative.InterpretationBW
            ? Wrap(VipsNative.vips_icc_transform(Handle, out var transformed, "srgb", "embedded", 1, 0), transformed)
            : Wrap(VipsNative.vips_colourspace(Handle, out var converted, VipsNative.InterpretationSrgb, 0), converted);
        return Wrap(VipsNative.vips_cast(srgb.Handle, out var cast, VipsNative.FormatUchar, 0), cast);
    }

    public VipsImage Flip(bool vertical) => Wrap(VipsNative.vips_flip(Handle, out var image, vertical ? 1 : 0, 0), image);

    public VipsImage Rotate(int quarterTurns) => Wrap(VipsNative.vips_rot(Handle, out var image, ((quarterTurns % 4) + 4) % 4, 0), image);

    public VipsImage Linear(double multiply, double add) => Wrap(VipsNative.vips_linear1(Handle, out var image, multiply, add, 0), image);

    public VipsImage GaussBlur(double sigma) => Wrap(VipsNative.vips_gaussblur(Handle, out var image, sigma, 0), image);

    public VipsImage Sharpen() => Wrap(VipsNative.vips_sharpen(Handle, out var image, 0), image);

    public VipsImage Invert() => Wrap(VipsNative.vips_invert(Handle, out var image, 0), image);

    public VipsImage Cast(int format) => Wrap(VipsNative.vips_cast(Handle, out var image, format, 0), image);

    public VipsImage Greyscale() => Wrap(VipsNative.vips_colourspace(Handle, out var image, VipsNative.InterpretationBW, 0), image);

    public VipsImage Resize(double scale, bool nearest) =>
        Wrap(VipsNative.vips_resize(Handle, out var image, scale, "kernel", nearest ? VipsNative.KernelNearest : 5, 0), image);

    public VipsImage Zoom(int factor) => Wrap(VipsNative.vips_zoom(Handle, out var image, factor, factor, 0), image);

    public VipsImage Crop(int left, int top, int width, int height) => Wrap(VipsNative.vips_extract_area(Handle, out var image, left, top, width, height, 0), image);

    public VipsImage ExtractBands(int first, int count) => Wrap(VipsNative.vips_extract_band(Handle, out var image, first, "n", count, 0), image);

    public VipsImage JoinBands(VipsImage other) => Wrap(VipsNative.vips_bandjoin2(Handle, other.Handle, out var image, 0), image);

    public unsafe VipsImage Recombine(double[] matrix, int rows, int columns)
    {
        fixed (double* values = matrix)
        {
            var matrixImage = VipsNative.vips_image_new_matrix_from_array(columns, rows, values, matrix.Length);
            using var m = Wrap(matrixImage == 0 ? -1 : 0, matrixImage);
            return Wrap(VipsNative.vips_recomb(Handle, out var image, m.Handle, 0), image);
        }
    }

    /// <summary>Encodes with a libvips save suffix such as <c>.webp[Q=80,strip]</c>.</summary>
    public byte[] Save(string suffix)
    {
        if (VipsNative.vips_image_write_to_buffer(Handle, suffix, out var buffer, out var length, 0) != 0)
        {
            throw new VipsException(VipsNative.LastError());
        }
        try
        {
            return Copy(buffer, length);
        }
        finally
        {
            VipsNative.g_free(buffer);
        }
    }

    /// <summary>The decoded pixels, row-major and band-interleaved.</summary>
    public byte[] Pixels()
    {
        var memory = VipsNative.vips_image_write_to_memory(Handle, out var length);
        if (memory == 0)
        {
            throw new VipsException(VipsNative.LastError());
        }
        try
        {
            return Copy(memory, length);
        }
        finally
        {
            VipsNative.g_free(memory);
        }
    }

    public void Dispose()
    {
        if (handle != 0)
        {
            VipsNative.g_object_unref(handle);
            handle = 0;
        }
    }

    private static byte[] Copy(nint memory, nuint length)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)length));
        Marshal.Copy(memory, bytes, 0, bytes.Length);
        return bytes;
    }
}
