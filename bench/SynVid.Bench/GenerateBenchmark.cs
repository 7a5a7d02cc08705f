using System.Globalization;
using SynVid.Synthesis;

namespace SynVid.Bench;

/// <summary>On-the-fly 16-frame 256² clips of every stage on one thread (textured stages use an in-memory pool).</summary>
internal static class GenerateBenchmark
{
    internal static string Run()
    {
        var textures = new RenderedTextureSource(Stages.StaticCircles, 64, 512, seed: 1);
        var parts = new List<string>();
        foreach (var stage in Stages.Progression)
        {
            using var source = new OnTheFlyClipSource(stage, stage.NeedsTextures ? textures : null, seed: 0);
            var r = ClipBenchmark.Run(source, clips: 20, threads: 1);
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{stage.Name} {r.MedianMsPerClip:F2}"));
        }
        return "ms per 16-frame 256² clip, 1 thread: " + string.Join(", ", parts);
    }
}
