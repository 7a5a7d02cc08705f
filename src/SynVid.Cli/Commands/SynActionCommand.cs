using System.CommandLine;
using Spectre.Console;
using SynVid.Datasets.SynAction;
using SynVid.Serialization;
using SynVid.Video;

namespace SynVid.Cli.Commands;

/// <summary>`synvid synaction sheet`: a contact sheet of the built-in action benchmark.</summary>
public static class SynActionCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("synaction", "The built-in action benchmark (procedural 2-D figures, 10 actions; a proxy, not UCF101).");
        var sheet = new Command("sheet", "Write a PNG contact sheet with one clip per action (frames spread over one movement cycle).");
        var output = new Option<FileInfo>("--out") { Description = "PNG file to write.", Required = true };
        var split = new Option<string>("--split") { Description = "train, test or test-novel-bg.", DefaultValueFactory = _ => "train" };
        var frames = new Option<int>("--frames") { Description = "Frames per clip.", DefaultValueFactory = _ => 8 };
        var cell = new Option<int>("--cell-width") { Description = "Width of each frame in the sheet, pixels.", DefaultValueFactory = _ => 96 };
        var offset = new Option<int>("--clip") { Description = "Which clip of each class to show (0 = first).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Dataset seed.", DefaultValueFactory = _ => 0 };
        sheet.Add(output);
        var force = ForceOption.Create();
        sheet.Add(force);
        sheet.Add(split);
        sheet.Add(frames);
        sheet.Add(cell);
        sheet.Add(offset);
        sheet.Add(seed);
        sheet.SetAction(parse =>
        {
            var splitValue = ParseSplit(parse.GetValue(split)!);
            var path = OutputFile.Prepare(parse.GetValue(output)!.ToString(), parse.GetValue(force), []);
            var dataset = new SynActionDataset(new SynActionConfig(Seed: parse.GetValue(seed)));
            var frameCount = parse.GetValue(frames);
            var cellWidth = parse.GetValue(cell);
            if (frameCount < 1 || cellWidth < 8)
            {
                throw new UserInputException($"--frames must be at least 1 and --cell-width at least 8 (got {frameCount}, {cellWidth})");
            }
            var clip = parse.GetValue(offset);
            var perClass = splitValue == SynActionSplit.Train ? dataset.Config.TrainPerClass : dataset.Config.TestPerClass;
            if (clip < 0 || clip >= perClass)
            {
                throw new UserInputException($"--clip must be in [0, {perClass}), got {clip}");
            }
            var image = SynActionPreview.Sheet(dataset, splitValue, frameCount, cellWidth, clip);
            PngFile.Write(path, image);
            AnsiConsole.MarkupLine($"wrote [green]{Markup.Escape(path)}[/] ({image.Width}x{image.Height})");
            return ExitCodes.Ok;
        });
        command.Add(sheet);
        return command;
    }

    private static SynActionSplit ParseSplit(string value) => value switch
    {
        "train" => SynActionSplit.Train,
        "test" => SynActionSplit.Test,
        "test-novel-bg" => SynActionSplit.TestNovelBackgrounds,
        _ => throw new UserInputException($"--split must be train, test or test-novel-bg, got '{value}'"),
    };
}
