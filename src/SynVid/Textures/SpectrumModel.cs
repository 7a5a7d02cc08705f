using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>
/// The random 1/f amplitude law of a statistical texture (docs/reference-textures.md §1.2b): slopes s_x = s + d, s_y = s − d with
/// s ~ U(0.5, 3.5) and d ~ N(0, 0.05²); amplitude M(f) = 1 / (ε + |f_x/N|^s_x + |f_y/N|^s_y), DC gain 0.
/// </summary>
public sealed record SpectrumModel(double SlopeX, double SlopeY)
{
    /// <summary>ε of the amplitude law (Python port: 1e−16).</summary>
    public const double Epsilon = 1e-16;

    /// <summary>Draws the slopes: s, then d (the reference's draw order).</summary>
    public static SpectrumModel Sample(TextureRng rng)
    {
        var s = rng.Uniform(0.5, 3.5);
        var d = rng.Normal() * Math.Abs(3.5 - 0.5) / 60;
        return new SpectrumModel(s + d, s - d);
    }

    /// <summary>
    /// The amplitude M on the half-spectrum layout of <c>torch.fft.rfft2</c> for an n×n image: rows are f_y = 0 … n/2−1,
    /// −n/2 … −1, columns f_x = 0 … n/2. M is point-symmetric, so this half determines the full spectrum.
    /// </summary>
    public float[] HalfSpectrumAmplitude(int n)
    {
        var cols = n / 2 + 1;
        var m = new float[n * cols];
        for (var r = 0; r < n; r++)
        {
            var fy = r < n / 2 ? r : r - n;
            var ay = Math.Pow(Math.Abs((double)fy / n), SlopeY);
            for (var c = 0; c < cols; c++)
            {
                var ax = Math.Pow((double)c / n, SlopeX);
                m[r * cols + c] = (float)(1.0 / (Epsilon + ax + ay));
            }
        }
        m[0] = 0;
        return m;
    }

    /// <summary>The amplitude as a [n, n/2+1] float tensor.</summary>
    public Tensor AmplitudeTensor(int n) => tensor(HalfSpectrumAmplitude(n), new long[] { n, n / 2 + 1 });
}
