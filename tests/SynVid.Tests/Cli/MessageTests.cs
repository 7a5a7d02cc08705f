using System.Text.Json.Nodes;
using SynVid.Serialization;
using static TorchSharp.torch;

namespace SynVid.Tests.Cli;

/// <summary>Messages name what the user typed and what is accepted, in the CLI's words (issue items 6, 7, 8 and 10).</summary>
public sealed class MessageTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string OneLine(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.StdErr}");
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var leak in new[] { "System.", "SynVid.", "LineNumber", "BytePositionInLine", "   at " })
        {
            Assert.DoesNotContain(leak, line, StringComparison.Ordinal);
        }
        return line;
    }

    [Fact]
    public void ValuesAreReportedAsTyped()
    {
        var steps = OneLine(CliRunner.Run("pretrain", "--stage", "moving-circles", "--steps", "0", "--out", _dir.File("a")));
        Assert.Equal("synvid: --steps must be at least 1, got 0", steps);
        var lr = OneLine(CliRunner.Run("pretrain", "--stage", "moving-circles", "--lr", "-1", "--out", _dir.File("a")));
        Assert.Equal("synvid: base_lr (--lr) must be positive, got -1", lr);
        Assert.Contains("--threads must be 0 (all cores) or positive, got -1",
            OneLine(CliRunner.Run("generate", "--stage", "moving-circles", "--count", "1", "--threads", "-1", "--out", _dir.File("g"))), StringComparison.Ordinal);
        Assert.Contains("--data", OneLine(CliRunner.Run("pretrain", "--stage", "moving-circles", "--mix", "2", "--out", _dir.File("a"))), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("a")));
        Assert.False(Directory.Exists(_dir.File("g")));
    }

    [Fact]
    public void EncoderFoldersAreCheckedBeforeAnythingRuns()
    {
        var missing = OneLine(CliRunner.Run("progression", "--preset", "cpu-proof-demo", "--encoders", _dir.File("none"), "--threads", "1", "--out", _dir.File("p")));
        Assert.Contains("encoders.json", missing, StringComparison.Ordinal);
        // the shipped encoders cannot serve cpu-proof itself: its scaling study needs their intermediate checkpoints
        var shipped = Path.Combine(Model.Fixtures.RepoRoot(), "models", "cpu-proof");
        Assert.Contains("scaling_steps", OneLine(CliRunner.Run("progression", "--preset", "cpu-proof", "--encoders", shipped, "--threads", "1", "--out", _dir.File("p"))), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("p")));
        Directory.CreateDirectory(_dir.File("empty"));
        Assert.Contains("not a progression folder", OneLine(CliRunner.Run("progression-encoders", "--runs", _dir.File("empty"), "--out", _dir.File("e"))), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("e")));
    }

    [Fact]
    public void NonFiniteNumbersAndForeignZipsAreInputErrorsNotCrashes()
    {
        Assert.Equal("synvid: recipe field 'base_lr' cannot be NaN; it takes a finite number",
            OneLine(CliRunner.Run("pretrain", "--stage", "moving-circles", "--lr", "NaN", "--out", _dir.File("a"))));
        Assert.Contains("cannot be Infinity",
            OneLine(CliRunner.Run("finetune", "--data", "synaction", "--checkpoint", "none", "--lr", "Infinity", "--out", _dir.File("f"))), StringComparison.Ordinal);
        Assert.Contains("--threads must be 0 (all cores) or positive, got -1",
            OneLine(CliRunner.Run("analyze", "--data", "stage:moving-circles", "--reference", "stage:static-circles", "--threads", "-1", "--out", _dir.File("an"))), StringComparison.Ordinal);
        // a zip archive that torch.save did not write
        var zip = _dir.File("notorch.pth");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            writer.Write("not a checkpoint");
        }
        Assert.Contains("not a PyTorch checkpoint (a zip archive without the pickled data torch.save writes)",
            OneLine(CliRunner.Run("evaluate", "--checkpoint", zip, "--data", "synaction", "--out", _dir.File("e"))), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("a")));
        Assert.False(Directory.Exists(_dir.File("f")));
        Assert.False(Directory.Exists(_dir.File("e")));
    }

    [Fact]
    public void NoDotNetTypeNamesOrJsonReaderPositions()
    {
        Assert.Contains("'abc' is not a whole number",
            OneLine(CliRunner.Run("pretrain", "--stage", "moving-circles", "--batch", "abc", "--out", _dir.File("a"))), StringComparison.Ordinal);
        Assert.Contains("one of Reference, Corrected",
            OneLine(CliRunner.Run("generate", "--stage", "moving-circles", "--count", "1", "--profile", "abc", "--out", _dir.File("g"))), StringComparison.Ordinal);
        Assert.Contains("stage parameter 'minFrames' cannot be \"abc\"; it takes a whole number",
            OneLine(CliRunner.Run("generate", "--stage", "moving-circles", "--count", "1", "--set", "minFrames=abc", "--out", _dir.File("g"))), StringComparison.Ordinal);
        Assert.Contains("minFrames = 0 is out of range",
            OneLine(CliRunner.Run("generate", "--stage", "moving-circles", "--count", "1", "--set", "minFrames=0", "--out", _dir.File("g"))), StringComparison.Ordinal);
        var config = _dir.File("stage.json");
        File.WriteAllText(config, "{\n  \"objectCount\": 3,\n  \"speedMin\": ,\n}");
        Assert.Contains("is not valid JSON at line 3",
            OneLine(CliRunner.Run("generate", "--stage", "moving-circles", "--count", "1", "--config", config, "--out", _dir.File("g"))), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckpointsAreDiagnosedForWhatTheyAre()
    {
        var garbage = _dir.File("garbage.pth");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 31))]);
        var line = OneLine(CliRunner.Run("evaluate", "--checkpoint", garbage, "--data", "synaction", "--out", _dir.File("e")));
        Assert.Contains("not a checkpoint", line, StringComparison.Ordinal);
        Assert.DoesNotContain("safetensors file (", line, StringComparison.Ordinal);
        // a folder is a run folder's latest checkpoint, or named for what it lacks
        Assert.Contains("a folder without checkpoints/latest",
            OneLine(CliRunner.Run("model", "run", "--checkpoint", _dir.Path, "--input", garbage, "--out", _dir.File("m.npy"))), StringComparison.Ordinal);
    }

    [Fact]
    public void APreTrainingRunAnswersEvaluateModelRunAndResumeInItsOwnTerms()
    {
        var run = _dir.File("run");
        // a one-step schedule: the run is finished after its first step
        var trained = CliRunner.Run("pretrain", "--stage", "moving-circles", "--res", "64", "--schedule-steps", "1", "--batch", "1", "--threads", "1", "--out", run);
        Assert.True(trained.ExitCode == 0, trained.StdErr + trained.StdOut);

        // evaluate: what the checkpoint is, not a flag evaluate does not have
        var evaluated = OneLine(CliRunner.Run("evaluate", "--checkpoint", run, "--data", "synaction", "--out", _dir.File("e")));
        Assert.Contains("pre-training checkpoint", evaluated, StringComparison.Ordinal);
        Assert.DoesNotContain("--decoder-heads", evaluated, StringComparison.Ordinal);

        // model run: a run folder is its latest checkpoint, and the tiny decoder's 3 heads come from the checkpoint's args
        var recipe = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!["recipe"]!;
        int frames = (int)recipe["frames"]!, size = (int)recipe["input_size"]!, tokens = frames / 2 * (size / 16) * (size / 16);
        var input = _dir.File("clip.npy");
        var mask = _dir.File("mask.npy");
        using (NewDisposeScope())
        {
            NpyFile.Write(input, randn([1, 3, frames, size, size]));
            NpyFile.Write(mask, arange(tokens).lt(tokens * 9 / 10).unsqueeze(0));
        }
        var ran = CliRunner.Run("model", "run", "--checkpoint", run, "--input", input, "--mask", mask, "--out", _dir.File("prediction.npy"));
        Assert.True(ran.ExitCode == 0, ran.StdErr);

        // resuming a finished run says so; a killed checkpoint write's temporary folder goes on the next run
        var finished = CliRunner.Run("pretrain", "--resume", run, "--threads", "1");
        Assert.True(finished.ExitCode == 0, finished.StdErr);
        Assert.Contains("nothing to do", finished.StdOut, StringComparison.Ordinal);
        // the console may wrap the line
        Assert.Contains("has run 1 of 1 steps", string.Join(' ', finished.StdOut.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", finished.StdOut, StringComparison.Ordinal);
        var stale = Path.Combine(run, "checkpoints", "step-00000002" + SynVid.Serialization.AtomicFile.Marker + "999999-0a1b");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "checkpoint.pth"), "half");
        var resumed = CliRunner.Run("pretrain", "--resume", run, "--steps", "2", "--threads", "1");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr + resumed.StdOut);
        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(Path.Combine(run, "checkpoints", "step-00000002")));
    }
}
