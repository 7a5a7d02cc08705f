using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>
/// The shared noise map of StyleGAN-Oriented (docs/reference-textures.md §2.5, per forward step 1): 1/ρ^α noise (α ~ U(0.5, 1.5)) with
/// Hermitian random phases on an (S+1)² grid, times a bicubically upsampled 4×4 Laplace envelope, scaled to unit std.
/// Layers see it area-downsampled to their resolution.
/// </summary>
public static class PinkNoiseMap
{
    /// <summary>Draws an S×S map (S even; 512 for 256² output).</summary>
    public static Tensor Sample(TextureRng rng, int side)
    {
        using var scope = NewDisposeScope();
        var g = side + 1;
        var alpha = rng.Uniform(0.5, 1.5);
        var amplitude = new float[g * g];
        var phase = new float[g * g];
        for (var i = 0; i < g; i++)
        {
            var ti = -1 + 2.0 * i / side;
            for (var j = 0; j < g; j++)
            {
                var tj = -1 + 2.0 * j / side;
                var rho = Math.Sqrt(ti * ti + tj * tj);
                amplitude[i * g + j] = (float)Math.Pow(rho == 0 ? 1e-5 : rho, -alpha);
            }
        }
        amplitude[side / 2 * g + side / 2] = 0;
        for (var k = 0; k < phase.Length; k++)
        {
            phase[k] = (float)(rng.Uniform() * 2 * Math.PI);
        }
        // Point reflection k ↦ g−1−k: doubling the amplitude and antisymmetrising the phase makes the spectrum Hermitian.
        var a = new float[g * g];
        var p = new float[g * g];
        for (var k = 0; k < a.Length; k++)
        {
            a[k] = amplitude[k] + amplitude[a.Length - 1 - k];
            p[k] = phase[k] - phase[a.Length - 1 - k];
        }
        var spectrum = polar(tensor(a, new long[] { g, g }), tensor(p, new long[] { g, g }));
        var noise = real(fft.ifft2(fft.ifftshift(spectrum)))[TensorIndex.Slice(0, side), TensorIndex.Slice(0, side)].contiguous();
        var values = new float[side * side];
        TensorTransfer.CopyToSpan(noise, values);
        HistogramMatching.Affine(values, 1f, (float)-HistogramMatching.Moments(values).Mean);

        var envelope = new float[16];
        for (var k = 0; k < 16; k++)
        {
            envelope[k] = (float)rng.Laplace();
        }
        var upsampled = nn.functional.interpolate(tensor(envelope, new long[] { 1, 1, 4, 4 }), size: new long[] { side, side },
            mode: InterpolationMode.Bicubic, align_corners: false);
        var env = new float[side * side];
        TensorTransfer.CopyToSpan(upsampled, env);
        for (var k = 0; k < values.Length; k++)
        {
            values[k] *= env[k];
        }
        var std = HistogramMatching.Moments(values).Std;
        HistogramMatching.Affine(values, std > 0 ? (float)(1 / std) : 0f, 0f);
        return TensorTransfer.FromSpan(values, new long[] { 1, 1, side, side }).MoveToOuterDisposeScope();
    }
}
