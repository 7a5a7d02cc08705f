namespace SynVid.Evaluation;

/// <summary>The class probabilities of one test video: the softmax of every view's logits, averaged (each view once).</summary>
/// <param name="Path">The video as listed (file path or benchmark key).</param>
/// <param name="Label">True class.</param>
/// <param name="Probabilities">Averaged class probabilities.</param>
public sealed record VideoPrediction(string Path, int Label, float[] Probabilities)
{
    /// <summary>The most probable class (the lowest index among ties).</summary>
    public int Predicted
    {
        get
        {
            var best = 0;
            for (var c = 1; c < Probabilities.Length; c++)
            {
                if (Probabilities[c] > Probabilities[best])
                {
                    best = c;
                }
            }
            return best;
        }
    }

    /// <summary>Whether the true class is among the <paramref name="k"/> most probable (ties counted against it).</summary>
    public bool InTopK(int k)
    {
        var truth = Probabilities[Label];
        var better = 0;
        for (var c = 0; c < Probabilities.Length; c++)
        {
            if (c != Label && (Probabilities[c] > truth || (Probabilities[c] == truth && c < Label)))
            {
                better++;
            }
        }
        return better < k;
    }
}
