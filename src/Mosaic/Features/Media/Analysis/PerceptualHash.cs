using System.Numerics;

namespace Mosaic.Features.Media.Analysis;

/// <summary>
/// The DCT perceptual hash (pHash, Zauner 2010; as described by N. Krawetz, "Looks Like It",
/// hackerfactor.com 2011): near-duplicate images have hashes a small Hamming distance apart.
/// </summary>
public static class PerceptualHash
{
    private const int Size = 32;
    private const int LowFrequencies = 8;

    // Coefficients are sums of up to 1,024 luminance values (0..255); rounding leaves about 1e-12
    // where the exact value is 0, and one level of change in a single pixel moves them by far
    // more than 1e-6.
    private const double ZeroTolerance = 1e-6;

    // cos((2x + 1)·u·π / 64) for the 8 lowest frequencies u and the 32 sample positions x: the
    // only DCT-II basis values the hash reads, so the other 24 frequencies are never computed.
    private static readonly double[] Basis = BuildBasis();

    /// <summary>
    /// Luminance (Rec. 601 weights, alpha ignored), area-averaged to 32×32, 2-D DCT-II, then one
    /// bit per coefficient of the top-left 8×8 block, set when it exceeds the median of that
    /// block's 63 AC terms. The DC term is kept out of the median because it only measures
    /// overall brightness and would skew it; its own bit is nearly always set. Bit 63 is (0,0),
    /// then row by row. Allocation-free.
    /// </summary>
    public static ulong Compute(PixelBuffer pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        Span<double> grid = stackalloc double[Size * Size];
        Downsample(pixels, grid);

        // Separable DCT: rows first (32 rows × 8 frequencies), then columns for the 8×8 block.
        Span<double> rows = stackalloc double[Size * LowFrequencies];
        for (var y = 0; y < Size; y++)
        {
            var row = grid.Slice(y * Size, Size);
            for (var u = 0; u < LowFrequencies; u++)
            {
                var basis = Basis.AsSpan(u * Size, Size);
                var sum = 0.0;
                for (var x = 0; x < Size; x++)
                {
                    sum += row[x] * basis[x];
                }

                rows[(y * LowFrequencies) + u] = sum;
            }
        }

        Span<double> coefficients = stackalloc double[LowFrequencies * LowFrequencies];
        for (var v = 0; v < LowFrequencies; v++)
        {
            var basis = Basis.AsSpan(v * Size, Size);
            for (var u = 0; u < LowFrequencies; u++)
            {
                var sum = 0.0;
                for (var y = 0; y < Size; y++)
                {
                    sum += rows[(y * LowFrequencies) + u] * basis[y];
                }

                // Flat and synthetic images have many exactly-zero coefficients; snapping the rounding
                // noise to 0 keeps their bits from depending on it, so a flat image always hashes
                // alike whatever its size or colour.
                coefficients[(v * LowFrequencies) + u] = Math.Abs(sum) < ZeroTolerance ? 0 : sum;
            }
        }

        // 63 AC terms: the median is the 32nd smallest, itself one of the terms.
        Span<double> ac = stackalloc double[(LowFrequencies * LowFrequencies) - 1];
        coefficients[1..].CopyTo(ac);
        ac.Sort();
        var median = ac[ac.Length / 2];

        var hash = 0UL;
        for (var i = 0; i < coefficients.Length; i++)
        {
            if (coefficients[i] > median)
            {
                hash |= 1UL << (63 - i);
            }
        }

        return hash;
    }

    /// <summary>Hamming distance: how many of the 64 bits differ.</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>
    /// Box-filter resampling to 32×32: each output cell is the mean luminance of the source area
    /// it covers, with partial pixels weighted by their overlap. Works for sources smaller than
    /// 32 too, where a cell covers part of one or two pixels.
    /// </summary>
    private static void Downsample(PixelBuffer pixels, Span<double> grid)
    {
        int width = pixels.Width, height = pixels.Height, bands = pixels.Bands;
        var source = pixels.Pixels;
        var cellWidth = (double)width / Size;
        var cellHeight = (double)height / Size;
        grid.Clear();
        Span<double> rowCells = stackalloc double[Size];

        for (var y = 0; y < height; y++)
        {
            var offset = y * width * bands;
            for (var cx = 0; cx < Size; cx++)
            {
                var start = cx * cellWidth;
                var end = start + cellWidth;
                var sum = 0.0;
                for (var x = (int)start; x < end && x < width; x++)
                {
                    var coverage = Math.Min(end, x + 1) - Math.Max(start, x);
                    var p = offset + (x * bands);
                    sum += coverage * ((0.299 * source[p]) + (0.587 * source[p + 1]) + (0.114 * source[p + 2]));
                }

                rowCells[cx] = sum / cellWidth;
            }

            // Spread this source row over the output rows whose span [cy·h/32, (cy+1)·h/32) it overlaps.
            var firstCell = (int)(y / cellHeight);
            for (var cy = firstCell; cy < Size && cy * cellHeight < y + 1; cy++)
            {
                var coverage = Math.Min((cy + 1) * cellHeight, y + 1) - Math.Max(cy * cellHeight, y);
                if (coverage <= 0)
                {
                    continue;
                }

                var target = grid.Slice(cy * Size, Size);
                for (var cx = 0; cx < Size; cx++)
                {
                    target[cx] += coverage * rowCells[cx];
                }
            }
        }

        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] /= cellHeight;
        }
    }

    private static double[] BuildBasis()
    {
        var basis = new double[LowFrequencies * Size];
        for (var u = 0; u < LowFrequencies; u++)
        {
            for (var x = 0; x < Size; x++)
            {
                basis[(u * Size) + x] = Math.Cos(((2 * x) + 1) * u * Math.PI / (2 * Size));
            }
        }

        return basis;
    }
}
