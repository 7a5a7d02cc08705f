using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>Copies between contiguous CPU float32 tensors and managed spans.</summary>
public static class TensorTransfer
{
    /// <summary>Copies a float32 tensor's elements (row-major) into <paramref name="destination"/>.</summary>
    public static void CopyToSpan(Tensor source, Span<float> destination)
    {
        using var contiguous = source.contiguous();
        if (contiguous.numel() != destination.Length)
        {
            throw new ArgumentException($"tensor has {contiguous.numel()} elements, span {destination.Length}", nameof(destination));
        }
        contiguous.data<float>().CopyTo(destination);
    }

    /// <summary>A new float32 tensor of the given shape holding a copy of <paramref name="source"/>.</summary>
    public static Tensor FromSpan(ReadOnlySpan<float> source, long[] shape)
    {
        var t = empty(shape, ScalarType.Float32);
        t.data<float>().CopyFrom(source);
        return t;
    }
}
