using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Synthesis;
using SynVid.Training;

namespace SynVid.Analysis.Progression;

/// <summary>
/// What a progression runs: the preset, the downstream dataset, and the arms in order — <c>scratch</c>, the chosen
/// stages in progression order, then optionally <c>in-domain</c> (pre-training on the downstream training split, which
/// bounds the gap from above as the paper's UCF101 row, docs/reference-behaviour.md §8.6).
/// </summary>
/// <param name="Preset">Step sizes.</param>
/// <param name="Downstream">Downstream dataset spec (<see cref="DatasetSpec.Forms"/>).</param>
/// <param name="Arms">Arms in report order.</param>
/// <param name="Images">Image folder of the image-crop stage (the other textured stages keep their built-in families), or null.</param>
/// <param name="Seed">Seed of every step.</param>
/// <param name="Notes">What the plan left out and why (shown in the report).</param>
public sealed record ProgressionPlan(
    ProgressionPreset Preset, string Downstream, IReadOnlyList<ProgressionArm> Arms, string? Images, int Seed, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// What the steps do with a downstream video that is missing, unreadable or truncated (<c>--on-bad-video</c>): stop
    /// (the default) or leave it out, listing it in the step's <c>skipped.csv</c>. It applies to every step that reads
    /// the downstream videos: fine-tuning, the probes, the in-domain pre-training and the reference of the analysis.
    /// </summary>
    public BadVideoPolicy OnBadVideo { get; init; } = BadVideoPolicy.Fail;

    /// <summary><see cref="OnBadVideo"/> as the run configs and progression.json spell it: fail or skip.</summary>
    public string OnBadVideoName => OnBadVideo == BadVideoPolicy.Skip ? "skip" : "fail";

    /// <summary>
    /// Pre-trained encoders (<c>--encoders</c>) installed in place of the pre-training step of the arms they cover;
    /// set through <see cref="WithEncoders"/>, which checks them against the plan.
    /// </summary>
    public ArmEncoders? Encoders { get; private init; }

    /// <summary>
    /// The plan with <paramref name="encoders"/> replacing the pre-training of the arms they cover (noted in the report).
    /// An arm of the scaling study needs its intermediate checkpoints, which an encoders folder does not hold, so a plan
    /// whose preset scales a covered arm is refused.
    /// </summary>
    public ProgressionPlan WithEncoders(ArmEncoders encoders)
    {
        ArgumentNullException.ThrowIfNull(encoders);
        var covered = Arms.Where(a => a.Pretrains && encoders.For(a.Name) is not null).ToList();
        if (covered.FirstOrDefault(Preset.ScalesArm) is { } scaled)
        {
            throw new UserInputException(
                $"--encoders: preset '{Preset.Name}' fine-tunes {scaled.Name} from its checkpoints at steps {string.Join(", ", Preset.ScalingSteps)}, which {encoders.Directory} does not hold; " +
                "use a preset without scaling_steps (e.g. --set scaling_steps=[]) or run without --encoders");
        }
        var note = covered.Count == 0
            ? $"--encoders {encoders.Directory} covers none of the arms ({string.Join(", ", encoders.Encoders.Select(e => e.Arm))}); every arm pre-trained here."
            : $"Not pre-trained here: {string.Join(", ", covered.Select(a => a.Name))}. Their pre-training step installed the encoders of {encoders.Directory} " +
              $"(made by a progression with preset '{encoders.Preset}', seed {encoders.Source["seed"]}; configuration and SHA-256 checked against its {ArmEncoders.ManifestFile}).";
        return this with { Encoders = encoders, Notes = [.. Notes, note] };
    }

    /// <summary>
    /// Builds the plan. <paramref name="stages"/> is a comma-separated list of stage names (and optionally
    /// <c>in-domain</c>); null runs the preset's default stages, leaving out the image-crop stage when no image folder
    /// is given. <c>scratch</c> always runs.
    /// </summary>
    public static ProgressionPlan Create(
        ProgressionPreset preset, string downstream, string? stages = null, string? images = null, int seed = 0,
        BadVideoPolicy onBadVideo = BadVideoPolicy.Fail)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(downstream);
        preset.Validated();
        DatasetSpec.Parse(downstream);
        if (images is not null && !Directory.Exists(images))
        {
            throw new UserInputException($"--images {images}: no such folder");
        }
        var notes = new List<string>();
        List<string> names;
        bool inDomain;
        if (stages is null)
        {
            names = [.. preset.DefaultStages];
            inDomain = preset.InDomainByDefault;
            if (images is null && names.Remove(Stages.AcceleratingImageCrops.Name))
            {
                notes.Add($"{Stages.AcceleratingImageCrops.Name} was not run: it needs natural images (give --images DIR).");
            }
        }
        else
        {
            var given = stages.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (given.Length == 0)
            {
                throw new UserInputException("--stages is empty; give stage names separated by commas (" + string.Join(",", Stages.Names) + ", in-domain)");
            }
            inDomain = given.Contains(PaperResults.InDomain, StringComparer.OrdinalIgnoreCase);
            names = [];
            foreach (var name in given.Where(n => !string.Equals(n, PaperResults.InDomain, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(n, PaperResults.Scratch, StringComparison.OrdinalIgnoreCase)))
            {
                var stage = Stages.ByName(name);
                if (stage.NeedsTextures && stage.Name == Stages.AcceleratingImageCrops.Name && images is null)
                {
                    throw new UserInputException($"stage '{stage.Name}' needs natural images: give --images DIR");
                }
                names.Add(stage.Name);
            }
            names = [.. Stages.Names.Where(names.Contains)];
        }
        var arms = new List<ProgressionArm> { new(PaperResults.Scratch, ArmKind.Scratch) };
        arms.AddRange(names.Select(n => new ProgressionArm(n, ArmKind.Stage)));
        if (inDomain)
        {
            arms.Add(new ProgressionArm(PaperResults.InDomain, ArmKind.InDomain));
        }
        else
        {
            notes.Add("The in-domain arm (pre-training on the downstream training split) was not run, so the gap closed is not computed.");
        }
        return new ProgressionPlan(preset, downstream.Trim(), arms, images is null ? null : Path.GetFullPath(images), seed, notes)
        {
            OnBadVideo = onBadVideo,
        };
    }

    /// <summary>
    /// How every step that trains or probes on the downstream dataset with <paramref name="recipe"/> opens it: the
    /// recipe's clip length, stride and seed, the plan's <see cref="OnBadVideo"/>, and the splits the step reads
    /// (<see cref="SplitNames"/>; null: all), through <see cref="FineTuneRecipe.DataOptions"/> as the CLI's
    /// finetune and linprobe, so that no step reads the data differently. The progression takes no split-list folder
    /// and keeps no decoded frames.
    /// </summary>
    public DownstreamDataOptions DownstreamOptions(FineTuneRecipe recipe, IReadOnlySet<string>? splits = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return recipe.DataOptions(OnBadVideo, splits, splitsDirectory: null, frameCacheBytes: 0);
    }

    /// <summary>Opens the downstream dataset as <see cref="DownstreamOptions"/> says.</summary>
    public DownstreamData OpenDownstream(FineTuneRecipe recipe, IReadOnlySet<string>? splits = null) =>
        DownstreamData.Open(DatasetSpec.Parse(Downstream), DownstreamOptions(recipe, splits));

    /// <summary>Whether the downstream data is not the paper's (UCF101 or HMDB51), so only trends compare with the paper.</summary>
    public bool DownstreamIsProxy => DatasetSpec.Parse(Downstream) is not (Ucf101Spec or Hmdb51Spec);
}
