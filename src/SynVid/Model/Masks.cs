using static TorchSharp.torch;

namespace SynVid.Model;

/// <summary>Boolean token masks (B, N), true = masked, and the token selections the model makes with them.</summary>
public static class Masks
{
    /// <summary>
    /// The tokens where <paramref name="select"/> is true, in ascending index order: (B, N, D) → (B, K, D). Every sample
    /// must select the same count K.
    /// </summary>
    public static Tensor SelectTokens(Tensor tokens, Tensor select)
    {
        var b = tokens.shape[0];
        var d = tokens.shape[^1];
        using var picked = tokens[select];
        return picked.reshape(b, -1, d);
    }

    /// <summary>
    /// Throws a <see cref="UserInputException"/> unless <paramref name="mask"/> is a (B, N) bool tensor with the same
    /// number of masked tokens in every sample; returns that number.
    /// </summary>
    public static long Validate(Tensor mask, long batch, long numTokens, string what = "mask")
    {
        if (mask.dtype != ScalarType.Bool)
        {
            throw new UserInputException($"{what} must be boolean, got {mask.dtype}");
        }
        if (mask.dim() != 2 || mask.shape[0] != batch || mask.shape[1] != numTokens)
        {
            throw new UserInputException($"{what} has shape ({string.Join(", ", mask.shape)}); expected ({batch}, {numTokens})");
        }
        using var counts = mask.sum(1, type: ScalarType.Int64);
        var values = counts.data<long>().ToArray();
        if (values.Distinct().Count() > 1)
        {
            throw new UserInputException($"{what} masks a different number of tokens per sample ({string.Join(", ", values)}); every sample must mask the same count");
        }
        return values.Length == 0 ? 0 : values[0];
    }
}
