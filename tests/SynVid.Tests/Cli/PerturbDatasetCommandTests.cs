using SynVid.Datasets.Specs;
using SynVid.Evaluation.Perturbations;
using SynVid.Serialization;
using SynVid.Tests.Evaluation.Robustness;
using SynVid.Video;

namespace SynVid.Tests.Cli;

public sealed class PerturbDatasetCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void PerturbedTestSplitReadsBackThroughCsvWithTheLibrarysFrames()
    {
        var source = MiniatureDataset.Create(_dir.File("src"));
        var output = _dir.File("out");
        string[] args = ["perturb-dataset", "--data", $"csv:{source}", "--type", "gauss", "--severity", "3", "--out", output, "--seed", "4", "--lossless", "--threads", "2"];
        var first = CliRunner.Run(args);
        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("wrote 4 video(s), 0 already present", first.StdOut);

        var original = DatasetCatalog.Load(DatasetSpec.Parse($"csv:{source}"));
        var perturbed = DatasetCatalog.Load(DatasetSpec.Parse($"csv:{output}"));
        Assert.Equal(["red", "blue"], perturbed.ClassNames);
        Assert.Equal(original.Test.Select(v => v.Label), perturbed.Test.Select(v => v.Label));
        Assert.Equal(original.Test.Select(v => Path.GetRelativePath(source, v.Path)), perturbed.Test.Select(v => Path.GetRelativePath(output, v.Path)));
        for (var i = 0; i < original.Test.Count; i++)
        {
            // Lossless output: exactly the library's perturbation of the source frames, video i seeded as video i.
            var expected = ClipPerturbation.Apply(VideoReader.ReadAll(original.Test[i].Path), new GaussianNoise(), 3, seed: 4, video: i);
            var actual = VideoReader.ReadAll(perturbed.Test[i].Path);
            Assert.Equal(expected.Length, actual.Count);
            Assert.All(expected.Zip(actual), p => Assert.True(p.First.PixelsEqual(p.Second), perturbed.Test[i].Path));
        }

        // A rerun keeps the finished files; other settings in the same folder are refused.
        var stamp = File.GetLastWriteTimeUtc(perturbed.Test[0].Path);
        var again = CliRunner.Run(args);
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Contains("wrote 0 video(s), 4 already present", again.StdOut);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(perturbed.Test[0].Path));
        var other = CliRunner.Run([.. args[..^5], "--seed", "5"]);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("other settings", other.StdErr);
        Assert.Empty(Directory.GetFileSystemEntries(output, "*" + AtomicFile.Marker + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void TemporalTypesReorderTheWholeVideo()
    {
        var source = MiniatureDataset.Create(_dir.File("src"), testPerClass: 1);
        var output = _dir.File("out");
        var r = CliRunner.Run("perturb-dataset", "--data", $"csv:{source}", "--type", "reverse", "--severity", "1", "--out", output, "--lossless");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var perturbed = DatasetCatalog.Load(DatasetSpec.Parse($"csv:{output}"));
        var clip = VideoReader.ReadAll(perturbed.Test[1].Path);
        var original = MiniatureDataset.Frames(1, 2, 12);
        // Every 2nd frame of 12, reversed: 10, 8, ..., 0.
        Assert.Equal(6, clip.Count);
        Assert.True(clip[0].PixelsEqual(original[10]));
        Assert.True(clip[^1].PixelsEqual(original[0]));
    }

    [Fact]
    public void OutputPathsKeepTheLayoutAndNameBenchmarkVideosByClass()
    {
        LabeledVideo[] videos = [new("/d/UCF/ApplyEyeMakeup/v_a.avi", 0), new("/d/UCF/Archery/v_b.avi", 1), new("/d/UCF/Archery/c.webm", 1)];
        Assert.Equal(["ApplyEyeMakeup/v_a.avi", "Archery/v_b.avi", "Archery/c.mp4"],
            PerturbedDataset.RelativePaths(videos, ["ApplyEyeMakeup", "Archery"]));
        Assert.Equal(["UCF/ApplyEyeMakeup/v_a.avi", "UCF/Archery/v_b.avi", "UCF/Archery/c.mp4"],
            PerturbedDataset.RelativePaths(videos, ["ApplyEyeMakeup", "Archery"], sourceRoot: "/d"));
        Assert.Equal(["walk/synaction_test_3.mp4"], PerturbedDataset.RelativePaths([new("synaction:test/3", 0)], ["walk"]));
    }
}
