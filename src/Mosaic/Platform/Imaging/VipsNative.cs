using System.Runtime.InteropServices;

namespace Mosaic.Platform.Imaging;

/// <summary>
/// The few libvips entry points Mosaic uses. libvips' optional arguments are C varargs; .NET cannot call varargs,
/// so each call site that needs options has a fixed-arity overload. That is sound on x86-64 System V for integer,
/// pointer and string options (they travel exactly as fixed arguments do). Double options are never passed as
/// varargs: doubles appear only as fixed parameters, and other settings travel in option strings.
/// </summary>
internal static partial class VipsNative
{
    private const string Vips = "libvips.so.42";
    private const string GObject = "libgobject-2.0.so.0";
    private const string GLib = "libglib-2.0.so.0";

    public const int FailOnTruncated = 1;
    public const int AccessSequential = 1;
    public const int SizeDown = 2;
    public const int InterpretationBW = 1;
    public const int InterpretationSrgb = 22;
    public const int FormatUchar = 0;
    public const int KernelNearest = 0;

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_init(string argv0);

    [LibraryImport(Vips)]
    public static partial void vips_block_untrusted_set(int state);

    [LibraryImport(Vips)]
    public static partial void vips_cache_set_max(int max);

    [LibraryImport(Vips)]
    public static partial void vips_concurrency_set(int concurrency);

    [LibraryImport(Vips)]
    public static partial nint vips_error_buffer();

    [LibraryImport(Vips)]
    public static partial void vips_error_clear();

    [LibraryImport(Vips)]
    public static partial int vips_image_get_width(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_height(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_bands(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_format(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_interpretation(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_hasalpha(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_n_pages(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_page_height(nint image);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint vips_image_get_typeof(nint image, string name);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_image_get_int(nint image, string name, out int value);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_image_remove(nint image, string name);

    // Loaders, each called explicitly after sniffing: the loader allow-list is this list.
    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int vips_jpegload_buffer(byte* buffer, nuint length, out nint image, string failOn, int failOnValue, string access, int accessValue, nint end);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int vips_pngload_buffer(byte* buffer, nuint length, out nint image, string failOn, int failOnValue, string access, int accessValue, nint end);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int vips_webpload_buffer(byte* buffer, nuint length, out nint image, string failOn, int failOnValue, string pages, int pagesValue, nint end);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int vips_gifload_buffer(byte* buffer, nuint length, out nint image, string failOn, int failOnValue, string pages, int pagesValue, nint end);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int vips_heifload_buffer(byte* buffer, nuint length, out nint image, string failOn, int failOnValue, string pages, int pagesValue, nint end);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int vips_thumbnail_buffer(byte* buffer, nuint length, out nint image, int width,
        string height, int heightValue, string size, int sizeValue, string exportProfile, string exportProfileValue,
        string optionString, string optionStringValue, nint end);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_thumbnail_image(nint input, out nint image, int width,
        string height, int heightValue, string size, int sizeValue, nint end);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_image_write_to_buffer(nint image, string suffix, out nint buffer, out nuint length, nint end);

    [LibraryImport(Vips)]
    public static partial nint vips_image_write_to_memory(nint image, out nuint length);

    [LibraryImport(Vips)]
    public static partial nint vips_image_copy_memory(nint image);

    [LibraryImport(Vips)]
    public static unsafe partial nint vips_image_new_from_memory_copy(byte* data, nuint length, int width, int height, int bands, int format);

    [LibraryImport(Vips)]
    public static partial int vips_autorot(nint input, out nint output, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_colourspace(nint input, out nint output, int space, nint end);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_icc_transform(nint input, out nint output, string outputProfile, string embedded, int embeddedValue, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_cast(nint input, out nint output, int format, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_flip(nint input, out nint output, int direction, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_rot(nint input, out nint output, int angle, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_linear1(nint input, out nint output, double a, double b, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_gaussblur(nint input, out nint output, double sigma, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_sharpen(nint input, out nint output, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_invert(nint input, out nint output, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_recomb(nint input, out nint output, nint matrix, nint end);

    [LibraryImport(Vips)]
    public static unsafe partial nint vips_image_new_matrix_from_array(int width, int height, double* array, int size);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_resize(nint input, out nint output, double scale, string kernel, int kernelValue, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_zoom(nint input, out nint output, int xfac, int yfac, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_extract_area(nint input, out nint output, int left, int top, int width, int height, nint end);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_extract_band(nint input, out nint output, int band, string n, int nValue, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_bandjoin2(nint left, nint right, out nint output, nint end);

    [LibraryImport(Vips)]
    public static partial nint vips_image_get_fields(nint image);

    [LibraryImport(GLib)]
    public static partial void g_strfreev(nint strings);

    [LibraryImport(GObject)]
    public static partial void g_object_unref(nint obj);

    [LibraryImport(GLib)]
    public static partial void g_free(nint memory);

    public static string LastError()
    {
        var message = Marshal.PtrToStringUTF8(vips_error_buffer())?.Trim() ?? "libvips failed";
        vips_error_clear();
        return message.Length == 0 ? "libvips failed" : message;
    }
}
