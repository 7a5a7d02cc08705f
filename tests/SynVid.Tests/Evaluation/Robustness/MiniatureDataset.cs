using SynVid.Tests.Video;
using SynVid.Video;

namespace SynVid.Tests.Evaluation.Robustness;

/// <summary>
/// A tiny VideoMAE-style csv dataset of lossless 40×32 videos in class folders: two classes, two training and
/// <paramref name="testPerClass"/> test videos per class, the first test video of each class only 12 frames long
/// (3 frames at stride 4, shorter than any clip).
/// </summary>
internal static class MiniatureDataset
{
    public const int Width = 40;
    public const int Height = 32;

    public static string Create(string root, int testPerClass = 2)
    {
        var lines = new Dictionary<string, List<string>> { ["train"] = [], ["test"] = [] };
        foreach (var label in new[] { 0, 1 })
        {
            var cls = label == 0 ? "red" : "blue";
            Directory.CreateDirectory(Path.Combine(root, "videos", cls));
            for (var i = 0; i < 2 + testPerClass; i++)
            {
                var split = i < 2 ? "train" : "test";
                var frames = i == 2 ? 12 : 30 + 6 * i;
                var name = $"videos/{cls}/{split}_{i}.mkv";
                TestFrames.WriteVideo(Path.Combine(root, name), Frames(label, i, frames), 25, new VideoWriterSettings(VideoQuality.Lossless));
                lines[split].Add($"{name} {label}");
            }
        }
        File.WriteAllLines(Path.Combine(root, "train.csv"), lines["train"]);
        File.WriteAllLines(Path.Combine(root, "test.csv"), lines["test"]);
        File.WriteAllLines(Path.Combine(root, "val.csv"), lines["test"]);
        File.WriteAllLines(Path.Combine(root, "classes.txt"), ["red", "blue"]);
        return root;
    }

    /// <summary>Moving stripes tinted by class; every frame differs.</summary>
    public static RgbImage[] Frames(int label, int video, int count) =>
        [.. Enumerable.Range(0, count).Select(t =>
        {
            var image = TestFrames.Smooth(Width, Height, t + 7 * video);
            for (var p = 0; p < Width * Height; p++)
            {
                image.Pixels[p * 3 + (label == 0 ? 0 : 2)] = (byte)Math.Min(255, image.Pixels[p * 3 + (label == 0 ? 0 : 2)] + 60);
            }
            return image;
        })];
}
