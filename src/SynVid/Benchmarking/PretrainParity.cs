using SynVid.Datasets;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Serialization;
using SynVid.Synthesis;
using SynVid.Training;
using static TorchSharp.torch;

namespace SynVid.Benchmarking;

/// <summary>What <see cref="PretrainParity"/> exports and runs.</summary>
public sealed record PretrainParityOptions
{
    /// <summary>Generator stage the clips come from.</summary>
    public string Stage { get; init; } = "moving-circles";

    /// <summary>Pre-training preset: model, input, lr, betas, weight decay, masking.</summary>
    public string Preset { get; init; } = "cpu-tiny";

    /// <summary>Optimiser steps.</summary>
    public int Steps { get; init; } = 50;

    /// <summary>Clips per forward pass.</summary>
    public int Batch { get; init; } = 8;

    /// <summary>Forward passes per optimiser step.</summary>
    public int Accumulation { get; init; } = 1;

    /// <summary>Warm-up steps of the schedule, which ends (cosine to the minimum lr) after <see cref="Steps"/>.</summary>
    public int WarmupSteps { get; init; } = 10;

    /// <summary>Seed of initialisation, clips and masks.</summary>
    public int Seed { get; init; }
}

/// <summary>The outcome: SynVid's lr and loss per step.</summary>
public sealed record PretrainParityResult(PretrainRecipe Recipe, IReadOnlyList<(double Lr, double Loss)> Steps);

/// <summary>
/// Exports a fixed sequence of pre-training batches (the trainer's own clips, crops and tube masks) and an initial
/// state, then trains on them with the trainer's <see cref="PretrainStep"/>, so that
/// <c>bench/reference/pretrain_step_reference.py</c> can replay the same steps in PyTorch and compare losses.
/// Files: config.json, init.pth, clips.npy (P, B, 3, T, H, W) and masks.npy (P, B, N) for the P = steps × accumulation
/// forward passes, lr.npy (S), groups.json, synvid_losses.csv, final.pth.
/// </summary>
public static class PretrainParity
{
    /// <summary>The preset shortened to the requested steps and batch.</summary>
    public static PretrainRecipe Recipe(PretrainParityOptions options) => PretrainPresets.Parse(options.Preset) with
    {
        BatchSize = options.Batch,
        Accumulation = options.Accumulation,
        WarmupSteps = options.WarmupSteps,
        TotalSteps = options.Steps,
        Seed = options.Seed,
        Device = "cpu",
    };

    /// <summary>Writes the files into <paramref name="directory"/> and runs SynVid's steps; <paramref name="onStep"/> sees (step, lr, loss).</summary>
    public static PretrainParityResult Run(string directory, PretrainParityOptions options, Action<int, double, double>? onStep = null)
    {
        if (options.Steps < 1 || options.Batch < 1 || options.Accumulation < 1 || options.WarmupSteps < 0 || options.WarmupSteps > options.Steps)
        {
            throw new UserInputException(
                $"--steps, --batch and --accumulation must be positive and --warmup in [0, steps] (got {options.Steps}, {options.Batch}, {options.Accumulation}, {options.WarmupSteps})");
        }
        var recipe = Recipe(options);
        recipe.Validate();
        Directory.CreateDirectory(directory);
        var modelConfig = recipe.ModelConfig();
        var passes = options.Steps * options.Accumulation;
        var batches = new List<PretrainBatch>(passes);
        var source = PretrainData.Open(PretrainData.ForStage(recipe, Stages.ByName(options.Stage), null, options.Preset));
        try
        {
            for (var p = 0; p < passes; p++)
            {
                batches.Add(PretrainBatch.Make(recipe, modelConfig, source, p));
            }
            using (var scope = NewDisposeScope())
            {
                NpyFile.Write(Path.Combine(directory, "clips.npy"), stack(batches.Select(b => b.Video)));
                NpyFile.Write(Path.Combine(directory, "masks.npy"), stack(batches.Select(b => b.Mask)));
                var schedule = recipe.Schedule();
                NpyFile.Write(Path.Combine(directory, "lr.npy"), tensor(Enumerable.Range(0, options.Steps).Select(s => schedule.At(s)).ToArray()));
            }

            // As Pretrainer builds its model and step.
            manual_seed(recipe.Seed);
            using var model = new PretrainModel(modelConfig);
            CheckpointWriter.Save(Path.Combine(directory, "init.pth"), model);
            using var step = new PretrainStep(model, recipe);
            ParityExport.WriteGroups(Path.Combine(directory, "groups.json"), step.Groups);
            WriteConfig(Path.Combine(directory, "config.json"), options, recipe, modelConfig, step.Schedule);

            var steps = new List<(double Lr, double Loss)>(options.Steps);
            var next = 0;
            for (var s = 0; s < options.Steps; s++)
            {
                var (loss, lr) = step.Run(s, () => batches[next++].Share());
                steps.Add((lr, loss));
                onStep?.Invoke(s, lr, loss);
            }
            ParityExport.WriteLosses(Path.Combine(directory, "synvid_losses.csv"), steps);
            CheckpointWriter.Save(Path.Combine(directory, "final.pth"), model);
            return new PretrainParityResult(recipe, steps);
        }
        finally
        {
            foreach (var b in batches)
            {
                b.Dispose();
            }
            (source as IDisposable)?.Dispose();
        }
    }

    private static void WriteConfig(string path, PretrainParityOptions options, PretrainRecipe recipe, PretrainConfig model, CosineSchedule schedule)
    {
        var e = model.Encoder;
        ParityExport.WriteJson(path, new
        {
            Kind = "pretrain",
            options.Stage,
            options.Preset,
            options.Seed,
            options.Steps,
            recipe.BatchSize,
            recipe.Accumulation,
            Threads = get_num_threads(),
            Model = new
            {
                ImgSize = e.ImageSize,
                e.PatchSize,
                e.NumFrames,
                e.TubeletSize,
                InChans = e.InChannels,
                EncoderEmbedDim = e.EmbedDim,
                EncoderDepth = e.Depth,
                EncoderNumHeads = e.NumHeads,
                DecoderEmbedDim = model.DecoderEmbedDim,
                model.DecoderDepth,
                DecoderNumHeads = model.DecoderNumHeads,
                e.MlpRatio,
                e.LayerNormEps,
            },
            Masking = new { recipe.MaskRatio, Kind = recipe.Masking.ToString() },
            recipe.NormalizeTarget,
            Optimizer = new
            {
                recipe.Beta1,
                recipe.Beta2,
                recipe.Eps,
                recipe.WeightDecay,
                recipe.ClipGrad,
            },
            Schedule = new { schedule.PeakLr, schedule.MinLr, schedule.WarmupSteps, schedule.TotalSteps },
        });
    }
}
