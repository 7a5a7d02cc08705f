namespace SynVid.Training;

/// <summary>
/// The pixel baseline (<see cref="PixelBaseline"/>): a logistic regression on each clip's per-pixel temporal standard
/// deviation of grey frames. It has no learned features, so it says how much of a benchmark plain motion energy
/// solves: the floor a video model should clear (docs/calibration.md).
/// </summary>
public sealed record PixelBaselineRecipe
{
    /// <summary>Side of the grey frame the standard deviation is taken on (the clip is area-averaged to Grid × Grid).</summary>
    public int Grid { get; init; } = 16;

    /// <summary>Inverse L2 strength as scikit-learn's LogisticRegression <c>C</c> (its default 1.0): the penalty is ‖W‖² / (2·C).</summary>
    public double C { get; init; } = 1.0;

    /// <summary>Full-batch Adam iterations (the problem is convex, so more only refine the same optimum).</summary>
    public int Iterations { get; init; } = 500;

    /// <summary>Adam step size on the standardised features.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Throws a <see cref="UserInputException"/> for a value out of range.</summary>
    public PixelBaselineRecipe Validated()
    {
        if (Grid < 1 || C <= 0 || Iterations < 1 || LearningRate <= 0)
        {
            throw new UserInputException($"pixel baseline: grid, C, iterations and learning rate must be positive (got {Grid}, {C}, {Iterations}, {LearningRate})");
        }
        return this;
    }
}
