using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>
/// Frequency-domain steerable pyramid with 4 orientations (pyrtools <c>SteerablePyramidFreq</c>, order 3, twidth 1;
/// docs/reference-textures.md §1.4), built and reconstructed for a batch of images at once in float32 on the real-FFT half spectrum.
/// All masks are real-symmetric or odd, so every band is exactly real and the half spectrum loses nothing; the masks
/// satisfy Hi0² + Lo0² = 1 and Σ_b A_b²·Hi_ℓ² + Lo_ℓ² = 1, so reconstruction is exact up to rounding.
/// </summary>
public sealed class SteerablePyramid : IDisposable
{
    /// <summary>Number of orientations (order 3 + 1).</summary>
    public const int Orientations = 4;

    private readonly Tensor _hi0;
    private readonly Tensor _lo0;
    private readonly Tensor[] _bandAnalysis;   // i·A_b·Hi_ℓ on the level-ℓ grid, [4, n, n/2+1] complex
    private readonly Tensor[] _bandSynthesis;  // conj of the above
    private readonly Tensor[] _loCrop;         // Lo_ℓ on the level-(ℓ+1) grid, [m, m/2+1]

    /// <summary>Precomputes the masks for <paramref name="size"/>² images with <paramref name="levels"/> scales.</summary>
    public SteerablePyramid(int size, int levels)
    {
        if (size < 8 || (size & (size - 1)) != 0)
        {
            throw new ArgumentException($"pyramid size must be a power of two ≥ 8, got {size}", nameof(size));
        }
        if (levels < 1 || size >> levels < 4)
        {
            throw new ArgumentException($"{levels} levels do not fit a {size}² image", nameof(levels));
        }
        Size = size;
        Levels = levels;
        _hi0 = RealMask(size, size, r => Hi0(r)).DetachFromDisposeScope();
        _lo0 = RealMask(size, size, r => Lo0(r)).DetachFromDisposeScope();
        _bandAnalysis = new Tensor[levels];
        _bandSynthesis = new Tensor[levels];
        _loCrop = new Tensor[levels];
        for (var l = 0; l < levels; l++)
        {
            var n = size >> l;
            var octave = Math.Pow(2, l + 1);
            _bandAnalysis[l] = BandMask(size, n, octave).DetachFromDisposeScope();
            _bandSynthesis[l] = _bandAnalysis[l].conj().resolve_conj().DetachFromDisposeScope();
            _loCrop[l] = RealMask(size, n / 2, r => Lo0(octave * r)).DetachFromDisposeScope();
        }
    }

    /// <summary>Image side.</summary>
    public int Size { get; }

    /// <summary>Number of oriented scales.</summary>
    public int Levels { get; }

    /// <summary>Side of the level-ℓ band arrays (N / 2^ℓ).</summary>
    public int BandSize(int level) => Size >> level;

    /// <summary>
    /// Decomposes a batch [B, N, N] (float32) into the high-pass residual [B, N, N], one [B, 4, N/2^ℓ, N/2^ℓ] tensor
    /// per level, and the low-pass residual [B, N/2^L, N/2^L]. Level-ℓ coefficients carry the 4^ℓ gain of the
    /// smaller inverse FFT, exactly as in pyrtools.
    /// </summary>
    public PyramidCoefficients Build(Tensor images)
    {
        using var scope = NewDisposeScope();
        var f = DeterministicFft.Rfft2(images);
        var highpass = DeterministicFft.Irfft2(f * _hi0, Size);
        var lo = f * _lo0;
        var bands = new Tensor[Levels];
        for (var l = 0; l < Levels; l++)
        {
            var n = BandSize(l);
            bands[l] = DeterministicFft.Irfft2(lo.unsqueeze(1) * _bandAnalysis[l], n);
            lo = Crop(lo, n) * _loCrop[l];
        }
        var m = BandSize(Levels);
        var lowpass = DeterministicFft.Irfft2(lo, m);
        return new PyramidCoefficients(highpass.MoveToOuterDisposeScope(), bands.Select(b => b.MoveToOuterDisposeScope()).ToArray(), lowpass.MoveToOuterDisposeScope());
    }

    /// <summary>Inverse of <see cref="Build"/>: returns the batch [B, N, N].</summary>
    public Tensor Reconstruct(PyramidCoefficients pyramid)
    {
        using var scope = NewDisposeScope();
        // explicit alphas for the complex sums (see DeterministicFft.Irfft2)
        using TorchSharp.Scalar unit = 1.0;
        var lo = DeterministicFft.Rfft2(pyramid.Lowpass);
        for (var l = Levels - 1; l >= 0; l--)
        {
            var n = BandSize(l);
            var up = Pad(lo * _loCrop[l], n);
            var bandSpectra = DeterministicFft.Rfft2(pyramid.Bands[l]) * _bandSynthesis[l];
            lo = up.add(bandSpectra.sum(1), unit);
        }
        var full = (lo * _lo0).add(DeterministicFft.Rfft2(pyramid.Highpass) * _hi0, unit);
        return DeterministicFft.Irfft2(full, Size).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _hi0.Dispose();
        _lo0.Dispose();
        foreach (var t in _bandAnalysis.Concat(_bandSynthesis).Concat(_loCrop))
        {
            t.Dispose();
        }
    }

