namespace SynVid.Evaluation;

/// <summary>One row of a <c>predictions.csv</c>: a test video, its true class and the predicted one.</summary>
/// <param name="Path">The video as listed.</param>
/// <param name="Label">True class index.</param>
/// <param name="Predicted">Predicted class index (top-1).</param>
public sealed record PredictedVideo(string Path, int Label, int Predicted)
{
    /// <summary>Whether the top-1 prediction is right.</summary>
    public bool Correct => Label == Predicted;
}
