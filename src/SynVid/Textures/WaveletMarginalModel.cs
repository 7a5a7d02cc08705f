using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>How wavelet-marginal targets are applied to the frequency-domain pyramid (docs/reference-textures.md §1.4).</summary>
public enum WmmLevelScaling
{
    /// <summary>Level-ℓ coefficients are divided by 2^ℓ before matching and multiplied back, approximating the
    /// spatial-pyramid (MATLAB) coefficient amplitudes that produced the published datasets.</summary>
    Matlab,

    /// <summary>Targets applied to the raw frequency-pyramid coefficients, as the repository's Python port does.</summary>
    PythonPort,
}

/// <summary>
/// The wavelet marginal model of one texture (docs/reference-textures.md §1.2c, §1.3): per channel and per modified band (high-pass
/// residual, then level 0 orientations 0–3, level 1, …) a generalised-Gaussian target h(x) = exp(−|x/ŝ|^r̂) on
/// x = −200 … 200 (step 0.5) with ŝ = 4^scale and r̂ ~ U(0.4, 0.8). The low-pass residual is left unchanged.
/// </summary>
public sealed class WaveletMarginalModel
{
    private readonly HistogramTemplate[,] _targets;  // [channel, band]; band 0 = high-pass, 1 + 4ℓ + b = level ℓ orientation b

    private WaveletMarginalModel(HistogramTemplate[,] targets, WmmLevelScaling scaling)
    {
        _targets = targets;
        Scaling = scaling;
    }

    /// <summary>Level scaling in use.</summary>
    public WmmLevelScaling Scaling { get; }

    /// <summary>The target of a channel's band (0 = high-pass residual, 1 + 4ℓ + b = level ℓ, orientation b).</summary>
    public HistogramTemplate Target(int channel, int band) => _targets[channel, band];

    /// <summary>Number of pyramid levels for an n×n texture: 3 at 128, 4 at 256 (the reference's sizes), log2(n) − 4 in general.</summary>
    public static int LevelsFor(int n) => Math.Max(1, (int)Math.Log2(n) - 4);

    /// <summary>The target density exp(−|x/ŝ|^r̂) on the 801-point grid as a histogram template.</summary>
    public static HistogramTemplate Density(double scaleHat, double exponent)
    {
        var h = new double[801];
        for (var k = 0; k < h.Length; k++)
        {
            var x = -200 + 0.5 * k;
            h[k] = Math.Exp(-Math.Pow(Math.Abs(x / scaleHat), exponent));
        }
        return new HistogramTemplate(-200, 0.5, h);
    }

    /// <summary>Draws r̂ per channel and band (channel-major, band order as in the reference).</summary>
    public static WaveletMarginalModel Sample(TextureRng rng, int channels, int levels, WmmLevelScaling scaling)
    {
        var bands = 1 + SteerablePyramid.Orientations * levels;
        var targets = new HistogramTemplate[channels, bands];
        for (var c = 0; c < channels; c++)
        {
            for (var b = 0; b < bands; b++)
            {
                var level = b == 0 ? 0 : (b - 1) / SteerablePyramid.Orientations;
                var scale = 1 << level;
                var scaleHat = Math.Pow(4, scale);
                targets[c, b] = Density(scaleHat, rng.Uniform(0.4, 0.8));
            }
        }
        return new WaveletMarginalModel(targets, scaling);
    }

    /// <summary>
    /// Imposes the model on a [C, N, N] batch of channels: build the pyramid, for every modified band histogram-match
    /// to the target and restore the target mean/std, reconstruct. Returns the new [C, N, N] tensor.
    /// </summary>
    public Tensor Impose(SteerablePyramid pyramid, Tensor channels)
    {
        using var coefficients = pyramid.Build(channels);
        var c = (int)channels.shape[0];
        var n = pyramid.Size;
        var buffer = new float[c * n * n * SteerablePyramid.Orientations];
        using (var hp = MatchBands(coefficients.Highpass, buffer, c, 1, n, level: -1))
        {
            coefficients.Highpass.copy_(hp);
        }
        for (var l = 0; l < pyramid.Levels; l++)
        {
            using var matched = MatchBands(coefficients.Bands[l], buffer, c, SteerablePyramid.Orientations, pyramid.BandSize(l), l);
            coefficients.Bands[l].copy_(matched);
        }
        return pyramid.Reconstruct(coefficients);
    }

    // Matches every [channel, orientation] plane of a band tensor in managed memory; level −1 is the high-pass residual.
    private Tensor MatchBands(Tensor bands, float[] buffer, int channels, int orientations, int size, int level)
    {
        var plane = size * size;
        var total = channels * orientations * plane;
        var data = buffer.AsSpan(0, total);
        TensorTransfer.CopyToSpan(bands, data);
        var scale = Scaling == WmmLevelScaling.Matlab && level > 0 ? (float)Math.Pow(2, level) : 1f;
        for (var c = 0; c < channels; c++)
        {
            for (var o = 0; o < orientations; o++)
            {
                var target = _targets[c, level < 0 ? 0 : 1 + SteerablePyramid.Orientations * level + o];
                var x = data.Slice((c * orientations + o) * plane, plane);
                var (mean, std) = HistogramMatching.Match(x, target);
                var gain = std > 0 ? target.Std / std : 0;
                // z-score to the target moments, then undo the level scaling (the match is scale-invariant, so the
                // division by 2^ℓ before it is implicit).
                HistogramMatching.Affine(x, (float)(gain * scale), (float)((target.Mean - mean * gain) * scale));
            }
        }
        return TensorTransfer.FromSpan(data, bands.shape);
    }
}
