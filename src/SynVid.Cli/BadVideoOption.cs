using System.CommandLine;
using Spectre.Console;
using SynVid.Datasets.Specs;

namespace SynVid.Cli;

/// <summary><c>--on-bad-video fail|skip</c>, the same in every command that reads listed videos (docs/errors.md).</summary>
internal static class BadVideoOption
{
    /// <summary>A new <c>--on-bad-video</c> option for a command.</summary>
    public static Option<string> Create() => new("--on-bad-video")
    {
        Description = "fail (default): stop at the first missing, unreadable or truncated listed video, naming it and the decoder's reason; " +
            "skip: leave such videos out, count them per split and list them in OUT/skipped.csv.",
        DefaultValueFactory = _ => "fail",
    };

    /// <summary>Parses the option's value.</summary>
    public static BadVideoPolicy Parse(string value) => value switch
    {
        "fail" => BadVideoPolicy.Fail,
        "skip" => BadVideoPolicy.Skip,
        _ => throw new UserInputException($"--on-bad-video must be fail or skip, got '{value}'"),
    };

    /// <summary>Writes OUT/skipped.csv and prints how many videos were skipped per split (nothing when none was).</summary>
    public static void Report(string folder, IReadOnlyList<SkippedVideo> skipped)
    {
        var list = SkippedVideoList.Write(folder, skipped);
        if (SkippedVideoList.Summary(skipped, list) is { } line)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{line}[/]");
        }
    }
}
