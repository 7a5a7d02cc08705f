using System.Collections;
using SynVid.Serialization;
using SynVid.Training;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace SynVid.Tests.Training;

public class CheckpointStoreTests
{
    private static nn.Module<Tensor, Tensor> MakeModel(long seed)
    {
        manual_seed(seed);
        return nn.Sequential(("fc1", nn.Linear(4, 8)), ("act", nn.GELU()), ("fc2", nn.Linear(8, 1)));
    }

    private static double Step(nn.Module<Tensor, Tensor> model, optim.Optimizer opt, int step)
    {
        using var scope = NewDisposeScope();
        var g = new Generator((ulong)(1000 + step));
        var x = randn([16, 4], generator: g);
        var y = x.sum(1, keepdim: true).sin();
        opt.zero_grad();
        var loss = nn.functional.mse_loss(model.call(x), y);
        loss.backward();
        opt.step();
        return loss.item<float>();
    }

    [Fact]
    public void ResumingFromACheckpointReproducesLossesAndWeights()
    {
        var run = Directory.CreateTempSubdirectory("synvid-ckpt").FullName;
        try
        {
            var store = new CheckpointStore(run);
            using var model = MakeModel(1);
            using var opt = optim.AdamW(model.parameters(), lr: 1e-2, beta1: 0.9, beta2: 0.95, weight_decay: 0.05);
            for (var s = 0; s < 3; s++)
            {
                Step(model, opt, s);
            }
            store.Save(3, 0, model, opt, new Dictionary<string, object> { ["lr"] = 1e-2, ["model"] = "test" });
            var expected = Enumerable.Range(3, 3).Select(s => Step(model, opt, s)).ToArray();

            using var resumed = MakeModel(2);
            using var opt2 = optim.AdamW(resumed.parameters(), lr: 1e-2, beta1: 0.9, beta2: 0.95, weight_decay: 0.05);
            Assert.Equal(3L, store.LatestStep());
            var (step, _) = store.Load(3, resumed, opt2);
            Assert.Equal(3, step);
            var actual = Enumerable.Range(3, 3).Select(s => Step(resumed, opt2, s)).ToArray();
            Assert.Equal(expected, actual);
            foreach (var ((_, a), (_, b)) in model.state_dict().Zip(resumed.state_dict()))
            {
                Assert.True(a.eq(b).all().item<bool>());
            }
        }
        finally
        {
            Directory.Delete(run, true);
        }
    }

    [Fact]
    public void ReferenceLayoutIsReadableAndInterruptedWritesAreIgnored()
    {
        var run = Directory.CreateTempSubdirectory("synvid-ckpt").FullName;
        try
        {
            var store = new CheckpointStore(run);
            using var model = MakeModel(1);
            using var opt = optim.AdamW(model.parameters());
            store.Save(5, 1, model, opt, new Dictionary<string, object> { ["batch_size"] = 4 });

            // A write killed half-way leaves only a temporary folder, which never counts as a checkpoint.
            var torn = Path.Combine(store.Directory, CheckpointStore.FolderName(9) + AtomicFile.Marker + "999999999-4242");
            Directory.CreateDirectory(torn);
            File.WriteAllBytes(Path.Combine(torn, "checkpoint.pth"), [1, 2, 3]);
            Assert.Equal(5L, store.LatestStep());

            var pth = PyTorchUnpickler.UnpickleStateDict(store.ModelFile(5));
            var weights = Assert.IsType<Hashtable>(pth["model"]);
            Assert.Equal(new[] { "fc1.bias", "fc1.weight", "fc2.bias", "fc2.weight" }, weights.Keys.Cast<string>().Order());
            Assert.Equal(1L, Convert.ToInt64(pth["epoch"], System.Globalization.CultureInfo.InvariantCulture));

            using var wrong = nn.Sequential(("fc1", nn.Linear(4, 9)), ("fc2", nn.Linear(9, 1)));
            var e = Assert.Throws<UserInputException>(() => store.Load(5, wrong, null));
            Assert.Contains("fc1", e.Message, StringComparison.Ordinal);
            // Resuming needs the same architecture: weights the model lacks, or the checkpoint lacks, are an error.
            using var smaller = nn.Sequential(("fc1", nn.Linear(4, 8)));
            Assert.Contains("fc2", Assert.Throws<UserInputException>(() => store.Load(5, smaller, null)).Message, StringComparison.Ordinal);
            using var larger = nn.Sequential(("fc1", nn.Linear(4, 8)), ("fc2", nn.Linear(8, 1)), ("fc3", nn.Linear(1, 1)));
            Assert.Contains("fc3", Assert.Throws<UserInputException>(() => store.Load(5, larger, null)).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(run, true);
        }
    }
}
