using SynVid.Video;

namespace SynVid.Textures;

/// <summary>
/// StyleGAN-random and StyleGAN-Oriented textures (docs/reference-textures.md §2): image i uses network instance ⌊i / 400⌋ (drawn
/// from (seed, instance)), 14 independent w = LeakyReLU₀.₂(z) vectors, for Oriented a fresh set of per-forward draws,
/// and the random output normalisation, all drawn from (seed, i). Recently used network instances are cached.
/// </summary>
public sealed class StyleGanTextureGenerator : ITextureGenerator, IDisposable
{
    private const int CachedNetworks = 2;
    private readonly ulong _imageStream;
    private readonly ulong _networkStream;
    private readonly object _gate = new();
    private readonly LinkedList<(long Instance, Lazy<StyleGanNetwork> Network)> _cache = new();

    /// <summary>Creates the generator.</summary>
    public StyleGanTextureGenerator(StyleGanVariant variant, StyleGanOptions options, long seed)
    {
        options.Validate();
        Variant = variant;
        Options = options;
        Seed = seed;
        _imageStream = TextureRng.Tag(Kind.Name());
        _networkStream = TextureRng.Tag(Kind.Name() + "/network");
    }

    /// <summary>The network variant.</summary>
    public StyleGanVariant Variant { get; }

    /// <summary>The configuration.</summary>
    public StyleGanOptions Options { get; }

    /// <inheritdoc/>
    public TextureKind Kind => Variant == StyleGanVariant.Oriented ? TextureKind.StyleGanOriented : TextureKind.StyleGanRandom;

    /// <inheritdoc/>
    public int Resolution => Options.Resolution;

    /// <inheritdoc/>
    public long Seed { get; }

    /// <inheritdoc/>
    public RgbImage Generate(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var network = Network(index / Options.ReinitEvery);
        var rng = new TextureRng(Seed, _imageStream, index);
        var ws = SampleWs(rng);
        using var draws = Variant == StyleGanVariant.Oriented ? OrientedForwardDraws.Sample(Options, rng) : null;
        var normalisation = StyleGanOutputNormalisation.Sample(rng);
        var planes = Forward(network, draws, ws);
        return normalisation.Apply(planes, Resolution);
    }

    /// <summary>
    /// A dynamic texture (docs/reference-behaviour.md §1.3 "Dynamic StyleGAN"): z₀ as for image <paramref name="index"/>, then
    /// z_t = z_{t−1} + <paramref name="stepStd"/>·N(0, I) per frame, with the network, the per-forward draws and the
    /// output normalisation (standardised by frame 0's moments) frozen so frames change smoothly without flicker.
    /// </summary>
    public IReadOnlyList<RgbImage> GenerateSequence(long index, int frames, double stepStd = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        var network = Network(index / Options.ReinitEvery);
        var rng = new TextureRng(Seed, _imageStream, index);
        var z = new float[Options.NumWs * Options.WDim];
        rng.FillNormal(z);
        using var draws = Variant == StyleGanVariant.Oriented ? OrientedForwardDraws.Sample(Options, rng) : null;
        var normalisation = StyleGanOutputNormalisation.Sample(rng);
        var walk = new TextureRng(Seed, TextureRng.Tag(Kind.Name() + "/walk"), index);
        var result = new List<RgbImage>(frames);
        (double, double)[]? reference = null;
        var plane = Resolution * Resolution;
        for (var t = 0; t < frames; t++)
        {
            if (t > 0)
            {
                for (var k = 0; k < z.Length; k++)
                {
                    z[k] += (float)(stepStd * walk.Normal());
                }
            }
            var planes = Forward(network, draws, ToWs(z));
            reference ??= Enumerable.Range(0, 3).Select(c => HistogramMatching.Moments(planes.AsSpan(c * plane, plane))).ToArray();
            result.Add(normalisation.Apply(planes, Resolution, reference));
        }
        return result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (_, network) in _cache)
            {
                if (network.IsValueCreated)
                {
                    network.Value.Dispose();
                }
            }
            _cache.Clear();
        }
    }

    private float[] Forward(StyleGanNetwork network, OrientedForwardDraws? draws, float[][] ws) => draws is null
        ? StyleGanSynthesis.Forward(Options, network, null, ws)
        : OrientedStyleGan.Forward(Options, network, draws, ws);

    private float[][] SampleWs(TextureRng rng)
    {
        var z = new float[Options.NumWs * Options.WDim];
        rng.FillNormal(z);
        return ToWs(z);
    }

    // w = LeakyReLU₀.₂(z) per layer, no mapping network (docs/reference-textures.md §2.2).
    private float[][] ToWs(float[] z)
    {
        var ws = new float[Options.NumWs][];
        for (var l = 0; l < ws.Length; l++)
        {
            ws[l] = z.AsSpan(l * Options.WDim, Options.WDim).ToArray();
            for (var k = 0; k < ws[l].Length; k++)
            {
                ws[l][k] = Math.Max(ws[l][k], 0.2f * ws[l][k]);
            }
        }
        return ws;
    }

    private StyleGanNetwork Network(long instance)
    {
        Lazy<StyleGanNetwork> entry;
        lock (_gate)
        {
            var node = _cache.First;
            while (node is not null && node.Value.Instance != instance)
            {
                node = node.Next;
            }
            if (node is null)
            {
                entry = new Lazy<StyleGanNetwork>(() => StyleGanNetwork.Sample(Options, Variant, new TextureRng(Seed, _networkStream, instance)));
                _cache.AddFirst((instance, entry));
                // Evicted instances are left to the finaliser: another thread may still be running one.
                while (_cache.Count > CachedNetworks)
                {
                    _cache.RemoveLast();
                }
            }
            else
            {
                entry = node.Value.Network;
                _cache.Remove(node);
                _cache.AddFirst(node);
            }
        }
        return entry.Value;
    }
}
