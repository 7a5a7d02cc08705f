namespace SynVid.Textures;

/// <summary>
/// The output of an oriented layer without its channel dimension: channel o is x_o = √2·max(0, σ_o·U + N + b_o), so
/// (U, N, σ, b) describe all C channels exactly. Linear read-outs Σ_o c_o·x_o (the next layer's kernel groups, ToRGB)
/// are evaluated per pixel from prefix sums over channels sorted by bias: O(log C + K) per pixel for K read-outs
/// instead of O(C·K).
/// </summary>
public sealed class OrientedActivation(float[] u, float[] noise, int resolution, float[] signs, float[] biases)
{
    private static readonly float _sqrt2 = MathF.Sqrt(2);

    /// <summary>Side of the maps.</summary>
    public int Resolution { get; } = resolution;

    /// <summary>Number of channels C.</summary>
    public int Channels => signs.Length;

    /// <summary>Channel <paramref name="o"/> materialised (for tests and the dense reference).</summary>
    public float[] Channel(int o)
    {
        var x = new float[u.Length];
        for (var p = 0; p < x.Length; p++)
        {
            x[p] = _sqrt2 * Math.Max(0, signs[o] * u[p] + noise[p] + biases[o]);
        }
        return x;
    }

    /// <summary>
    /// out[k, p] = Σ_o coefficients[k, o]·x_o(p) for K read-outs (coefficients row-major K × C); returns K planes.
    /// </summary>
    public float[][] ReadOut(float[] coefficients, int k)
    {
        var plane = Resolution * Resolution;
        var output = new float[k][];
        for (var j = 0; j < k; j++)
        {
            output[j] = new float[plane];
        }
        foreach (var sign in new[] { 1f, -1f })
        {
            // Channels of this sign sorted by decreasing bias: for a pre-activation v the active ones (b > −v) are a prefix.
            var channels = Enumerable.Range(0, Channels).Where(o => signs[o] == sign).OrderByDescending(o => biases[o]).ThenBy(o => o).ToArray();
            var m = channels.Length;
            if (m == 0)
            {
                continue;
            }
            var sortedBias = channels.Select(o => biases[o]).ToArray();
            // slope[j·K + r] = Σ_{t<j} c[r, ch_t]; offset[j·K + r] = Σ_{t<j} c[r, ch_t]·b_{ch_t} (accumulated in double).
            var slope = new float[(m + 1) * k];
            var offset = new float[(m + 1) * k];
            for (var r = 0; r < k; r++)
            {
                double s = 0, o = 0;
                for (var t = 0; t < m; t++)
                {
                    var c = coefficients[r * Channels + channels[t]];
                    s += c;
                    o += (double)c * sortedBias[t];
                    slope[(t + 1) * k + r] = (float)(_sqrt2 * s);
                    offset[(t + 1) * k + r] = (float)(_sqrt2 * o);
                }
            }
            for (var p = 0; p < plane; p++)
            {
                var v = sign * u[p] + noise[p];
                var active = CountGreater(sortedBias, -v);
                if (active == 0)
                {
                    continue;
                }
                var row = active * k;
                for (var r = 0; r < k; r++)
                {
                    output[r][p] += slope[row + r] * v + offset[row + r];
                }
            }
        }
        return output;
    }

    // Number of leading entries of a decreasing array that are > threshold.
    private static int CountGreater(float[] decreasing, float threshold)
    {
        int lo = 0, hi = decreasing.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (decreasing[mid] > threshold)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
