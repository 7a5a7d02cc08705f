using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace SynVid.Model.Checkpoints;

/// <summary>
/// Maps HuggingFace <c>transformers</c> VideoMAE state-dict names (VideoMAEForPreTraining, VideoMAEForVideoClassification,
/// VideoMAEModel) to the reference names of docs/reference-behaviour.md §4.9; separate query/key/value weights become one <c>qkv</c>.
/// </summary>
public static partial class HuggingFaceKeys
{
    /// <summary>Whether the names look like a HuggingFace VideoMAE checkpoint.</summary>
    public static bool IsHuggingFace(IEnumerable<string> keys) => keys.Any(k => k.StartsWith("videomae.", StringComparison.Ordinal));

    /// <summary>A new state dict in the reference layout; the input's tensors move into it (dispose only the result).</summary>
    public static StateDict ToReference(StateDict hf)
    {
        var pretraining = hf.Tensors.Keys.Any(k => k.StartsWith("decoder.", StringComparison.Ordinal) || k == "encoder_to_decoder.weight");
        var encoderPrefix = pretraining ? "encoder." : string.Empty;
        var result = new Dictionary<string, Tensor>();
        var qkvParts = new Dictionary<string, Tensor?[]>();
        var consumed = new HashSet<string>();
        foreach (var (key, value) in hf.Tensors)
        {
            string? name = null;
            var layer = LayerPattern().Match(key);
            if (layer.Success)
            {
                var blocks = layer.Groups[1].Value == "videomae.encoder.layer" ? $"{encoderPrefix}blocks" : "decoder.blocks";
                var block = $"{blocks}.{layer.Groups[2].Value}.";
                var rest = layer.Groups[3].Value;
                var qkvIndex = rest switch
                {
                    "attention.attention.query.weight" => 0,
                    "attention.attention.key.weight" => 1,
                    "attention.attention.value.weight" => 2,
                    _ => -1,
                };
                if (qkvIndex >= 0)
                {
                    var parts = qkvParts.TryGetValue(block, out var p) ? p : qkvParts[block] = new Tensor?[3];
                    parts[qkvIndex] = value;
                    consumed.Add(key);
                    continue;
                }
                name = rest switch
                {
                    "attention.attention.q_bias" => "attn.q_bias",
                    "attention.attention.v_bias" => "attn.v_bias",
                    "attention.output.dense.weight" => "attn.proj.weight",
                    "attention.output.dense.bias" => "attn.proj.bias",
                    "intermediate.dense.weight" => "mlp.fc1.weight",
                    "intermediate.dense.bias" => "mlp.fc1.bias",
                    "output.dense.weight" => "mlp.fc2.weight",
                    "output.dense.bias" => "mlp.fc2.bias",
                    "layernorm_before.weight" => "norm1.weight",
                    "layernorm_before.bias" => "norm1.bias",
                    "layernorm_after.weight" => "norm2.weight",
                    "layernorm_after.bias" => "norm2.bias",
                    "lambda_1" => "gamma_1",
                    "lambda_2" => "gamma_2",
                    _ => null,
                };
                name = name is null ? null : block + name;
            }
            else
            {
                name = key switch
                {
                    "videomae.embeddings.patch_embeddings.projection.weight" => $"{encoderPrefix}patch_embed.proj.weight",
                    "videomae.embeddings.patch_embeddings.projection.bias" => $"{encoderPrefix}patch_embed.proj.bias",
                    "videomae.layernorm.weight" => $"{encoderPrefix}norm.weight",
                    "videomae.layernorm.bias" => $"{encoderPrefix}norm.bias",
                    "classifier.weight" => "head.weight",
                    "classifier.bias" => "head.bias",
                    "fc_norm.weight" or "fc_norm.bias" or "encoder_to_decoder.weight" or "mask_token" or
                        "decoder.norm.weight" or "decoder.norm.bias" or "decoder.head.weight" or "decoder.head.bias" => key,
                    _ => null,
                };
                // The fixed position tables are recomputed, never loaded (§4.2).
                if (name is null && (key.EndsWith("position_embeddings", StringComparison.Ordinal) || key.EndsWith("position_ids", StringComparison.Ordinal)))
                {
                    value.Dispose();
                    consumed.Add(key);
                    continue;
                }
            }
            if (name is null)
            {
                throw new UserInputException($"{hf.Source}: HuggingFace key '{key}' has no VideoMAE equivalent");
            }
            result[name] = value;
            consumed.Add(key);
        }
        foreach (var (block, parts) in qkvParts)
        {
            if (parts.Any(p => p is null))
            {
                throw new UserInputException($"{hf.Source}: {block} has only some of the query/key/value weights");
            }
            result[block + "attn.qkv.weight"] = cat([parts[0]!, parts[1]!, parts[2]!], 0);
            foreach (var p in parts)
            {
                p!.Dispose();
            }
        }
        return new StateDict(result, hf.Source);
    }

    [GeneratedRegex(@"^(videomae\.encoder\.layer|decoder\.decoder_layers)\.(\d+)\.(.+)$")]
    private static partial Regex LayerPattern();
}
