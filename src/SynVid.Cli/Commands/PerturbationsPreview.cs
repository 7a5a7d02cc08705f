using System.CommandLine;
using Spectre.Console;
using SynVid.Evaluation.Perturbations;

namespace SynVid.Cli.Commands;

/// <summary>`synvid preview --perturbations`: a contact sheet of every perturbation type at every severity.</summary>
public static class PerturbationsPreview
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var perturbations = new Option<bool>("--perturbations")
        {
            Description = "Preview every UCF101-P perturbation type (rows) at every severity (columns).",
            Required = true,
        };
        var input = new Option<string>("--input")
        {
            Description = "Clip to perturb: a .npy file (T×H×W×3 uint8) or a video file.",
            Required = true,
        };
        var output = new Option<string?>("--out")
        {
            Description = "PNG to write (default: <input name>-perturbations.png in the current folder).",
        };
        var command = new Command("preview",
            "Write a contact sheet PNG: the clip's centre square at 224², clean and under every perturbation type " +
            "and severity (temporal types as a 2×2 mosaic of frames at 0, ¼, ½, ¾ of the perturbed clip).")
        {
            perturbations, input, output,
        };
        command.SetAction(parse =>
        {
            var inPath = parse.GetValue(input)!;
            var outPath = parse.GetValue(output) ?? Path.GetFileNameWithoutExtension(inPath) + "-perturbations.png";
            var clip = PerturbationFile.ReadClip(inPath);
            AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("perturbations", maxValue: PerturbationCatalog.All.Count);
                new PerturbationContactSheet().WritePng(clip, outPath, new SyncProgress(row => task.Value = row));
            });
            AnsiConsole.MarkupLine($"contact sheet written to {Markup.Escape(outPath)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
