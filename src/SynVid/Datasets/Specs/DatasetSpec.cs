using System.Globalization;

namespace SynVid.Datasets.Specs;

/// <summary>
/// Which labelled video dataset to use, as written on the command line:
/// <c>ucf101:ROOT[:SPLIT]</c>, <c>hmdb51:ROOT[:SPLIT]</c>, <c>csv:DIR</c>, <c>folder:DIR</c>, <c>synaction[:test-novel-bg]</c>
/// or <c>motion:DIR[:arrow|speed]</c>.
/// </summary>
public abstract record DatasetSpec
{
    /// <summary>The accepted forms, for error messages and help text.</summary>
    public const string Forms = "ucf101:ROOT[:SPLIT], hmdb51:ROOT[:SPLIT], csv:DIR, folder:DIR, synaction[:test-novel-bg][:KEY=VALUE,…] or motion:DIR[:arrow|speed]";

    /// <summary>Frame stride of clips (docs/reference-behaviour.md §5.3: 4 for UCF101, 2 for HMDB51; 4 elsewhere, as [V]).</summary>
    public virtual int DefaultFrameStride => 4;

    /// <summary>Test clips per video (§5.3: 5 for UCF101, 10 for HMDB51).</summary>
    public virtual int DefaultTestClips => 5;

    /// <summary>Test crops per clip (3 in every reference recipe).</summary>
    public int DefaultTestCrops => 3;

    /// <summary>Parses a spec; throws <see cref="UserInputException"/> naming the bad part.</summary>
    public static DatasetSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new UserInputException($"empty dataset spec; expected {Forms}");
        }
        var colon = trimmed.IndexOf(':');
        var kind = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        var rest = colon < 0 ? null : trimmed[(colon + 1)..];
        switch (kind)
        {
            case "ucf101":
                {
                    var (root, split) = RootAndSplit(text, kind, rest);
                    return new Ucf101Spec(root, split);
                }
            case "hmdb51":
                {
                    var (root, split) = RootAndSplit(text, kind, rest);
                    return new Hmdb51Spec(root, split);
                }
            case "csv":
                return new CsvSpec(Required(text, kind, rest, "DIR"));
            case "folder":
                return new FolderSpec(Required(text, kind, rest, "DIR"));
            case "synaction":
                return SynActionSpec.Parse(text, rest);
            case "motion":
                {
                    var dir = Required(text, kind, rest, "DIR");
                    var task = MotionTask.ArrowOfTime;
                    var last = dir.LastIndexOf(':');
                    if (last >= 0)
                    {
                        var suffix = dir[(last + 1)..].ToLowerInvariant();
                        if (suffix is "arrow" or "speed")
                        {
                            task = suffix == "arrow" ? MotionTask.ArrowOfTime : MotionTask.PlaybackSpeed;
                            dir = dir[..last];
                        }
                    }
                    if (dir.Length == 0)
                    {
                        throw new UserInputException($"dataset spec '{text}': DIR is empty (expected motion:DIR[:arrow|speed])");
                    }
                    return new MotionSpec(dir, task);
                }
            default:
                throw new UserInputException($"dataset spec '{text}': unknown kind '{kind}'; expected {Forms}");
        }
    }

    private static string Required(string text, string kind, string? rest, string what)
    {
        if (string.IsNullOrEmpty(rest))
        {
            throw new UserInputException($"dataset spec '{text}': {what} is missing (expected {kind}:{what})");
        }
        return rest;
    }

    private static (string Root, int Split) RootAndSplit(string text, string kind, string? rest)
    {
        var root = Required(text, kind, rest, "ROOT");
        var split = 1;
        var last = root.LastIndexOf(':');
        if (last >= 0)
        {
            var suffix = root[(last + 1)..];
            if (!int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out split) || split is < 1 or > 3)
            {
                throw new UserInputException($"dataset spec '{text}': SPLIT must be 1, 2 or 3, got '{suffix}'");
            }
            root = root[..last];
            if (root.Length == 0)
            {
                throw new UserInputException($"dataset spec '{text}': ROOT is empty (expected {kind}:ROOT[:SPLIT])");
            }
        }
        return (root, split);
    }
}

/// <summary>UCF101 in its official layout (<c>ROOT/Class/v_Class_gXX_cYY.avi</c>) with official split <paramref name="Split"/> (1–3).</summary>
/// <param name="Root">Folder holding one folder per class.</param>
/// <param name="Split">Official split number.</param>
public sealed record Ucf101Spec(string Root, int Split) : DatasetSpec
{
    /// <inheritdoc />
    public override int DefaultFrameStride => 4;

    /// <inheritdoc />
    public override int DefaultTestClips => 5;
}

/// <summary>HMDB51 (<c>ROOT/class/*.avi</c>) with official split <paramref name="Split"/> (1–3).</summary>
/// <param name="Root">Folder holding one folder per class.</param>
/// <param name="Split">Official split number.</param>
public sealed record Hmdb51Spec(string Root, int Split) : DatasetSpec
{
    /// <inheritdoc />
    public override int DefaultFrameStride => 2;

