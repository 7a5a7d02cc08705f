using System.CommandLine;
using System.Globalization;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Runtime;
using SynVid.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Cli.Commands;

/// <summary>`synvid model info|run`: parameter counts, and running a checkpoint on a .npy clip for parity checks with PyTorch.</summary>
public static class ModelCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create()
    {
        var command = new Command("model", "Inspect VideoMAE models and run PyTorch / SynVid checkpoints on .npy clips.");
        command.Subcommands.Add(CreateInfo());
        command.Subcommands.Add(CreateRun());
        return command;
    }

    private static Command CreateInfo()
    {
        var model = new Option<string>("--model") { Description = "Model size: tiny, small, base, large or huge.", Required = true };
        var decoderDepth = new Option<int>("--decoder-depth") { Description = "Decoder depth of the pre-training model (every reference script uses 4).", DefaultValueFactory = _ => 4 };
        var classes = new Option<int?>("--classes") { Description = "Count the classifier with this many classes instead of the pre-training model." };
        var command = new Command("info", "Print parameter counts: encoder, decoder and total of the pre-training model, or the classifier with --classes.")
        {
            model,
            decoderDepth,
            classes,
        };
        command.SetAction(parse =>
        {
            var size = ModelSize.Parse(parse.GetValue(model)!);
            var depth = parse.GetValue(decoderDepth);
            if (depth < 0)
            {
                throw new UserInputException($"--decoder-depth must be non-negative, got {depth}");
            }
            var numClasses = parse.GetValue(classes);
            Console.WriteLine($"model: {size.Name} (width {size.EmbedDim}, depth {size.Depth}, heads {size.NumHeads})");
            if (numClasses is { } c)
            {
                var config = size.Classifier(c);
                config.Validate();
                Console.WriteLine(Count("classifier", ParameterCounts.Classifier(config)));
            }
            else
            {
                var config = size.Pretrain(decoderDepth: depth);
                config.Validate();
                Console.WriteLine($"decoder: width {config.DecoderEmbedDim}, depth {config.DecoderDepth}, heads {config.DecoderNumHeads}");
                Console.WriteLine(Count("encoder", ParameterCounts.PretrainEncoder(config)));
                Console.WriteLine(Count("decoder", ParameterCounts.PretrainDecoder(config)));
                Console.WriteLine(Count("total", ParameterCounts.Pretrain(config)));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Count(string what, long n) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}: {n} parameters ({n / 1e6:F2} M)");

    private static Command CreateRun()
    {
        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "Checkpoint: PyTorch .pth (state dict, {'model': ...} or {'module': ...}), safetensors, or a SynVid run folder (its latest checkpoint).",
            Required = true,
        };
        var input = new Option<FileInfo>("--input") { Description = "Clip batch as .npy float32 (B, C, T, H, W), ImageNet-normalised.", Required = true };
        var mask = new Option<FileInfo?>("--mask") { Description = "Token mask as .npy bool (B, N), true = masked; required for pre-training checkpoints." };
        var output = new Option<FileInfo>("--out") { Description = "Output .npy: masked-token predictions (B, N_masked, C·tubelet·patch²) or logits (B, classes).", Required = true };
        var heads = new Option<int?>("--heads") { Description = "Encoder attention heads (default: the checkpoint's model size, else width / 64 as in every reference size)." };
        var decoderHeads = new Option<int?>("--decoder-heads") { Description = "Decoder attention heads (default: the checkpoint's model size, else decoder width / 64)." };
        var force = ForceOption.Create();
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var command = new Command("run", "Build the model a checkpoint's tensors imply, run it in eval mode on a .npy clip and write the result as .npy.")
        {
            checkpoint,
            input,
            mask,
            output,
            heads,
            decoderHeads,
            device,
            force,
        };
        command.SetAction(parse =>
        {
            var file = ClassifierLoader.ResolveFile(parse.GetValue(checkpoint)!);
            var outPath = OutputFile.Prepare(parse.GetValue(output)!.ToString(), parse.GetValue(force),
                [file, parse.GetValue(input)!.FullName, parse.GetValue(mask)?.FullName]);
            TorchRuntime.EnsureLoaded();
            var target = TorchRuntime.ResolveDevice(parse.GetValue(device)!);
            using var scope = NewDisposeScope();
            var clip = NpyFile.Read(parse.GetValue(input)!.FullName);
            var inputName = parse.GetValue(input)!.Name;
            if (clip.dtype != ScalarType.Float32 || clip.dim() != 5 || clip.shape[3] != clip.shape[4])
            {
                throw new UserInputException($"{inputName}: expected float32 (B, C, T, H, W) with H = W, got {clip.dtype} ({string.Join(", ", clip.shape)})");
            }
            using var state = CheckpointReader.Read(file);
            var (argHeads, argDecoderHeads) = ArchitectureInference.HeadsFromArgs(CheckpointArgs.Read(file));
            var inferred = ArchitectureInference.Infer(state, (int)clip.shape[2], (int)clip.shape[3],
                parse.GetValue(heads) ?? argHeads, parse.GetValue(decoderHeads) ?? argDecoderHeads);
            var maskFile = parse.GetValue(mask);
            Tensor result;
            using var noGrad = no_grad();
            if (inferred.Pretrain is { } pretrain)
            {
                if (maskFile is null)
                {
                    throw new UserInputException("a pre-training checkpoint needs --mask M.npy (bool (B, N), true = masked)");
                }
                var m = NpyFile.Read(maskFile.FullName);
                Masks.Validate(m, clip.shape[0], pretrain.Encoder.NumTokens, maskFile.Name);
                using var model = new PretrainModel(pretrain);
                StateDictLoader.Load(model, state);
                model.to(target).eval();
                result = model.forward(clip.to(target), m.to(target));
            }
            else
            {
                if (maskFile is not null)
                {
                    throw new UserInputException("--mask applies to pre-training checkpoints only; this checkpoint is a classifier");
                }
                using var model = new VideoClassifier(inferred.Classifier!);
                StateDictLoader.Load(model, state);
                model.to(target).eval();
                result = model.forward(clip.to(target));
            }
            NpyFile.Write(outPath, result);
            Console.WriteLine($"wrote {parse.GetValue(output)!.Name}: ({string.Join(", ", result.shape)}) float32");
            return ExitCodes.Ok;
        });
        return command;
    }
}
