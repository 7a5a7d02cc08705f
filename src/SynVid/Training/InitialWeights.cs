using SynVid.Model;
using SynVid.Model.Checkpoints;

namespace SynVid.Training;

/// <summary>
/// Where a fine-tuning or linear-probe run's weights come from: a SynVid pre-training run folder (its latest
/// checkpoint), a checkpoint file (SynVid or reference <c>.pth</c>, HuggingFace <c>.safetensors</c>), or <c>none</c>.
/// </summary>
public static class InitialWeights
{
    /// <summary>
    /// The checkpoint file <paramref name="given"/> names: the file itself, or for a folder the <c>checkpoint.pth</c> of
    /// its latest checkpoint (a run folder, its <c>checkpoints/</c> folder, or one <c>step-N</c> folder). Returns
    /// <see cref="FineTuneRunConfig.NoCheckpoint"/> for <c>none</c>.
    /// </summary>
    public static string Resolve(string given)
    {
        if (given.Trim().Equals(FineTuneRunConfig.NoCheckpoint, StringComparison.OrdinalIgnoreCase))
        {
            return FineTuneRunConfig.NoCheckpoint;
        }
        var full = Path.GetFullPath(given);
        if (File.Exists(full))
        {
            return full;
        }
        if (!Directory.Exists(full))
        {
            throw new UserInputException($"checkpoint {given} does not exist (give a .pth or .safetensors file, a pre-training run folder, or none)");
        }
        var direct = Path.Combine(full, "checkpoint.pth");
        if (File.Exists(direct))
        {
            return direct;
        }
        var runDir = Path.GetFileName(full) == "checkpoints" ? Path.GetDirectoryName(full)! : full;
        var store = new CheckpointStore(runDir);
        return store.LatestStep() is { } step
            ? store.ModelFile(step)
            : throw new UserInputException($"{given}: no checkpoint found (expected checkpoints/step-*/checkpoint.pth in a run folder)");
    }

    /// <summary>
    /// The recipe with the model width and depth of the checkpoint's encoder (a checkpoint of another size than the
    /// preset's is fine-tuned at its own size); a width that is no named size is rejected.
    /// </summary>
    public static FineTuneRecipe MatchArchitecture(FineTuneRecipe recipe, StateDict state)
    {
        // heads are not in the weights and do not matter here (the named size fixes them): 1 divides every width
        var inferred = ArchitectureInference.Infer(state, recipe.Frames, recipe.InputSize, heads: 1, decoderHeads: 1);
        var trunk = inferred.Pretrain?.Encoder ?? inferred.Classifier!.Encoder;
        var size = ModelSize.All.FirstOrDefault(s => s.EmbedDim == trunk.EmbedDim)
            ?? throw new UserInputException($"{state.Source}: encoder width {trunk.EmbedDim} is not a known model size ({string.Join(", ", ModelSize.All.Select(s => $"{s.Name} {s.EmbedDim}"))})");
        if (trunk.PatchSize != recipe.PatchSize || trunk.TubeletSize != recipe.TubeletSize)
        {
            throw new UserInputException($"{state.Source}: patch {trunk.PatchSize} / tubelet {trunk.TubeletSize} differ from the recipe's {recipe.PatchSize} / {recipe.TubeletSize}");
        }
        return recipe with { Model = size.Name, EncoderDepth = trunk.Depth == size.Depth ? null : trunk.Depth };
    }

    /// <summary>Loads the checkpoint into the classifier by the reference's rules (§4.9) and returns what was missing or ignored.</summary>
    public static LoadReport Load(VideoClassifier model, StateDict state) => ClassifierWeights.LoadPretrained(model, state);
}
