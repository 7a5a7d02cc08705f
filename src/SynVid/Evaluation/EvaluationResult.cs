namespace SynVid.Evaluation;

/// <summary>Per-video predictions of a test set and the accuracies they give.</summary>
/// <param name="ClassNames">Class names in label order.</param>
/// <param name="Predictions">One prediction per test video, in list order.</param>
/// <param name="Views">Views per video.</param>
public sealed record EvaluationResult(IReadOnlyList<string> ClassNames, IReadOnlyList<VideoPrediction> Predictions, ViewCount Views)
{
    /// <summary>Top-1 accuracy in percent.</summary>
    public double Top1 => Percent(p => p.Predicted == p.Label);

    /// <summary>Top-5 accuracy in percent (top-k with k = min(5, classes)).</summary>
    public double Top5 => Percent(p => p.InTopK(Math.Min(5, ClassNames.Count)));

    /// <summary>Top-1 accuracy of each class in percent (NaN for a class without test videos).</summary>
    public double[] PerClassAccuracy()
    {
        var correct = new int[ClassNames.Count];
        var total = new int[ClassNames.Count];
        foreach (var p in Predictions)
        {
            total[p.Label]++;
            if (p.Predicted == p.Label)
            {
                correct[p.Label]++;
            }
        }
        return correct.Select((c, i) => total[i] == 0 ? double.NaN : 100.0 * c / total[i]).ToArray();
    }

    /// <summary>Counts of [true class, predicted class].</summary>
    public int[,] Confusion()
    {
        var matrix = new int[ClassNames.Count, ClassNames.Count];
        foreach (var p in Predictions)
        {
            matrix[p.Label, p.Predicted]++;
        }
        return matrix;
    }

    private double Percent(Func<VideoPrediction, bool> hit) =>
        Predictions.Count == 0 ? double.NaN : 100.0 * Predictions.Count(hit) / Predictions.Count;
}
