using SynVid.Serialization;
using SynVid.Tests.Model;
using static TorchSharp.torch;

namespace SynVid.Tests.Cli;

public sealed class ModelCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("synvid-cli-model").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void InfoPrintsReferenceCounts()
    {
        var r = CliRunner.Run("model", "info", "--model", "base");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("encoder: 86227200 parameters (86.23 M)", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("total: 94210944 parameters (94.21 M)", r.StdOut, StringComparison.Ordinal);

        var c = CliRunner.Run("model", "info", "--model", "base", "--classes", "51");
        Assert.True(c.ExitCode == 0, c.StdErr);
        Assert.Contains("(86.27 M)", c.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void RunReproducesTheReferenceOutputs()
    {
        var prediction = Path.Combine(_dir, "prediction.npy");
        var r = CliRunner.Run(
            "model", "run", "--checkpoint", Fixtures.File("pretrain_tiny.pth"), "--input", Fixtures.File("pretrain_input.npy"),
            "--mask", Fixtures.File("pretrain_mask.npy"), "--out", prediction, "--heads", "3", "--decoder-heads", "3");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var logits = Path.Combine(_dir, "logits.npy");
        var c = CliRunner.Run(
            "model", "run", "--checkpoint", Fixtures.File("finetune_tiny.pth"), "--input", Fixtures.File("pretrain_input.npy"),
            "--out", logits, "--heads", "3");
        Assert.True(c.ExitCode == 0, c.StdErr);

        using var scope = NewDisposeScope();
        Assert.InRange(Fixtures.RelativeError(NpyFile.Read(prediction), NpyFile.Read(Fixtures.File("pretrain_output.npy"))), 0, 1e-5);
        Assert.InRange(Fixtures.RelativeError(NpyFile.Read(logits), NpyFile.Read(Fixtures.File("finetune_logits.npy"))), 0, 1e-5);
    }

    [Fact]
    public void BadInputsExitTwoWithOneLine()
    {
        var missingMask = CliRunner.Run(
            "model", "run", "--checkpoint", Fixtures.File("pretrain_tiny.pth"), "--input", Fixtures.File("pretrain_input.npy"),
            "--out", Path.Combine(_dir, "x.npy"), "--heads", "3", "--decoder-heads", "3");
        Assert.Equal(2, missingMask.ExitCode);
        Assert.Contains("--mask", missingMask.StdErr, StringComparison.Ordinal);
        Assert.Single(missingMask.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var noFile = CliRunner.Run("model", "run", "--checkpoint", Path.Combine(_dir, "none.pth"), "--input", Fixtures.File("pretrain_input.npy"), "--out", Path.Combine(_dir, "y.npy"));
        Assert.Equal(2, noFile.ExitCode);
        Assert.Contains("none.pth", noFile.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "y.npy")));

        var unknown = CliRunner.Run("model", "info", "--model", "gigantic");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("gigantic", unknown.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchTrainStepPrintsTheMedianLast()
    {
        var r = CliRunner.Run("bench", "train-step", "--model", "tiny", "--frames", "4", "--img", "32", "--batch", "1", "--threads", "1", "--steps", "2", "--warmup", "0");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var last = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Matches(@"median \d+\.\d ms .* \d+\.\d clips/s, \d+\.\d GFLOP/s = \d+ ?% of a 2048² matmul.s \d+\.\d$", last);
        Assert.Contains("step 2/2", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchTrainStepTakesAPresetAndExplicitOverrides()
    {
        var r = CliRunner.Run("bench", "train-step", "--preset", "cpu-tiny", "--frames", "4", "--img", "32", "--batch", "1", "--steps", "1", "--warmup", "0");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("train-step cpu-tiny: tiny (4+2 blocks), 4 frames, 32², batch 1,", r.StdOut, StringComparison.Ordinal);
    }
}
