using SynVid.Datasets;
using SynVid.Datasets.Specs;
using SynVid.Reporting;
using SynVid.Synthesis;
using SynVid.Tests.Cli;
using SynVid.Training;

namespace SynVid.Tests.Training;

public class VideoListPretrainingTests
{
    [Fact]
    public void PretrainingFromExportedVideosLearnsAndBadListsAreReported()
    {
        var root = Directory.CreateTempSubdirectory("synvid-videolist").FullName;
        try
        {
            // A real exported dataset: H.264 mp4 files and the annotation csv written by `synvid generate`.
            var data = Path.Combine(root, "data");
            var generated = CliRunner.Run("generate", "--stage", "moving-shapes", "--count", "4", "--out", data, "--res", "48", "--frames", "24", "--threads", "1");
            Assert.True(generated.ExitCode == 0, generated.StdErr);
            var csv = Path.Combine(data, "annotations.csv");

            var recipe = PretrainPresets.CpuTiny with
            {
                EncoderDepth = 1,
                DecoderDepth = 1,
                Frames = 4,
                SamplingRate = 4,
                InputSize = 32,
                BatchSize = 2,
                WarmupSteps = 2,
                TotalSteps = 24,
                CheckpointEvery = 24,
                NormalizeTarget = false,
                Seed = 5,
            };
            var config = PretrainData.ForVideos(recipe, csv, "fail", stage: null, realFraction: null, images: null, preset: "cpu-tiny");
            var source = (VideoFileClipSource)PretrainData.Open(config);
            Assert.Equal(4, source.Count);
            var run = Path.Combine(root, "run");
            Pretrainer.Run(run, config, source, untilStep: 24);
            var loss = MetricsCsv.Read(Path.Combine(run, "metrics.csv")).Values["loss"];
            Assert.True(loss.TakeLast(4).Average() < 0.8 * loss.Take(4).Average(), $"first {loss.Take(4).Average()}, last {loss.TakeLast(4).Average()}");

            // Resume rebuilds the same source from the run's config.
            Assert.Equal(csv, PretrainRunConfig.Load(run).VideoList);

            // A missing file fails naming file and line, or is skipped and counted.
            var bad = Path.Combine(root, "bad.csv");
            File.WriteAllLines(bad, File.ReadAllLines(csv).Prepend("videos/none.mp4 0"));
            File.Copy(bad, Path.Combine(data, "bad.csv"));
            var e = Assert.Throws<BadVideoException>(() => new VideoFileClipSource(Path.Combine(data, "bad.csv"), new ClipSampling { Frames = 4 }, 0, BadVideoPolicy.Fail));
            Assert.Contains("bad.csv:1", e.Message, StringComparison.Ordinal);
            Assert.Contains("none.mp4", e.Message, StringComparison.Ordinal);
            var skipping = new VideoFileClipSource(Path.Combine(data, "bad.csv"), new ClipSampling { Frames = 4 }, 0, BadVideoPolicy.Skip);
            Assert.Equal(4, skipping.Count);
            Assert.Equal("missing video", Assert.Single(skipping.SkippedAtStart).Reason);

            // A file that is not a video fails when the list is read, naming file and line, or is left out and counted.
            File.WriteAllText(Path.Combine(data, "videos", "broken.mp4"), "not a video");
            File.WriteAllLines(Path.Combine(data, "broken.csv"), ["videos/broken.mp4 0", .. File.ReadAllLines(csv)]);
            var withBroken = new VideoFileClipSource(Path.Combine(data, "broken.csv"), new ClipSampling { Frames = 4 }, 0, BadVideoPolicy.Skip);
            Assert.Equal(4, withBroken.Count);
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(4, withBroken.Clip(i).Count);
            }
            Assert.EndsWith("broken.mp4", Assert.Single(withBroken.SkippedVideos).Path, StringComparison.Ordinal);
            var failed = Assert.Throws<BadVideoException>(() => new VideoFileClipSource(Path.Combine(data, "broken.csv"), new ClipSampling { Frames = 4 }, 0, BadVideoPolicy.Fail));
            Assert.Contains("broken.csv:1", failed.Message, StringComparison.Ordinal);
            Assert.Contains("broken.mp4", failed.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}
