using System.Buffers;

namespace Mosaic.Features.Media.Analysis;

/// <summary>
/// The BlurHash placeholder encoding (github.com/woltapp/blurhash): a few DCT-like cosine
/// components of the image in linear light, packed into a short base83 string.
/// </summary>
public static class Blurhash
{
    public const int MinComponents = 1;
    public const int MaxComponents = 9;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

    // Cosine tables up to this many doubles (32 KiB) live on the stack; a 256 px image at the
    // default 4x3 components needs 1,792.
    private const int StackTableLimit = 4096;

    private static readonly sbyte[] AlphabetIndex = BuildAlphabetIndex();

    /// <summary>The length of a hash with these component counts: size flag, maximum, DC (4) and 2 per AC component.</summary>
    public static int EncodedLength(int componentsX, int componentsY)
    {
        ValidateComponents(componentsX, componentsY);
        return 4 + (2 * componentsX * componentsY);
    }

    /// <summary>Encodes the image's colour channels; alpha is ignored, as in the reference encoder.</summary>
    public static string Encode(PixelBuffer pixels, int componentsX = 4, int componentsY = 3)
    {
        Span<char> hash = stackalloc char[4 + (2 * MaxComponents * MaxComponents)];
        TryEncode(pixels, hash, out var written, componentsX, componentsY);
        return new string(hash[..written]);
    }

    /// <summary>Encodes into <paramref name="destination"/> without allocating for images up to a few hundred pixels wide.</summary>
    /// <returns>False when <paramref name="destination"/> is shorter than <see cref="EncodedLength"/>.</returns>
    public static bool TryEncode(PixelBuffer pixels, Span<char> destination, out int charsWritten, int componentsX = 4, int componentsY = 3)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var length = EncodedLength(componentsX, componentsY);
        charsWritten = 0;
        if (destination.Length < length)
        {
            return false;
        }

