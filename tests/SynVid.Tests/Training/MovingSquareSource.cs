using SynVid.Datasets;
using SynVid.Video;

namespace SynVid.Tests.Training;

/// <summary>A small deterministic clip source for training tests: a bright square moving over a dark frame.</summary>
internal sealed class MovingSquareSource(int frames, int size) : IPretrainClipSource
{
    public string Name => "test:moving-square";

    public IReadOnlyList<RgbImage> Clip(long sampleIndex)
    {
        var rng = new Random((int)sampleIndex);
        int x0 = rng.Next(size / 2), y0 = rng.Next(size / 2), vx = rng.Next(-2, 3), vy = rng.Next(-2, 3);
        var colour = new[] { (byte)rng.Next(128, 256), (byte)rng.Next(256), (byte)rng.Next(256) };
        var side = size / 3;
        return Enumerable.Range(0, frames).Select(t =>
        {
            var img = new RgbImage(size, size);
            for (var y = 0; y < side; y++)
            {
                for (var x = 0; x < side; x++)
                {
                    var px = ((x0 + vx * t + x) % size + size) % size;
                    var py = ((y0 + vy * t + y) % size + size) % size;
                    colour.CopyTo(img.Pixels, img.Offset(px, py));
                }
            }
            return img;
        }).ToArray();
    }
}
