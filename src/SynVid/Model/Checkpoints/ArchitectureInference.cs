using System.Text.RegularExpressions;

namespace SynVid.Model.Checkpoints;

/// <summary>The model a checkpoint implies: a pre-training model or a classifier (exactly one is set).</summary>
public sealed record InferredModel(PretrainConfig? Pretrain, ClassifierConfig? Classifier)
{
    /// <summary>Whether the checkpoint is a pre-training model.</summary>
    public bool IsPretrain => Pretrain is not null;
}

/// <summary>
/// Reads widths, depths, MLP ratio, q/v biases, layer scale, patch and tubelet size from the tensor shapes of a
/// checkpoint in the reference layout. Heads are not recorded in the weights, so the caller supplies them (default:
/// head dimension 64 as in every reference size, docs/reference-behaviour.md §4.4); frames and image size come from the input.
/// </summary>
public static partial class ArchitectureInference
{
    /// <summary>Infers the model; throws a <see cref="UserInputException"/> naming what is missing or inconsistent.</summary>
    public static InferredModel Infer(StateDict state, int numFrames, int imageSize, int? heads = null, int? decoderHeads = null)
    {
        if (state.Contains("encoder.patch_embed.proj.weight"))
        {
            var encoder = Trunk(state, "encoder.", numFrames, imageSize, heads, "--heads");
            var bridge = state["encoder_to_decoder.weight"];
            var decoderDim = (int)bridge.shape[0];
            var decoderDepth = CountBlocks(state, "decoder.");
            var config = new PretrainConfig
            {
                Encoder = encoder,
                DecoderEmbedDim = decoderDim,
                DecoderDepth = decoderDepth,
                DecoderNumHeads = decoderHeads ?? DefaultHeads(decoderDim, "--decoder-heads"),
            };
            var head = state["decoder.head.weight"];
            if (head.shape[0] != encoder.PatchDim)
            {
                throw new UserInputException(
                    $"{state.Source}: decoder.head.weight predicts {head.shape[0]} values per token but the patch embedding implies {encoder.PatchDim}");
            }
            config.Validate();
            return new InferredModel(config, null);
        }
        if (state.Contains("patch_embed.proj.weight") && state.Contains("head.weight"))
        {
            var classifier = new ClassifierConfig
            {
                Encoder = Trunk(state, string.Empty, numFrames, imageSize, heads, "--heads"),
                NumClasses = (int)state["head.weight"].shape[0],
            };
            if (!state.Contains("fc_norm.weight"))
            {
                throw new UserInputException($"{state.Source}: classifier without fc_norm (no mean pooling) is not supported");
            }
            classifier.Validate();
            return new InferredModel(null, classifier);
        }
        throw new UserInputException(
            $"{state.Source}: neither a VideoMAE pre-training checkpoint (encoder.patch_embed.proj.weight) nor a classifier (patch_embed.proj.weight + head.weight)");
    }

    /// <summary>
    /// The head counts a checkpoint's own args determine: SynVid runs record the model size (<c>model</c>, e.g. tiny,
    /// whose decoder width 96 is not a multiple of 64) and fine-tuning runs <c>num_heads</c>. Null where not recorded.
    /// </summary>
    public static (int? Heads, int? DecoderHeads) HeadsFromArgs(CheckpointArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var size = args.Values.TryGetValue("model", out var model) && model is string name
            ? ModelSize.All.FirstOrDefault(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            : null;
        return (args.Int("num_heads") ?? size?.NumHeads, args.Int("decoder_num_heads") ?? size?.DecoderNumHeads);
    }

    private static VideoVitConfig Trunk(StateDict state, string prefix, int numFrames, int imageSize, int? heads, string headsFlag)
    {
        var proj = state[prefix + "patch_embed.proj.weight"];
        if (proj.dim() != 5 || proj.shape[3] != proj.shape[4])
        {
            throw new UserInputException($"{state.Source}: {prefix}patch_embed.proj.weight has shape ({string.Join(", ", proj.shape)}); expected (D, C, tubelet, patch, patch)");
        }
        var dim = (int)proj.shape[0];
        var depth = CountBlocks(state, prefix);
        var mlpRatio = depth > 0 ? state[$"{prefix}blocks.0.mlp.fc1.weight"].shape[0] / (double)dim : 4.0;
        return new VideoVitConfig
        {
            ImageSize = imageSize,
            PatchSize = (int)proj.shape[3],
            NumFrames = numFrames,
            TubeletSize = (int)proj.shape[2],
            InChannels = (int)proj.shape[1],
            EmbedDim = dim,
            Depth = depth,
            NumHeads = heads ?? DefaultHeads(dim, headsFlag),
            MlpRatio = mlpRatio,
            QkvBias = depth == 0 || state.Contains($"{prefix}blocks.0.attn.q_bias"),
            // Any positive value creates gamma_1/gamma_2; the checkpoint then overwrites them.
            InitValues = state.Contains($"{prefix}blocks.0.gamma_1") ? 1.0 : 0.0,
        };
    }

    private static int DefaultHeads(int dim, string flag) => dim % 64 == 0
        ? dim / 64
        : throw new UserInputException($"width {dim} is not a multiple of 64, so the head count cannot be assumed; pass {flag}");

    private static int CountBlocks(StateDict state, string prefix)
    {
        var indices = state.Tensors.Keys
            .Select(k => BlockPattern().Match(k))
            .Where(m => m.Success && m.Groups[1].Value == prefix)
            .Select(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();
        if (indices.Count > 0 && indices.Max() != indices.Count - 1)
        {
            throw new UserInputException($"{state.Source}: {prefix}blocks are not numbered 0..{indices.Count - 1}");
        }
        return indices.Count;
    }

    [GeneratedRegex(@"^(encoder\.|decoder\.|)blocks\.(\d+)\.")]
    private static partial Regex BlockPattern();
}
