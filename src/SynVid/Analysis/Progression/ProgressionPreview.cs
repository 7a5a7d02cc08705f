using SynVid.Synthesis;
using SynVid.Textures;
using SynVid.Video;

namespace SynVid.Analysis.Progression;

/// <summary>
/// The preview strip of a progression: one row per stage arm (video 0 of the stage at the progression's seed, with the
/// textures its pre-training used), <paramref name="columns"/> frames <paramref name="step"/> apart, as
/// <c>synvid preview --progression</c> lays them out.
/// </summary>
public static class ProgressionPreview
{
    /// <summary>Renders the strip and writes it as a PNG (atomically).</summary>
    public static void Save(string path, IReadOnlyList<(StageParameters Stage, Func<ITextureSource?> Textures)> stages, long seed, int columns = 8, int step = 14)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Count == 0)
        {
            throw new ArgumentException("the preview needs at least one stage", nameof(stages));
        }
        var rows = new List<IReadOnlyList<RgbImage>>();
        foreach (var (stage, open) in stages)
        {
            var textures = open();
            try
            {
                var set = new SyntheticVideoSet(stage, textures, seed, 1);
                var scene = set.Scene(0);
                var renderer = new FrameRenderer(stage.Resolution);
                rows.Add([.. Enumerable.Range(0, columns).Select(c => renderer.Render(scene, Math.Min(c * step, scene.FrameCount - 1), textures))]);
            }
            finally
            {
                (textures as IDisposable)?.Dispose();
            }
        }
        PngFile.Write(path, ContactSheet.Compose(rows));
    }
}
