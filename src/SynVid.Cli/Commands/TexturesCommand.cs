using System.CommandLine;
using Spectre.Console;
using SynVid.Runtime;
using SynVid.Serialization;
using SynVid.Textures;

namespace SynVid.Cli.Commands;

/// <summary>`synvid textures --kind NAME --count N --out DIR [--res R] [--seed S]`: writes procedural textures as PNGs.</summary>
public static class TexturesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var kind = new Option<string>("--kind")
        {
            Description = "Texture family: " + string.Join(", ", TextureKinds.All.Select(k => k.Name())) +
                ". stat-spectrum_color_wmm feeds stage 6, stylegan-oriented stage 7.",
            Required = true,
        };
        var count = new Option<int>("--count") { Description = "Number of textures (indices 0 … N−1).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder: 000000.png, 000001.png, … and textures.json.", Required = true };
        var resolution = new Option<int>("--res") { Description = "Side in pixels (power of two).", DefaultValueFactory = _ => 256 };
        var seed = new Option<long>("--seed") { Description = "Dataset seed; texture i is a pure function of (kind, res, seed, i).", DefaultValueFactory = _ => 0 };
        var force = ForceOption.Create();
        var command = new Command("textures",
            "Generate statistical-image-model or random-StyleGAN textures (Baradad et al. 2021) as PNGs. Resumable: existing " +
            "files are kept, new ones appear atomically.")
        {
            kind, count, output, resolution, seed, force,
        };
        command.SetAction((parse, cancellation) =>
        {
            var textureKind = TextureKinds.Parse(parse.GetValue(kind)!);
            var n = parse.GetValue(count);
            if (n < 1)
            {
                throw new UserInputException($"--count must be at least 1, got {n}");
            }
            var folder = OutputFolder.Prepare(parse.GetValue(output)!, OutputKind.Textures, parse.GetValue(force), [], continues: true);
            // One texture per core, one torch thread each: textures are independent, so this scales best.
            TorchRuntime.Configure(1);
            NativeAllocatorTuning.Apply();
            using var generator = TextureGenerators.Create(textureKind, parse.GetValue(resolution), parse.GetValue(seed));
            TextureExport.Result? result = null;
            ProgressBars.Start([.. ProgressBars.Basic(), new RemainingTimeColumn(), new SpinnerColumn()], Markup.Escape($"{textureKind.Name()} {generator.Resolution}²"), n, task =>
            {
                var progress = new SynchronousProgress<int>(v => task.Increment(v));
                result = TextureExport.Run(generator, n, folder, Environment.ProcessorCount, progress, cancellation);
            });
            AnsiConsole.MarkupLine(Markup.Escape($"{result!.Written} written, {result.Skipped} already present in {folder}"));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
