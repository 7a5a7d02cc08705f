using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Model;

/// <summary>
/// The fixed 1-D sinusoid position table over the flattened token index (docs/reference-behaviour.md §4.2): angle(n, j) =
/// n / 10000^(2⌊j/2⌋/D), sin for even j, cos for odd j, computed in float64 and stored as float32. It is not a parameter
/// or buffer, so it never appears in a state dict; each device gets one cached copy.
/// </summary>
public sealed class SinusoidTable : IDisposable
{
    private readonly Dictionary<string, Tensor> _byDevice = [];
    private readonly float[] _values;

    /// <summary>Builds the table for <paramref name="numTokens"/> tokens of width <paramref name="dim"/>.</summary>
    public SinusoidTable(int numTokens, int dim)
    {
        NumTokens = numTokens;
        Dim = dim;
        _values = Compute(numTokens, dim);
    }

    /// <summary>Number of rows N.</summary>
    public int NumTokens { get; }

    /// <summary>Row width D.</summary>
    public int Dim { get; }

    /// <summary>The table values, row-major N × D.</summary>
    public static float[] Compute(int numTokens, int dim)
    {
        var values = new float[checked(numTokens * dim)];
        for (var j = 0; j < dim; j++)
        {
            var denominator = Math.Pow(10000.0, 2.0 * (j / 2) / dim);
            for (var n = 0; n < numTokens; n++)
            {
                var angle = n / denominator;
                values[n * dim + j] = (float)(j % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle));
            }
        }
        return values;
    }

    /// <summary>The (1, N, D) table on <paramref name="device"/> in <paramref name="dtype"/>; owned by this object, do not dispose.</summary>
    public Tensor On(Device device, ScalarType dtype = ScalarType.Float32)
    {
        var key = $"{device}/{dtype}";
        if (!_byDevice.TryGetValue(key, out var table))
        {
            using var cpu = tensor(_values, [1, NumTokens, Dim]);
            table = cpu.to(dtype, device).DetachFromDisposeScope();
            _byDevice[key] = table;
        }
        return table;
    }

    /// <summary>Releases the cached device copies.</summary>
    public void Dispose()
    {
        foreach (var t in _byDevice.Values)
        {
            t.Dispose();
        }
        _byDevice.Clear();
    }
}
