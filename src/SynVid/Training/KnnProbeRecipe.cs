namespace SynVid.Training;

/// <summary>
/// The weighted k-nearest-neighbour probe of DINO (Caron et al. 2021, <c>eval_knn.py</c>), the usual k-NN evaluation of
/// self-supervised features: cosine similarity of L2-normalised clip embeddings, the k most similar training videos
/// vote for their class with weight exp(similarity / T).
/// </summary>
public sealed record KnnProbeRecipe
{
    /// <summary>Neighbours that vote (DINO: 20; fewer when the training set is smaller).</summary>
    public int Neighbours { get; init; } = 20;

    /// <summary>Temperature T of the vote weights (DINO: 0.07).</summary>
    public double Temperature { get; init; } = 0.07;

    /// <summary>Throws a <see cref="UserInputException"/> for a value out of range.</summary>
    public KnnProbeRecipe Validated()
    {
        if (Neighbours < 1)
        {
            throw new UserInputException($"k-NN probe: neighbours must be at least 1, got {Neighbours}");
        }
        if (!(Temperature > 0) || double.IsInfinity(Temperature))
        {
            throw new UserInputException($"k-NN probe: temperature must be positive and finite, got {Temperature}");
        }
        return this;
    }
}
