namespace SynVid.Analysis.Metrics;

/// <summary>A top-1 accuracy (or a difference of two) in percent with its bootstrap interval over test videos.</summary>
/// <param name="Value">The estimate on the full test set (percent, or percentage points for a difference).</param>
/// <param name="Low">Lower percentile bound of the bootstrap interval.</param>
/// <param name="High">Upper bound.</param>
/// <param name="Videos">Test videos resampled.</param>
public sealed record AccuracyInterval(double Value, double Low, double High, int Videos)
{
    /// <summary>Half the interval's width.</summary>
    public double HalfWidth => (High - Low) / 2;
}
