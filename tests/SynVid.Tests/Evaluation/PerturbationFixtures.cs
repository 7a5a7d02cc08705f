using SynVid.Video;

namespace SynVid.Tests.Evaluation;

/// <summary>The reference's UCF101-P outputs in tests/fixtures/perturbations (see its manifest.json).</summary>
internal static class PerturbationFixtures
{
    /// <summary>Input frames whose outputs the fixtures hold.</summary>
    internal static readonly int[] FixtureFrames = [0, 7];

    internal static string Directory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SynVid.slnx")))
            {
                dir = dir.Parent;
            }
            Assert.NotNull(dir);
            return Path.Combine(dir.FullName, "tests", "fixtures", "perturbations");
        }
    }

    internal static RgbImage[] Input() => NpyClip.Read(Path.Combine(Directory, "input.npy"));

    /// <summary>The input frames the fixture outputs were computed from.</summary>
    internal static RgbImage[] FixtureInputFrames() => [.. FixtureFrames.Select(i => Input()[i])];

    internal static RgbImage[] Output(string key, int severity) =>
        NpyClip.Read(Path.Combine(Directory, $"{key}_s{severity}.npy"));

    /// <summary>Largest absolute channel difference and the number of differing channel values.</summary>
    internal static (int MaxDiff, int Differing, int Total) Compare(RgbImage[] expected, RgbImage[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        int max = 0, differing = 0, total = 0;
        for (var t = 0; t < expected.Length; t++)
        {
            Assert.Equal(expected[t].Width, actual[t].Width);
            Assert.Equal(expected[t].Height, actual[t].Height);
            var e = expected[t].Pixels;
            var a = actual[t].Pixels;
            for (var i = 0; i < e.Length; i++)
            {
                var d = Math.Abs(e[i] - a[i]);
                max = Math.Max(max, d);
                differing += d > 0 ? 1 : 0;
            }
            total += e.Length;
        }
        return (max, differing, total);
    }

    /// <summary>Peak signal-to-noise ratio in dB of 8-bit images (∞ when identical).</summary>
    internal static double Psnr(RgbImage[] expected, RgbImage[] actual)
    {
        double se = 0;
        long n = 0;
        for (var t = 0; t < expected.Length; t++)
        {
            for (var i = 0; i < expected[t].Pixels.Length; i++)
            {
                double d = expected[t].Pixels[i] - actual[t].Pixels[i];
                se += d * d;
                n++;
            }
        }
        return se == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / (se / n));
    }
}
