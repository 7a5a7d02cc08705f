namespace SynVid.Synthesis;

/// <summary>
/// The sample grid of a render supersampled by k (anti-aliasing): sample (i, j) of the k·res canvas sits at frame point
/// ((i − c)/k, (j − c)/k) with c = (k − 1)/2, so the k × k samples of a pixel are centred on it and their box-filtered
/// mean is the pixel's area coverage. k = 1 is the identity: one sample per pixel, the reference's rule.
/// </summary>
internal readonly record struct SampleGrid(int Factor)
{
    /// <summary>
    /// Polygon vertices reach the rasteriser in units of 1/<see cref="VertexUnit"/> sample, so that the half-integer
    /// offset c of an even k stays exact in integers.
    /// </summary>
    public int VertexUnit => Factor % 2 == 0 ? 2 : 1;

    /// <summary>A frame coordinate in samples: k·v + c.</summary>
    public double ToSamples(double v) => Factor == 1 ? v : Factor * v + (Factor - 1) / 2.0;

    /// <summary>A frame-space linear map (ellipse axes) in samples: k·M.</summary>
    public Matrix2 ToSamples(Matrix2 m) => Factor == 1 ? m : Factor * m;

    /// <summary>Integer frame vertices in place to sample vertices in units of 1/<see cref="VertexUnit"/>: q·(k·v + c).</summary>
    public void ToSampleUnits(Span<int> vertices)
    {
        if (Factor == 1)
        {
            return;
        }
        var q = VertexUnit;
        var offset = q * (Factor - 1) / 2;
        for (var k = 0; k < vertices.Length; k++)
        {
            vertices[k] = q * Factor * vertices[k] + offset;
        }
    }

    /// <summary>
    /// A frame → texture map u = o + L·X rewritten for samples: X = (i − c)/k gives u = (o − L·(c, c)/k) + (L/k)·i,
    /// so every sample reads the texture where its frame point does.
    /// </summary>
    public (Matrix2? Linear, double X, double Y) ToSamples(Matrix2? linear, double originX, double originY)
    {
        if (Factor == 1 || linear is not { } l)
        {
            return (linear, originX, originY);
        }
        var perSample = (1.0 / Factor) * l;
        var c = (Factor - 1) / 2.0;
        var (dx, dy) = perSample.Apply(c, c);
        return (perSample, originX - dx, originY - dy);
    }
}
