using SynVid.Model;
using SynVid.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Tests.Model;

public class TrainingStepTests
{
    [Fact]
    public void OneStepReducesTheLossOnAFixedBatch()
    {
        random.manual_seed(5);
        using var model = new PretrainModel(Fixtures.TinyPretrain);
        using var step = new PretrainStep(model, Fixtures.ConstantLr(1e-3, 2));
        using var batch = new PretrainBatch(randn([2, 3, 16, 32, 32]), new MaskGenerator(Fixtures.TinyTrunk).Batch(2, new Random(5)), 0);
        var before = step.Evaluate(batch);
        var trainingLoss = step.Run(0, batch).Loss;
        var after = step.Evaluate(batch);
        Assert.Equal(before, trainingLoss, 4);
        Assert.True(after < before, $"loss went from {before} to {after}");
    }

    [Fact]
    public void FiftyStepsLeakNoTensors()
    {
        random.manual_seed(6);
        var config = Fixtures.TinyPretrain with { Encoder = Fixtures.TinyTrunk with { DropPathRate = 0.1 } };
        using var model = new PretrainModel(config);
        using var step = new PretrainStep(model, Fixtures.ConstantLr(2.25e-4, 2) with { ClipGrad = 1.0 });
        using var batch = new PretrainBatch(randn([2, 3, 16, 32, 32]), new MaskGenerator(Fixtures.TinyTrunk).Batch(2, new Random(6)), 0);
        // The first step creates the optimiser state and the gradients; after it the live count must stay flat.
        step.Run(0, batch);
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 1; i <= 50; i++)
        {
            step.Run(i, batch);
        }
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void EachGroupRunsAtTheScheduledLearningRate()
    {
        random.manual_seed(7);
        using var model = new PretrainModel(Fixtures.TinyPretrain);
        var recipe = Fixtures.ConstantLr(1e-3, 2) with { WarmupSteps = 4, TotalSteps = 10 };
        using var step = new PretrainStep(model, recipe);
        using var batch = new PretrainBatch(randn([2, 3, 16, 32, 32]), new MaskGenerator(Fixtures.TinyTrunk).Batch(2, new Random(7)), 0);
        var weights = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        // Warm-up step 0 has lr 0: AdamW then changes nothing, weight decay included.
        Assert.Equal(0.0, step.Run(0, batch).LearningRate);
        Assert.All(model.state_dict(), kv => Assert.True(Fixtures.SameValues(kv.Value, weights[kv.Key]), kv.Key));
        var result = step.Run(2, batch);
        Assert.Equal(recipe.Schedule().At(2), result.LearningRate);
        Assert.All(step.Optimizer.ParamGroups, g => Assert.Equal(result.LearningRate, g.LearningRate));
        Assert.False(Fixtures.SameValues(model.state_dict()["encoder.blocks.0.mlp.fc1.weight"], weights["encoder.blocks.0.mlp.fc1.weight"]));
    }

    [Fact]
    public void AccumulatedHalvesMatchOneFullBatch()
    {
        // Every sample masks as many tokens, so the mean of two half-batch losses is the full batch's loss and the
        // accumulated gradient (each half scaled by 1/2) is the full batch's gradient.
        using var clips = randn([4, 3, 16, 32, 32], generator: new Generator(8));
        using var masks = new MaskGenerator(Fixtures.TinyTrunk).Batch(4, new Random(8));
        using var full = new PretrainBatch(clips.alias(), masks.alias(), 0);
        var halves = new[] { new PretrainBatch(clips.narrow(0, 0, 2), masks.narrow(0, 0, 2), 0), new PretrainBatch(clips.narrow(0, 2, 2), masks.narrow(0, 2, 2), 2) };
        var recipe = Fixtures.ConstantLr(1e-3, 4) with { ClipGrad = 0.5 };

        random.manual_seed(8);
        using var a = new PretrainModel(Fixtures.TinyPretrain);
        using var stepA = new PretrainStep(a, recipe);
        random.manual_seed(8);
        using var b = new PretrainModel(Fixtures.TinyPretrain);
        using var stepB = new PretrainStep(b, recipe with { BatchSize = 2, Accumulation = 2 });
        for (var i = 0; i < 3; i++)
        {
            var next = 0;
            var lossA = stepA.Run(i, full).Loss;
            var lossB = stepB.Run(i, () => halves[next++].Share()).Loss;
            Assert.Equal(lossA, lossB, 5);
        }
        var expected = a.state_dict();
        foreach (var (key, value) in b.state_dict())
        {
            Assert.True(Fixtures.RelativeError(value, expected[key]) < 1e-4, key);
        }
        foreach (var h in halves)
        {
            h.Dispose();
        }
    }
}
