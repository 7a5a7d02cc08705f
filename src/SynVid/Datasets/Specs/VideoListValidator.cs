namespace SynVid.Datasets.Specs;

/// <summary>
/// Checks the videos of a list (existence, then the optional probe) and applies the bad-video policy; checks that
/// splits are not empty and labels fit the classes.
/// </summary>
internal sealed class VideoListValidator(string dataset, DatasetLoadOptions options)
{
    private readonly List<SkippedVideo> _skipped = [];
    private readonly Dictionary<string, string?> _checked = new(StringComparer.Ordinal);

    /// <summary>Videos skipped so far.</summary>
    public IReadOnlyList<SkippedVideo> Skipped => _skipped;

    /// <summary>The usable entries of a list; <paramref name="source"/> names the list file for messages.</summary>
    public IReadOnlyList<LabeledVideo> Filter(IEnumerable<(LabeledVideo Video, string Where)> entries, string source, int classCount)
    {
        var kept = new List<LabeledVideo>();
        foreach (var (video, where) in entries)
        {
            if (video.Label < 0 || video.Label >= classCount)
            {
                throw new UserInputException($"{dataset}: {where}: label {video.Label} is outside the {classCount} classes");
            }
            var problem = Check(video.Path);
            if (problem is null)
            {
                kept.Add(video);
            }
            else if (options.OnBadVideo == BadVideoPolicy.Skip)
            {
                _skipped.Add(new SkippedVideo(video.Path, problem));
            }
            else
            {
                throw new UserInputException($"{dataset}: {where}: {problem}: {video.Path} (use --on-bad-video skip to leave bad videos out)");
            }
        }
        if (kept.Count == 0)
        {
            throw new UserInputException($"{dataset}: {source} lists no usable videos");
        }
        return kept;
    }

    private string? Check(string path)
    {
        if (_checked.TryGetValue(path, out var cached))
        {
            return cached;
        }
        string? problem = null;
        if (!File.Exists(path))
        {
            problem = "missing video";
        }
        else if (options.Probe is { } probe)
        {
            problem = probe(path) is { } reason ? $"unreadable video ({reason})" : null;
        }
        _checked[path] = problem;
        return problem;
    }
}
