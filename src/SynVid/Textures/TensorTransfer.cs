using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>Copies between CPU float32 tensors and managed spans as one block copy over the tensor's storage.</summary>
public static class TensorTransfer
{
    /// <summary>Copies a float32 tensor's elements (row-major) into <paramref name="destination"/>.</summary>
    public static void CopyToSpan(Tensor source, Span<float> destination)
    {
        using var contiguous = source.contiguous();
        if (contiguous.numel() != destination.Length || contiguous.dtype != ScalarType.Float32)
        {
            throw new ArgumentException($"tensor has {contiguous.numel()} {contiguous.dtype} elements, span {destination.Length} floats", nameof(destination));
        }
        MemoryMarshal.Cast<byte, float>(contiguous.bytes).CopyTo(destination);
    }

    /// <summary>A new float32 tensor of the given shape holding a copy of <paramref name="source"/>.</summary>
    public static Tensor FromSpan(ReadOnlySpan<float> source, long[] shape)
    {
        var t = empty(shape, ScalarType.Float32);
        source.CopyTo(MemoryMarshal.Cast<byte, float>(t.bytes));
        return t;
    }
}
