namespace SynVid.Textures;

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
