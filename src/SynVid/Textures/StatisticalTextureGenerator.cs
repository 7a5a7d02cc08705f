using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>
/// The statistical image models of [B] (docs/reference-textures.md §1.3): starting from uniform noise in the decorrelated colour
/// space, impose spectrum → wavelet marginals → colour histograms for the configured iterations, rotate back through
/// the colour frame and min–max normalise all channels jointly to 8 bits. FFTs run in torch (float32, batched over
/// the three channels); statistics and histogram matching run in managed code, so every reduction has a fixed order.
/// </summary>
public sealed class StatisticalTextureGenerator : ITextureGenerator, IDisposable
{
    private readonly SteerablePyramid? _pyramid;
    private readonly ulong _stream;

    /// <summary>Creates the generator for a kind, its options and a dataset seed.</summary>
    public StatisticalTextureGenerator(TextureKind kind, StatisticalTextureOptions options, long seed)
    {
        var n = options.Resolution;
        if (n < 32 || (n & (n - 1)) != 0)
        {
            throw new UserInputException($"--res {n}: statistical textures need a power-of-two side ≥ 32 (the reference uses 128 or 256)");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Iterations, 1);
        Kind = kind;
        Options = options;
        Seed = seed;
        _stream = TextureRng.Tag(kind.Name());
        if (options.ImposeWmm)
        {
            _pyramid = new SteerablePyramid(n, WaveletMarginalModel.LevelsFor(n));
        }
    }

    /// <inheritdoc/>
    public TextureKind Kind { get; }

    /// <summary>The model configuration.</summary>
    public StatisticalTextureOptions Options { get; }

    /// <inheritdoc/>
    public int Resolution => Options.Resolution;

    /// <inheritdoc/>
    public long Seed { get; }

    /// <inheritdoc/>
    public RgbImage Generate(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        using var scope = NewDisposeScope();
        var n = Resolution;
        var plane = n * n;
        var (parameters, rng) = Sample(index);
        var (colour, spectrum, wmm) = parameters;
        var planes = new float[3 * plane];
        rng.FillUniform(planes, 256f);

        using var amplitude = spectrum?.AmplitudeTensor(n);
        // Imposing the spectrum alone is idempotent (docs/reference-textures.md §1.3), so one pass equals ten.
        var iterations = wmm is null && !Options.ImposeColour ? 1 : Options.Iterations;
        for (var it = 0; it < iterations; it++)
        {
            if (amplitude is not null)
            {
                ImposeSpectrum(planes, n, amplitude);
            }
            if (wmm is not null)
            {
                using var t = TensorTransfer.FromSpan(planes, new long[] { 3, n, n });
                using var result = wmm.Impose(_pyramid!, t);
                TensorTransfer.CopyToSpan(result, planes);
            }
            if (Options.ImposeColour)
            {
                for (var c = 0; c < 3; c++)
                {
                    HistogramMatching.Match(planes.AsSpan(c * plane, plane), colour.Histograms[c]);
                }
            }
        }
        if (Options.CorrelateChannels)
        {
            colour.Correlate(planes, plane);
        }
        return ToImage(planes, n);
    }

    /// <inheritdoc/>
    public void Dispose() => _pyramid?.Dispose();

    /// <summary>The model parameters texture <paramref name="index"/> is synthesised from.</summary>
    public StatisticalTextureParameters SampleParameters(long index) => Sample(index).Parameters;

    // Draw order of the reference (docs/reference-textures.md §1.1): colour model, spectrum, wavelet targets; the initial noise follows.
    private (StatisticalTextureParameters Parameters, TextureRng Rng) Sample(long index)
    {
        var rng = new TextureRng(Seed, _stream, index);
        var colour = ColourModel.Sample(rng, Resolution);
        var spectrum = Options.ImposeSpectrum ? SpectrumModel.Sample(rng) : null;
        var wmm = Options.ImposeWmm ? WaveletMarginalModel.Sample(rng, 3, _pyramid!.Levels, Options.WmmScaling) : null;
        return (new StatisticalTextureParameters(colour, spectrum, wmm), rng);
    }

    /// <summary>
    /// Per channel: keep the phase of the mean-removed channel, set the amplitude to M, and restore the channel's mean
    /// and standard deviation (docs/reference-textures.md §1.3 "Impose spectrum").
    /// </summary>
    public static void ImposeSpectrum(float[] planes, int n, Tensor amplitude)
    {
        using var scope = NewDisposeScope();
        var plane = n * n;
        var moments = new (double Mean, double Std)[3];
        for (var c = 0; c < 3; c++)
        {
            var span = planes.AsSpan(c * plane, plane);
            moments[c] = HistogramMatching.Moments(span);
            HistogramMatching.Affine(span, 1f, (float)-moments[c].Mean);
        }
        var image = TensorTransfer.FromSpan(planes, new long[] { 3, n, n });
        var f = DeterministicFft.Rfft2(image);
        // an explicit Scalar stays alive through the native call (this runs on texture workers; see GcQuietRegion)
        using TorchSharp.Scalar tiny = 1e-30;
        var gain = amplitude / f.abs().clamp_min(tiny);
        var y = DeterministicFft.Irfft2(f * gain, n);
        TensorTransfer.CopyToSpan(y, planes);
        for (var c = 0; c < 3; c++)
        {
            HistogramMatching.Standardize(planes.AsSpan(c * plane, plane), moments[c].Mean, moments[c].Std);
        }
    }

    // Joint min–max over all channels to 0 … 255 with rounding (MATLAB uint8), channel-major planes → HWC bytes.
    private static RgbImage ToImage(float[] planes, int n)
    {
        var plane = n * n;
        var (min, max) = HistogramMatching.MinMax(planes);
        var scale = max > min ? 255.0 / ((double)max - min) : 0;
        var pixels = new byte[3 * plane];
        for (var c = 0; c < 3; c++)
        {
            for (var p = 0; p < plane; p++)
            {
                pixels[p * 3 + c] = (byte)Math.Round((planes[c * plane + p] - min) * scale);
            }
        }
        return new RgbImage(n, n, pixels);
    }
}
