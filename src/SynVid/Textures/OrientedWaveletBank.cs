namespace SynVid.Textures;

/// <summary>
/// The 40 3×3 kernels of StyleGAN-Oriented (<c>network_randomized_v3</c>; docs/reference-textures.md §2.5): 8 oriented step edges,
/// 8 oriented one-pixel lines, 4 sparse patterns, then the negatives of these 20. Rows run top to bottom.
/// </summary>
public static class OrientedWaveletBank
{
    /// <summary>Number of kernels.</summary>
    public const int Count = 40;

    // Mean-subtracted centre crops of a +1|−1|+1 line pattern rotated by 22.5°·j (PIL bilinear), docs/reference-textures.md §2.5 table.
    private static readonly float[][] _lines =
    [
        [0.6667f, -1.3333f, 0.6667f, 0.6667f, -1.3333f, 0.6667f, 0.6667f, -1.3333f, 0.6667f],
        [-0.1833f, -0.5003f, 0.7343f, 0.5821f, -1.2657f, 0.5821f, 0.7343f, -0.5003f, -0.1833f],
        [-1.0730f, 0.3412f, 0.9270f, 0.3412f, -1.0730f, 0.3412f, 0.9270f, 0.3412f, -1.0730f],
        [-0.1833f, 0.5821f, 0.7343f, -0.5003f, -1.2657f, -0.5003f, 0.7343f, 0.5821f, -0.1833f],
        [0.6667f, 0.6667f, 0.6667f, -1.3333f, -1.3333f, -1.3333f, 0.6667f, 0.6667f, 0.6667f],
        [0.7343f, 0.5821f, -0.1833f, -0.5003f, -1.2657f, -0.5003f, -0.1833f, 0.5821f, 0.7343f],
        [0.9270f, 0.3412f, -1.0730f, 0.3412f, -1.0730f, 0.3412f, -1.0730f, 0.3412f, 0.9270f],
        [0.7343f, -0.5003f, -0.1833f, 0.5821f, -1.2657f, 0.5821f, -0.1833f, -0.5003f, 0.7343f],
    ];

    /// <summary>The kernels, each 9 values row-major.</summary>
    public static IReadOnlyList<float[]> Kernels { get; } = Build();

    /// <summary>Squared L2 norm of each kernel.</summary>
    public static IReadOnlyList<double> SquaredNorms { get; } = Kernels.Select(k => k.Sum(v => (double)v * v)).ToArray();

    private static float[][] Build()
    {
        var positive = new List<float[]>();
        for (var j = 0; j < 8; j++)
        {
            // Edge: clip(−dx·cosθ + dy·sinθ, −1, 1), odd-symmetric so already zero-mean.
            var theta = j * Math.PI / 8;
            var edge = new float[9];
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    edge[(dy + 1) * 3 + dx + 1] = (float)Math.Clamp(-dx * Math.Cos(theta) + dy * Math.Sin(theta), -1, 1);
                }
            }
            positive.Add(edge);
        }
        positive.AddRange(_lines);
        positive.Add([0, 0, 0, 0, 1, 0, 0, 0, 0]);
        positive.Add([-1, -1, -1, -1, 1, -1, -1, -1, -1]);
        positive.Add([0, 1, 0, 1, 1, 1, 0, 1, 0]);
        positive.Add([-1, 1, -1, 1, 1, 1, -1, 1, -1]);
        return positive.Concat(positive.Select(k => k.Select(v => -v).ToArray())).ToArray();
    }
}
