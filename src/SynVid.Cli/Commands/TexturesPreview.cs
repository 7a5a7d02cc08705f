using System.CommandLine;
using Spectre.Console;
using SynVid.Runtime;
using SynVid.Textures;
using SynVid.Video;

namespace SynVid.Cli.Commands;

/// <summary>
/// The `--textures` variant of `synvid preview`: a contact sheet with one row per built-in texture kind. Its options
/// are added to the preview command, whose action hands over when `--textures` is given (it uses preview's --res,
/// --seed and --out).
/// </summary>
public sealed class TexturesPreview
{
    /// <summary>Selects this variant.</summary>
    public Option<bool> Textures { get; } = new("--textures") { Description = "Preview the built-in texture kinds (a row per kind; --res defaults to 128 here)." };

    /// <summary>Textures per row.</summary>
    public Option<int> PerKind { get; } = new("--per-kind") { Description = "With --textures: textures per row.", DefaultValueFactory = _ => 6 };

    /// <summary>Adds the options to the preview command.</summary>
    public void AddTo(Command command)
    {
        command.Add(Textures);
        command.Add(PerKind);
    }

    /// <summary>Whether `--textures` was given.</summary>
    public bool Requested(ParseResult parse) => parse.GetValue(Textures);

    /// <summary>Where the sheet goes without `--out`: textures-preview.png in the current folder.</summary>
    public static string DefaultOutput() => Path.GetFullPath("textures-preview.png");

    /// <summary>Writes the sheet to <paramref name="path"/> (already checked as an output file).</summary>
    public int Run(ParseResult parse, string path, int? resolution, long seed)
    {
        var n = parse.GetValue(PerKind);
        if (n is < 1 or > 32)
        {
            throw new UserInputException($"--per-kind {n} must be 1..32");
        }
        TorchRuntime.Configure(0);
        NativeAllocatorTuning.Apply();
        var kinds = TextureKinds.All;
        RgbImage? sheet = null;
        ProgressBars.Start(ProgressBars.Basic(), "textures", kinds.Count * n, task =>
            sheet = TextureContactSheet.Render(kinds, n, resolution ?? 128, seed, () => task.Increment(1)));
        PngFile.Write(path, sheet!);
        AnsiConsole.MarkupLine(Markup.Escape($"wrote {path}: rows {string.Join(", ", kinds.Select(k => k.Name()))}"));
        return ExitCodes.Ok;
    }
}
