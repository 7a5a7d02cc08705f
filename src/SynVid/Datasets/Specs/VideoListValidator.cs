namespace SynVid.Datasets.Specs;

/// <summary>
/// Checks the videos of a list (existence, then the optional probe, in parallel) and applies the bad-video policy;
/// checks that splits are not empty and labels fit the classes. Lists of splits the command does not read
/// (<see cref="DatasetLoadOptions.Splits"/>) get the label check only.
/// </summary>
internal sealed class VideoListValidator(string dataset, DatasetLoadOptions options)
{
    private readonly List<SkippedVideo> _skipped = [];
    private readonly Dictionary<string, string?> _checked = new(StringComparer.Ordinal);

    /// <summary>Videos skipped so far.</summary>
    public IReadOnlyList<SkippedVideo> Skipped => _skipped;

    /// <summary>
    /// The usable entries of a list; <paramref name="source"/> names the list file for messages, <paramref name="split"/>
    /// is the split it feeds (<see cref="SplitNames"/>).
    /// </summary>
    public IReadOnlyList<LabeledVideo> Filter(IEnumerable<(LabeledVideo Video, string Where)> entries, string source, int classCount, string split)
    {
        var list = entries.ToList();
        foreach (var (video, where) in list)
        {
            if (video.Label < 0 || video.Label >= classCount)
            {
                throw new UserInputException($"{dataset}: {where}: label {video.Label} is outside the {classCount} classes");
            }
        }
        if (options.Splits is { } used && !used.Contains(split))
        {
            return list.Select(e => e.Video).ToList();
        }
        CheckAll(list.Select(e => e.Video.Path));
        var kept = new List<LabeledVideo>();
        foreach (var (video, where) in list)
        {
            var problem = _checked[video.Path];
            if (problem is null)
            {
                kept.Add(video);
            }
            else if (options.OnBadVideo == BadVideoPolicy.Skip)
            {
                _skipped.Add(new SkippedVideo(video.Path, problem, split));
            }
            else
            {
                throw new BadVideoException(video.Path, $"{problem} (listed in {where})");
            }
        }
        if (kept.Count == 0)
        {
            throw new UserInputException($"{dataset}: {source} lists no usable videos");
        }
        return kept;
    }

    private void CheckAll(IEnumerable<string> paths)
    {
        var fresh = paths.Distinct(StringComparer.Ordinal).Where(p => !_checked.ContainsKey(p)).ToArray();
        var problems = new string?[fresh.Length];
        Parallel.For(0, fresh.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => problems[i] = Check(fresh[i]));
        for (var i = 0; i < fresh.Length; i++)
        {
            _checked[fresh[i]] = problems[i];
        }
    }

    private string? Check(string path)
    {
        if (!File.Exists(path))
        {
            return Directory.Exists(path) ? "a folder, not a video file" : "missing video";
        }
        return options.Probe?.Invoke(path) is { } reason ? BadVideoException.ReasonOf(path, reason) : null;
    }
}
