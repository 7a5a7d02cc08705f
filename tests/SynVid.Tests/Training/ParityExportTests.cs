using SynVid.Benchmarking;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Serialization;
using static TorchSharp.torch;

namespace SynVid.Tests.Training;

public class ParityExportTests
{
    [Fact]
    public void PretrainExportHoldsEveryPassAndReplaysFromItsInit()
    {
        var dir = Directory.CreateTempSubdirectory("synvid-pretrain-parity").FullName;
        try
        {
            var options = new PretrainParityOptions { Steps = 2, Batch = 2, Accumulation = 2, WarmupSteps = 2 };
            var result = PretrainParity.Run(dir, options);
            Assert.Equal(2, result.Steps.Count);
            Assert.Equal(0.0, result.Steps[0].Lr);
            Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "synvid_losses.csv")).Length);
            using var masks = NpyFile.Read(Path.Combine(dir, "masks.npy"));
            using var clips = NpyFile.Read(Path.Combine(dir, "clips.npy"));
            Assert.Equal([4L, 2, 64], masks.shape);
            Assert.Equal(ScalarType.Bool, masks.dtype);
            Assert.Equal([4L, 2, 3, 8, 64, 64], clips.shape);

            // Step 0 has lr 0, so its loss is the initial weights' mean loss over the first two exported passes.
            var recipe = PretrainParity.Recipe(options);
            using var model = new PretrainModel(recipe.ModelConfig());
            using (var init = CheckpointReader.Read(Path.Combine(dir, "init.pth")))
            {
                Assert.True(StateDictLoader.Load(model, init).Exact);
            }
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var losses = Enumerable.Range(0, 2).Select(p => ReconstructionTarget.Loss(model.forward(clips[p], masks[p]),
                    ReconstructionTarget.Compute(clips[p], masks[p], recipe.ModelConfig().Encoder)).item<float>()).ToList();
                Assert.Equal(losses.Average(), result.Steps[0].Loss, 5);
            }
            Assert.True(File.Exists(Path.Combine(dir, "final.pth")) && File.Exists(Path.Combine(dir, "groups.json")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void FineTuneExportWritesBatchesTargetsAndTheSchedule()
    {
        var dir = Directory.CreateTempSubdirectory("synvid-finetune-parity").FullName;
        try
        {
            var result = FineTuneParity.Run(dir, new FineTuneParityOptions { Steps = 2, Batch = 2, WarmupSteps = 1 });
            Assert.Equal(2, result.Steps.Count);
            Assert.Equal(Math.Log(10), result.Steps[0].Loss, 2);
            using var targets = NpyFile.Read(Path.Combine(dir, "targets.npy"));
            Assert.Equal([2L, 2, 10], targets.shape);
            using var lr = NpyFile.Read(Path.Combine(dir, "lr.npy"));
            Assert.Equal(ScalarType.Float64, lr.dtype);
            Assert.Equal(result.Steps[1].Lr, lr[1].item<double>());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
