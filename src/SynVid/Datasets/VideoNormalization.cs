namespace SynVid.Datasets;

/// <summary>Per-channel mean and standard deviation applied after scaling pixels to [0, 1].</summary>
/// <param name="Mean">RGB means.</param>
/// <param name="Std">RGB standard deviations.</param>
public sealed record VideoNormalization(IReadOnlyList<double> Mean, IReadOnlyList<double> Std)
{
    /// <summary>ImageNet statistics, used by the reference for synthetic and real videos alike (docs/reference-behaviour.md §5.2).</summary>
    public static VideoNormalization ImageNet { get; } = new(
        [.. Model.ImageNetNormalization.Mean.Select(v => (double)v)], [.. Model.ImageNetNormalization.Std.Select(v => (double)v)]);
}
