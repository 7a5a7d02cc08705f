using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Training;
using static TorchSharp.torch;

namespace SynVid.Tests.Training;

public sealed class KnnProbeTests
{
    [Fact]
    public void TheNearestNeighbourVotesWithTemperatureWeights()
    {
        // cosine similarities of the query (1, 0) with the three training rows: 1, 0.6, −1
        using var train = tensor(new float[] { 2, 0, 0.6f, 0.8f, -1, 0 }).reshape(3, 2);
        using var query = tensor(new float[] { 1, 0 }).reshape(1, 2);
        using var one = KnnProbe.Votes(train, [0, 1, 1], query, 2, new KnnProbeRecipe { Neighbours = 1 });
        Assert.Equal([1f, 0f], one.data<float>().ToArray());
        // k = 2 with T = 0.5: weights e^(1/0.5) and e^(0.6/0.5), normalised
        using var two = KnnProbe.Votes(train, [0, 1, 1], query, 2, new KnnProbeRecipe { Neighbours = 2, Temperature = 0.5 });
        var w0 = Math.Exp(2.0);
        var w1 = Math.Exp(1.2);
        Assert.Equal(w0 / (w0 + w1), two[0, 0].item<float>(), 5);
        Assert.Equal(w1 / (w0 + w1), two[0, 1].item<float>(), 5);
        // k larger than the training set uses all of it
        using var all = KnnProbe.Votes(train, [0, 1, 1], query, 2, new KnnProbeRecipe { Neighbours = 20 });
        Assert.Equal(1f, all.sum().item<float>(), 5);
    }

    [Fact]
    public void SeparableClustersAreClassifiedPerfectlyAndViewsAverage()
    {
        // three classes around three orthogonal directions in 8-d, 10 training clips each; 2 views per test video
        manual_seed(3);
        var centres = eye(8).narrow(0, 0, 3) * 4;
        int[] trainLabels = [.. Enumerable.Range(0, 30).Select(i => i % 3)];
        using var trainX = centres.index_select(0, tensor(trainLabels.Select(l => (long)l).ToArray())) + randn(30, 8);
        int[] testLabels = [.. Enumerable.Range(0, 12).Select(i => i % 3)];
        var testRows = testLabels.SelectMany(l => new long[] { l, l }).ToArray();
        using var testX = centres.index_select(0, tensor(testRows)) + randn(24, 8);
        using var features = new ProbeFeatures(
            trainX.clone(), null, trainLabels, testX.clone(), null,
            [.. testLabels.Select((l, i) => new LabeledVideo($"v{i}", l))], new ViewCount(2, 1), ["a", "b", "c"], 1);
        var result = KnnProbe.Evaluate(features, new KnnProbeRecipe());
        Assert.Equal(100.0, result.Top1);
        Assert.Equal(12, result.Predictions.Count);
        Assert.All(result.Predictions, p => Assert.Equal(1f, p.Probabilities.Sum(), 4));
        Assert.Throws<UserInputException>(() => new KnnProbeRecipe { Neighbours = 0 }.Validated());
    }
}
