using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>
/// The StyleGAN2-ADA 'skip' synthesis network at initialisation (docs/reference-textures.md §2.3): blocks 4 … R, modulated and
/// demodulated 3×3 convs (conv0 upsamples ×2 by transposed conv + [1,3,3,1] FIR), ReLU·√2, and a ToRGB per block summed
/// through ×2 FIR upsampling. The Oriented variant uses the exact rank-1 form of §2.5: all output channels of a layer
/// are ± one filtered map U, so a layer costs a few single-channel convs instead of Cin × Cout.
/// </summary>
public static class StyleGanSynthesis
{
    private static readonly float _sqrt2 = MathF.Sqrt(2);

    // The 40 bank kernels as one [40, 3, 3] tensor; immutable, shared by all threads.
    private static readonly Lazy<Tensor> _bankTensor = new(() =>
        tensor(OrientedWaveletBank.Kernels.SelectMany(k => k).ToArray(), new long[] { OrientedWaveletBank.Count, 3, 3 }).DetachFromDisposeScope());

    /// <summary>Runs the network for one image; returns channel-major planes [3, R, R] (before output normalisation).</summary>
    public static float[] Forward(StyleGanOptions options, StyleGanNetwork network, OrientedForwardDraws? oriented, float[][] ws)
    {
        using var scope = NewDisposeScope();
        using var fir = UpsamplingFir();
        // an explicit alpha stays alive through the native call (this runs on texture workers; see GcQuietRegion)
        using Scalar unit = 1f;
        var x = network.Constant;
        Tensor? image = null;
        var layer = 0;
        var block = 0;
        foreach (var r in options.Blocks)
        {
            for (var k = 0; k < (r == 4 ? 1 : 2); k++)
            {
                var up = r != 4 && k == 0;
                var styles = StyleGanNetwork.Styles(network.ConvAffines[layer], ws[layer]);
                x = oriented is null
                    ? DenseLayer(x, network.ConvWeights![layer], styles, up, fir)
                    : OrientedLayer(x, oriented.Layers[layer], styles, up, fir, oriented.Noise, r);
                layer++;
            }
            var c = options.Channels(r);
            var toRgbStyles = StyleGanNetwork.Styles(network.ToRgbAffines[block], ws[layer]);
            var t = tensor(toRgbStyles.Select(s => (float)(s / Math.Sqrt(c))).ToArray());
            var weights = oriented is null ? network.ToRgbWeights![block] : tensor(oriented.ToRgbWeights[block], new long[] { 3, c });
            var y = matmul(weights * t.unsqueeze(0), x.reshape(c, r * r)).reshape(3, r, r);
            image = image is null ? y : Upsample2(image, fir).add(y, unit);
            block++;
        }
        var planes = new float[3 * options.Resolution * options.Resolution];
        TensorTransfer.CopyToSpan(image!, planes);
        return planes;
    }

    /// <summary>
    /// Dense modulated conv with demodulation, zero bias and no noise, then ReLU·√2 (upstream at initialisation).
    /// </summary>
    public static Tensor DenseLayer(Tensor x, Tensor weight, double[] styles, bool up, Tensor fir)
    {
        // explicit Scalars stay alive through the native call (this runs on texture workers; see GcQuietRegion)
        using Scalar two = 2f, epsilon = 1e-8f, unit = 1f, gain = _sqrt2;
        var s = tensor(styles.Select(v => (float)v).ToArray()).reshape(1, -1, 1, 1);
        var w = weight * s;
        var d = w.pow(two).sum(new long[] { 1, 2, 3 }).add(epsilon, unit).rsqrt().reshape(-1, 1, 1, 1);
        w = w * d;
        var input = x.unsqueeze(0);
        Tensor y;
        if (up)
        {
            var cout = w.shape[0];
            y = nn.functional.conv_transpose2d(input, w.transpose(0, 1), strides: new long[] { 2, 2 });
            y = nn.functional.conv2d(y, fir.expand(cout, 1, 4, 4), padding: new long[] { 1, 1 }, groups: cout);
        }
        else
        {
            y = nn.functional.conv2d(input, w, padding: new long[] { 1, 1 });
        }
        return y.squeeze(0).relu().mul(gain);
    }

