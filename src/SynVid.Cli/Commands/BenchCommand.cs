using System.CommandLine;
using System.Globalization;
using SynVid.Synthesis;

namespace SynVid.Cli.Commands;

/// <summary>`synvid bench ...`: speed measurements of hot paths.</summary>
public static class BenchCommand
{
    /// <summary>Creates the command with its subcommands.</summary>
    public static Command Create()
    {
        var bench = new Command("bench", "Measure the speed of SynVid's hot paths.");
        bench.Add(CreateGenerate());
        bench.Add(BenchTrainStepCommand.Create());
        bench.Add(BenchFineTuneParityCommand.Create());
        bench.Add(BenchPretrainParityCommand.Create());
        return bench;
    }

    private static Command CreateGenerate()
    {
        var stage = new StageOptions();
        var frames = new Option<int>("--frames") { Description = "Frames per clip (stride 4, TSN sampling from a 100–200-frame video).", DefaultValueFactory = _ => 16 };
        var clips = new Option<int>("--clips") { Description = "Clips to time (per round with several threads).", DefaultValueFactory = _ => 20 };
        var threads = new Option<int>("--threads") { Description = "Worker threads; 0 = all cores.", DefaultValueFactory = _ => 1 };
        var command = new Command(
            "generate",
            "Render on-the-fly training clips of a stage and print the median milliseconds per clip on the last line. " +
            "Textured stages use --images, or else an in-memory pool of 64 rendered 2res² dead-leaves (static circles) textures.");
        stage.AddTo(command);
        command.Add(frames);
        command.Add(clips);
        command.Add(threads);
        command.SetAction(parse =>
        {
            var parameters = stage.Resolve(parse);
            var clipCount = parse.GetValue(clips);
            var threadCount = parse.GetValue(threads);
            if (clipCount < 1 || threadCount < 0)
            {
                throw new UserInputException($"--clips {clipCount} must be ≥ 1 and --threads {threadCount} ≥ 0");
            }
            var textures = parameters.NeedsTextures && parse.GetValue(stage.Images) is null
                ? new RenderedTextureSource(Stages.StaticCircles, 64, 2 * parameters.Resolution, seed: 1)
                : stage.Textures(parse, parameters);
            var sampling = new ClipSampling { Frames = parse.GetValue(frames) }.Validated();
            using var source = new OnTheFlyClipSource(parameters, textures, parse.GetValue(stage.Seed), sampling);
            var result = ClipBenchmark.Run(source, clipCount, threadCount);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"stage {parameters.Name}, res {parameters.Resolution}, {sampling.Frames} frames (stride {sampling.Stride}), {parameters.ObjectCount} objects, {clipCount} clips, {result.Threads} thread(s)"));
            if (textures is not null)
            {
                Console.WriteLine($"textures: {textures.Name}");
            }
            Console.WriteLine(string.Create(inv, $"min {result.MinMsPerClip:F2} ms/clip, {result.ClipsPerSecond:F1} clips/s, {result.MedianMsPerClip / sampling.Frames:F3} ms/frame, process CPU {result.CpuMsPerClip:F2} ms/clip"));
            Console.WriteLine(string.Create(inv, $"median ms per clip: {result.MedianMsPerClip:F2}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