    /// <inheritdoc />
    public override int DefaultTestClips => 10;
}

/// <summary>A VideoMAE-style list directory: <c>train.csv</c>, <c>val.csv</c>, <c>test.csv</c> with <c>path label</c> lines (docs/reference-behaviour.md §5.6).</summary>
/// <param name="Directory">The directory.</param>
public sealed record CsvSpec(string Directory) : DatasetSpec;

/// <summary>
/// One subfolder per class (<c>DIR/class/video</c>), or <c>DIR/train/class/video</c> and <c>DIR/test/class/video</c>
/// (and optionally <c>DIR/val</c>).
/// </summary>
/// <param name="Directory">The directory.</param>
public sealed record FolderSpec(string Directory) : DatasetSpec;

/// <summary>The built-in benchmark (docs/synaction.md); <paramref name="NovelBackgrounds"/> tests on held-out backgrounds.</summary>
/// <param name="NovelBackgrounds">Use the held-out-background test split.</param>
/// <param name="Config">The benchmark's configuration when the spec sets any of it (null: the default benchmark).</param>
public sealed record SynActionSpec(bool NovelBackgrounds, SynAction.SynActionConfig? Config = null) : DatasetSpec
{
    /// <summary>The settings a spec may give after the variant, as KEY=VALUE separated by commas.</summary>
    public const string SettingsForm =
        "seed=N, train=N and test=N (videos per class), size=WxH, frames=LO-HI, distractors=LO-HI, pan=F, figure=F (figure height factor), limbs=F (stroke width factor)";

    /// <summary>Parses what follows <c>synaction</c>: <c>[test|test-novel-bg][:KEY=VALUE,…]</c> or <c>KEY=VALUE,…</c> alone.</summary>
    public static SynActionSpec Parse(string text, string? rest)
    {
        var variant = rest ?? "";
        var settings = "";
        if (variant.Contains('=', StringComparison.Ordinal))
        {
            var colon = variant.IndexOf(':', StringComparison.Ordinal);
            (variant, settings) = colon >= 0 && !variant[..colon].Contains('=', StringComparison.Ordinal) ? (variant[..colon], variant[(colon + 1)..]) : ("", variant);
        }
        var novel = variant switch
        {
            "" or "test" => false,
            "test-novel-bg" => true,
            _ => throw new UserInputException($"dataset spec '{text}': unknown synaction variant '{variant}' (expected 'synaction', 'synaction:test-novel-bg' or settings {SettingsForm})"),
        };
        if (settings.Length == 0)
        {
            return new SynActionSpec(novel);
        }
        var config = new SynAction.SynActionConfig();
        foreach (var pair in settings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? pair[..eq] : pair;
            var value = eq > 0 ? pair[(eq + 1)..] : "";
            string Bad(string what) => $"dataset spec '{text}': synaction setting '{pair}' needs {what}";
            int Int() => int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : throw new UserInputException(Bad("a whole number"));
            double Real() => double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : throw new UserInputException(Bad("a number"));
            (int, int) Range(char separator)
            {
                var parts = value.Split(separator);
                return parts.Length == 2
                    && int.TryParse(parts[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var lo)
                    && int.TryParse(parts[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var hi)
                    ? (lo, hi)
                    : throw new UserInputException(Bad(separator == 'x' ? "WxH, e.g. 96x72" : "LO-HI, e.g. 0-2"));
            }
            config = key switch
            {
                "seed" => config with { Seed = Int() },
                "train" => config with { TrainPerClass = Int() },
                "test" => config with { TestPerClass = Int() },
                "size" => Range('x') is var (w, h) ? config with { Width = w, Height = h } : config,
                "frames" => Range('-') is var (lo, hi) ? config with { MinFrames = lo, MaxFrames = hi } : config,
                "distractors" => Range('-') is var (dlo, dhi) ? config with { MinDistractors = dlo, MaxDistractors = dhi } : config,
                "pan" => config with { MaxCameraPan = Real() },
                "figure" => config with { FigureScale = Real() },
                "limbs" => config with { LimbScale = Real() },
                _ => throw new UserInputException($"dataset spec '{text}': unknown synaction setting '{key}' (known: {SettingsForm})"),
            };
        }
        try
        {
            config.Validate();
        }
        catch (UserInputException e)
        {
            throw new UserInputException($"dataset spec '{text}': {e.Message}");
        }
        return new SynActionSpec(novel, config);
    }
}

/// <summary>The self-supervised motion probes.</summary>
public enum MotionTask
{
    /// <summary>Forward (label 0) or reversed (label 1) clip.</summary>
    ArrowOfTime,

    /// <summary>Frame stride 1, 2 or 4 (labels 0, 1, 2).</summary>
    PlaybackSpeed,
}

/// <summary>A motion probe over any folder of unlabelled videos, split by source video.</summary>
/// <param name="Directory">Folder searched recursively for videos.</param>
/// <param name="Task">Which probe.</param>
public sealed record MotionSpec(string Directory, MotionTask Task) : DatasetSpec;
