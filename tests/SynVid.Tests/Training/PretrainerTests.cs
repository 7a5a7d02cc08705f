using SynVid.Reporting;
using SynVid.Training;
using TorchSharp.PyBridge;

namespace SynVid.Tests.Training;

public class PretrainerTests
{
    // A model small enough for a few steps per second on one thread: 4 frames of 32², 8 tokens.
    private static PretrainRecipe Micro => PretrainPresets.CpuTiny with
    {
        EncoderDepth = 1,
        DecoderDepth = 1,
        Frames = 4,
        InputSize = 32,
        BatchSize = 2,
        WarmupSteps = 2,
        TotalSteps = 40,
        CheckpointEvery = 3,
        DataWorkers = 2,
        Seed = 7,
    };

    private static string NewRun() => Directory.CreateTempSubdirectory("synvid-pretrain").FullName;

    [Fact]
    public void ResumedRunReproducesTheUninterruptedOne()
    {
        string straight = NewRun(), resumed = NewRun();
        try
        {
            var source = new MovingSquareSource(4, 40);
            var config = PretrainRunConfig.Create(Micro, "test:moving-square", "cpu-tiny");
            Pretrainer.Run(straight, config, source, untilStep: 8);

            Pretrainer.Run(resumed, config, source, untilStep: 5);   // checkpoints at 3 and 5
            // Simulate a kill after step 5's checkpoint: the run continues from it.
            var result = Pretrainer.Run(resumed, PretrainRunConfig.Load(resumed), source, untilStep: 8);
            Assert.Equal(5, result.StartStep);

            var a = MetricsCsv.Read(Path.Combine(straight, "metrics.csv"));
            var b = MetricsCsv.Read(Path.Combine(resumed, "metrics.csv"));
            Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), b.Steps);
            Assert.Equal(a.Values["loss"], b.Values["loss"]);
            Assert.Equal(a.Values["lr"], b.Values["lr"]);

            var wa = PyTorchUnpickler.UnpickleStateDict(new CheckpointStore(straight).ModelFile(8))["model"] as System.Collections.Hashtable;
            var wb = PyTorchUnpickler.UnpickleStateDict(new CheckpointStore(resumed).ModelFile(8))["model"] as System.Collections.Hashtable;
            Assert.NotNull(wa);
            Assert.NotNull(wb);
            Assert.Contains("encoder.blocks.0.attn.qkv.weight", wa.Keys.Cast<string>());
            foreach (string key in wa.Keys)
            {
                var x = (TorchSharp.torch.Tensor)wa[key]!;
                var y = (TorchSharp.torch.Tensor)wb[key]!;
                Assert.True(x.eq(y).all().item<bool>(), key);
            }
        }
        finally
        {
            Directory.Delete(straight, true);
            Directory.Delete(resumed, true);
        }
    }

    [Fact]
    public void AKeptCheckpointOfAConstantRateRunIsTheShorterRun()
    {
        string longer = NewRun(), shorter = NewRun();
        try
        {
            // constant after warm-up: the schedule of step s does not depend on the run's length
            var recipe = Micro with { BaseMinLr = Micro.BaseLr };
            var source = new MovingSquareSource(4, 40);
            Pretrainer.Run(longer, PretrainRunConfig.Create(recipe, "test:moving-square", "cpu-tiny"), source, untilStep: 12, keepSteps: new HashSet<long> { 4 });
            // every 3 steps, the newest 3 kept, and step 4 pinned
            Assert.Equal([4L, 6, 9, 12], new CheckpointStore(longer).Completed());
            Pretrainer.Run(shorter, PretrainRunConfig.Create(recipe with { TotalSteps = 4 }, "test:moving-square", "cpu-tiny"), source, untilStep: 4);

            var wa = PyTorchUnpickler.UnpickleStateDict(new CheckpointStore(longer).ModelFile(4))["model"] as System.Collections.Hashtable;
            var wb = PyTorchUnpickler.UnpickleStateDict(new CheckpointStore(shorter).ModelFile(4))["model"] as System.Collections.Hashtable;
            Assert.NotNull(wa);
            Assert.NotNull(wb);
            foreach (string key in wa.Keys)
            {
                Assert.True(((TorchSharp.torch.Tensor)wa[key]!).eq((TorchSharp.torch.Tensor)wb[key]!).all().item<bool>(), key);
            }
        }
        finally
        {
            Directory.Delete(longer, true);
            Directory.Delete(shorter, true);
        }
    }

    [Fact]
    public void LossFallsOnASimpleSource()
    {
        var run = NewRun();
        try
        {
            // Raw-pixel targets: a model this small learns the colours and layout quickly, which is what this test needs.
            var recipe = Micro with { TotalSteps = 40, CheckpointEvery = 40, NormalizeTarget = false };
            Pretrainer.Run(run, PretrainRunConfig.Create(recipe, "test", null), new MovingSquareSource(4, 40), untilStep: 40);
            var loss = MetricsCsv.Read(Path.Combine(run, "metrics.csv")).Values["loss"];
            Assert.True(loss.TakeLast(5).Average() < 0.8 * loss.Take(5).Average(), $"first {loss.Take(5).Average()}, last {loss.TakeLast(5).Average()}");
        }
        finally
        {
            Directory.Delete(run, true);
        }
    }

    [Fact]
    public void NonFiniteLossStopsTheRunAndKeepsTheLastCheckpoint()
    {
        var run = NewRun();
        try
        {
            // An absurd learning rate makes AdamW blow the weights up within a few steps.
            var recipe = Micro with { BaseLr = 1e12, BaseMinLr = 1e11, WarmupSteps = 0, CheckpointEvery = 1 };
            var e = Assert.Throws<NonFiniteLossException>(() =>
                Pretrainer.Run(run, PretrainRunConfig.Create(recipe, "test", null), new MovingSquareSource(4, 40), untilStep: 40));
            var store = new CheckpointStore(run);
            Assert.Equal(e.Step - 1, store.LatestStep());
            Assert.Contains($"step {e.Step}", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(run, true);
        }
    }

    [Fact]
    public void InvalidRecipesAreRejectedBeforeAnyWork()
    {
        var run = NewRun();
        try
        {
            var source = new MovingSquareSource(4, 40);
            Assert.Throws<UserInputException>(() => Pretrainer.Run(run, PretrainRunConfig.Create(Micro with { BatchSize = 0 }, "t", null), source, 5));
            Assert.Throws<UserInputException>(() => Pretrainer.Run(run, PretrainRunConfig.Create(Micro with { MaskRatio = 1.5 }, "t", null), source, 5));
            Assert.Throws<UserInputException>(() => Pretrainer.Run(run, PretrainRunConfig.Create(Micro, "t", null), source, 500));
            Assert.Throws<UserInputException>(() => Pretrainer.Run(run, PretrainRunConfig.Create(Micro with { InputSize = 30 }, "t", null), source, 5));
            Assert.Empty(Directory.GetFileSystemEntries(run));
        }
        finally
        {
            Directory.Delete(run, true);
        }
    }
}
