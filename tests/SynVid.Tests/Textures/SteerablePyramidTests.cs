using SynVid.Textures;
using static TorchSharp.torch;

namespace SynVid.Tests.Textures;

public class SteerablePyramidTests
{
    [Fact]
    public void ReconstructionIsExactForABatch()
    {
        using var pyramid = new SteerablePyramid(64, 2);
        using var images = randn(3, 64, 64, generator: new Generator(1));
        using var coefficients = pyramid.Build(images);
        Assert.Equal(new long[] { 3, 64, 64 }, coefficients.Highpass.shape);
        Assert.Equal(new long[] { 3, 4, 64, 64 }, coefficients.Bands[0].shape);
        Assert.Equal(new long[] { 3, 4, 32, 32 }, coefficients.Bands[1].shape);
        Assert.Equal(new long[] { 3, 16, 16 }, coefficients.Lowpass.shape);
        using var back = pyramid.Reconstruct(coefficients);
        var error = (back - images).abs().max().item<float>();
        Assert.True(error < 1e-4f, $"max reconstruction error {error}");
    }

    [Fact]
    public void MasksFormATightFrame()
    {
        for (var r = 0.01; r < 1.5; r += 0.013)
        {
            Assert.Equal(1.0, Math.Pow(SteerablePyramid.Hi0(r), 2) + Math.Pow(SteerablePyramid.Lo0(r), 2), 12);
        }
        for (var theta = -3.0; theta < 3.2; theta += 0.1)
        {
            var sum = Enumerable.Range(0, 4).Sum(b => Math.Pow(SteerablePyramid.Angular(theta, b), 2));
            Assert.Equal(1.0, sum, 12);
        }
    }

    [Fact]
    public void OrientedBandsSelectTheirOrientation()
    {
        // A vertical grating (varies along x) at a mid-band frequency lands in orientation 0, none in orientation 2.
        const int n = 64;
        var values = new float[n * n];
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                values[y * n + x] = MathF.Cos(2 * MathF.PI * 12 * x / n);
            }
        }
        using var pyramid = new SteerablePyramid(n, 2);
        using var image = tensor(values, new long[] { 1, n, n });
        using var coefficients = pyramid.Build(image);
        var energy = coefficients.Bands[0].square().sum(new long[] { 2, 3 }).squeeze(0).data<float>().ToArray();
        Assert.True(energy[0] > 100 * (energy[2] + 1e-6f), string.Join(", ", energy));
    }
}
