using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Serialization;
using SynVid.Training;
using static TorchSharp.torch;

namespace SynVid.Tests.Model;

public class PrecisionTests
{
    [Fact]
    public void Bf16ProductsStayCloseToTheReference()
    {
        using var scope = NewDisposeScope();
        var config = Fixtures.TinyPretrain with { Encoder = Fixtures.TinyTrunk with { Precision = MatmulPrecision.BFloat16 } };
        using var model = new PretrainModel(config);
        using (var checkpoint = CheckpointReader.Read(Fixtures.File("pretrain_tiny.pth")))
        {
            Assert.True(StateDictLoader.Load(model, checkpoint).Exact);
        }
        model.eval();
        using var noGrad = no_grad();
        var input = NpyFile.Read(Fixtures.File("pretrain_input.npy"));
        var mask = NpyFile.Read(Fixtures.File("pretrain_mask.npy"));
        var output = model.forward(input, mask);
        Assert.Equal(ScalarType.Float32, output.dtype);
        var error = Fixtures.RelativeError(output, NpyFile.Read(Fixtures.File("pretrain_output.npy")));
        // bf16 keeps 8 significant bits: about 1e-2 relative, never the float32 1e-5.
        Assert.InRange(error, 1e-6, 3e-2);
        var loss = ReconstructionTarget.Loss(output, ReconstructionTarget.Compute(input, mask, config.Encoder)).item<float>();
        Assert.InRange(Math.Abs(loss - 1.16692316532135) / 1.16692316532135, 0, 1e-2);
    }

    [Fact]
    public void Bf16TrainingStepReducesTheLoss()
    {
        random.manual_seed(8);
        var config = Fixtures.TinyPretrain with { Encoder = Fixtures.TinyTrunk with { Precision = MatmulPrecision.BFloat16 } };
        using var model = new PretrainModel(config);
        using var step = new PretrainStep(model, Fixtures.ConstantLr(1e-3, 2));
        using var batch = new PretrainBatch(randn([2, 3, 16, 32, 32]), new MaskGenerator(config.Encoder).Batch(2, new Random(8)), 0);
        var before = step.Evaluate(batch);
        step.Run(0, batch);
        Assert.True(step.Evaluate(batch) < before);
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
    }
}
