using System.Text.Json.Nodes;
using SynVid.Analysis;
using SynVid.Analysis.Data;
using SynVid.Serialization;
using SynVid.Tests.Cli;
using SynVid.Video;

namespace SynVid.Tests.Analysis;

public sealed class AnalyzeCommandTests
{
    [Fact]
    public void AnalyzeWritesAllSixPropertiesForTwoStages()
    {
        using var dir = new TempFolder();
        var result = CliRunner.Run(
            "analyze", "--data", "stage:moving-circles,count=12,resolution=64", "--reference", "stage:static-circles,count=12,resolution=64",
            "--frames", "64", "--videos", "8", "--out", dir.Path);
        Assert.True(result.ExitCode == 0, result.StdErr + result.StdOut);
        var json = JsonNode.Parse(File.ReadAllText(dir.File("metrics.json")))!.AsObject();
        foreach (var key in MetricsJson.Properties)
        {
            Assert.True(json[key] is JsonValue, $"metrics.json lacks a number for {key}");
        }
        Assert.True(json["fid"]!.GetValue<double>() > 0);
        Assert.InRange(json["spectrum_alpha"]!.GetValue<double>(), 0.5, 2.5);
        Assert.Equal("random:0", json["extractor"]!.GetValue<string>());
        Assert.False(json["comparable_with_paper"]!.GetValue<bool>());
        Assert.Equal(64, json["counts"]!["frames"]!.GetValue<int>());
        Assert.Equal(8, json["counts"]!["videos"]!.GetValue<int>());
        Assert.True(new FileInfo(dir.File("analysis.png")).Length > 1000);
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), AtomicFile.IsTemporary);
    }

    [Fact]
    public void AnalyzeWithAnImageOnnxModelHasNoFvd()
    {
        using var dir = new TempFolder();
        var model = dir.File("tiny.onnx");
        File.WriteAllBytes(model, TinyOnnxModel.Build(side: 32, TinyOnnxModel.Weights(TinyOnnxModel.Channels * 27, seed: 1)));
        var result = CliRunner.Run(
            "analyze", "--data", "stage:moving-shapes,count=6,resolution=48", "--reference", "stage:moving-circles,count=6,resolution=48",
            "--features", "onnx:" + model, "--frames", "16", "--videos", "3", "--out", dir.File("out"));
        Assert.True(result.ExitCode == 0, result.StdErr + result.StdOut);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("out"), "metrics.json")))!.AsObject();
        Assert.True(json.ContainsKey("fvd"));
        Assert.Null(json["fvd"]);
        Assert.Equal(TinyOnnxModel.Channels, json["feature_dim"]!.GetValue<int>());
        Assert.True(json["fid"]!.GetValue<double>() >= 0);
    }

    [Fact]
    public void BadSpecsAreOneLineUsageErrors()
    {
        using var dir = new TempFolder();
        var result = CliRunner.Run("analyze", "--data", "stage:no-such-stage", "--reference", "stage:static-circles", "--frames", "4", "--videos", "2", "--out", dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-stage", result.StdErr);
        var features = CliRunner.Run("analyze", "--data", "stage:static-circles", "--reference", "stage:static-circles", "--features", "inception", "--out", dir.Path);
        Assert.Equal(2, features.ExitCode);
        Assert.Contains("inception", features.StdErr);
        Assert.False(File.Exists(dir.File("metrics.json")));
    }

    [Fact]
    public void SummaryIsIndependentOfThreadCountAndFolderSourcesReadPngFrameFolders()
    {
        using var dir = new TempFolder();
        // Two PNG "videos" of 3 frames each.
        for (var v = 0; v < 2; v++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(dir.Path, $"video{v}")).FullName;
            foreach (var (frame, t) in FeatureExtractorTests.Frames(3, 24, 20, seed: v).Select((f, t) => (f, t)))
            {
                PngFile.Write(Path.Combine(folder, $"{t:D4}.png"), frame);
            }
        }
        using var files = VideoCollections.Open("folder:" + dir.Path);
        Assert.Equal(2, files.Count);
        Assert.Equal(3, files.FrameCount(1));

        using var stage = VideoCollections.Open("stage:moving-shapes,count=6,resolution=48,seed=3");
        using var extractor = new SynVid.Analysis.Features.RandomConvExtractor(0);
        var options = new AnalysisOptions { Data = "-", Reference = "-", Frames = 10, Videos = 3, ClipLength = 4, BatchSize = 4 };
        var one = DatasetAnalysis.Summarize(stage, extractor, options with { Parallelism = 1 });
        var two = DatasetAnalysis.Summarize(stage, extractor, options with { Parallelism = 2 });
        Assert.Equal(one.SpectrumAlphas, two.SpectrumAlphas);
        Assert.Equal(one.Lab.Mean, two.Lab.Mean);
        Assert.Equal(one.FrameFeatures.Values, two.FrameFeatures.Values);
        Assert.Equal(12, one.ClipFrameFeatures.Rows);

        var fromFiles = DatasetAnalysis.Summarize(files, extractor, options);
        Assert.Equal(10, fromFiles.FrameFeatures.Rows);
    }
}

public sealed class DownstreamCollectionTests
{
    [Fact]
    public void FolderOfExportedVideosAndSynActionClassesAreAnalysable()
    {
        using var fixture = new SynVid.Tests.Evaluation.DownstreamFixture();
        using var files = VideoCollections.Open("folder:" + fixture.DataDir);
        Assert.Equal(9, files.Count);
        Assert.Equal(30, files.FrameCount(0)); // ordinal path order: test/alpha/long.mp4 first
        using var extractor = new SynVid.Analysis.Features.RandomConvExtractor(1);
        var options = new AnalysisOptions { Data = "-", Reference = "-", Frames = 6, Videos = 3, ClipLength = 16, BatchSize = 8 };
        var summary = DatasetAnalysis.Summarize(files, extractor, options);
        Assert.Equal(6, summary.FrameFeatures.Rows);
        Assert.Equal(48, summary.ClipFrameFeatures.Rows);
        Assert.Equal((40, 30), (summary.SampleFrames[0].Width, summary.SampleFrames[0].Height));

        var classes = SynVid.Datasets.Specs.DatasetCatalog.Load(new SynVid.Datasets.Specs.SynActionSpec(false)).ClassNames;
        using var all = VideoCollections.Open("synaction");
        using var one = VideoCollections.Open("synaction", classes[1]);
        Assert.True(one.Count > 0 && one.Count < all.Count);
        Assert.Equal(2, one.ReadFrames(0, [0, 3]).Count);
        var e = Assert.Throws<SynVid.UserInputException>(() => VideoCollections.Open("synaction", "no-such-class"));
        Assert.Contains("no-such-class", e.Message);
    }
}
