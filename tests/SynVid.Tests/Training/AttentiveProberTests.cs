using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Model;
using SynVid.Training;
using static TorchSharp.torch;

namespace SynVid.Tests.Training;

public sealed class AttentiveProberTests
{
    // 6 tokens of noise per clip, one of which (at a random place) carries the class prototype: attention has to find it
    private static (Tensor Tokens, int[] Labels) ToySet(int count, int seed)
    {
        manual_seed(seed);
        var prototypes = randn(3, 16) * 2;
        var labels = Enumerable.Range(0, count).Select(i => i % 3).ToArray();
        var tokens = randn(count, 6, 16) * 0.5;
        var rng = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            tokens[i, rng.Next(6)].add_(prototypes[labels[i]]);
        }
        return (tokens, labels);
    }

    [Fact]
    public void ItFitsAToySetWhoseLabelIsInOneToken()
    {
        var (tokens, labels) = ToySet(60, 1);
        using var _ = tokens;
        var recipe = new AttentiveProbeRecipe { Epochs = 30, BatchSize = 10, LearningRate = 3e-3, Seed = 2 };
        var (head, losses) = AttentiveProber.Train(tokens, labels, 3, heads: 2, recipe);
        using var __ = head;
        Assert.Equal(30, losses.Count);
        Assert.True(losses[^1] < losses[0] / 4, $"loss {losses[0]} → {losses[^1]}");
        using var features = new ProbeFeatures(
            tokens.mean([1]), tokens.clone(), labels, tokens.mean([1]), tokens.clone(),
            [.. labels.Select((l, i) => new LabeledVideo($"v{i}", l))], new ViewCount(1, 1), ["a", "b", "c"], 2);
        var result = AttentiveProber.Evaluate(head, features);
        Assert.True(result.Top1 >= 95, $"top-1 {result.Top1}");

        // the same seed trains the same head
        var (again, againLosses) = AttentiveProber.Train(tokens, labels, 3, heads: 2, recipe);
        using var ___ = again;
        Assert.Equal(losses, againLosses);
    }

    [Fact]
    public void TheHeadMapsTokensToLogitsAndTrainsOnlyItsOwnParameters()
    {
        manual_seed(0);
        using var head = new AttentivePoolingHead(dim: 12, heads: 3, classes: 5);
        using var x = randn(4, 7, 12);
        using var logits = head.forward(x);
        Assert.Equal([4L, 5L], logits.shape);
        Assert.Equal(
            ["query", "norm.weight", "norm.bias", "q.weight", "q.bias", "kv.weight", "kv.bias", "proj.weight", "proj.bias", "fc_norm.weight", "fc_norm.bias", "head.weight", "head.bias"],
            head.named_parameters().Select(p => p.name));
        Assert.Throws<ArgumentException>(() => new AttentivePoolingHead(dim: 10, heads: 3, classes: 2));
    }
}
