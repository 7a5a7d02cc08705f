using System.CommandLine;
using Spectre.Console;
using SynVid.Runtime;
using SynVid.Textures;

namespace SynVid.Cli.Commands;

/// <summary>`synvid preview --textures`: a contact sheet PNG with one row per texture kind.</summary>
public static class TexturesPreview
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var textures = new Option<bool>("--textures") { Description = "Preview the built-in texture kinds (a row per kind)." };
        var output = new Option<string>("--out") { Description = "Output PNG.", DefaultValueFactory = _ => "textures-preview.png" };
        var resolution = new Option<int>("--res") { Description = "Texture side in pixels.", DefaultValueFactory = _ => 128 };
        var perKind = new Option<int>("--per-kind") { Description = "Textures per row.", DefaultValueFactory = _ => 6 };
        var seed = new Option<long>("--seed") { Description = "Dataset seed.", DefaultValueFactory = _ => 0 };
        var command = new Command("preview", "Write a contact sheet of generated data.") { textures, output, resolution, perKind, seed };
        command.SetAction(parse =>
        {
            if (!parse.GetValue(textures))
            {
                throw new UserInputException("preview: say what to preview (--textures)");
            }
            TorchRuntime.Configure(0);
            NativeAllocatorTuning.Apply();
            var kinds = TextureKinds.All;
            var n = parse.GetValue(perKind);
            Video.RgbImage? sheet = null;
            AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("textures", maxValue: kinds.Count * n);
                sheet = TextureContactSheet.Render(kinds, n, parse.GetValue(resolution), parse.GetValue(seed), () => task.Increment(1));
            });
            var path = parse.GetValue(output)!;
            TexturePng.Write(sheet!, path);
            AnsiConsole.MarkupLine(Markup.Escape($"wrote {path}: rows {string.Join(", ", kinds.Select(k => k.Name()))}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
