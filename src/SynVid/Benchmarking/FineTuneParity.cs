using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Serialization;
using SynVid.Training;
using static TorchSharp.torch;

namespace SynVid.Benchmarking;

/// <summary>What <see cref="FineTuneParity"/> exports and runs.</summary>
public sealed record FineTuneParityOptions
{
    /// <summary>Dataset spec the batches come from.</summary>
    public string Data { get; init; } = "synaction";

    /// <summary>Fine-tuning preset: model, input, lr, layer decay, weight decay, betas.</summary>
    public string Preset { get; init; } = "cpu-tiny";

    /// <summary>Optimiser steps.</summary>
    public int Steps { get; init; } = 50;

    /// <summary>Clips per step (one copy per video).</summary>
    public int Batch { get; init; } = 8;

    /// <summary>Warm-up steps of the schedule, which ends (cosine to the minimum lr) after <see cref="Steps"/>.</summary>
    public int WarmupSteps { get; init; } = 10;

    /// <summary>Seed of initialisation and data.</summary>
    public int Seed { get; init; }
}

/// <summary>The outcome: SynVid's lr and loss per step.</summary>
public sealed record FineTuneParityResult(FineTuneRecipe Recipe, IReadOnlyList<(double Lr, double Loss)> Steps);

/// <summary>
/// Exports a fixed sequence of fine-tuning batches and an initial state, then trains on them with FineTuner's own
/// pieces (<see cref="ParameterGroups"/> with layer decay, <see cref="OptimizerFactory"/>, <see cref="FineTuneStep"/>,
/// the warm-up + cosine <see cref="CosineSchedule"/>) with dropout, drop path, augmentation and mixing off, in fp32,
/// so that <c>bench/reference/finetune_step_reference.py</c> can replay the same steps in PyTorch and compare losses.
/// Files: config.json, init.pth, clips.npy (S, B, 3, T, H, W), targets.npy (S, B, C), labels.npy (S, B), lr.npy (S),
/// groups.json, synvid_losses.csv, final.pth.
/// </summary>
public static class FineTuneParity
{
    /// <summary>The preset with everything random in the step or the data turned off and one copy per video.</summary>
    public static FineTuneRecipe Recipe(FineTuneParityOptions options) => FineTunePresets.Parse(options.Preset) with
    {
        BatchSize = options.Batch,
        NumSample = 1,
        RandAugment = "none",
        Mixup = 0,
        Cutmix = 0,
        RandomErasing = 0,
        FlipProbability = 0,
        CropMinArea = 1.0,
        DropPath = 0,
        FcDropout = 0,
        Seed = options.Seed,
        Device = "cpu",
    };

