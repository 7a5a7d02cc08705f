using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using SynVid.Model.Checkpoints;
using SynVid.Runtime;
using SynVid.Serialization;
using SynVid.Training;

namespace SynVid.Analysis.Progression;

/// <summary>
/// A folder of pre-trained arm encoders (<c>synvid progression-encoders</c>): each arm's final pre-training checkpoint
/// without its optimiser state (encoder, decoder and mask token, a checkpoint PyTorch loads), and
/// <see cref="ManifestFile"/> recording the progression they came from, each run's configuration, loss and SHA-256.
/// A progression given the folder (<c>--encoders</c>) installs an arm's file in place of its pre-training step after
/// checking that the recorded configuration is the one its own step would run, so the arm fine-tunes and probes
/// from the same weights minutes after a fresh clone.
/// </summary>
public sealed class ArmEncoders
{
    /// <summary>The manifest inside the folder.</summary>
    public const string ManifestFile = "encoders.json";

    /// <summary>What an installed pre-training step holds besides the checkpoint: the manifest entry it came from.</summary>
    public const string InstalledFile = "encoder.json";

    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true };

    private ArmEncoders(string directory, JsonObject source, IReadOnlyList<ArmEncoder> encoders)
    {
        Directory = directory;
        Source = source;
        Encoders = encoders;
    }

    /// <summary>The folder (full path).</summary>
    public string Directory { get; }

    /// <summary>The progression the encoders came from: preset, downstream, seed and arms of its progression.json.</summary>
    public JsonObject Source { get; }

    /// <summary>The encoders, in the source progression's arm order.</summary>
    public IReadOnlyList<ArmEncoder> Encoders { get; }

    /// <summary>The source progression's preset name.</summary>
    public string Preset => Source["preset"]?.ToString() ?? "";

    /// <summary>The encoder of <paramref name="arm"/>, or null when the folder has none.</summary>
    public ArmEncoder? For(string arm) => Encoders.FirstOrDefault(e => e.Arm == arm);

    /// <summary>Reads a folder written by <see cref="Export"/>; a missing or malformed manifest or file is a user error naming it.</summary>
    public static ArmEncoders Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.GetFullPath(directory);
        var path = Path.Combine(full, ManifestFile);
        if (!File.Exists(path))
        {
            throw new UserInputException($"--encoders {directory}: no {ManifestFile} (write the folder with synvid progression-encoders)");
        }
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new UserInputException($"{path}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: invalid JSON ({e.Message})", e);
        }
        var source = root["source"] as JsonObject ?? throw new UserInputException($"{path}: no 'source' object");
        if (root["encoders"] is not JsonArray list || list.Count == 0)
        {
            throw new UserInputException($"{path}: no 'encoders' listed");
        }
        var encoders = new List<ArmEncoder>();
        foreach (var node in list)
        {
            try
            {
                var item = node as JsonObject ?? throw new UserInputException($"{path}: an 'encoders' entry is not an object");
                string Text(string key) => item[key]?.GetValue<string>() is { Length: > 0 } s ? s : throw new UserInputException($"{path}: an encoder has no '{key}'");
                double Number(string key) => item[key]?.GetValue<double>() ?? throw new UserInputException($"{path}: encoder {item["arm"]} has no '{key}'");
                var encoder = new ArmEncoder(
                    Text("arm"), Text("file"), Text("sha256"), Number("pretrain_loss"), Number("pretrain_seconds"),
                    (item["config"] as JsonObject ?? throw new UserInputException($"{path}: encoder {item["arm"]} has no 'config' object")).DeepClone().AsObject());
                if (Path.GetFileName(encoder.File) != encoder.File)
                {
                    throw new UserInputException($"{path}: encoder {encoder.Arm}: file '{encoder.File}' must be a name inside the folder");
                }
                if (!File.Exists(Path.Combine(full, encoder.File)))
                {
                    throw new UserInputException($"{path}: encoder {encoder.Arm}: {encoder.File} is missing from the folder");
                }
                encoders.Add(encoder);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                throw new UserInputException($"{path}: malformed encoder entry ({e.Message})", e);
            }
        }
        if (encoders.GroupBy(e => e.Arm).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new UserInputException($"{path}: arm {twice.Key} is listed twice");
        }
        return new ArmEncoders(full, (JsonObject)source.DeepClone(), encoders);
    }

    /// <summary>
    /// Writes the final pre-training checkpoints of a progression folder's arms (those named in <paramref name="arms"/>,
    /// or every arm whose pre-training finished) into <paramref name="outDirectory"/>, which is replaced as a whole when
    /// complete, and returns it loaded.
    /// </summary>
    public static ArmEncoders Export(string progressionDirectory, string outDirectory, IReadOnlyList<string>? arms = null)
    {
        ArgumentNullException.ThrowIfNull(progressionDirectory);
        ArgumentNullException.ThrowIfNull(outDirectory);
        var plan = ProgressionScaling.ReadPlan(progressionDirectory);
        var planArms = (plan["arms"] as JsonArray)?.Select(a => a?.ToString() ?? "").ToList() ?? [];
        var chosen = arms is { Count: > 0 } ? arms : planArms.Where(a => ProgressionStepRecord.Read(Path.Combine(progressionDirectory, a, "pretrain")) is not null).ToList();
        if (chosen.Count == 0)
        {
            throw new UserInputException($"{progressionDirectory}: no arm has finished its pre-training");
        }
        var sources = new List<(string Arm, string Checkpoint, PretrainRunConfig Config, ProgressionStepRecord Record)>();
        foreach (var arm in chosen)
        {
            if (!planArms.Contains(arm))
            {
                throw new UserInputException($"--arms {arm}: not an arm of {progressionDirectory} ({string.Join(", ", planArms)})");
            }
            var pretrainDir = Path.Combine(progressionDirectory, arm, "pretrain");
            var record = ProgressionStepRecord.Read(pretrainDir)
                ?? throw new UserInputException($"{pretrainDir}: pre-training has not finished (no {ProgressionStepRecord.FileName}; it has no encoder to export)");
            if (File.Exists(Path.Combine(pretrainDir, InstalledFile)))
            {
                throw new UserInputException($"{pretrainDir}: installed from an encoders folder, not pre-trained here; export from the progression that pre-trained it");
            }
            var config = PretrainRunConfig.Load(pretrainDir);
            var store = new CheckpointStore(pretrainDir);
            if (store.LatestStep() != config.Recipe.TotalSteps)
            {
                throw new UserInputException($"{pretrainDir}: the latest checkpoint is at step {store.LatestStep()}, not the run's last ({config.Recipe.TotalSteps})");
            }
            sources.Add((arm, store.ModelFile(config.Recipe.TotalSteps), config, record));
        }
        var full = Path.GetFullPath(outDirectory);
        AtomicFile.WriteFolder(full, temp =>
        {
            var entries = new JsonArray();
            foreach (var (arm, checkpoint, config, record) in sources)
            {
                var file = arm + ".pth";
                var target = Path.Combine(temp, file);
                using (var state = CheckpointReader.Read(checkpoint))
                {
                    // weights and the recipe's args only: the optimiser state would triple the size and is not needed to fine-tune
                    CheckpointWriter.Save(target, state.Tensors, new Dictionary<string, object> { ["args"] = config.Args().ToDictionary(kv => kv.Key, kv => kv.Value) });
                }
                entries.Add(new JsonObject
                {
                    ["arm"] = arm,
                    ["file"] = file,
                    ["sha256"] = Sha256Of(target),
                    ["bytes"] = new FileInfo(target).Length,
                    ["pretrain_loss"] = record.PretrainLoss ?? throw new UserInputException($"{progressionDirectory}/{arm}/pretrain: its {ProgressionStepRecord.FileName} records no loss"),
                    ["pretrain_seconds"] = Math.Round(record.Seconds, 1),
                    ["config"] = Comparable(config),
                });
            }
            var manifest = new JsonObject
            {
                ["source"] = new JsonObject
                {
                    ["preset"] = plan["preset"]?.DeepClone(),
                    ["downstream"] = plan["downstream"]?.DeepClone(),
                    ["seed"] = plan["seed"]?.DeepClone(),
                    ["arms"] = new JsonArray([.. sources.Select(s => (JsonNode)s.Arm)]),
                },
                ["exported_by"] = "synvid " + BuildInfo.Version,
                ["encoders"] = entries,
            };
            File.WriteAllText(Path.Combine(temp, ManifestFile), manifest.ToJsonString(_indented) + "\n");
        });
        return Load(full);
    }

    /// <summary>
    /// Installs <paramref name="arm"/>'s encoder as the finished pre-training step in <paramref name="stepDirectory"/>
    /// (its <c>checkpoint.pth</c>, which the fine-tuning steps start from, and <see cref="InstalledFile"/>) after checking
    /// that <paramref name="expected"/>, the configuration the step would have run with the encoder's seed, is the recorded
    /// one and that the file is intact. Returns the recorded pre-training loss.
    /// </summary>
    public double Install(string arm, PretrainRunConfig expected, string stepDirectory)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var encoder = For(arm) ?? throw new ArgumentException($"no encoder for {arm}", nameof(arm));
        var manifest = Path.Combine(Directory, ManifestFile);
        if (Difference(Comparable(expected), encoder.Config, "") is { } field)
        {
            throw new UserInputException(
                $"{manifest}: the {arm} encoder was pre-trained with another {field} than this progression's pre-training step ({Leaf(encoder.Config, field)} vs {Leaf(Comparable(expected), field)}); " +
                "run the progression without --encoders, or with the preset the encoders were made with");
        }
        var path = Path.Combine(Directory, encoder.File);
        var sha = Sha256Of(path);
        if (sha != encoder.Sha256)
        {
            throw new UserInputException($"{path}: SHA-256 {sha} is not the {encoder.Sha256} recorded in {ManifestFile} (a damaged or replaced file)");
        }
        System.IO.Directory.CreateDirectory(stepDirectory);
        AtomicFile.WriteFile(Path.Combine(stepDirectory, "checkpoint.pth"), temp => File.Copy(path, temp, overwrite: true));
        var installed = new JsonObject
        {
            ["encoders"] = Directory,
            ["arm"] = arm,
            ["file"] = encoder.File,
            ["sha256"] = encoder.Sha256,
            ["pretrain_loss"] = encoder.PretrainLoss,
            ["pretrain_seconds"] = encoder.PretrainSeconds,
            ["source"] = Source.DeepClone(),
        };
        AtomicFile.WriteAllText(Path.Combine(stepDirectory, InstalledFile), installed.ToJsonString(_indented) + "\n");
        return encoder.PretrainLoss;
    }

    /// <summary>
    /// A run configuration as the manifest records and compares it: config.json without the SynVid version and the
    /// bad-video policy, which do not change the weights.
    /// </summary>
    public static JsonObject Comparable(PretrainRunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var json = JsonNode.Parse(JsonSerializer.Serialize(config, RecipeOverrides.JsonOptions))!.AsObject();
        json.Remove("syn_vid_version");
        json.Remove("on_bad_video");
        return json;
    }

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    // the first field (dotted path) whose value differs, or null when the two are equal
    private static string? Difference(JsonObject a, JsonObject b, string prefix)
    {
        foreach (var key in a.Select(kv => kv.Key).Union(b.Select(kv => kv.Key)))
        {
            var (x, y) = (a[key], b[key]);
            var path = prefix + key;
            if (x is JsonObject ox && y is JsonObject oy)
            {
                if (Difference(ox, oy, path + ".") is { } inner)
                {
                    return inner;
                }
            }
            else if (!JsonNode.DeepEquals(x, y))
            {
                return path;
            }
        }
        return null;
    }

    private static string Leaf(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }
        var text = node?.ToJsonString() ?? "none";
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
