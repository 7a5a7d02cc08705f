using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Video;

namespace SynVid.Tests.Evaluation;

/// <summary>A miniature class-folder dataset of real (lossless) videos and a tiny classifier checkpoint for evaluation tests.</summary>
internal sealed class DownstreamFixture : IDisposable
{
    public const int Frames = 4;
    public const int Size = 32;

    public DownstreamFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "synvid-eval-" + Guid.NewGuid().ToString("N"));
        string[] classes = ["alpha", "beta", "gamma"];
        for (var c = 0; c < classes.Length; c++)
        {
            WriteVideo(Path.Combine(Root, "data", "train", classes[c], "a.mp4"), 24, c);
            WriteVideo(Path.Combine(Root, "data", "test", classes[c], "long.mp4"), 30, c);
            // shorter than one window (Frames · stride = 16): the short-video rule pads it
            WriteVideo(Path.Combine(Root, "data", "test", classes[c], "short.mp4"), 7, c);
        }
        Checkpoint = Path.Combine(Root, "classifier.pth");
        using var model = NewModel();
        CheckpointWriter.Save(Checkpoint, model, new Dictionary<string, object>
        {
            ["args"] = new Dictionary<string, object> { ["num_frames"] = Frames, ["input_size"] = Size, ["sampling_rate"] = 4 },
        });
    }

    public string Root { get; }

    public string DataDir => Path.Combine(Root, "data");

    public string Checkpoint { get; }

    /// <summary>A deterministic tiny classifier whose head is large enough that views disagree.</summary>
    public static VideoClassifier NewModel()
    {
        TorchSharp.torch.manual_seed(11);
        var config = new ClassifierConfig
        {
            Encoder = new VideoVitConfig { ImageSize = Size, NumFrames = Frames, EmbedDim = 64, Depth = 1, NumHeads = 1 },
            NumClasses = 3,
            InitScale = 100,
        };
        var model = new VideoClassifier(config);
        model.eval();
        return model;
    }

    // 40×30 frames whose content varies in time, space and class, so views differ.
    private static void WriteVideo(string path, int frames, int classIndex)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = VideoWriter.Create(path, 40, 30, 25, VideoQuality.Lossless);
        for (var t = 0; t < frames; t++)
        {
            var img = new RgbImage(40, 30);
            for (var y = 0; y < 30; y++)
            {
                for (var x = 0; x < 40; x++)
                {
                    var o = img.Offset(x, y);
                    img.Pixels[o] = (byte)(6 * x + 9 * t);
                    img.Pixels[o + 1] = (byte)(80 * classIndex + 5 * y);
                    img.Pixels[o + 2] = (byte)((x * y + 13 * t) % 256);
                }
            }
            writer.Write(img);
        }
        writer.Complete();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