    /// <summary>
    /// Oriented layer in rank-1 form: Z_k = Σ_{i: k_i = k} s_i x_i per used kernel, U = S^−½ Σ_k conv_k(Z_k) with
    /// S = Σ_i s_i²‖K_{k_i}‖², then x_o = √2·max(0, σ_o U + β·AreaDown(M) + b_o).
    /// </summary>
    public static Tensor OrientedLayer(Tensor x, OrientedLayerDraw draw, double[] styles, bool up, Tensor fir, Tensor noise, int outResolution)
    {
        var cin = (int)x.shape[0];
        var r = (int)x.shape[1];
        // Every bank kernel gets a (possibly all-zero) group so tensor shapes never change: oneDNN then reuses one
        // convolution primitive per layer shape instead of creating one per random subset size.
        const int bank = OrientedWaveletBank.Count;
        var grouping = new float[bank * cin];
        double energy = 0;
        for (var i = 0; i < cin; i++)
        {
            var k = draw.KernelOfInput[i];
            grouping[k * cin + i] = (float)styles[i];
            energy += styles[i] * styles[i] * OrientedWaveletBank.SquaredNorms[k];
        }
        var z = matmul(tensor(grouping, new long[] { bank, cin }), x.reshape(cin, r * r)).reshape(1, bank, r, r);
        Tensor u;
        if (up)
        {
            u = nn.functional.conv_transpose2d(z, _bankTensor.Value.reshape(bank, 1, 3, 3), strides: new long[] { 2, 2 });
            u = nn.functional.conv2d(u, fir, padding: new long[] { 1, 1 });
        }
        else
        {
            u = nn.functional.conv2d(z, _bankTensor.Value.reshape(1, bank, 3, 3), padding: new long[] { 1, 1 });
        }
        // explicit Scalars stay alive through the native call (this runs on texture workers; see GcQuietRegion)
        using Scalar unit = 1f, normaliser = (float)(1 / Math.Sqrt(energy + 1e-8)), strength = (float)draw.NoiseStrength, gain = _sqrt2;
        u = u.reshape(1, outResolution, outResolution).mul(normaliser);
        var side = (int)noise.shape[^1];
        var n = nn.functional.avg_pool2d(noise, side / outResolution).reshape(1, outResolution, outResolution).mul(strength);
        var signs = tensor(draw.Signs).reshape(-1, 1, 1);
        var biases = tensor(draw.Biases).reshape(-1, 1, 1);
        return (signs * u).add(n, unit).add(biases, unit).relu().mul(gain);
    }

    /// <summary>upfirdn2d ×2 of the image path: zero insertion, pad (2, 1), [1,3,3,1] FIR with gain 4.</summary>
    public static Tensor Upsample2(Tensor image, Tensor fir)
    {
        var c = image.shape[0];
        var r = image.shape[1];
        var y = nn.functional.conv_transpose2d(image.unsqueeze(0), fir.expand(c, 1, 4, 4), strides: new long[] { 2, 2 }, groups: c);
        return y[0, TensorIndex.Colon, TensorIndex.Slice(1, 2 * r + 1), TensorIndex.Slice(1, 2 * r + 1)];
    }

    /// <summary>The separable [1,3,3,1]/8 filter as a [1, 1, 4, 4] kernel with gain 4 (sum 4).</summary>
    public static Tensor UpsamplingFir()
    {
        float[] f = [1, 3, 3, 1];
        var k = new float[16];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                k[i * 4 + j] = f[i] * f[j] / 64f * 4f;
            }
        }
        return tensor(k, new long[] { 1, 1, 4, 4 });
    }
}
