namespace Mosaic.Features.Media.Analysis;

/// <summary>The sRGB transfer function (IEC 61966-2-1) shared by the analysers.</summary>
internal static class Srgb
{
    // Every input is one of 256 bytes, so decoding is a table read rather than a Math.Pow per channel.
    private static readonly double[] LinearTable = BuildLinearTable();

    public static double ToLinear(byte value) => LinearTable[value];

    /// <summary>Encodes a linear value (clamped to 0..1) to the nearest 8-bit sRGB value.</summary>
    public static int ToByte(double linear)
    {
        var v = Math.Clamp(linear, 0.0, 1.0);
        var encoded = v <= 0.0031308 ? v * 12.92 : (1.055 * Math.Pow(v, 1.0 / 2.4)) - 0.055;
        return (int)((encoded * 255.0) + 0.5);
    }

    private static double[] BuildLinearTable()
    {
        var table = new double[256];
        for (var i = 0; i < table.Length; i++)
        {
            var v = i / 255.0;
            table[i] = v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }

        return table;
    }
}