    /// <summary>High-pass radial response: 0 below r = 1/2, cos((π/2)·log2 r) up to Nyquist (r = 1), then 1.</summary>
    public static double Hi0(double r) => r <= 0.5 ? 0 : r >= 1 ? 1 : Math.Cos(Math.PI / 2 * Math.Log2(r));

    /// <summary>Low-pass radial response, √(1 − Hi0²).</summary>
    public static double Lo0(double r) => r <= 0.5 ? 1 : r >= 1 ? 0 : Math.Abs(Math.Sin(Math.PI / 2 * Math.Log2(r)));

    /// <summary>Angular response α·cos³(θ − πb/4) with α = √0.8, so that Σ_b A_b² = 1.</summary>
    public static double Angular(double theta, int band) => Math.Sqrt(0.8) * Math.Pow(Math.Cos(theta - Math.PI * band / Orientations), 3);

    // Crop the centred half of the spectrum: rows k ∈ [−m/2, m/2), columns 0 … m/2 of the half spectrum.
    private static Tensor Crop(Tensor spectrum, int n)
    {
        var m = n / 2;
        var top = spectrum[TensorIndex.Ellipsis, TensorIndex.Slice(0, m / 2), TensorIndex.Slice(0, m / 2 + 1)];
        var bottom = spectrum[TensorIndex.Ellipsis, TensorIndex.Slice(n - m / 2, n), TensorIndex.Slice(0, m / 2 + 1)];
        return cat(new[] { top, bottom }, -2);
    }

    // Inverse of Crop: place an [.., m, m/2+1] half spectrum into a zero [.., n, n/2+1] one.
    private static Tensor Pad(Tensor spectrum, int n)
    {
        var m = n / 2;
        var widened = nn.functional.pad(spectrum, new long[] { 0, n / 2 - m / 2 });
        var top = widened[TensorIndex.Ellipsis, TensorIndex.Slice(0, m / 2), TensorIndex.Colon];
        var bottom = widened[TensorIndex.Ellipsis, TensorIndex.Slice(m / 2, m), TensorIndex.Colon];
        var shape = widened.shape.ToArray();
        shape[^2] = n - m;
        var middle = zeros(shape, dtype: widened.dtype);
        return cat(new[] { top, middle, bottom }, -2);
    }

    // Physical frequency (full-resolution units, Nyquist = 1) of half-spectrum entry (row, col) on an n-grid.
    private static (double Ux, double Uy) Frequency(int fullSize, int n, int row, int col)
    {
        var ky = row < n / 2 ? row : row - n;
        return (2.0 * col / fullSize, 2.0 * ky / fullSize);
    }

    private static double Radius(int fullSize, double ux, double uy)
    {
        var r = Math.Sqrt(ux * ux + uy * uy);
        return r == 0 ? 2.0 / fullSize : r;  // pyrtools gives DC its neighbour's radius so log2 r is finite
    }

    private static Tensor RealMask(int fullSize, int n, Func<double, double> radial)
    {
        var cols = n / 2 + 1;
        var values = new float[n * cols];
        for (var row = 0; row < n; row++)
        {
            for (var col = 0; col < cols; col++)
            {
                var (ux, uy) = Frequency(fullSize, n, row, col);
                values[row * cols + col] = (float)radial(Radius(fullSize, ux, uy));
            }
        }
        return tensor(values, new long[] { n, cols });
    }

    private static Tensor BandMask(int fullSize, int n, double octave)
    {
        var cols = n / 2 + 1;
        var imag = new float[Orientations * n * cols];
        for (var b = 0; b < Orientations; b++)
        {
            for (var row = 0; row < n; row++)
            {
                for (var col = 0; col < cols; col++)
                {
                    var (ux, uy) = Frequency(fullSize, n, row, col);
                    var hi = Hi0(octave * Radius(fullSize, ux, uy));
                    var angular = Angular(Math.Atan2(uy, ux), b);
                    imag[(b * n + row) * cols + col] = (float)(angular * hi);  // the (−i)^3 = i factor: purely imaginary
                }
            }
        }
        using var im = tensor(imag, new long[] { Orientations, n, cols });
        using var re = zeros_like(im);
        return complex(re, im);
    }
}
