using SynVid.Model;
using SynVid.Model.Checkpoints;

namespace SynVid.Analysis.Features;

/// <summary>
/// Loads the encoder of any VideoMAE checkpoint SynVid reads (pre-training or classifier, reference or HuggingFace layout)
/// into a <see cref="VideoClassifier"/> in eval mode. From a pre-training checkpoint <c>fc_norm</c> keeps its identity
/// initialisation (weight 1, bias 0) and the head is unused, so <see cref="VideoClassifier.Embedding"/> is the layer
/// norm of the token mean and <see cref="VideoClassifier.LastLayerKeys"/> the last block's keys.
/// </summary>
public static class VideoMaeEncoder
{
    /// <summary>
    /// Loads <paramref name="path"/> for clips of <paramref name="numFrames"/> frames of side <paramref name="imageSize"/>;
    /// <paramref name="heads"/> defaults to width / 64 (every reference size).
    /// </summary>
    public static VideoClassifier Load(string path, int numFrames = 16, int imageSize = 224, int? heads = null)
    {
        using var state = CheckpointReader.Read(path);
        // The decoder is never built, so its head count does not matter.
        var inferred = ArchitectureInference.Infer(state, numFrames, imageSize, heads, decoderHeads: 1);
        var config = inferred.Classifier ?? new ClassifierConfig { Encoder = inferred.Pretrain!.Encoder, NumClasses = 1 };
        config = config with { Encoder = config.Encoder with { DropPathRate = 0 } };
        var model = new VideoClassifier(config);
        var report = ClassifierWeights.LoadPretrained(model, state);
        var missingTrunk = report.Missing.Where(k => !k.StartsWith("fc_norm.", StringComparison.Ordinal) && !k.StartsWith("head.", StringComparison.Ordinal)).ToList();
        if (missingTrunk.Count > 0)
        {
            model.Dispose();
            throw new UserInputException($"{path}: encoder weights missing from the checkpoint: {string.Join(", ", missingTrunk.Take(5))}");
        }
        model.eval();
        return model;
    }
}
