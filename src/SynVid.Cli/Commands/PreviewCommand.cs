using System.CommandLine;
using Spectre.Console;
using SynVid.Synthesis;
using SynVid.Textures;
using SynVid.Video;

namespace SynVid.Cli.Commands;

/// <summary>`synvid preview`: a PNG contact sheet of a stage (rows of videos) or of the whole progression (one row per stage).</summary>
public static class PreviewCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var stage = new StageOptions();
        var progression = new Option<bool>("--progression") { Description = "One row per stage of the progression instead of one stage." };
        var videos = new Option<int>("--videos") { Description = "Rows (videos) for a single stage.", DefaultValueFactory = _ => 4 };
        var columns = new Option<int>("--columns") { Description = "Frames per row.", DefaultValueFactory = _ => 8 };
        var step = new Option<int>("--step") { Description = "Frames between columns.", DefaultValueFactory = _ => 14 };
        var output = new Option<FileInfo?>("--out") { Description = "PNG path (default preview-STAGE.png or preview-progression.png in the current folder)." };
        var command = new Command(
            "preview",
            "Write a PNG contact sheet: rows of videos, columns of frames. Textured stages use --images, or else a " +
            "labelled placeholder pool of rendered dead-leaves textures. With --perturbations --input FILE: every " +
            "UCF101-P perturbation type (rows) at every severity (columns) on the clip's centre square at 224².");
        stage.AddTo(command, stageRequired: false);
        command.Add(progression);
        command.Add(videos);
        command.Add(columns);
        command.Add(step);
        command.Add(output);
        var perturbations = new PerturbationsPreview();
        perturbations.AddTo(command);
        command.SetAction(parse =>
        {
            if (perturbations.Requested(parse))
            {
                return perturbations.Run(parse, parse.GetValue(output)?.FullName);
            }
            var all = parse.GetValue(progression);
            var name = parse.GetValue(stage.Stage);
            if (all == (name is not null))
            {
                throw new UserInputException("give either --stage NAME or --progression");
            }
            var rowsWanted = parse.GetValue(videos);
            var cols = parse.GetValue(columns);
            var stride = parse.GetValue(step);
            if (rowsWanted is < 1 or > 64 || cols is < 1 or > 64 || stride < 0)
            {
                throw new UserInputException($"--videos {rowsWanted} and --columns {cols} must be 1..64, --step {stride} ≥ 0");
            }
            var seed = parse.GetValue(stage.Seed);
            var path = parse.GetValue(output)?.FullName ?? Path.GetFullPath($"preview-{(all ? "progression" : name)}.png");
            var stages = all ? Stages.Progression.Select(s => stage.Adjust(parse, s)).ToList() : [stage.Resolve(parse)];
            ITextureSource? placeholder = null;
            var rows = new List<IReadOnlyList<RgbImage>>();
            foreach (var s in stages)
            {
                var textures = s.NeedsTextures && parse.GetValue(stage.Images) is null
                    ? placeholder ??= new RenderedTextureSource(Stages.StaticCircles, 32, 2 * s.Resolution, seed: 1)
                    : stage.Textures(parse, s);
                var set = new SyntheticVideoSet(s, textures, seed, all ? 1 : rowsWanted);
                var renderer = new FrameRenderer(s.Resolution);
                for (var v = 0; v < set.Count; v++)
                {
                    var scene = set.Scene(v);
                    rows.Add([.. Enumerable.Range(0, cols).Select(c => renderer.Render(scene, Math.Min(c * stride, scene.FrameCount - 1), textures))]);
                }
            }
            var sheet = ContactSheet.Compose(rows);
            try
            {
                InterimPng.Write(path, sheet);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"cannot write '{path}': {e.Message}", e);
            }
            AnsiConsole.MarkupLineInterpolated($"wrote {path} ({rows.Count} rows × {cols} frames, every {stride} frames)");
            if (placeholder is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]textured stages use placeholder textures ({placeholder.Name}); give --images DIR for real ones[/]");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
