using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>
/// The random choices StyleGAN-Oriented redraws at every forward pass (docs/reference-textures.md §2.5, "Per forward pass"): the
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
