namespace SynVid.Textures;

/// <summary>
/// StyleGAN-Oriented forward pass in the exact rank-1 form of docs/reference-textures.md §2.5, entirely in managed code (so it is
/// identical for every thread count): per layer only the 40 kernel-group sums Z_k and one filtered map U are formed;
/// channels are never materialised (see <see cref="OrientedActivation"/>).
/// </summary>
public static class OrientedStyleGan
{
    // [1,3,3,1]/8 with the per-axis half (×2) of upfirdn2d's gain 4.
    private static readonly float[] _fir = [0.25f, 0.75f, 0.75f, 0.25f];

    /// <summary>Runs the network; returns channel-major planes [3, R, R] before output normalisation.</summary>
    public static float[] Forward(StyleGanOptions options, StyleGanNetwork network, OrientedForwardDraws draws, float[][] ws)
    {
        var noiseSide = draws.NoiseSide;
        var c4 = options.Channels(4);
        var x0 = new float[c4 * 16];
        TensorTransfer.CopyToSpan(network.Constant, x0);
        OrientedActivation? x = null;
        float[][]? image = null;
        var layer = 0;
        var block = 0;
        var resolution = 4;
        foreach (var r in options.Blocks)
        {
            for (var k = 0; k < (r == 4 ? 1 : 2); k++)
            {
                var up = r != 4 && k == 0;
                var draw = draws.Layers[layer];
                var styles = StyleGanNetwork.Styles(network.ConvAffines[layer], ws[layer]);
                var cin = styles.Length;
                const int bank = OrientedWaveletBank.Count;
                var grouping = new float[bank * cin];
                double energy = 0;
                for (var i = 0; i < cin; i++)
                {
                    var kernel = draw.KernelOfInput[i];
                    grouping[kernel * cin + i] = (float)styles[i];
                    energy += styles[i] * styles[i] * OrientedWaveletBank.SquaredNorms[kernel];
                }
                var z = x is null ? DenseReadOut(x0, grouping, bank, cin, 16) : x.ReadOut(grouping, bank);
                var u = up ? ConvTransposeUp(z, resolution) : ConvSame(z, resolution);
                if (up)
                {
                    resolution *= 2;
                }
                HistogramMatching.Affine(u, (float)(1 / Math.Sqrt(energy + 1e-8)), 0f);
                var noise = AreaDown(draws.NoiseMap, noiseSide, resolution);
                HistogramMatching.Affine(noise, (float)draw.NoiseStrength, 0f);
                x = new OrientedActivation(u, noise, resolution, draw.Signs, draw.Biases);
                layer++;
            }
            var c = options.Channels(r);
            var toRgbStyles = StyleGanNetwork.Styles(network.ToRgbAffines[block], ws[layer]);
            var weights = new float[3 * c];
            for (var ch = 0; ch < 3; ch++)
            {
                for (var i = 0; i < c; i++)
                {
                    weights[ch * c + i] = (float)(draws.ToRgbWeights[block][ch * c + i] * toRgbStyles[i] / Math.Sqrt(c));
                }
            }
            var y = x!.ReadOut(weights, 3);
            if (image is not null)
            {
                for (var ch = 0; ch < 3; ch++)
                {
                    var upsampled = Upsample2(image[ch], r / 2);
                    for (var p = 0; p < upsampled.Length; p++)
                    {
                        y[ch][p] += upsampled[p];
                    }
                }
            }
            image = y;
            block++;
        }
        return image!.SelectMany(p => p).ToArray();
    }

    // Z[k, p] = Σ_i G[k, i]·x[i, p] for the dense constant input.
    private static float[][] DenseReadOut(float[] x, float[] grouping, int k, int cin, int plane)
    {
        var z = new float[k][];
        for (var r = 0; r < k; r++)
        {
            z[r] = new float[plane];
            for (var i = 0; i < cin; i++)
            {
                var g = grouping[r * cin + i];
                if (g == 0)
                {
                    continue;
                }
                for (var p = 0; p < plane; p++)
                {
                    z[r][p] += g * x[i * plane + p];
                }
            }
        }
        return z;
    }

