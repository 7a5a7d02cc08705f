using SynVid.Serialization;

namespace SynVid.Tests.Serialization;

public sealed class OutputFolderTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    private string Folder(string name, params (string File, string Text)[] files)
    {
        var dir = _root.File(name);
        foreach (var (file, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, file))!);
            File.WriteAllText(Path.Combine(dir, file), text);
        }
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void EveryKindOfOutputIsRecognised()
    {
        (OutputKind? Kind, string Dir)[] cases =
        [
            (OutputKind.PretrainRun, Folder("pt", ("config.json", "{\"recipe\": {}, \"data\": \"stage:x\"}"))),
            (OutputKind.FineTuneRun, Folder("ft", ("config.json", "{\"recipe\": {}, \"mode\": \"fine-tune\"}"))),
            (OutputKind.LinearProbeRun, Folder("lp", ("config.json", "{\"recipe\": {}, \"mode\": \"linear-probe\"}"))),
            (OutputKind.GeneratedDataset, Folder("gen", ("manifest.json", "{}"), ("annotations.csv", ""))),
            (OutputKind.PerturbedDataset, Folder("pd", ("manifest.json", "{\"format\": \"synvid-perturbed-dataset-1\"}"), ("test.csv", ""))),
            (OutputKind.Evaluation, Folder("ev", ("results.json", "{}"), ("predictions.csv", ""))),
            (OutputKind.Analysis, Folder("an", ("metrics.json", "{}"))),
            (OutputKind.Robustness, Folder("rb", ("cells/a.json", "{}"))),
            (OutputKind.Progression, Folder("pg", ("progression.json", "{}"))),
            (OutputKind.Correlation, Folder("co", ("correlations.json", "{}"))),
            (OutputKind.Textures, Folder("tx", ("textures.json", "{}"))),
            (OutputKind.Attention, Folder("at", ("attention_keys.png", ""))),
            (null, Folder("ds", ("train.csv", "a.mp4 0"))),
            (null, Folder("notes", ("notes.txt", "mine"))),
        ];
        foreach (var (kind, dir) in cases)
        {
            Assert.Equal(kind, OutputFolder.Identify(dir).Kind);
        }
        Assert.Equal("a video dataset (train.csv)", OutputFolder.Identify(_root.File("ds")).Description);
        Assert.Contains("notes.txt", OutputFolder.Identify(_root.File("notes")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void NewEmptyAndContinuedFoldersAreAccepted()
    {
        Assert.Equal(_root.File("new"), OutputFolder.Prepare(_root.File("new") + "/", OutputKind.Evaluation, false, []));
        Assert.False(Directory.Exists(_root.File("new")));
        Assert.Equal(_root.File("deep/er/new"), OutputFolder.Prepare(_root.File("deep/er/new"), OutputKind.Evaluation, false, []));
        var empty = Folder("empty", ("error.log", "an earlier crash"));
        Assert.Equal(empty, OutputFolder.Prepare(empty, OutputKind.PretrainRun, false, []));
        var generated = Folder("gen", ("manifest.json", "{}"), ("annotations.csv", ""));
        Assert.Equal(generated, OutputFolder.Prepare(generated, OutputKind.GeneratedDataset, false, [], continues: true));
        Assert.True(File.Exists(Path.Combine(generated, "manifest.json")));
    }

    [Fact]
    public void AnotherOutputIsRefusedNamingItAndReplacedOnlyWithForce()
    {
        var run = Folder("ft", ("config.json", "{\"recipe\": {}, \"mode\": \"fine-tune\"}"), ("checkpoints/latest", "step-1"));
        var e = Assert.Throws<UserInputException>(() => OutputFolder.Prepare(run, OutputKind.Evaluation, false, []));
        Assert.Equal($"--out {run} already holds a fine-tuning run; choose another folder, or add --force to replace it", e.Message);
        e = Assert.Throws<UserInputException>(() => OutputFolder.Prepare(run, OutputKind.FineTuneRun, false, [], sameKindHint: "continue it with --resume"));
        Assert.Contains("continue it with --resume, or add --force", e.Message, StringComparison.Ordinal);

        // --force never deletes an input, nor files SynVid did not write
        var checkpoint = Path.Combine(run, "checkpoints", "latest");
        e = Assert.Throws<UserInputException>(() => OutputFolder.Prepare(run, OutputKind.Evaluation, true, [], [checkpoint]));
        Assert.Contains("holds the input", e.Message, StringComparison.Ordinal);
        var mine = Folder("mine", ("notes.txt", "keep"));
        Assert.Throws<UserInputException>(() => OutputFolder.Prepare(mine, OutputKind.Evaluation, true, []));
        Assert.True(File.Exists(Path.Combine(mine, "notes.txt")));

        Assert.Equal(run, OutputFolder.Prepare(run, OutputKind.Evaluation, true, []));
        Assert.Empty(Directory.GetFileSystemEntries(run));
    }

    [Fact]
    public void ForceRefusesAFolderThatAlsoHoldsFilesSynVidDidNotWrite()
    {
        // a run folder with the user's notes beside it, anywhere below: nothing is deleted
        var run = Folder("pt", ("config.json", "{\"recipe\": {}}"), ("metrics.csv", "step"), ("drafts/notes.txt", "mine"));
        var e = Assert.Throws<UserInputException>(() => OutputFolder.Prepare(run, OutputKind.GeneratedDataset, true, []));
        Assert.Equal($"--out {run} holds a pre-training run and also drafts/notes.txt, which SynVid did not write; --force replaces SynVid output only, so move it or choose another folder", e.Message);
        Assert.True(File.Exists(Path.Combine(run, "drafts", "notes.txt")));
        Assert.True(File.Exists(Path.Combine(run, "metrics.csv")));

        // a config.json that is not a SynVid run's does not make a dataset look like one
        var dataset = Folder("ds", ("config.json", "{\"lr\": 1}"), ("train.csv", "a.mp4 0"), ("thesis.tex", "mine"));
        Assert.Null(OutputFolder.Identify(dataset).Kind);
        Assert.Throws<UserInputException>(() => OutputFolder.Prepare(dataset, OutputKind.GeneratedDataset, true, []));
        Assert.True(File.Exists(Path.Combine(dataset, "thesis.tex")));

        // SynVid's own files, TensorBoard logs and write leftovers included, are replaced
        var ours = Folder("ours", ("config.json", "{\"recipe\": {}}"), ("tensorboard/events.out.tfevents.1.synvid.2", ""),
            ("checkpoints/latest", "step-1"), ("checkpoints/step-1/checkpoint.pth", ""), ("loss.png.synvid-tmp-1-ab", ""));
        Assert.Null(OutputFolder.ForeignFile(ours));
        Assert.Equal(ours, OutputFolder.Prepare(ours, OutputKind.PretrainRun, true, []));
        Assert.Empty(Directory.GetFileSystemEntries(ours));
    }

    [Fact]
    public void FilesUnwritablePlacesAndInputFoldersAreRefused()
    {
        var file = _root.File("a.txt");
        File.WriteAllText(file, "x");
        Assert.Contains("is a file", Assert.Throws<UserInputException>(() => OutputFolder.Prepare(file, OutputKind.Analysis, true, [])).Message, StringComparison.Ordinal);
        Assert.Contains("is a file", Assert.Throws<UserInputException>(() => OutputFolder.Prepare(Path.Combine(file, "sub"), OutputKind.Analysis, true, [])).Message, StringComparison.Ordinal);
        Assert.Contains("not writable", Assert.Throws<UserInputException>(() => OutputFolder.Prepare("/proc/synvid-test/out", OutputKind.Analysis, true, [])).Message, StringComparison.Ordinal);
        var data = Folder("data", ("train.csv", "a.mp4 0"));
        Assert.Contains("is the input", Assert.Throws<UserInputException>(() => OutputFolder.Prepare(data, OutputKind.PerturbedDataset, true, [data])).Message, StringComparison.Ordinal);
        Assert.Contains("inside the input", Assert.Throws<UserInputException>(() => OutputFolder.Prepare(Path.Combine(data, "out"), OutputKind.PerturbedDataset, true, [data + "/"])).Message, StringComparison.Ordinal);
        // a sibling whose name starts with the input's is not inside it
        Assert.Equal(data + "-perturbed", OutputFolder.Prepare(data + "-perturbed", OutputKind.PerturbedDataset, false, [data]));
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void OutputFilesNeedForceToReplaceAndAreNeverTheirInput()
    {
        var input = _root.File("in.npy");
        File.WriteAllText(input, "x");
        Assert.Contains("is an input", Assert.Throws<UserInputException>(() => OutputFile.Prepare(input, true, [input])).Message, StringComparison.Ordinal);
        var output = _root.File("out.npy");
        Assert.Equal(output, OutputFile.Prepare(output, false, [input]));
        File.WriteAllText(output, "old");
        Assert.Contains("--force", Assert.Throws<UserInputException>(() => OutputFile.Prepare(output, false, [input])).Message, StringComparison.Ordinal);
        Assert.Equal(output, OutputFile.Prepare(output, true, [input]));
        Assert.Contains("is a folder", Assert.Throws<UserInputException>(() => OutputFile.Prepare(_root.Path, true, [])).Message, StringComparison.Ordinal);
        Assert.Contains("is a file", Assert.Throws<UserInputException>(() => OutputFile.Prepare(Path.Combine(input, "x.npy"), true, [])).Message, StringComparison.Ordinal);
    }
}
