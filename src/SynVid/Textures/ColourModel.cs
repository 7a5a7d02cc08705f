namespace SynVid.Textures;

/// <summary>
/// The colour model of a statistical texture (docs/reference-textures.md §1.2a, MATLAB convention): a blurred, dithered "Mondrian"
/// of 3–22 colours whose PCA gives the colour frame V (columns = eigenvectors by decreasing eigenvalue) and mean μ, and
/// the 256-bin histograms of its three decorrelated channels D = Vᵀ(ref − μ).
/// </summary>
public sealed class ColourModel
{
    private ColourModel(double[,] basis, double[] mean, HistogramTemplate[] histograms)
    {
        Basis = basis;
        Mean = mean;
        Histograms = histograms;
    }

    /// <summary>V: 3×3, column k is the k-th principal colour direction.</summary>
    public double[,] Basis { get; }

    /// <summary>μ: the reference image's per-channel mean (0 … 256 scale).</summary>
    public double[] Mean { get; }

    /// <summary>Target histograms of the three decorrelated channels.</summary>
    public HistogramTemplate[] Histograms { get; }

    /// <summary>Samples the model for an n×n texture. Draw order: Ncolors, proportions, labels, colours, blur size, dither.</summary>
    public static ColourModel Sample(TextureRng rng, int n)
    {
        var nColors = 3 + (int)Math.Floor(rng.Uniform() * 20);
        var proportions = new double[nColors];
        for (var k = 0; k < nColors; k++)
        {
            proportions[k] = 0.001 + rng.Uniform();
        }
        var total = proportions.Sum();
        var cumulative = new double[nColors];
        double acc = 0;
        for (var k = 0; k < nColors; k++)
        {
            acc += proportions[k] / total;
            cumulative[k] = acc;
        }
        // Multinomial pixel counts, laid out as sorted labels filled column-major (vertical bands), as MATLAB does.
        var counts = new int[nColors];
        for (var p = 0; p < n * n; p++)
        {
            var u = rng.Uniform();
            var k = 0;
            while (k < nColors - 1 && u >= cumulative[k])
            {
                k++;
            }
            counts[k]++;
        }
        var colours = new double[nColors, 3];
        for (var k = 0; k < nColors; k++)
        {
            for (var c = 0; c < 3; c++)
            {
                colours[k, c] = rng.Uniform() * 256;
            }
        }
        var plane = n * n;
        var reference = new float[3 * plane];
        var label = 0;
        var left = counts[0];
        for (var x = 0; x < n; x++)
        {
            for (var y = 0; y < n; y++)
            {
                while (left == 0)
                {
                    label++;
                    left = counts[label];
                }
                left--;
                for (var c = 0; c < 3; c++)
                {
                    reference[c * plane + y * n + x] = (float)colours[label, c];
                }
            }
        }
        var m = (int)Math.Ceiling(rng.Uniform() * 10);
        for (var c = 0; c < 3; c++)
        {
            BoxBlurZeroPadded(reference.AsSpan(c * plane, plane), n, Math.Max(m, 1));
        }
        // MATLAB's per-pixel dither 10·U(0,1): turns each colour's spike into a ~10-level-wide bump.
        for (var i = 0; i < reference.Length; i++)
        {
            reference[i] += (float)(10 * rng.Uniform());
        }
        var (min, max) = HistogramMatching.MinMax(reference);
        var gain = max > min ? 256f / (max - min) : 0f;
        HistogramMatching.Affine(reference, gain, -min * gain);
        return FromReference(reference, n);
    }

