using System.CommandLine;
using Spectre.Console;
using SynVid.Evaluation.Perturbations;
using SynVid.Serialization;

namespace SynVid.Cli.Commands;

/// <summary>`synvid perturb`: one UCF101-P perturbation at one severity applied to a .npy clip or a video file.</summary>
public static class PerturbCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var type = new Option<string>("--type")
        {
            Description = "Perturbation type, by key or Figure 3 label: " +
                string.Join(", ", PerturbationCatalog.All.Select(p => p.Key)) + ".",
            Required = true,
        };
        var severity = new Option<int>("--severity")
        {
            Description = "Severity 1..5 (static_rotate also has 6 = 180°).",
            Required = true,
        };
        var input = new Option<string>("--input")
        {
            Description = "Input clip: a .npy file holding a T×H×W×3 uint8 array, or a video file.",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "Output file of the same kind as the input (.npy clip or video).",
            Required = true,
        };
        var seed = new Option<long>("--seed")
        {
            Description = "Seed of the random draws; each draw is seeded by (seed, video 0, type, severity).",
            DefaultValueFactory = _ => 0,
        };
        var force = ForceOption.Create();
        var command = new Command("perturb",
            "Apply one UCF101-P perturbation (Schiappa et al. 2023) to a clip and write the same kind of file. " +
            "Spatial types act on every uint8 frame without colour inversion; temporal types re-order, drop or " +
            "repeat frames of the whole clip. Sampling and reverse sampling shorten the clip; evaluation pads a " +
            "perturbed clip shorter than 16 frames by repeating its last frame.")
        {
            type, severity, input, output, seed, force,
        };
        command.SetAction(parse =>
        {
            var perturbation = PerturbationCatalog.Find(parse.GetValue(type)!);
            var inPath = parse.GetValue(input)!;
            var outPath = OutputFile.Prepare(parse.GetValue(output)!, parse.GetValue(force), [inPath]);
            var level = parse.GetValue(severity);
            PerturbationFile.Result? result = null;
            AnsiConsole.Status().Start($"{perturbation.Key} severity {level}", _ =>
                result = PerturbationFile.Run(inPath, outPath, perturbation, level, parse.GetValue(seed)));
            AnsiConsole.MarkupLine(
                $"{Markup.Escape(perturbation.Key)} severity {level}: {result!.InputFrames} → {result.OutputFrames} frames " +
                $"({result.Width}×{result.Height}) written to {Markup.Escape(outPath)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
