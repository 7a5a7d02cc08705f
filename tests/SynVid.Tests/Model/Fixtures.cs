using SynVid.Model;
using SynVid.Training;
using static TorchSharp.torch;

namespace SynVid.Tests.Model;

/// <summary>The reference VideoMAE fixtures (tiny configuration) and comparison functions.</summary>
internal static class Fixtures
{
    /// <summary>tests/fixtures/videomae, written by the authors' code (see its manifest.json).</summary>
    internal static string Directory { get; } = Path.Combine(RepoRoot(), "tests", "fixtures", "videomae");

    internal static string File(string name) => Path.Combine(Directory, name);

    /// <summary>manifest.json "pretrain": img 32, patch 8, 16 frames, tubelet 2, 48/2/3, decoder 24/2/3.</summary>
    internal static VideoVitConfig TinyTrunk { get; } = new()
    {
        ImageSize = 32,
        PatchSize = 8,
        NumFrames = 16,
        TubeletSize = 2,
        EmbedDim = 48,
        Depth = 2,
        NumHeads = 3,
    };

    internal static PretrainConfig TinyPretrain { get; } = new()
    {
        Encoder = TinyTrunk,
        DecoderEmbedDim = 24,
        DecoderDepth = 2,
        DecoderNumHeads = 3,
    };

    /// <summary>A pre-training recipe at a constant lr (no warm-up, minimum = peak) for steps of the fixture models.</summary>
    internal static PretrainRecipe ConstantLr(double lr, int batch) => new()
    {
        BatchSize = batch,
        Accumulation = 1,
        BaseLr = lr * 256 / batch,
        BaseMinLr = lr * 256 / batch,
        WarmupSteps = 0,
        TotalSteps = 1000,
    };

    /// <summary>manifest.json "finetune": the same trunk with 5 classes and mean pooling.</summary>
    internal static ClassifierConfig TinyClassifier { get; } = new() { Encoder = TinyTrunk, NumClasses = 5 };

    /// <summary>max |actual − expected| / max |expected|.</summary>
    internal static double RelativeError(Tensor actual, Tensor expected)
    {
        using var diff = (actual.to_type(ScalarType.Float64) - expected.to_type(ScalarType.Float64)).abs().max();
        using var scale = expected.to_type(ScalarType.Float64).abs().max();
        return diff.item<double>() / scale.item<double>();
    }

    /// <summary>Same shape and bit-identical values (NaN-free tensors).</summary>
    internal static bool SameValues(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape) || a.dtype != b.dtype)
        {
            return false;
        }
        using var eq = a.eq(b);
        using var all = eq.all();
        return all.item<bool>();
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "SynVid.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("SynVid.slnx not found above " + AppContext.BaseDirectory);
    }
}