        int width = pixels.Width, height = pixels.Height, bands = pixels.Bands;
        var tableSize = (componentsX * width) + (componentsY * height);
        double[]? rented = null;
        var tables = tableSize <= StackTableLimit
            ? stackalloc double[tableSize]
            : (rented = ArrayPool<double>.Shared.Rent(tableSize)).AsSpan(0, tableSize);
        try
        {
            var cosX = tables[..(componentsX * width)];
            var cosY = tables[(componentsX * width)..];
            FillCosines(cosX, componentsX, width);
            FillCosines(cosY, componentsY, height);

            Span<double> factors = stackalloc double[MaxComponents * MaxComponents * 3];
            Span<double> rowSums = stackalloc double[MaxComponents * 3];
            factors.Clear();
            var source = pixels.Pixels;

            // The basis cos(πix/w)·cos(πjy/h) is separable, so each row is reduced to one sum per
            // horizontal component first: O(w·h·cx + h·cx·cy) instead of O(w·h·cx·cy).
            for (var y = 0; y < height; y++)
            {
                rowSums.Clear();
                var offset = y * width * bands;
                for (var x = 0; x < width; x++, offset += bands)
                {
                    var r = Srgb.ToLinear(source[offset]);
                    var g = Srgb.ToLinear(source[offset + 1]);
                    var b = Srgb.ToLinear(source[offset + 2]);
                    for (var i = 0; i < componentsX; i++)
                    {
                        var basis = cosX[(i * width) + x];
                        rowSums[i * 3] += basis * r;
                        rowSums[(i * 3) + 1] += basis * g;
                        rowSums[(i * 3) + 2] += basis * b;
                    }
                }

                for (var j = 0; j < componentsY; j++)
                {
                    var basis = cosY[(j * height) + y];
                    for (var i = 0; i < componentsX; i++)
                    {
                        var f = ((j * componentsX) + i) * 3;
                        factors[f] += basis * rowSums[i * 3];
                        factors[f + 1] += basis * rowSums[(i * 3) + 1];
                        factors[f + 2] += basis * rowSums[(i * 3) + 2];
                    }
                }
            }

            var count = componentsX * componentsY;
            var scale = 1.0 / ((double)width * height);
            for (var c = 0; c < count; c++)
            {
                // AC components are doubled because the cosine basis has mean square 1/2.
                var normalisation = c == 0 ? scale : 2 * scale;
                factors[c * 3] *= normalisation;
                factors[(c * 3) + 1] *= normalisation;
                factors[(c * 3) + 2] *= normalisation;
            }

            var hash = destination[..length];
            Encode83((componentsX - 1) + ((componentsY - 1) * 9), hash[..1]);

            double maximumValue;
            if (count > 1)
            {
                var actualMaximum = 0.0;
                for (var k = 3; k < count * 3; k++)
                {
                    actualMaximum = Math.Max(actualMaximum, Math.Abs(factors[k]));
                }

                var quantisedMaximum = (int)Math.Clamp(Math.Floor((actualMaximum * 166) - 0.5), 0, 82);
                maximumValue = (quantisedMaximum + 1) / 166.0;
                Encode83(quantisedMaximum, hash[1..2]);
            }
            else
            {
                maximumValue = 1;
                Encode83(0, hash[1..2]);
            }

            var dc = (Srgb.ToByte(factors[0]) << 16) | (Srgb.ToByte(factors[1]) << 8) | Srgb.ToByte(factors[2]);
            Encode83(dc, hash[2..6]);

            for (var c = 1; c < count; c++)
            {
                var quantR = QuantiseAc(factors[c * 3], maximumValue);
                var quantG = QuantiseAc(factors[(c * 3) + 1], maximumValue);
                var quantB = QuantiseAc(factors[(c * 3) + 2], maximumValue);
                Encode83((quantR * 19 * 19) + (quantG * 19) + quantB, hash.Slice(4 + (2 * c), 2));
            }

            charsWritten = length;
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Renders a hash as an opaque RGB image of the given size; <paramref name="punch"/> multiplies the AC contrast (1 reproduces the encoded image).</summary>
    /// <exception cref="ArgumentException">The hash is malformed: wrong length for its size flag, or not base83.</exception>
    public static PixelBuffer Decode(string hash, int width, int height, double punch = 1.0)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (hash.Length < 6)
        {
            throw new ArgumentException($"A blurhash has at least 6 characters, got {hash.Length}.", nameof(hash));
        }

        var sizeFlag = Decode83(hash, 0, 1);
        var componentsY = (sizeFlag / 9) + 1;
        var componentsX = (sizeFlag % 9) + 1;
        var expected = 4 + (2 * componentsX * componentsY);
        if (hash.Length != expected)
        {
            throw new ArgumentException($"A {componentsX}x{componentsY} blurhash has {expected} characters, got {hash.Length}.", nameof(hash));
        }

        var count = componentsX * componentsY;
        var maximumValue = (Decode83(hash, 1, 1) + 1) / 166.0 * punch;
        var colours = new double[count * 3];
        var dc = Decode83(hash, 2, 4);
        colours[0] = Srgb.ToLinear((byte)(dc >> 16));
        colours[1] = Srgb.ToLinear((byte)(dc >> 8));
        colours[2] = Srgb.ToLinear((byte)dc);
        for (var c = 1; c < count; c++)
        {
            var value = Decode83(hash, 4 + (2 * c), 2);
            if (value >= 19 * 19 * 19)
            {
                throw new ArgumentException($"AC component {c} is out of range.", nameof(hash));
            }

            colours[c * 3] = DequantiseAc(value / (19 * 19), maximumValue);
            colours[(c * 3) + 1] = DequantiseAc(value / 19 % 19, maximumValue);
            colours[(c * 3) + 2] = DequantiseAc(value % 19, maximumValue);
        }

        var cosX = new double[componentsX * width];
        var cosY = new double[componentsY * height];
        FillCosines(cosX, componentsX, width);
        FillCosines(cosY, componentsY, height);

        var output = new byte[width * height * 3];
        var offset = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++, offset += 3)
            {
                double r = 0, g = 0, b = 0;
                for (var j = 0; j < componentsY; j++)
                {
                    var basisY = cosY[(j * height) + y];
                    for (var i = 0; i < componentsX; i++)
                    {
                        var basis = cosX[(i * width) + x] * basisY;
                        var c = ((j * componentsX) + i) * 3;
                        r += colours[c] * basis;
                        g += colours[c + 1] * basis;
                        b += colours[c + 2] * basis;
                    }
                }

                output[offset] = (byte)Srgb.ToByte(r);
                output[offset + 1] = (byte)Srgb.ToByte(g);
                output[offset + 2] = (byte)Srgb.ToByte(b);
            }
        }

        return new PixelBuffer(width, height, 3, output);
    }

    private static void ValidateComponents(int componentsX, int componentsY)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(componentsX, MinComponents);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(componentsX, MaxComponents);
        ArgumentOutOfRangeException.ThrowIfLessThan(componentsY, MinComponents);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(componentsY, MaxComponents);
    }

    private static void FillCosines(Span<double> table, int components, int size)
    {
        for (var i = 0; i < components; i++)
        {
            for (var p = 0; p < size; p++)
            {
                table[(i * size) + p] = Math.Cos(Math.PI * i * p / size);
            }
        }
    }

    // The reference quantises sqrt(|v|/max) to 19 levels so small components keep more precision.
    private static int QuantiseAc(double value, double maximumValue) =>
        (int)Math.Clamp(Math.Floor((SignPow(value / maximumValue, 0.5) * 9) + 9.5), 0, 18);

    private static double DequantiseAc(int quantised, double maximumValue) =>
        SignPow((quantised - 9) / 9.0, 2.0) * maximumValue;

    private static double SignPow(double value, double exponent) =>
        Math.CopySign(Math.Pow(Math.Abs(value), exponent), value);

    private static void Encode83(int value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[value % 83];
            value /= 83;
        }
    }

    private static int Decode83(string hash, int start, int length)
    {
        var value = 0;
        foreach (var ch in hash.AsSpan(start, length))
        {
            var digit = ch < AlphabetIndex.Length ? AlphabetIndex[ch] : -1;
            if (digit < 0)
            {
                throw new ArgumentException($"'{ch}' is not a base83 character.", nameof(hash));
            }

            value = (value * 83) + digit;
        }

        return value;
    }

    private static sbyte[] BuildAlphabetIndex()
    {
        var index = new sbyte[128];
        Array.Fill(index, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            index[Alphabet[i]] = (sbyte)i;
        }

        return index;
    }
}
