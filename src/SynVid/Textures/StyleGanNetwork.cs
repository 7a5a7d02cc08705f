using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>
/// The per-instance parameters of an untrained StyleGAN synthesis network, all N(0,1) (docs/reference-textures.md §2.3–2.5): the
/// constant input X0, one style affine per conv layer and per ToRGB, and for the random variant the dense conv and
/// ToRGB weights. Redrawn every <see cref="StyleGanOptions.ReinitEvery"/> images.
/// </summary>
public sealed class StyleGanNetwork : IDisposable
{
    private StyleGanNetwork(Tensor constant, float[][] convAffines, float[][] toRgbAffines, Tensor[]? convWeights, Tensor[]? toRgbWeights)
    {
        Constant = constant;
        ConvAffines = convAffines;
        ToRgbAffines = toRgbAffines;
        ConvWeights = convWeights;
        ToRgbWeights = toRgbWeights;
    }

    /// <summary>X0: [C(4), 4, 4].</summary>
    public Tensor Constant { get; }

    /// <summary>Per conv layer, the affine A (Cin × w_dim, row-major).</summary>
    public float[][] ConvAffines { get; }

    /// <summary>Per block, the ToRGB affine B (C × w_dim).</summary>
    public float[][] ToRgbAffines { get; }

    /// <summary>Random variant: per conv layer W [Cout, Cin, 3, 3]; null for Oriented (its kernels come from the bank).</summary>
    public Tensor[]? ConvWeights { get; }

    /// <summary>Random variant: per block ToRGB weights [3, C]; null for Oriented (redrawn every forward).</summary>
    public Tensor[]? ToRgbWeights { get; }

    /// <summary>Draws an instance (its tensors live until <see cref="Dispose"/>, outside any dispose scope). Draw order: X0, then per block its conv layers' (affine, weights) and its ToRGB (affine, weights).</summary>
    public static StyleGanNetwork Sample(StyleGanOptions options, StyleGanVariant variant, TextureRng rng)
    {
        var blocks = options.Blocks;
        var c4 = options.Channels(4);
        var x0 = new float[c4 * 16];
        rng.FillNormal(x0);
        var convAffines = new List<float[]>();
        var toRgbAffines = new List<float[]>();
        var convWeights = new List<Tensor>();
        var toRgbWeights = new List<Tensor>();
        var inChannels = c4;
        foreach (var r in blocks)
        {
            var c = options.Channels(r);
            foreach (var cin in r == 4 ? new[] { c4 } : new[] { inChannels, c })
            {
                convAffines.Add(Normal(rng, cin * options.WDim));
                if (variant == StyleGanVariant.Random)
                {
                    convWeights.Add(tensor(Normal(rng, c * cin * 9), new long[] { c, cin, 3, 3 }).DetachFromDisposeScope());
                }
            }
            toRgbAffines.Add(Normal(rng, c * options.WDim));
            if (variant == StyleGanVariant.Random)
            {
                toRgbWeights.Add(tensor(Normal(rng, 3 * c), new long[] { 3, c }).DetachFromDisposeScope());
            }
            inChannels = c;
        }
        return new StyleGanNetwork(
            tensor(x0, new long[] { c4, 4, 4 }).DetachFromDisposeScope(),
            convAffines.ToArray(),
            toRgbAffines.ToArray(),
            variant == StyleGanVariant.Random ? convWeights.ToArray() : null,
            variant == StyleGanVariant.Random ? toRgbWeights.ToArray() : null);
    }

    /// <summary>s = A·w/√w_dim + 1 (the affine's bias is initialised to 1).</summary>
    public static double[] Styles(float[] affine, ReadOnlySpan<float> w)
    {
        var channels = affine.Length / w.Length;
        var s = new double[channels];
        var gain = 1 / Math.Sqrt(w.Length);
        for (var i = 0; i < channels; i++)
        {
            double acc = 0;
            var row = affine.AsSpan(i * w.Length, w.Length);
            for (var k = 0; k < w.Length; k++)
            {
                acc += row[k] * w[k];
            }
            s[i] = acc * gain + 1;
        }
        return s;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Constant.Dispose();
        foreach (var t in (ConvWeights ?? []).Concat(ToRgbWeights ?? []))
        {
            t.Dispose();
        }
    }

    private static float[] Normal(TextureRng rng, int count)
    {
        var values = new float[count];
        rng.FillNormal(values);
        return values;
    }
}
