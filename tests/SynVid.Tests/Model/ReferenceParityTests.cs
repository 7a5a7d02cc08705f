using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Serialization;
using static TorchSharp.torch;

namespace SynVid.Tests.Model;

/// <summary>The model against the reference implementation's outputs for the tiny fixture (float32, 1e-5 relative).</summary>
public class ReferenceParityTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void PretrainingOutputMatchesReference()
    {
        using var scope = NewDisposeScope();
        using var model = new PretrainModel(Fixtures.TinyPretrain);
        using (var checkpoint = CheckpointReader.Read(Fixtures.File("pretrain_tiny.pth")))
        {
            Assert.True(StateDictLoader.Load(model, checkpoint).Exact);
        }
        model.eval();
        var input = NpyFile.Read(Fixtures.File("pretrain_input.npy"));
        var mask = NpyFile.Read(Fixtures.File("pretrain_mask.npy"));
        var expected = NpyFile.Read(Fixtures.File("pretrain_output.npy"));
        using var noGrad = no_grad();
        var output = model.forward(input, mask);
        Assert.Equal(expected.shape, output.shape);
        Assert.InRange(Fixtures.RelativeError(output, expected), 0, Tolerance);
    }

    [Fact]
    public void NormalizedTargetAndLossMatchReference()
    {
        using var scope = NewDisposeScope();
        var input = NpyFile.Read(Fixtures.File("pretrain_input.npy"));
        var mask = NpyFile.Read(Fixtures.File("pretrain_mask.npy"));
        var expectedTarget = NpyFile.Read(Fixtures.File("pretrain_target.npy"));
        var output = NpyFile.Read(Fixtures.File("pretrain_output.npy"));
        var target = ReconstructionTarget.Compute(input, mask, Fixtures.TinyTrunk);
        Assert.Equal(expectedTarget.shape, target.shape);
        Assert.InRange(Fixtures.RelativeError(target, expectedTarget), 0, Tolerance);

        // manifest.json loss_mse for the reference output and target.
        var loss = ReconstructionTarget.Loss(output, target).item<float>();
        Assert.InRange(Math.Abs(loss - 1.16692316532135) / 1.16692316532135, 0, Tolerance);
    }

    [Fact]
    public void ClassifierLogitsMatchReference()
    {
        using var scope = NewDisposeScope();
        using var model = new VideoClassifier(Fixtures.TinyClassifier);
        using (var checkpoint = CheckpointReader.Read(Fixtures.File("finetune_tiny.pth")))
        {
            Assert.True(StateDictLoader.Load(model, checkpoint).Exact);
        }
        model.eval();
        var input = NpyFile.Read(Fixtures.File("pretrain_input.npy"));
        var expected = NpyFile.Read(Fixtures.File("finetune_logits.npy"));
        using var noGrad = no_grad();
        var logits = model.forward(input);
        Assert.Equal(expected.shape, logits.shape);
        Assert.InRange(Fixtures.RelativeError(logits, expected), 0, Tolerance);
    }
}
