using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>Coefficients of a batch of steerable pyramids (see <see cref="SteerablePyramid.Build"/>); owns its tensors.</summary>
public sealed record PyramidCoefficients(Tensor Highpass, Tensor[] Bands, Tensor Lowpass) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        Highpass.Dispose();
        foreach (var b in Bands)
        {
            b.Dispose();
        }
        Lowpass.Dispose();
    }
}
