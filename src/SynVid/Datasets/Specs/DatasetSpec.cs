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
    public const string Forms = "ucf101:ROOT[:SPLIT], hmdb51:ROOT[:SPLIT], csv:DIR, folder:DIR, synaction[:test-novel-bg] or motion:DIR[:arrow|speed]";

    /// <summary>Frame stride of clips (REFERENCE.md §5.3: 4 for UCF101, 2 for HMDB51; 4 elsewhere, as [V]).</summary>
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
                return rest switch
                {
                    null or "" or "test" => new SynActionSpec(NovelBackgrounds: false),
                    "test-novel-bg" => new SynActionSpec(NovelBackgrounds: true),
                    _ => throw new UserInputException($"dataset spec '{text}': unknown synaction variant '{rest}' (expected 'synaction' or 'synaction:test-novel-bg')"),
                };
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

/// <summary>A VideoMAE-style list directory: <c>train.csv</c>, <c>val.csv</c>, <c>test.csv</c> with <c>path label</c> lines (REFERENCE.md §5.6).</summary>
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
public sealed record SynActionSpec(bool NovelBackgrounds) : DatasetSpec;

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
