using System.Globalization;
using System.Text;

namespace SynVid.Datasets.Specs;

/// <summary>
/// <c>skipped.csv</c> of an output folder: the videos <c>--on-bad-video skip</c> left out, one per line as
/// <c>split,path,reason</c> (with a header; fields quoted when they hold a comma or quote), and the line a command
/// prints about them.
/// </summary>
public static class SkippedVideoList
{
    /// <summary>File name in an output folder.</summary>
    public const string FileName = "skipped.csv";

    /// <summary>Writes <c>skipped.csv</c> into <paramref name="folder"/> when any video was skipped; returns its path, or null.</summary>
    public static string? Write(string folder, IReadOnlyList<SkippedVideo> skipped)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        if (skipped.Count == 0)
        {
            return null;
        }
        var text = new StringBuilder("split,path,reason\n");
        foreach (var v in skipped)
        {
            text.Append(Quote(v.Split)).Append(',').Append(Quote(v.Path)).Append(',').Append(Quote(v.Reason)).Append('\n');
        }
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>"skipped 3 bad videos (train 2, test 1), listed in PATH", or null when none was skipped.</summary>
    public static string? Summary(IReadOnlyList<SkippedVideo> skipped, string? listPath)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        if (skipped.Count == 0)
        {
            return null;
        }
        var perSplit = string.Join(", ", skipped.GroupBy(v => v.Split.Length == 0 ? "unknown split" : v.Split)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}")));
        var where = listPath is null ? "" : $", listed in {listPath}";
        return string.Create(CultureInfo.InvariantCulture, $"skipped {skipped.Count} bad video{(skipped.Count == 1 ? "" : "s")} ({perSplit}){where}");
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ') + "\"";
}
