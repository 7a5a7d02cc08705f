using static TorchSharp.torch;

namespace SynVid.Analysis.Metrics;

/// <summary>Mean and covariance of a set of vectors, in double precision (the Gaussian that FID and KL compare).</summary>
/// <param name="Mean">Mean vector (d).</param>
/// <param name="Covariance">Covariance (d × d), unbiased (divided by N − 1).</param>
/// <param name="Count">Number of samples it was estimated from.</param>
public sealed record GaussianStats(double[] Mean, double[,] Covariance, long Count)
{
    /// <summary>Dimension d.</summary>
    public int Dimension => Mean.Length;

    /// <summary>Mean and unbiased covariance of the rows of <paramref name="features"/> (at least 2 rows).</summary>
    public static GaussianStats FromFeatures(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Rows < 2)
        {
            throw new UserInputException($"a covariance needs at least 2 samples, got {features.Rows}");
        }
        using var scope = NewDisposeScope();
        var x = features.ToDoubleTensor();
        var mean = x.mean([0]);
        var centred = x - mean;
        var cov = centred.t().matmul(centred).div_(features.Rows - 1);
        return new GaussianStats(mean.data<double>().ToArray(), ToArray(cov), features.Rows);
    }

    /// <summary>Builds the stats from running sums Σx and Σxxᵀ over <paramref name="count"/> samples.</summary>
    public static GaussianStats FromSums(double[] sum, double[,] sumOfProducts, long count)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(sumOfProducts);
        if (count < 2)
        {
            throw new UserInputException($"a covariance needs at least 2 samples, got {count}");
        }
        var d = sum.Length;
        var mean = sum.Select(s => s / count).ToArray();
        var cov = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                cov[i, j] = (sumOfProducts[i, j] - (count * mean[i] * mean[j])) / (count - 1);
            }
        }
        return new GaussianStats(mean, cov, count);
    }

    private static double[,] ToArray(Tensor square)
    {
        var d = (int)square.shape[0];
        var flat = square.contiguous().data<double>().ToArray();
        var result = new double[d, d];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }
}