    /// <summary>Writes the files into <paramref name="directory"/> and runs SynVid's steps; <paramref name="onStep"/> sees (step, lr, loss).</summary>
    public static FineTuneParityResult Run(string directory, FineTuneParityOptions options, Action<int, double, double>? onStep = null)
    {
        if (options.Steps < 1 || options.Batch < 1 || options.WarmupSteps < 0 || options.WarmupSteps > options.Steps)
        {
            throw new UserInputException($"--steps and --batch must be positive and --warmup in [0, steps] (got {options.Steps}, {options.Batch}, {options.WarmupSteps})");
        }
        var recipe = Recipe(options);
        recipe.Validate();
        Directory.CreateDirectory(directory);
        var data = DownstreamData.Open(DatasetSpec.Parse(options.Data), recipe.DataOptions(BadVideoPolicy.Fail, splits: null, splitsDirectory: null, frameCacheBytes: 0));
        var clips = DownstreamSetup.TrainingClips(data);
        var perEpoch = recipe.StepsPerEpoch(clips.Count);
        var schedule = CosineSchedule.FromBaseRates(recipe.BaseLr, recipe.BaseMinLr, recipe.BatchSize, options.WarmupSteps, options.Steps);

        var batches = new List<FineTuneBatch>(options.Steps);
        try
        {
            for (var s = 0; s < options.Steps; s++)
            {
                batches.Add(FineTuneBatch.Make(recipe, clips, s / perEpoch, s % perEpoch));
            }
            using (var scope = NewDisposeScope())
            {
                NpyFile.Write(Path.Combine(directory, "clips.npy"), stack(batches.Select(b => b.Clips)));
                NpyFile.Write(Path.Combine(directory, "targets.npy"), stack(batches.Select(b => b.Targets)));
                NpyFile.Write(Path.Combine(directory, "labels.npy"), tensor(batches.SelectMany(b => b.Labels).ToArray(), [options.Steps, recipe.BatchSize]));
                NpyFile.Write(Path.Combine(directory, "lr.npy"), tensor(Enumerable.Range(0, options.Steps).Select(s => schedule.At(s)).ToArray()));
            }

            using var model = DownstreamSetup.CreateModel(recipe, clips.NumClasses, null).Model;
            CheckpointWriter.Save(Path.Combine(directory, "init.pth"), model);
            var groups = ParameterGroups.Build(model.named_parameters().Select(p => (p.name, p.parameter)), recipe.WeightDecay,
                ParameterGroups.DefaultSkip, model.Config.Encoder.Depth, recipe.LayerDecay);
            ParityExport.WriteGroups(Path.Combine(directory, "groups.json"), groups);
            WriteConfig(Path.Combine(directory, "config.json"), options, recipe, model.Config, schedule);

            using var optimizer = OptimizerFactory.AdamW(groups, recipe.Beta1, recipe.Beta2, recipe.Eps);
            var steps = new List<(double Lr, double Loss)>(options.Steps);
            for (var s = 0; s < options.Steps; s++)
            {
                // As FineTuner runs a step.
                model.train();
                var lr = schedule.At(s);
                double loss;
                using (GcQuietRegion.Enter())
                using (NewDisposeScope())
                {
                    loss = FineTuneStep.Run(model, optimizer, groups, batches[s], lr, recipe.ClipGrad, CPU);
                }
                steps.Add((lr, loss));
                onStep?.Invoke(s, lr, loss);
            }
            ParityExport.WriteLosses(Path.Combine(directory, "synvid_losses.csv"), steps);
            CheckpointWriter.Save(Path.Combine(directory, "final.pth"), model);
            return new FineTuneParityResult(recipe, steps);
        }
        finally
        {
            foreach (var b in batches)
            {
                b.Dispose();
            }
        }
    }

    private static void WriteConfig(string path, FineTuneParityOptions options, FineTuneRecipe recipe, ClassifierConfig model, CosineSchedule schedule)
    {
        var e = model.Encoder;
        ParityExport.WriteJson(path, new
        {
            Kind = "finetune",
            options.Data,
            options.Preset,
            options.Seed,
            options.Steps,
            recipe.BatchSize,
            Threads = get_num_threads(),
            Model = new
            {
                ImgSize = e.ImageSize,
                e.PatchSize,
                NumFrames = e.NumFrames,
                e.TubeletSize,
                InChans = e.InChannels,
                EmbedDim = e.EmbedDim,
                e.Depth,
                e.NumHeads,
                e.MlpRatio,
                e.QkvBias,
                e.LayerNormEps,
                e.InitValues,
                model.NumClasses,
                model.InitScale,
                model.FcDropRate,
                e.DropPathRate,
            },
            Optimizer = new
            {
                recipe.Beta1,
                recipe.Beta2,
                recipe.Eps,
                recipe.WeightDecay,
                recipe.LayerDecay,
                recipe.ClipGrad,
            },
            Schedule = new { schedule.PeakLr, schedule.MinLr, schedule.WarmupSteps, schedule.TotalSteps },
            Loss = "soft-target cross-entropy",
            recipe.LabelSmoothing,
        });
    }
}
