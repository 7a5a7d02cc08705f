namespace SynVid.Model.Checkpoints;

/// <summary>What a loaded classifier expects as input.</summary>
/// <param name="NumFrames">Frames per clip.</param>
/// <param name="InputSize">Square input side.</param>
/// <param name="Stride">Frame stride it was trained with (args <c>sampling_rate</c>), when recorded.</param>
/// <param name="ClassNames">Class names it was trained with (args <c>class_names</c>), when recorded.</param>
public sealed record ClassifierInput(int NumFrames, int InputSize, int? Stride, IReadOnlyList<string>? ClassNames);

/// <summary>
/// Loads a fine-tuned classifier for evaluation from a SynVid run folder or checkpoint, a reference <c>.pth</c> or a
/// HuggingFace safetensors file. The architecture comes from the tensor shapes (<see cref="ArchitectureInference"/>);
/// frames and input size from the checkpoint's args (<c>num_frames</c>, <c>input_size</c>, as the reference writes
/// them), else from the caller, else 16 and 224 (docs/reference-behaviour.md §4.1).
/// </summary>
public static class ClassifierLoader
{
    /// <summary>The checkpoint file a path names: a file, or a run folder's latest checkpoint.</summary>
    public static string ResolveFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return path;
        }
        if (Directory.Exists(path))
        {
            var latest = Path.Combine(path, "checkpoints", "latest");
            if (File.Exists(latest))
            {
                var file = Path.Combine(path, "checkpoints", File.ReadAllText(latest).Trim(), "checkpoint.pth");
                if (File.Exists(file))
                {
                    return file;
                }
            }
            throw new UserInputException($"checkpoint {path}: a folder without checkpoints/latest; give a checkpoint file or a run folder");
        }
        throw new UserInputException($"checkpoint {path} does not exist");
    }

    /// <summary>Builds the classifier and loads its weights strictly (every key must match).</summary>
    public static (VideoClassifier Model, ClassifierInput Input) Load(string path, int? frames = null, int? size = null)
    {
        var file = ResolveFile(path);
        var args = CheckpointArgs.Read(file);
        var numFrames = frames ?? args.Int("num_frames", "frames") ?? 16;
        var inputSize = size ?? args.Int("input_size") ?? 224;
        using var state = CheckpointReader.Read(file);
        // before inferring the model: a pre-training checkpoint's decoder may need head counts a classifier never does
        if (state.Contains("encoder.patch_embed.proj.weight"))
        {
            throw new UserInputException(
                $"{file}: a pre-training checkpoint has no classification head; fine-tune it first (synvid finetune) or linear-probe it (synvid linprobe)");
        }
        var (heads, _) = ArchitectureInference.HeadsFromArgs(args);
        var inferred = ArchitectureInference.Infer(state, numFrames, inputSize, heads);
        var config = inferred.Classifier!;
        // evaluation never uses drop path or dropout, but the modules must exist to match the keys
        var model = new VideoClassifier(config);
        try
        {
            var report = StateDictLoader.Load(model, state, strict: true);
            if (!report.Exact)
            {
                throw new UserInputException($"{file}: keys do not match the classifier (missing: {string.Join(", ", report.Missing)}; unexpected: {string.Join(", ", report.Unexpected)})");
            }
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return (model, new ClassifierInput(numFrames, inputSize, args.Int("sampling_rate"), args.Strings("class_names")));
    }
}
