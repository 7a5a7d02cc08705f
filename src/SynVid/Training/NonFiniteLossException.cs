namespace SynVid.Training;

/// <summary>Training diverged: the loss at <see cref="Step"/> is NaN or infinite.</summary>
public sealed class NonFiniteLossException(long step, double loss, long? lastCheckpointStep)
    : Exception($"the loss became {loss} at step {step}; stopped. " +
        (lastCheckpointStep is { } c ? $"The last good checkpoint is step {c}." : "No checkpoint was written yet.") +
        " Lower the learning rate or enable gradient clipping.")
{
    /// <summary>The optimiser step whose loss was not finite.</summary>
    public long Step { get; } = step;
}
