using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynVid.Analysis.Progression;
using SynVid.Serialization;

namespace SynVid.Cli.Commands;

/// <summary>`synvid progression-encoders`: a progression's pre-trained arm encoders as a folder that `progression --encoders` installs (docs/progression.md).</summary>
public static class ProgressionEncodersCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var runs = new Option<DirectoryInfo>("--runs") { Description = "Progression folder (synvid progression --out) whose arms have pre-trained.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: ARM.pth per arm and encoders.json.", Required = true };
        var arms = new Option<string?>("--arms") { Description = "Comma-separated arms to export (default: every arm whose pre-training finished)." };
        var force = ForceOption.Create();
        var command = new Command(
            "progression-encoders",
            "Export the final pre-training checkpoint of a progression's arms without optimiser state (weights PyTorch loads, a " +
            "few MB each for the CPU model) with encoders.json: the source progression's preset, downstream and seed, and per " +
            "arm its pre-training configuration, loss, wall time and SHA-256. synvid progression --encoders DIR then starts " +
            "those arms from them instead of pre-training.")
        {
            runs, output, arms, force,
        };
        command.SetAction(parse =>
        {
            var source = parse.GetValue(runs)!.FullName;
            var outDir = OutputFolder.Prepare(parse.GetValue(output)!.FullName, OutputKind.Encoders, parse.GetValue(force), [], [source]);
            var chosen = parse.GetValue(arms)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var exported = ArmEncoders.Export(source, outDir, chosen);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("arm").AddColumn("pt loss").AddColumn("MB").AddColumn("SHA-256");
            foreach (var e in exported.Encoders)
            {
                var bytes = new FileInfo(Path.Combine(exported.Directory, e.File)).Length;
                table.AddRow(
                    Markup.Escape(e.Arm), e.PretrainLoss.ToString("F4", CultureInfo.InvariantCulture),
                    (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture), e.Sha256[..16] + "…");
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"wrote {exported.Encoders.Count} encoders and {ArmEncoders.ManifestFile} to {outDir}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
