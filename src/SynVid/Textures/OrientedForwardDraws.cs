using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>
/// The random choices StyleGAN-Oriented redraws at every forward pass (TEXTURES.md §2.5, "Per forward pass"): the
/// shared noise map, and per conv layer the kernel subset, each input channel's kernel, the output signs, noise
/// strength and biases, and per ToRGB its weights. A dynamic video keeps one set for all its frames.
/// </summary>
public sealed class OrientedForwardDraws : IDisposable
{
    private OrientedForwardDraws(Tensor noise, OrientedLayerDraw[] layers, float[][] toRgbWeights)
    {
        Noise = noise;
        NoiseSide = (int)noise.shape[^1];
        NoiseMap = new float[NoiseSide * NoiseSide];
        TensorTransfer.CopyToSpan(noise, NoiseMap);
        Layers = layers;
        ToRgbWeights = toRgbWeights;
    }

    /// <summary>The shared noise map [1, 1, S, S], S = 2 × output side.</summary>
    public Tensor Noise { get; }

    /// <summary>The noise map's side S.</summary>
    public int NoiseSide { get; }

    /// <summary>The noise map as S×S managed values.</summary>
    public float[] NoiseMap { get; }

    /// <summary>Per conv layer.</summary>
    public IReadOnlyList<OrientedLayerDraw> Layers { get; }

    /// <summary>Per block, ToRGB weights (3 × C, row-major), N(0,1).</summary>
    public float[][] ToRgbWeights { get; }

    /// <summary>Draws one forward pass's choices: noise map, then per block its conv layers and ToRGB.</summary>
    public static OrientedForwardDraws Sample(StyleGanOptions options, TextureRng rng)
    {
        var noise = PinkNoiseMap.Sample(rng, 2 * options.Resolution).DetachFromDisposeScope();
        var layers = new List<OrientedLayerDraw>();
        var toRgb = new List<float[]>();
        var inChannels = options.Channels(4);
        foreach (var r in options.Blocks)
        {
            var c = options.Channels(r);
            foreach (var cin in r == 4 ? new[] { inChannels } : new[] { inChannels, c })
            {
                layers.Add(OrientedLayerDraw.Sample(rng, cin, c, options));
            }
            var w = new float[3 * c];
            rng.FillNormal(w);
            toRgb.Add(w);
            inChannels = c;
        }
        return new OrientedForwardDraws(noise, layers.ToArray(), toRgb.ToArray());
    }

    /// <inheritdoc/>
    public void Dispose() => Noise.Dispose();
}

/// <summary>One oriented conv layer's per-forward draws.</summary>
/// <param name="KernelOfInput">Bank index of each input channel's kernel (drawn from a random subset of 5–40).</param>
/// <param name="Signs">±1 per output channel: the sign of the N(0,1) output gain, the only part demodulation keeps.</param>
/// <param name="NoiseStrength">β ~ U(0, 0.3).</param>
/// <param name="Biases">b_o ~ U(−0.2, 0.2).</param>
public sealed record OrientedLayerDraw(int[] KernelOfInput, float[] Signs, double NoiseStrength, float[] Biases)
{
    /// <summary>Draws n_sub, the subset, the per-input kernels, the output gains' signs, β and the biases.</summary>
    public static OrientedLayerDraw Sample(TextureRng rng, int inChannels, int outChannels, StyleGanOptions options)
    {
        var subsetSize = rng.IntInclusive(5, OrientedWaveletBank.Count);
        var subset = rng.Permutation(OrientedWaveletBank.Count)[..subsetSize];
        var kernels = new int[inChannels];
        for (var i = 0; i < inChannels; i++)
        {
            kernels[i] = subset[rng.IntInclusive(0, subsetSize - 1)];
        }
        var signs = new float[outChannels];
        for (var o = 0; o < outChannels; o++)
        {
            signs[o] = rng.Normal() < 0 ? -1f : 1f;
        }
        var beta = rng.Uniform(0, options.MaxNoiseStrength);
        var biases = new float[outChannels];
        for (var o = 0; o < outChannels; o++)
        {
            biases[o] = (float)rng.Uniform(-options.BiasRange, options.BiasRange);
        }
        return new OrientedLayerDraw(kernels, signs, beta, biases);
    }
}