    /// <summary>Colour PCA and decorrelated-channel histograms of a 3×n×n reference image (channel-major).</summary>
    public static ColourModel FromReference(float[] reference, int n)
    {
        var plane = n * n;
        var mean = new double[3];
        for (var c = 0; c < 3; c++)
        {
            mean[c] = HistogramMatching.Moments(reference.AsSpan(c * plane, plane)).Mean;
        }
        var scatter = new double[3, 3];
        for (var p = 0; p < plane; p++)
        {
            var x0 = reference[p] - mean[0];
            var x1 = reference[plane + p] - mean[1];
            var x2 = reference[2 * plane + p] - mean[2];
            scatter[0, 0] += x0 * x0;
            scatter[0, 1] += x0 * x1;
            scatter[0, 2] += x0 * x2;
            scatter[1, 1] += x1 * x1;
            scatter[1, 2] += x1 * x2;
            scatter[2, 2] += x2 * x2;
        }
        scatter[1, 0] = scatter[0, 1];
        scatter[2, 0] = scatter[0, 2];
        scatter[2, 1] = scatter[1, 2];
        var basis = SymmetricEigen3.EigenvectorsByDecreasingEigenvalue(scatter);
        var decorrelated = new float[3 * plane];
        Project(reference, decorrelated, basis, mean, plane, transpose: true);
        var histograms = new HistogramTemplate[3];
        for (var k = 0; k < 3; k++)
        {
            histograms[k] = HistogramTemplate.FromSamples(decorrelated.AsSpan(k * plane, plane), 256);
        }
        return new ColourModel(basis, mean, histograms);
    }

    /// <summary>Decorrelated → RGB: T ← V·T + μ per pixel (channel-major planes).</summary>
    public void Correlate(float[] planes, int plane)
    {
        var result = new float[planes.Length];
        var zero = new double[3];
        Project(planes, result, Basis, zero, plane, transpose: false);
        for (var c = 0; c < 3; c++)
        {
            var span = result.AsSpan(c * plane, plane);
            HistogramMatching.Affine(span, 1f, (float)Mean[c]);
        }
        result.CopyTo(planes, 0);
    }

    // transpose: out = Vᵀ(in − μ); otherwise out = V(in − μ).
    private static void Project(float[] input, float[] output, double[,] v, double[] mean, int plane, bool transpose)
    {
        var w = new float[3, 3];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                w[r, c] = (float)(transpose ? v[c, r] : v[r, c]);
            }
        }
        for (var p = 0; p < plane; p++)
        {
            var x0 = (float)(input[p] - mean[0]);
            var x1 = (float)(input[plane + p] - mean[1]);
            var x2 = (float)(input[2 * plane + p] - mean[2]);
            output[p] = w[0, 0] * x0 + w[0, 1] * x1 + w[0, 2] * x2;
            output[plane + p] = w[1, 0] * x0 + w[1, 1] * x1 + w[1, 2] * x2;
            output[2 * plane + p] = w[2, 0] * x0 + w[2, 1] * x1 + w[2, 2] * x2;
        }
    }

    // 'same'-size m×m mean filter with zero padding (MATLAB conv2/imfilter default), as two 1-D running sums.
    private static void BoxBlurZeroPadded(Span<float> image, int n, int m)
    {
        if (m == 1)
        {
            return;
        }
        var before = (m - 1) / 2;
        var tmp = new float[n * n];
        var line = new double[n + 1];
        for (var y = 0; y < n; y++)
        {
            line[0] = 0;
            for (var x = 0; x < n; x++)
            {
                line[x + 1] = line[x] + image[y * n + x];
            }
            for (var x = 0; x < n; x++)
            {
                var lo = Math.Max(x - before, 0);
                var hi = Math.Min(x - before + m, n);
                tmp[y * n + x] = (float)(line[hi] - line[lo]);
            }
        }
        for (var x = 0; x < n; x++)
        {
            line[0] = 0;
            for (var y = 0; y < n; y++)
            {
                line[y + 1] = line[y] + tmp[y * n + x];
            }
            for (var y = 0; y < n; y++)
            {
                var lo = Math.Max(y - before, 0);
                var hi = Math.Min(y - before + m, n);
                image[y * n + x] = (float)((line[hi] - line[lo]) / (m * m));
            }
        }
    }
}
