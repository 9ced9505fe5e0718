using System.Buffers;

namespace Mosaic.Features.Media.Analysis;

/// <summary>Dominant colours by k-means clustering in CIELAB.</summary>
public static class Palette
{
    public const int MaxColorsLimit = 32;

    /// <summary>Pixels sampled at most; a 256 px image has 65,536, and a quarter of them estimates shares to well under 1%.</summary>
    public const int MaxSamples = 16_384;

    private const int MaxIterations = 24;
    private const double MergeDeltaE = 5.0;
    private const double MinWeight = 0.01;
    private const byte MinAlpha = 128;

    // Fixed so the same upload always yields the same palette (and the same colour tags).
    private const ulong Seed = 0x4D6F7361_69635061; // "MosaicPa"

    /// <summary>
    /// Clusters the opaque pixels (alpha ≥ 128) into at most <paramref name="maxColors"/> colours:
    /// k-means++ seeding (Arthur and Vassilvitskii, 2007) with a fixed seed, Lloyd iterations under
    /// Euclidean Lab distance (ΔE76, which is what a mean minimises), then clusters closer than
    /// ΔE2000 5 merged and clusters under 1% dropped. Weights sum to 1, heaviest first; an image
    /// with no opaque pixels has an empty palette.
    /// </summary>
    public static IReadOnlyList<PaletteColor> Extract(PixelBuffer pixels, int maxColors = 8)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxColors, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxColors, MaxColorsLimit);

        var stride = PixelSampler.Stride(pixels, MaxSamples);
        var capacity = PixelSampler.Count(pixels, stride);
        var samples = ArrayPool<double>.Shared.Rent(capacity * 3);
        var distances = ArrayPool<double>.Shared.Rent(capacity);
        var assignments = ArrayPool<int>.Shared.Rent(capacity);
        try
        {
            var n = SampleOpaque(pixels, stride, samples);
            if (n == 0)
            {
                return [];
            }

            Span<double> centres = stackalloc double[MaxColorsLimit * 3];
            var k = SeedCentres(samples, n, maxColors, centres, distances);
            Span<int> counts = stackalloc int[MaxColorsLimit];
            Cluster(samples, n, centres[..(k * 3)], counts[..k], assignments);
            return Summarise(centres[..(k * 3)], counts[..k], n);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(assignments);
            ArrayPool<double>.Shared.Return(distances);
            ArrayPool<double>.Shared.Return(samples);
        }
    }

    private static int SampleOpaque(PixelBuffer pixels, int stride, double[] samples)
    {
        var source = pixels.Pixels;
        var bands = pixels.Bands;
        var total = (long)pixels.Width * pixels.Height;
        var n = 0;
        var previous = -1;
        var lab = default(Lab);
        for (long p = 0; p < total; p += stride)
        {
            var offset = (int)(p * bands);
            if (bands == 4 && source[offset + 3] < MinAlpha)
            {
                continue;
            }

            // Flat regions repeat one colour many times in a row; skip the cube roots for them.
            var rgb = (source[offset] << 16) | (source[offset + 1] << 8) | source[offset + 2];
            if (rgb != previous)
            {
                lab = Cielab.FromSrgb(source[offset], source[offset + 1], source[offset + 2]);
                previous = rgb;
            }

            samples[n * 3] = lab.L;
            samples[(n * 3) + 1] = lab.A;
            samples[(n * 3) + 2] = lab.B;
            n++;
        }

        return n;
    }

    /// <summary>k-means++ seeding; stops early when every sample already sits on a centre (fewer distinct colours than k).</summary>
    private static int SeedCentres(double[] samples, int n, int maxColors, Span<double> centres, double[] distances)
    {
        var random = new SplitMix64(Seed);
        var first = random.NextInt(n);
        centres[0] = samples[first * 3];
        centres[1] = samples[(first * 3) + 1];
        centres[2] = samples[(first * 3) + 2];
        for (var p = 0; p < n; p++)
        {
            distances[p] = SquaredDistance(samples, p, centres, 0);
        }

        var k = 1;
        while (k < maxColors)
        {
            var total = 0.0;
            for (var p = 0; p < n; p++)
            {
                total += distances[p];
            }

            if (total <= 0)
            {
                break;
            }

            // Pick a sample with probability proportional to its squared distance from the nearest centre.
            var target = random.NextDouble() * total;
            var chosen = -1;
            var cumulative = 0.0;
            for (var p = 0; p < n; p++)
            {
                if (distances[p] <= 0)
                {
                    continue;
                }

                chosen = p;
                cumulative += distances[p];
                if (cumulative > target)
                {
                    break;
                }
            }

            centres[k * 3] = samples[chosen * 3];
            centres[(k * 3) + 1] = samples[(chosen * 3) + 1];
            centres[(k * 3) + 2] = samples[(chosen * 3) + 2];
            for (var p = 0; p < n; p++)
            {
                var d = SquaredDistance(samples, p, centres, k);
                if (d < distances[p])
                {
                    distances[p] = d;
                }
            }

            k++;
        }

        return k;
    }

    /// <summary>Lloyd's algorithm, capped at <see cref="MaxIterations"/> passes; leaves the last pass's cluster sizes in <paramref name="counts"/>.</summary>
    private static void Cluster(double[] samples, int n, Span<double> centres, Span<int> counts, int[] assignments)
    {
        var k = counts.Length;
        Span<double> sums = stackalloc double[MaxColorsLimit * 3];
        Array.Fill(assignments, -1, 0, n);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var changed = 0;
            sums.Clear();
            counts.Clear();
            for (var p = 0; p < n; p++)
            {
                var l = samples[p * 3];
                var a = samples[(p * 3) + 1];
                var b = samples[(p * 3) + 2];
                var best = 0;
                var bestDistance = double.MaxValue;
                for (var c = 0; c < k; c++)
                {
                    var dl = l - centres[c * 3];
                    var da = a - centres[(c * 3) + 1];
                    var db = b - centres[(c * 3) + 2];
                    var d = (dl * dl) + (da * da) + (db * db);
                    if (d < bestDistance)
                    {
                        bestDistance = d;
                        best = c;
                    }
                }

                if (assignments[p] != best)
                {
                    assignments[p] = best;
                    changed++;
                }

                counts[best]++;
                sums[best * 3] += l;
                sums[(best * 3) + 1] += a;
                sums[(best * 3) + 2] += b;
            }

            // An emptied cluster keeps its old centre and a count of 0, so the weight filter drops it.
            for (var c = 0; c < k; c++)
            {
                if (counts[c] > 0)
                {
                    centres[c * 3] = sums[c * 3] / counts[c];
                    centres[(c * 3) + 1] = sums[(c * 3) + 1] / counts[c];
                    centres[(c * 3) + 2] = sums[(c * 3) + 2] / counts[c];
                }
            }

            // Once under 0.1% of samples switch cluster, further passes move centres by a small
            // fraction of the ΔE 5 merge distance; waiting for exactly zero can take dozens of
            // passes on noisy images.
            if (changed <= n / 1000)
            {
                break;
            }
        }
    }

    private static PaletteColor[] Summarise(ReadOnlySpan<double> centres, ReadOnlySpan<int> counts, int n)
    {
        var k = counts.Length;
        var labs = new Lab[k];
        var weights = new double[k];
        for (var c = 0; c < k; c++)
        {
            labs[c] = new Lab(centres[c * 3], centres[(c * 3) + 1], centres[(c * 3) + 2]);
            weights[c] = (double)counts[c] / n;
        }

        // Merge the closest pair while it is perceptually the same colour; k ≤ 32 keeps this cheap.
        var live = k;
        while (live > 1)
        {
            int first = -1, second = -1;
            var closest = double.MaxValue;
            for (var i = 0; i < live; i++)
            {
                for (var j = i + 1; j < live; j++)
                {
                    var d = Cielab.DeltaE2000(labs[i], labs[j]);
                    if (d < closest)
                    {
                        closest = d;
                        first = i;
                        second = j;
                    }
                }
            }

            if (closest >= MergeDeltaE)
            {
                break;
            }

            var merged = weights[first] + weights[second];
            if (merged > 0)
            {
                var wa = weights[first] / merged;
                var wb = weights[second] / merged;
                labs[first] = new Lab(
                    (labs[first].L * wa) + (labs[second].L * wb),
                    (labs[first].A * wa) + (labs[second].A * wb),
                    (labs[first].B * wa) + (labs[second].B * wb));
            }

            weights[first] = merged;
            live--;
            labs[second] = labs[live];
            weights[second] = weights[live];
        }

        var kept = 0;
        var keptWeight = 0.0;
        for (var c = 0; c < live; c++)
        {
            if (weights[c] >= MinWeight)
            {
                labs[kept] = labs[c];
                weights[kept] = weights[c];
                keptWeight += weights[c];
                kept++;
            }
        }

        var palette = new PaletteColor[kept];
        for (var c = 0; c < kept; c++)
        {
            var lab = labs[c];
            palette[c] = new PaletteColor(Cielab.ToHex(lab), lab.L, lab.A, lab.B, weights[c] / keptWeight);
        }

        // Ties fall back to lightness so the order never depends on sort stability.
        Array.Sort(palette, static (x, y) =>
        {
            var byWeight = y.Weight.CompareTo(x.Weight);
            return byWeight != 0 ? byWeight : y.L.CompareTo(x.L);
        });
        return palette;
    }

    private static double SquaredDistance(double[] samples, int p, ReadOnlySpan<double> centres, int c)
    {
        var dl = samples[p * 3] - centres[c * 3];
        var da = samples[(p * 3) + 1] - centres[(c * 3) + 1];
        var db = samples[(p * 3) + 2] - centres[(c * 3) + 2];
        return (dl * dl) + (da * da) + (db * db);
    }

    /// <summary>
    /// SplitMix64 (Steele, Lea and Flood, 2014): a few lines, and unlike <see cref="Random"/> its
    /// sequence for a seed is fixed by this code rather than by the runtime version.
    /// </summary>
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1) from the top 53 bits.</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        public int NextInt(int exclusiveMax) => (int)(NextDouble() * exclusiveMax);
    }
}
