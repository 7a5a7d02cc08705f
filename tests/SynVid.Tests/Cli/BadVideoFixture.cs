using System.Diagnostics;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Video;

namespace SynVid.Tests.Cli;

/// <summary>
/// A csv dataset with bad videos in every split: random bytes in train.csv and val.csv, a truncated MP4 (its pictures
/// end well before the frame count its header declares) in test.csv; a variable-frame-rate AVI whose stream holds 7
/// pictures for the 46 frames its container counts; and a tiny 2-class classifier checkpoint.
/// </summary>
internal sealed class BadVideoFixture : IDisposable
{
    public BadVideoFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "synvid-badvideo-" + Guid.NewGuid().ToString("N"));
        Data = Path.Combine(Root, "data");
        Directory.CreateDirectory(Data);
        for (var i = 0; i < 4; i++)
        {
            WriteVideo(Path.Combine(Data, $"good{i}.mp4"), 24, i);
        }
        File.WriteAllBytes(Path.Combine(Data, "rand.mp4"), [.. Enumerable.Range(0, 20000).Select(i => (byte)((i * 7919) ^ (i >> 3)))]);
        // moov first (faststart), so the header still reads after the cut
        var whole = Path.Combine(Root, "whole.mp4");
        Ffmpeg("-i", Path.Combine(Data, "good0.mp4"), "-c", "copy", "-movflags", "+faststart", whole);
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(Truncated, bytes[..(bytes.Length * 2 / 5)]);
        Ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=15:duration=3.1",
            "-vf", "select='eq(n\\,0)+eq(n\\,9)+eq(n\\,15)+eq(n\\,22)+eq(n\\,32)+eq(n\\,39)+eq(n\\,45)'", "-fps_mode", "passthrough",
            "-c:v", "mpeg4", VariableRate);
        File.WriteAllText(Path.Combine(Data, "train.csv"), "good0.mp4 0\ngood1.mp4 1\ngood2.mp4 0\ngood3.mp4 1\nrand.mp4 0\n");
        File.WriteAllText(Path.Combine(Data, "val.csv"), "good0.mp4 0\nrand.mp4 1\n");
        File.WriteAllText(Path.Combine(Data, "test.csv"), "trunc.mp4 0\ngood1.mp4 1\ngood2.mp4 0\n");
        Checkpoint = Path.Combine(Root, "classifier.pth");
        TorchSharp.torch.manual_seed(3);
        using var model = new VideoClassifier(new ClassifierConfig
        {
            Encoder = new VideoVitConfig { ImageSize = 32, NumFrames = 4, EmbedDim = 64, Depth = 1, NumHeads = 1 },
            NumClasses = 2,
        });
        CheckpointWriter.Save(Checkpoint, model, new Dictionary<string, object>
        {
            ["args"] = new Dictionary<string, object> { ["num_frames"] = 4, ["input_size"] = 32, ["sampling_rate"] = 4 },
        });
    }

    public string Root { get; }

    /// <summary>The csv dataset folder (<c>csv:DATA</c>).</summary>
    public string Data { get; }

    public string Truncated => Path.Combine(Data, "trunc.mp4");

    public string VariableRate => Path.Combine(Data, "vfr.avi");

    public string Checkpoint { get; }

    /// <summary>A second csv dataset in <paramref name="name"/> with the given lists (paths relative to <see cref="Data"/>).</summary>
    public string Lists(string name, string train, string val, string test)
    {
        var dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        foreach (var (file, text) in new[] { ("train.csv", train), ("val.csv", val), ("test.csv", test) })
        {
            File.WriteAllText(Path.Combine(dir, file), string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"../data/{l}\n")));
        }
        return dir;
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

    private static void Ffmpeg(params string[] args)
    {
        var info = new ProcessStartInfo(SynVid.Video.Ffmpeg.Require()) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-y" }.Concat(args))
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }

    // 40×30 frames that differ per video and frame
    private static void WriteVideo(string path, int frames, int seed)
    {
        using var writer = VideoWriter.Create(path, 40, 30, 25, VideoQuality.Lossless);
        for (var t = 0; t < frames; t++)
        {
            var img = new RgbImage(40, 30);
            for (var i = 0; i < img.Pixels.Length; i++)
            {
                img.Pixels[i] = (byte)((i * (seed + 3)) + (11 * t));
            }
            writer.Write(img);
        }
        writer.Complete();
    }
}
