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

    /// <summary>
    /// The same videos in UCF101's official layout: <c>ROOT/UCF-101/CLASS/v_CLASS_gXX_cYY.avi</c> with
    /// <c>ucfTrainTestlist/</c> (classInd.txt, trainlist01.txt, testlist01.txt) inside the root; test videos are group
    /// 01, as in the official split 1. Returns the dataset root.
    /// </summary>
    public static string CreateUcf101(string root, int testPerClass = 2)
    {
        var dataset = Path.Combine(root, "UCF-101");
        string[] classes = ["RedStripes", "BlueStripes"];
        var train = new List<string>();
        var test = new List<string>();
        for (var label = 0; label < classes.Length; label++)
        {
            var cls = classes[label];
            Directory.CreateDirectory(Path.Combine(dataset, cls));
            for (var i = 0; i < 2 + testPerClass; i++)
            {
                var isTest = i >= 2;
                var name = $"{cls}/v_{cls}_g{(isTest ? 1 : 8 + i):00}_c{(isTest ? i - 1 : 1):00}.avi";
                var frames = i == 2 ? 12 : 30 + 6 * i;
                TestFrames.WriteVideo(Path.Combine(dataset, name), Frames(label, i, frames), 25, new VideoWriterSettings(VideoQuality.Lossless));
                if (isTest)
                {
                    test.Add(name);
                }
                else
                {
                    train.Add($"{name} {label + 1}");
                }
            }
        }
        var lists = Directory.CreateDirectory(Path.Combine(dataset, "ucfTrainTestlist")).FullName;
        File.WriteAllLines(Path.Combine(lists, "classInd.txt"), classes.Select((c, i) => $"{i + 1} {c}"));
        File.WriteAllLines(Path.Combine(lists, "trainlist01.txt"), train);
        File.WriteAllLines(Path.Combine(lists, "testlist01.txt"), test);
        return dataset;
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
