using System.CommandLine;
using Spectre.Console;
using SynVid.Evaluation.Perturbations;

namespace SynVid.Cli.Commands;

/// <summary>
/// The `--perturbations` variant of `synvid preview`: a contact sheet of every perturbation type at every severity.
/// Its options are added to the preview command, whose action hands over when `--perturbations` is given.
/// </summary>
public sealed class PerturbationsPreview
{
    /// <summary>Selects this variant.</summary>
    public Option<bool> Perturbations { get; } = new("--perturbations")
    {
        Description = "Preview every UCF101-P perturbation type (rows) at every severity (columns) on --input.",
    };

    /// <summary>The clip to perturb.</summary>
    public Option<string?> Input { get; } = new("--input")
    {
        Description = "With --perturbations: the clip, a .npy file (T×H×W×3 uint8) or a video file.",
    };

    /// <summary>Adds the options to the preview command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Perturbations);
        command.Add(Input);
    }

    /// <summary>Whether `--perturbations` was given.</summary>
    public bool Requested(ParseResult parse) => parse.GetValue(Perturbations);

    /// <summary>The clip given with `--input`, which `--perturbations` needs.</summary>
    public string RequireInput(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Input) ?? throw new UserInputException("--perturbations needs --input FILE (a .npy clip or a video)");
    }

    /// <summary>Where the sheet goes without `--out`: INPUT-perturbations.png in the current folder.</summary>
    public static string DefaultOutput(string input) => Path.GetFullPath(Path.GetFileNameWithoutExtension(input) + "-perturbations.png");

    /// <summary>
    /// Writes the sheet to <paramref name="path"/> (already checked as an output file): the clip's centre square at
    /// 224², clean and under every type and severity (temporal types as a 2×2 mosaic of frames at 0, ¼, ½, ¾ of the
    /// perturbed clip).
    /// </summary>
    public static int Run(string input, string path)
    {
        var clip = PerturbationFile.ReadClip(input);
        ProgressBars.Start(ProgressBars.Basic(), "perturbations", PerturbationCatalog.All.Count, task =>
            new PerturbationContactSheet().WritePng(clip, path, new SynchronousProgress<int>(row => task.Value = row)));
        AnsiConsole.MarkupLineInterpolated($"contact sheet written to {path}");
        return ExitCodes.Ok;
    }}
