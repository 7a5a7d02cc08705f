namespace SynVid.Serialization;

/// <summary>What a command writes into its output folder, so that a folder holding something else is recognised.</summary>
public enum OutputKind
{
    /// <summary><c>synvid pretrain</c>.</summary>
    PretrainRun,

    /// <summary><c>synvid finetune</c>.</summary>
    FineTuneRun,

    /// <summary><c>synvid linprobe</c>.</summary>
    LinearProbeRun,

    /// <summary><c>synvid generate</c>.</summary>
    GeneratedDataset,

    /// <summary><c>synvid perturb-dataset</c>.</summary>
    PerturbedDataset,

    /// <summary><c>synvid evaluate</c>.</summary>
    Evaluation,

    /// <summary><c>synvid analyze</c>.</summary>
    Analysis,

    /// <summary><c>synvid robustness</c>.</summary>
    Robustness,

    /// <summary><c>synvid progression</c>.</summary>
    Progression,

    /// <summary><c>synvid correlate</c>.</summary>
    Correlation,

    /// <summary><c>synvid textures</c>.</summary>
    Textures,

    /// <summary><c>synvid attention</c>.</summary>
    Attention,

    /// <summary><c>synvid progression-encoders</c>.</summary>
    Encoders,
}
