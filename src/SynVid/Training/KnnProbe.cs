using SynVid.Evaluation;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>
/// The k-NN probe on cached clip embeddings (<see cref="KnnProbeRecipe"/>): no training. A test view's class scores are
/// its neighbours' weighted votes, normalised to sum to 1; a video's are the mean over its views, as the multi-view
/// test averages the softmax of each view.
/// </summary>
public static class KnnProbe
{
    // queries per similarity matrix: bounds memory at UCF101 sizes (1,024 × 9,537 floats)
    private const int QueryBatch = 1024;

    /// <summary>
    /// Normalised class votes (Q, classes) of <paramref name="queries"/> (Q, D) among <paramref name="train"/> (N, D) with
    /// labels <paramref name="labels"/>; both sets L2-normalised row-wise here.
    /// </summary>
    public static Tensor Votes(Tensor train, IReadOnlyList<int> labels, Tensor queries, int classes, KnnProbeRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.Validated();
        if (train.shape[0] != labels.Count || labels.Count == 0)
        {
            throw new ArgumentException($"{labels.Count} labels for {train.shape[0]} training rows");
        }
        using var scope = NewDisposeScope();
        var k = (int)Math.Min(recipe.Neighbours, train.shape[0]);
        var bank = ProbeFeatures.Normalized(train.to_type(ScalarType.Float32)).t();
        var labelTensor = tensor(labels.Select(l => (long)l).ToArray());
        var parts = new List<Tensor>();
        for (long start = 0; start < queries.shape[0]; start += QueryBatch)
        {
            var q = ProbeFeatures.Normalized(queries.narrow(0, start, Math.Min(QueryBatch, queries.shape[0] - start)).to_type(ScalarType.Float32));
            var (similarity, index) = q.matmul(bank).topk(k, dim: 1);
            // exp((s − max)/T): the same normalised votes as exp(s/T), without overflow at small T
            var weights = ((similarity - similarity.max(1, keepdim: true).values) / recipe.Temperature).exp();
            var votes = zeros(q.shape[0], classes).scatter_add_(1, labelTensor[index], weights);
            parts.Add(votes / votes.sum(1, keepdim: true));
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Predicts every test video from its views' votes.</summary>
    public static EvaluationResult Evaluate(ProbeFeatures features, KnnProbeRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var votes = Votes(features.TrainEmbeddings, features.TrainLabels, features.TestEmbeddings, features.ClassNames.Count, recipe);
        return features.PerVideo(votes);
    }
}
