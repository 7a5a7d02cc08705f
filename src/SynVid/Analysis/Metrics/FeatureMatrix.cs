using static TorchSharp.torch;

namespace SynVid.Analysis.Metrics;

/// <summary>An (N, d) matrix of feature vectors, row-major float32: row i is the feature of sample i.</summary>
public sealed record FeatureMatrix
{
    /// <summary>Wraps <paramref name="values"/> (length rows × columns).</summary>
    public FeatureMatrix(int rows, int columns, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"expected {rows}×{columns} values, got {values.Length}", nameof(values));
        }
        Rows = rows;
        Columns = columns;
        Values = values;
    }

    /// <summary>Number of samples N.</summary>
    public int Rows { get; }

    /// <summary>Feature dimension d.</summary>
    public int Columns { get; }

    /// <summary>Row-major values.</summary>
    public float[] Values { get; }

    /// <summary>Copies a (N, d) tensor of any floating type.</summary>
    public static FeatureMatrix FromTensor(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2)
        {
            throw new ArgumentException($"features must be (N, d), got ({string.Join(", ", features.shape)})", nameof(features));
        }
        using var f = features.to_type(ScalarType.Float32).cpu().contiguous();
        return new FeatureMatrix((int)f.shape[0], (int)f.shape[1], f.data<float>().ToArray());
    }

    /// <summary>Rows of several matrices with the same d, stacked in order.</summary>
    public static FeatureMatrix Concat(IReadOnlyList<FeatureMatrix> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("nothing to concatenate", nameof(parts));
        }
        var d = parts[0].Columns;
        if (parts.Any(p => p.Columns != d))
        {
            throw new ArgumentException("feature dimensions differ", nameof(parts));
        }
        var values = new float[parts.Sum(p => p.Values.Length)];
        var offset = 0;
        foreach (var p in parts)
        {
            p.Values.CopyTo(values, offset);
            offset += p.Values.Length;
        }
        return new FeatureMatrix(parts.Sum(p => p.Rows), d, values);
    }

    /// <summary>The matrix as a float64 tensor (N, d).</summary>
    public Tensor ToDoubleTensor() => tensor(Values, [Rows, Columns]).to_type(ScalarType.Float64);
}