    /// <summary>U = Σ_k K_k ⋆ Z_k: 'same' 3×3 cross-correlation with zero padding (conv1).</summary>
    public static float[] ConvSame(float[][] z, int n)
    {
        var u = new float[n * n];
        for (var k = 0; k < z.Length; k++)
        {
            var kernel = OrientedWaveletBank.Kernels[k];
            var src = z[k];
            if (IsZero(src))
            {
                continue;
            }
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    var w = kernel[(dy + 1) * 3 + dx + 1];
                    if (w == 0)
                    {
                        continue;
                    }
                    var y0 = Math.Max(0, -dy);
                    var y1 = Math.Min(n, n - dy);
                    var x0 = Math.Max(0, -dx);
                    var x1 = Math.Min(n, n - dx);
                    for (var y = y0; y < y1; y++)
                    {
                        var dst = u.AsSpan(y * n + x0, x1 - x0);
                        var s = src.AsSpan((y + dy) * n + x0 + dx, x1 - x0);
                        for (var x = 0; x < dst.Length; x++)
                        {
                            dst[x] += w * s[x];
                        }
                    }
                }
            }
        }
        return u;
    }

    /// <summary>
    /// conv0: transposed conv with stride 2 (size 2n+1, the kernel acting as a true convolution), then the FIR with
    /// 1 pixel of zero padding on each side, keeping the valid 2n×2n part (conv2d_resample).
    /// </summary>
    public static float[] ConvTransposeUp(float[][] z, int n)
    {
        var m = 2 * n + 1;
        var t = new float[m * m];
        for (var k = 0; k < z.Length; k++)
        {
            var kernel = OrientedWaveletBank.Kernels[k];
            var src = z[k];
            if (IsZero(src))
            {
                continue;
            }
            for (var ky = 0; ky < 3; ky++)
            {
                for (var kx = 0; kx < 3; kx++)
                {
                    var w = kernel[ky * 3 + kx];
                    if (w == 0)
                    {
                        continue;
                    }
                    for (var y = 0; y < n; y++)
                    {
                        var row = (2 * y + ky) * m + kx;
                        for (var x = 0; x < n; x++)
                        {
                            t[row + 2 * x] += w * src[y * n + x];
                        }
                    }
                }
            }
        }
        return FirValid(t, m, 2 * n, offset: -1);
    }

    /// <summary>upfirdn2d ×2 of one image plane: zero insertion, padding (2, 1), FIR, gain 4.</summary>
    public static float[] Upsample2(float[] plane, int n)
    {
        var m = 2 * n;
        var inserted = new float[m * m];
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                inserted[2 * y * m + 2 * x] = plane[y * n + x];
            }
        }
        return FirValid(inserted, m, m, offset: -2);
    }

    // out[i] = Σ_t f[t]·in[i + t + offset] per axis (zero outside), separable, for an m×m input and o×o output.
    private static float[] FirValid(float[] input, int m, int o, int offset)
    {
        var rows = new float[m * o];
        for (var y = 0; y < m; y++)
        {
            for (var x = 0; x < o; x++)
            {
                float acc = 0;
                for (var t = 0; t < 4; t++)
                {
                    var sx = x + t + offset;
                    if ((uint)sx < (uint)m)
                    {
                        acc += _fir[t] * input[y * m + sx];
                    }
                }
                rows[y * o + x] = acc;
            }
        }
        var output = new float[o * o];
        for (var y = 0; y < o; y++)
        {
            for (var t = 0; t < 4; t++)
            {
                var sy = y + t + offset;
                if ((uint)sy >= (uint)m)
                {
                    continue;
                }
                var f = _fir[t];
                var src = rows.AsSpan(sy * o, o);
                var dst = output.AsSpan(y * o, o);
                for (var x = 0; x < o; x++)
                {
                    dst[x] += f * src[x];
                }
            }
        }
        return output;
    }

    /// <summary>Block means of an s×s map down to r×r ('area' interpolation).</summary>
    public static float[] AreaDown(float[] map, int s, int r)
    {
        var f = s / r;
        var output = new float[r * r];
        var scale = 1f / (f * f);
        for (var y = 0; y < s; y++)
        {
            var orow = y / f * r;
            for (var x = 0; x < s; x++)
            {
                output[orow + x / f] += map[y * s + x];
            }
        }
        HistogramMatching.Affine(output, scale, 0f);
        return output;
    }

    private static bool IsZero(float[] values)
    {
        foreach (var v in values)
        {
            if (v != 0)
            {
                return false;
            }
        }
        return true;
    }
}
