using static TorchSharp.torch;

namespace SynVid.Textures;

/// <summary>
/// 2-D real FFTs whose results do not depend on the torch thread count. libtorch's complex-to-real transform
/// (<c>irfft</c>) rounds differently with 1 and 2 intra-op threads, while its real-to-complex and complex-to-complex
/// transforms agree bit for bit; so the inverse is computed as a complex inverse over rows followed by a complex inverse
/// over the Hermitian-completed columns, two real outputs per complex transform.
/// </summary>
public static class DeterministicFft
{
    /// <summary>Forward real 2-D FFT over the last two dimensions (half spectrum, as <c>torch.fft.rfft2</c>).</summary>
    public static Tensor Rfft2(Tensor x) => fft.rfft2(x);

    /// <summary>Inverse of <see cref="Rfft2"/> for an n×n output (the input's last dimension is n/2 + 1).</summary>
    public static Tensor Irfft2(Tensor halfSpectrum, int n)
    {
        using var scope = NewDisposeScope();
        var shape = halfSpectrum.shape;
        var batch = shape[..^2].Aggregate(1L, (a, b) => a * b);
        var rows = fft.ifft(halfSpectrum.reshape(batch, n, n / 2 + 1), dim: -2);
        // Each row is Hermitian in the column frequency: columns n/2+1 … n−1 are conj of columns n/2−1 … 1.
        var mirrored = rows[TensorIndex.Ellipsis, TensorIndex.Slice(1, n / 2)].flip(-1).conj();
        var full = cat(new[] { rows, mirrored }, -1);
        // Two real signals per complex transform: ifft(F₁ + i·F₂) = y₁ + i·y₂ when F₁, F₂ are Hermitian.
        var half = (batch + 1) / 2;
        if (batch % 2 == 1)
        {
            full = cat(new[] { full, zeros(1, n, n, dtype: full.dtype) }, 0);
        }
        var first = full[TensorIndex.Slice(0, half)];
        var second = full[TensorIndex.Slice(half, 2 * half)];
        // an explicit alpha: the implicit one of `first + …` came out unreadable in libtorch on a pre-training worker thread
        using TorchSharp.Scalar unit = 1.0;
        var packed = fft.ifft(first.add(second * complex(tensor(0f), tensor(1f)), unit), dim: -1);
        var result = cat(new[] { real(packed), imag(packed) }, 0)[TensorIndex.Slice(0, batch)];
        var outShape = shape[..^2].Concat(new long[] { n, n }).ToArray();
        return result.reshape(outShape).contiguous().MoveToOuterDisposeScope();
    }
}
