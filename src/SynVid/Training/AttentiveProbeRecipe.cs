namespace SynVid.Training;

/// <summary>
/// Training of the attentive probe (<see cref="Model.AttentivePoolingHead"/>) on cached patch tokens, after V-JEPA's
/// attentive-probe evaluations (Bardes et al. 2024, <c>configs/evals</c>): AdamW with lr 1e-3, weight decay 0.01, no
/// warm-up, cosine decay to 0, cross-entropy; one cached view per training video, no augmentation.
/// </summary>
public sealed record AttentiveProbeRecipe
{
    /// <summary>Passes over the training videos (V-JEPA: 20).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Videos per step (V-JEPA: 4 per GPU on 8 to 16 GPUs, so 32 to 64; here one CPU).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Peak learning rate (V-JEPA: 1e-3, not scaled by batch).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Final learning rate of the cosine (V-JEPA: 0).</summary>
    public double MinLearningRate { get; init; }

    /// <summary>Linear warm-up in epochs (V-JEPA: 0).</summary>
    public int WarmupEpochs { get; init; }

    /// <summary>AdamW weight decay of matrices (V-JEPA: 0.01; biases, norms and the query none).</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Seed of the initialisation and the data order.</summary>
    public int Seed { get; init; }

    /// <summary>Throws a <see cref="UserInputException"/> for a value out of range.</summary>
    public AttentiveProbeRecipe Validated()
    {
        if (Epochs < 1 || BatchSize < 1)
        {
            throw new UserInputException($"attentive probe: epochs ({Epochs}) and batch size ({BatchSize}) must be at least 1");
        }
        if (WarmupEpochs < 0 || WarmupEpochs > Epochs)
        {
            throw new UserInputException($"attentive probe: warm-up epochs must be in [0, {Epochs}], got {WarmupEpochs}");
        }
        if (WeightDecay < 0)
        {
            throw new UserInputException($"attentive probe: weight decay must not be negative, got {WeightDecay}");
        }
        return this;
    }
}
