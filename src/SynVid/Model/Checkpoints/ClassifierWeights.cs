namespace SynVid.Model.Checkpoints;

/// <summary>Initialises a classifier from a checkpoint by the reference's fine-tuning rules (docs/reference-behaviour.md §4.9).</summary>
public static class ClassifierWeights
{
    /// <summary>
    /// Loads a pre-training (or classifier) checkpoint into <paramref name="classifier"/>: drops <c>head.*</c> when its shape
    /// differs, strips the prefixes <c>backbone.</c> and <c>encoder.</c>, and loads non-strictly. From a pre-training
    /// checkpoint the report lists <c>fc_norm.*</c> and <c>head.*</c> as missing (they keep their fresh init) and the final
    /// <c>norm.*</c>, <c>mask_token</c>, <c>encoder_to_decoder.weight</c> and every <c>decoder.*</c> key as unexpected.
    /// </summary>
    public static LoadReport LoadPretrained(VideoClassifier classifier, StateDict checkpoint)
    {
        var modelState = classifier.state_dict();
        using var renamed = checkpoint.Rename(key =>
        {
            if ((key == "head.weight" || key == "head.bias") && modelState.TryGetValue(key, out var own) &&
                !own.shape.SequenceEqual(checkpoint.Tensors[key].shape))
            {
                return null;
            }
            return key.StartsWith("backbone.", StringComparison.Ordinal) ? key["backbone.".Length..]
                : key.StartsWith("encoder.", StringComparison.Ordinal) ? key["encoder.".Length..]
                : key;
        });
        return StateDictLoader.Load(classifier, renamed, strict: false);
    }
}
