using SynVid.Tests.Evaluation;

namespace SynVid.Tests.Cli;

/// <summary>
/// Every command that writes, against the same bad --out paths: an existing file, a path below a file, a folder no
/// file can be created in, and another command's folder. Each must exit 2 with one line before any work, and write
/// nothing.
/// </summary>
public sealed class OutputPathTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    /// <summary>Command lines with OUT where --out goes; IN is an existing input file, FOLDER an output folder, FILE an output file.</summary>
    public static TheoryData<string, string[]> Commands => new()
    {
        { "FOLDER", ["pretrain", "--stage", "moving-circles", "--threads", "1", "--out", "OUT"] },
        { "FOLDER", ["finetune", "--data", "synaction", "--checkpoint", "none", "--threads", "1", "--out", "OUT"] },
        { "FOLDER", ["linprobe", "--data", "synaction", "--checkpoint", "none", "--threads", "1", "--out", "OUT"] },
        { "FOLDER", ["evaluate", "--data", "synaction", "--checkpoint", "IN", "--threads", "1", "--out", "OUT"] },
        { "FOLDER", ["analyze", "--data", "stage:moving-circles", "--reference", "stage:static-circles", "--out", "OUT"] },
        { "FOLDER", ["perturb-dataset", "--data", "synaction", "--type", "gauss", "--severity", "1", "--out", "OUT"] },
        { "FOLDER", ["generate", "--stage", "moving-circles", "--count", "1", "--out", "OUT"] },
        { "FOLDER", ["robustness", "--data", "synaction", "--checkpoint", "IN", "--threads", "1", "--out", "OUT"] },
        { "FOLDER", ["progression", "--preset", "cpu-demo", "--downstream", "synaction", "--threads", "1", "--out", "OUT"] },
        { "FOLDER", ["correlate", "--runs", "IN", "IN", "IN", "--out", "OUT"] },
        { "FOLDER", ["textures", "--kind", "stylegan-oriented", "--count", "1", "--out", "OUT"] },
        { "FOLDER", ["attention", "--data", "stage:moving-circles", "--checkpoint", "IN", "--out", "OUT"] },
        { "FILE", ["perturb", "--type", "gauss", "--severity", "1", "--input", "IN", "--out", "OUT"] },
        { "FILE", ["model", "run", "--checkpoint", "IN", "--input", "IN", "--out", "OUT"] },
        { "FILE", ["preview", "--stage", "moving-circles", "--out", "OUT"] },
        { "FILE", ["synaction", "sheet", "--out", "OUT"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void BadOutputPathsExitTwoWithOneLineAndWriteNothing(string kind, string[] command)
    {
        var input = _root.File("input.bin");
        File.WriteAllBytes(input, [1, 2, 3]);
        var aFile = _root.File("a-file.txt");
        File.WriteAllText(aFile, "not a folder");
        // another command's folder: a generated dataset (or, for generate itself, a pre-training run)
        var other = _root.File("other");
        Directory.CreateDirectory(Path.Combine(other, "videos"));
        if (command[0] == "generate")
        {
            File.WriteAllText(Path.Combine(other, "config.json"), "{\"recipe\": {}, \"data\": \"stage:moving-circles\"}");
        }
        else
        {
            File.WriteAllText(Path.Combine(other, "manifest.json"), "{\"count\": 1}");
            File.WriteAllText(Path.Combine(other, "annotations.csv"), "videos/000000.mp4 0\n");
        }
        var cases = new List<(string Out, string Expected)>
        {
            (Path.Combine(aFile, "sub"), "is a file"),
            ("/proc/synvid-no-such-folder/out", "not writable"),
        };
        if (kind == "FOLDER")
        {
            cases.Add((aFile, "is a file"));
            cases.Add((other, command[0] == "generate" ? "pre-training run" : "generated dataset"));
        }
        else
        {
            cases.Add((aFile, "--force"));
            cases.Add((other, "is a folder"));
        }
        foreach (var (output, expected) in cases)
        {
            var before = Snapshot();
            var r = CliRunner.Run([.. command.Select(a => a == "OUT" ? output : a == "IN" ? input : a)]);
            var what = $"synvid {string.Join(' ', command)} with --out {output}: exit {r.ExitCode}, stderr: {r.StdErr}";
            Assert.True(r.ExitCode == 2, what);
            var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(expected, line, StringComparison.Ordinal);
            Assert.Contains("--out", line, StringComparison.Ordinal);
            Assert.Equal(before, Snapshot());
        }
    }

    /// <summary>
    /// Command lines that write a file the user did not name (a default path in the current folder, or the mp4 next
    /// to --out), with that file's name; CLIP is a readable .npy clip in a subfolder.
    /// </summary>
    public static TheoryData<string, string[]> DefaultOutputs => new()
    {
        { "clip-perturbations.png", ["preview", "--perturbations", "--input", "CLIP"] },
        { "textures-preview.png", ["preview", "--textures", "--per-kind", "1", "--res", "32"] },
        { "preview-moving-circles.png", ["preview", "--stage", "moving-circles", "--res", "16", "--videos", "1", "--columns", "1"] },
        { "sheet.mp4", ["preview", "--stage", "moving-circles", "--res", "16", "--videos", "1", "--columns", "1", "--mp4", "--mp4-frames", "2", "--out", "sheet.png"] },
    };

    [Theory]
    [MemberData(nameof(DefaultOutputs))]
    public void AnExistingFileAtADefaultOutputPathNeedsForce(string existing, string[] command)
    {
        var clip = Path.Combine(_root.File("in"), "clip.npy");
        Directory.CreateDirectory(Path.GetDirectoryName(clip)!);
        File.Copy(Path.Combine(PerturbationFixtures.Directory, "input.npy"), clip);
        File.WriteAllText(_root.File(existing), "the user's file");
        var before = Snapshot();
        var r = CliRunner.Run([.. command.Select(a => a == "CLIP" ? clip : a)], workingDirectory: _root.Path);
        var what = $"synvid {string.Join(' ', command)} with {existing} present: exit {r.ExitCode}, stderr: {r.StdErr}";
        Assert.True(r.ExitCode == 2, what);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(_root.File(existing), line, StringComparison.Ordinal);
        Assert.Contains("--force", line, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void AnOutputFolderInsideTheInputDatasetIsRefused()
    {
        using var fixture = new DownstreamFixture();
        var data = fixture.DataDir;
        var before = Snapshot(data);
        foreach (var output in new[] { data, Path.Combine(data, "test") })
        {
            var r = CliRunner.Run("perturb-dataset", "--data", "folder:" + data, "--type", "gauss", "--severity", "5", "--out", output);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("input", Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
            var e = CliRunner.Run("evaluate", "--checkpoint", fixture.Checkpoint, "--data", "folder:" + data, "--out", output);
            Assert.Equal(2, e.ExitCode);
        }
        Assert.Equal(before, Snapshot(data));
    }

    private string Snapshot() => Snapshot(_root.Path);

    // every file with its size and time, so that nothing written, replaced or deleted goes unseen
    private static string Snapshot(string folder) => string.Join('\n',
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"{p} {new FileInfo(p).Length} {File.GetLastWriteTimeUtc(p):O}" : p));
}
