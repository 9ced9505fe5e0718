namespace Mosaic.Features.Media.Analysis;

/// <summary>Conversions between 8-bit sRGB and CIELAB (D65), and the CIEDE2000 colour difference.</summary>
public static class Cielab
{
    // CIE constants as exact rationals (Lindbloom), which keep the two branches of f(t) continuous.
    private const double Epsilon = 216.0 / 24389.0;
    private const double Kappa = 24389.0 / 27.0;

    // sRGB (IEC 61966-2-1) linear RGB → XYZ.
    private const double M00 = 0.4124564, M01 = 0.3575761, M02 = 0.1804375;
    private const double M10 = 0.2126729, M11 = 0.7151522, M12 = 0.0721750;
    private const double M20 = 0.0193339, M21 = 0.1191920, M22 = 0.9503041;

    // The white point is the image of RGB (1,1,1) under the matrix above (≈ D65 0.95047, 1, 1.08883),
    // so every grey lands exactly on a* = b* = 0 instead of a hair off it.
    private const double WhiteX = M00 + M01 + M02;
    private const double WhiteY = M10 + M11 + M12;
    private const double WhiteZ = M20 + M21 + M22;

    private const double Pow25To7 = 6103515625.0;

    public static Lab FromSrgb(byte r, byte g, byte b)
    {
        var lr = Srgb.ToLinear(r);
        var lg = Srgb.ToLinear(g);
        var lb = Srgb.ToLinear(b);
        var fx = F(((M00 * lr) + (M01 * lg) + (M02 * lb)) / WhiteX);
        var fy = F(((M10 * lr) + (M11 * lg) + (M12 * lb)) / WhiteY);
        var fz = F(((M20 * lr) + (M21 * lg) + (M22 * lb)) / WhiteZ);
        return new Lab((116 * fy) - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    /// <summary>Parses <c>#rrggbb</c> (the leading # is optional).</summary>
    public static Lab FromHex(ReadOnlySpan<char> hex)
    {
        if (hex.Length > 0 && hex[0] == '#')
        {
            hex = hex[1..];
        }

        if (hex.Length != 6 || !int.TryParse(hex, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var rgb))
        {
            throw new FormatException($"'{hex}' is not an #rrggbb colour.");
        }

        return FromSrgb((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }

    /// <summary>The nearest 8-bit sRGB colour; out-of-gamut colours are clipped per channel.</summary>
    public static (byte R, byte G, byte B) ToSrgb(Lab lab)
    {
        var fy = (lab.L + 16) / 116;
        var fx = fy + (lab.A / 500);
        var fz = fy - (lab.B / 200);
        var x = FInverse(fx) * WhiteX;
        var y = (lab.L > Kappa * Epsilon ? fy * fy * fy : lab.L / Kappa) * WhiteY;
        var z = FInverse(fz) * WhiteZ;

        // Inverse of the sRGB matrix.
        var r = (3.2404542 * x) - (1.5371385 * y) - (0.4985314 * z);
        var g = (-0.9692660 * x) + (1.8760108 * y) + (0.0415560 * z);
        var b = (0.0556434 * x) - (0.2040259 * y) + (1.0572252 * z);
        return ((byte)Srgb.ToByte(r), (byte)Srgb.ToByte(g), (byte)Srgb.ToByte(b));
    }

    /// <summary>Lower-case <c>#rrggbb</c> of the nearest sRGB colour.</summary>
    public static string ToHex(Lab lab)
    {
        Span<char> text = stackalloc char[7];
        FormatHex(lab, text);
        return new string(text);
    }

    /// <summary>Writes lower-case <c>#rrggbb</c> into the first 7 characters of <paramref name="destination"/>.</summary>
    public static void FormatHex(Lab lab, Span<char> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 7, nameof(destination));
        var (r, g, b) = ToSrgb(lab);
        destination[0] = '#';
        WriteByte(r, destination[1..]);
        WriteByte(g, destination[3..]);
        WriteByte(b, destination[5..]);
    }

    /// <summary>
    /// CIEDE2000 colour difference with k_L = k_C = k_H = 1, following G. Sharma, W. Wu and
    /// E. N. Dalal, "The CIEDE2000 color-difference formula: implementation notes, supplementary
    /// test data, and mathematical observations", Color Res. Appl. 30(1), 2005.
    /// </summary>
    public static double DeltaE2000(Lab a, Lab b)
    {
        var c1 = Math.Sqrt((a.A * a.A) + (a.B * a.B));
        var c2 = Math.Sqrt((b.A * b.A) + (b.B * b.B));
        var cBar7 = Math.Pow((c1 + c2) / 2, 7);
        var g = 0.5 * (1 - Math.Sqrt(cBar7 / (cBar7 + Pow25To7)));

        var a1 = (1 + g) * a.A;
        var a2 = (1 + g) * b.A;
        var c1p = Math.Sqrt((a1 * a1) + (a.B * a.B));
        var c2p = Math.Sqrt((a2 * a2) + (b.B * b.B));
        var h1p = HueDegrees(a.B, a1);
        var h2p = HueDegrees(b.B, a2);

        var deltaLp = b.L - a.L;
        var deltaCp = c2p - c1p;
        var chromaProduct = c1p * c2p;

        // Hue differences wrap around 360°; a neutral colour has no hue, so contributes none.
        double deltaHueDegrees;
        if (chromaProduct == 0)
        {
            deltaHueDegrees = 0;
        }
        else
        {
            deltaHueDegrees = h2p - h1p;
            if (deltaHueDegrees > 180)
            {
                deltaHueDegrees -= 360;
            }
            else if (deltaHueDegrees < -180)
            {
                deltaHueDegrees += 360;
            }
        }

        var deltaHp = 2 * Math.Sqrt(chromaProduct) * Math.Sin(DegreesToRadians(deltaHueDegrees / 2));

        var lBarP = (a.L + b.L) / 2;
        var cBarP = (c1p + c2p) / 2;
        double hBarP;
        if (chromaProduct == 0)
        {
            hBarP = h1p + h2p;
        }
        else if (Math.Abs(h1p - h2p) <= 180)
        {
            hBarP = (h1p + h2p) / 2;
        }
        else if (h1p + h2p < 360)
        {
            hBarP = (h1p + h2p + 360) / 2;
        }
        else
        {
            hBarP = (h1p + h2p - 360) / 2;
        }

        var t = 1
            - (0.17 * Math.Cos(DegreesToRadians(hBarP - 30)))
            + (0.24 * Math.Cos(DegreesToRadians(2 * hBarP)))
            + (0.32 * Math.Cos(DegreesToRadians((3 * hBarP) + 6)))
            - (0.20 * Math.Cos(DegreesToRadians((4 * hBarP) - 63)));
        var deltaTheta = 30 * Math.Exp(-Math.Pow((hBarP - 275) / 25, 2));
        var cBarP7 = Math.Pow(cBarP, 7);
        var rC = 2 * Math.Sqrt(cBarP7 / (cBarP7 + Pow25To7));
        var lOffset = (lBarP - 50) * (lBarP - 50);
        var sL = 1 + (0.015 * lOffset / Math.Sqrt(20 + lOffset));
        var sC = 1 + (0.045 * cBarP);
        var sH = 1 + (0.015 * cBarP * t);
        var rT = -Math.Sin(DegreesToRadians(2 * deltaTheta)) * rC;

        var dL = deltaLp / sL;
        var dC = deltaCp / sC;
        var dH = deltaHp / sH;
        return Math.Sqrt((dL * dL) + (dC * dC) + (dH * dH) + (rT * dC * dH));
    }

    private static double F(double t) => t > Epsilon ? Math.Cbrt(t) : ((Kappa * t) + 16) / 116;

    private static double FInverse(double f)
    {
        var cube = f * f * f;
        return cube > Epsilon ? cube : ((116 * f) - 16) / Kappa;
    }

    private static double HueDegrees(double b, double aPrime)
    {
        if (b == 0 && aPrime == 0)
        {
            return 0;
        }

        var degrees = Math.Atan2(b, aPrime) * (180 / Math.PI);
        return degrees < 0 ? degrees + 360 : degrees;
    }

    private static double DegreesToRadians(double degrees) => degrees * (Math.PI / 180);

    private static void WriteByte(byte value, Span<char> destination)
    {
        const string Digits = "0123456789abcdef";
        destination[0] = Digits[value >> 4];
        destination[1] = Digits[value & 0xF];
    }
}
