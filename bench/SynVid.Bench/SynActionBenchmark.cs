using System.Globalization;
using SynVid.Benchmarking;
using SynVid.Datasets.SynAction;

namespace SynVid.Bench;

/// <summary>Rendering speed of the built-in action benchmark: a 16-frame 224² clip, and full 320×240 videos.</summary>
internal static class SynActionBenchmark
{
    internal static string Run()
    {
        // a 16-frame clip at stride 4 out of a 224² video, as the training loader asks for it
        var square = new SynActionDataset(new SynActionConfig(Width: 224, Height: 224, MinFrames: 64, MaxFrames: 64));
        var clipFrames = Enumerable.Range(0, 16).Select(i => i * 4).ToArray();
        var index = 0;
        var clip = Timing.Measure(() => square.Render(SynActionSplit.Train, index++ % 100, clipFrames), iterations: 40, warmup: 3);

        // whole videos at the default 320×240, 48–96 frames
        var dataset = new SynActionDataset(new SynActionConfig());
        var frames = 0;
        var video = 0;
        var full = Timing.Measure(() => frames += dataset.Render(SynActionSplit.Train, video++ % 100).Length, iterations: 20, warmup: 2);
        var meanFrames = frames / 22.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"16-frame 224x224 clip: median {clip.MedianMs:F1} ms ({clip.MedianMs / 16:F2} ms/frame); " +
            $"full 320x240 video (mean {meanFrames:F0} frames): median {full.MedianMs:F1} ms ({full.MedianMs / meanFrames:F2} ms/frame)");
    }
}
