using System.Globalization;
using System.Text;
using SynVid.Benchmarking;
using SynVid.Evaluation.Perturbations;
using SynVid.Video;

namespace SynVid.Bench;

/// <summary>
/// Perturbed frames per second for every UCF101-P type on 16-frame 224² clips: one clip on one thread, and two
/// clips at once on two threads (evaluation perturbs views independently, so throughput scales across views).
/// </summary>
internal static class PerturbationBenchmark
{
    private const int Frames = 16;
    private const int Size = 224;

    internal static string Run()
    {
        var clip = Clip();
        var lines = new StringBuilder();
        lines.AppendLine(CultureInfo.InvariantCulture, $"{Frames}×{Size}² uint8 clips, severity 3, median of 3 (frames/s: 1 thread | 2 threads)");
        foreach (var p in PerturbationCatalog.All)
        {
            var one = Timing.Measure(() => ClipPerturbation.Apply(clip, p, 3, seed: 1), iterations: 3);
            var two = Timing.Measure(() => Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 },
                v => ClipPerturbation.Apply(clip, p, 3, seed: 1, video: v)), iterations: 3);
            lines.AppendLine(CultureInfo.InvariantCulture,
                $"  {p.Key,-17} {Frames / (one.MedianMs / 1000),9:F0} | {2 * Frames / (two.MedianMs / 1000),9:F0}");
        }
        return lines.ToString().TrimEnd();
    }

    /// <summary>A deterministic textured clip (smooth gradients plus pseudo-random detail).</summary>
    private static RgbImage[] Clip()
    {
        var random = new PerturbationRandom(2024);
        return [.. Enumerable.Range(0, Frames).Select(t =>
        {
            var px = new byte[Size * Size * 3];
            for (var i = 0; i < px.Length; i++)
            {
                var x = i / 3 % Size;
                var y = i / 3 / Size;
                px[i] = (byte)((x + y + 4 * t) / 2 + random.NextInt(0, 31));
            }
            return new RgbImage(Size, Size, px);
        })];
    }
}
