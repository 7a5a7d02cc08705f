using SynVid.Model;
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
        using var step = new PretrainStep(model, new PretrainOptimizerConfig { LearningRate = 1e-3 });
        using var clip = randn([2, 3, 16, 32, 32]);
        using var mask = new MaskGenerator(Fixtures.TinyTrunk).Batch(2, new Random(5));
        var before = step.Evaluate(clip, mask);
        var trainingLoss = step.Run(clip, mask);
        var after = step.Evaluate(clip, mask);
        Assert.Equal(before, trainingLoss, 4);
        Assert.True(after < before, $"loss went from {before} to {after}");
    }

    [Fact]
    public void FiftyStepsLeakNoTensors()
    {
        random.manual_seed(6);
        var config = Fixtures.TinyPretrain with { Encoder = Fixtures.TinyTrunk with { DropPathRate = 0.1 } };
        using var model = new PretrainModel(config);
        using var step = new PretrainStep(model);
        using var clip = randn([2, 3, 16, 32, 32]);
        using var mask = new MaskGenerator(Fixtures.TinyTrunk).Batch(2, new Random(6));
        // The first step creates the optimiser state and the gradients; after it the live count must stay flat.
        step.Run(clip, mask);
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 50; i++)
        {
            step.Run(clip, mask);
        }
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
