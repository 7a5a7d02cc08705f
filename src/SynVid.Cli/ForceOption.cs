using System.CommandLine;

namespace SynVid.Cli;

/// <summary><c>--force</c>, the one way to replace what <c>--out</c> already holds (docs/errors.md).</summary>
internal static class ForceOption
{
    /// <summary>A new <c>--force</c> option for a command.</summary>
    public static Option<bool> Create() => new("--force")
    {
        Description = "Replace what --out already holds (an existing output file, or earlier SynVid output in the folder); never needed for a new or empty folder.",
    };
}
