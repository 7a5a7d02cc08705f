using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Analysis.Metrics;

/// <summary>A radially averaged amplitude spectrum: mean |FFT| on integer frequency rings 1..S/2 of an S×S image.</summary>
/// <param name="Size">Side S of the (square) image.</param>
/// <param name="Amplitude">Mean amplitude of ring r at index r − 1.</param>
public sealed record RadialSpectrum(int Size, double[] Amplitude);

/// <summary>
/// Spectrum slope α (docs/reference-behaviour.md §7, SynVid recipe): the frame is converted to grey (ITU-R BT.601 luma
/// 0.299 R + 0.587 G + 0.114 B on 0..255), centre-cropped to a square of side S = min(H, W) (no window), transformed by a
/// 2-D FFT in double precision, and the amplitude |F(kx, ky)| averaged over rings r = round(√(kx² + ky²)) for
/// r = 1..⌊S/2⌋ (DC and the corners beyond Nyquist excluded). α is the negated slope of the least-squares line through
/// (ln r, ln A(r)), i.e. the fit ln A = c − α ln r; rings of zero amplitude are left out of the fit, and a frame with
/// fewer than 2 usable rings (a constant frame) has no α.
/// </summary>
public static class SpectrumSlope
{
    /// <summary>Grey, centre-cropped square of a frame, S×S row-major.</summary>
    public static double[,] Grayscale(RgbImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var s = Math.Min(frame.Width, frame.Height);
        int x0 = (frame.Width - s) / 2, y0 = (frame.Height - s) / 2;
        var grey = new double[s, s];
        var p = frame.Pixels;
        for (var y = 0; y < s; y++)
        {
            var o = frame.Offset(x0, y0 + y);
            for (var x = 0; x < s; x++, o += 3)
            {
                grey[y, x] = (0.299 * p[o]) + (0.587 * p[o + 1]) + (0.114 * p[o + 2]);
            }
        }
        return grey;
    }

    /// <summary>The radially averaged amplitude spectrum of a square image.</summary>
    public static RadialSpectrum Radial(double[,] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var s = image.GetLength(0);
        if (image.GetLength(1) != s)
        {
            throw new ArgumentException($"image must be square, got {image.GetLength(0)}×{image.GetLength(1)}", nameof(image));
        }
        if (s < 4)
        {
            throw new UserInputException($"a spectrum needs frames of at least 4×4 pixels, got {s}×{s}");
        }
        double[] amplitude;
        using (var scope = NewDisposeScope())
        {
            var x = tensor(image);
            amplitude = fft.fft2(x).abs().contiguous().data<double>().ToArray();
        }
        var rings = s / 2;
        var sums = new double[rings + 1];
        var counts = new int[rings + 1];
        for (var i = 0; i < s; i++)
        {
            var ky = i <= s / 2 ? i : i - s;
            for (var j = 0; j < s; j++)
            {
                var kx = j <= s / 2 ? j : j - s;
                var r = (int)Math.Round(Math.Sqrt((kx * kx) + (ky * ky)), MidpointRounding.AwayFromZero);
                if (r is >= 1 && r <= rings)
                {
                    sums[r] += amplitude[(i * s) + j];
                    counts[r]++;
                }
            }
        }
        var mean = new double[rings];
        for (var r = 1; r <= rings; r++)
        {
            mean[r - 1] = sums[r] / counts[r];
        }
        return new RadialSpectrum(s, mean);
    }

    /// <summary>α of the fit ln A = c − α ln r, or null when fewer than 2 rings have non-zero amplitude.</summary>
    public static double? Fit(RadialSpectrum spectrum)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        var xs = new List<double>();
        var ys = new List<double>();
        for (var r = 1; r <= spectrum.Amplitude.Length; r++)
        {
            // Round-off leaves ~1e-12 amplitudes in constant frames; treat them as zero.
            if (spectrum.Amplitude[r - 1] > 1e-9)
            {
                xs.Add(Math.Log(r));
                ys.Add(Math.Log(spectrum.Amplitude[r - 1]));
            }
        }
        if (xs.Count < 2)
        {
            return null;
        }
        double mx = xs.Average(), my = ys.Average(), sxy = 0, sxx = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
        }
        return -(sxy / sxx);
    }

    /// <summary>α of one frame (null for a constant frame).</summary>
    public static double? OfFrame(RgbImage frame) => Fit(Radial(Grayscale(frame)));
}
