using System.CommandLine;
using Spectre.Console;
using SynVid.Serialization;
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
        var mp4 = new Option<bool>("--mp4") { Description = "Also write an H.264 mp4 next to the PNG: the same videos playing side by side, four per row." };
        var mp4Frames = new Option<int>("--mp4-frames") { Description = "Length of the mp4 in frames (25 fps).", DefaultValueFactory = _ => 100 };
        var force = ForceOption.Create();
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
        command.Add(mp4);
        command.Add(mp4Frames);
        command.Add(force);
        var perturbations = new PerturbationsPreview();
        perturbations.AddTo(command);
        var textures = new TexturesPreview();
        textures.AddTo(command);
        command.SetAction(parse =>
        {
            // a default path is checked like a given one: an existing file there is replaced only with --force
            string Out(string defaultPath, params string?[] inputs) =>
                OutputFile.Prepare(parse.GetValue(output)?.ToString() ?? defaultPath, parse.GetValue(force), inputs);
            if (perturbations.Requested(parse))
            {
                var input = perturbations.RequireInput(parse);
                return PerturbationsPreview.Run(input, Out(PerturbationsPreview.DefaultOutput(input), input));
            }
            if (textures.Requested(parse))
            {
                return textures.Run(parse, Out(TexturesPreview.DefaultOutput()), parse.GetValue(stage.Res), parse.GetValue(stage.Seed));
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
            var path = Out(Path.GetFullPath($"preview-{(all ? "progression" : name)}.png"), parse.GetValue(stage.Images)?.FullName);
            var mp4Length = parse.GetValue(mp4Frames);
            if (parse.GetValue(mp4) && mp4Length is < 1 or > 10_000)
            {
                throw new UserInputException($"--mp4-frames {mp4Length} must be 1..10000");
            }
            // the mp4 next to the PNG is an output file too (ffmpeg would replace it silently)
            var mp4Path = parse.GetValue(mp4)
                ? OutputFile.Prepare(Path.ChangeExtension(path, ".mp4"), parse.GetValue(force), [parse.GetValue(stage.Images)?.FullName])
                : null;
            var stages = all ? Stages.Progression.Select(s => stage.Adjust(parse, s)).ToList() : [stage.Resolve(parse)];
            ITextureSource? placeholder = null;
            var rows = new List<IReadOnlyList<RgbImage>>();
            var videosShown = new List<(Scene Scene, ITextureSource? Textures)>();
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
                    videosShown.Add((scene, textures));
                    rows.Add([.. Enumerable.Range(0, cols).Select(c => renderer.Render(scene, Math.Min(c * stride, scene.FrameCount - 1), textures))]);
                }
            }
            var sheet = ContactSheet.Compose(rows);
            PngFile.Write(path, sheet);
            AnsiConsole.MarkupLineInterpolated($"wrote {path} ({rows.Count} rows × {cols} frames, every {stride} frames)");
            if (mp4Path is not null)
            {
                WriteMp4(mp4Path, videosShown, mp4Length);
                AnsiConsole.MarkupLineInterpolated($"wrote {mp4Path}");
            }
            if (placeholder is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]textured stages use placeholder textures ({placeholder.Name}); give --images DIR for real ones[/]");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteMp4(string path, IReadOnlyList<(Scene Scene, ITextureSource? Textures)> videos, int frames)
    {
        Ffmpeg.Require();
        var renderers = videos.Select(v => new FrameRenderer(v.Scene.Parameters.Resolution)).ToList();
        VideoWriter? video = null;
        try
        {
            for (var t = 0; t < frames; t++)
            {
                var cells = videos.Select((v, i) => renderers[i].Render(v.Scene, t, v.Textures)).ToList();
                var grid = ContactSheet.Compose([.. cells.Chunk(4).Select(row => (IReadOnlyList<RgbImage>)row)]);
                video ??= VideoWriter.Create(path, grid.Width, grid.Height, DatasetGenerator.Fps);
                video.Write(grid);
            }
            video!.Complete();
        }
        finally
        {
            video?.Dispose();
        }
    }
}
