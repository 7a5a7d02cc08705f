using SynVid.Serialization;
using SynVid.Tests.Cli;
using SynVid.Textures;
using SynVid.Video;

namespace SynVid.Tests.Textures;

public sealed class TexturePoolTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "synvid-pool-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static StatisticalTextureGenerator Generator(long seed = 1) =>
        new(TextureKind.StatSpectrumColor, StatisticalTextureOptions.For(TextureKind.StatSpectrumColor, 32), seed);

    [Fact]
    public void PoolServesTheGeneratorsTexturesFromAnyThread()
    {
        using var generator = Generator();
        using var pool = new TexturePool(generator, 6, backgroundWorkers: 2);
        ITextureSource source = pool;
        Assert.Equal(6, source.Count);
        Assert.Contains("stat-spectrum_color", source.Name, StringComparison.Ordinal);
        var images = new SynVid.Video.RgbImage[6];
        Parallel.For(0, 12, i => images[i % 6] = source.Get(i % 6));
        for (var i = 0; i < 6; i++)
        {
            Assert.True(images[i].PixelsEqual(generator.Generate(i)));
            Assert.Same(source.Get(i), source.Get(i));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Get(6));
    }

    [Fact]
    public void PersistedPoolIsReloadedInsteadOfRegenerated()
    {
        using (var generator = Generator())
        using (var pool = new TexturePool(generator, 3, _dir, backgroundWorkers: 1))
        {
            pool.WaitUntilFull();
        }
        Assert.True(File.Exists(Path.Combine(_dir, "000002.png")));
        // Overwrite one file with a different (valid) texture: a reloaded pool must return the file, not regenerate.
        using var other = Generator(seed: 99);
        PngFile.Write(Path.Combine(_dir, "000001.png"), other.Generate(0));
        using var again = Generator();
        using var reloaded = new TexturePool(again, 3, _dir, backgroundWorkers: 0);
        Assert.True(reloaded.Get(0).PixelsEqual(again.Generate(0)));
        Assert.True(reloaded.Get(1).PixelsEqual(other.Generate(0)));
        using var wrongSeed = Generator(seed: 5);
        var error = Assert.Throws<UserInputException>(() => new TexturePool(wrongSeed, 3, _dir, backgroundWorkers: 0));
        Assert.Contains("seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TexturesCommandWritesResumablyAndRejectsUnknownKinds()
    {
        var r = CliRunner.Run("textures", "--kind", "stylegan-oriented", "--count", "3", "--out", _dir, "--res", "32", "--seed", "4");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("3 written", r.StdOut, StringComparison.Ordinal);
        using var generator = new StyleGanTextureGenerator(StyleGanVariant.Oriented, new StyleGanOptions { Resolution = 32 }, 4);
        Assert.True(PngFile.Read(Path.Combine(_dir, "000002.png")).PixelsEqual(generator.Generate(2)));
        var again = CliRunner.Run("textures", "--kind", "stylegan-oriented", "--count", "4", "--out", _dir, "--res", "32", "--seed", "4");
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Contains("1 written, 3 already present", again.StdOut, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir, "*" + AtomicFile.Marker + "*"));
        var bad = CliRunner.Run("textures", "--kind", "plasma", "--count", "1", "--out", _dir);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("plasma", bad.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void ContactSheetHasARowPerKind()
    {
        var kinds = new[] { TextureKind.StatSpectrum, TextureKind.StyleGanOriented };
        var sheet = TextureContactSheet.Render(kinds, 2, 32, seed: 0);
        Assert.Equal(2 * 32 + 3 * 4, sheet.Width);
        Assert.Equal(2 * 32 + 3 * 4, sheet.Height);
        using var oriented = TextureGenerators.Create(TextureKind.StyleGanOriented, 32, 0);
        var expected = oriented.Generate(1);
        var ox = 4 + 32 + 4;
        var oy = 4 + 32 + 4;
        Assert.True(sheet.Pixels.AsSpan(sheet.Offset(ox, oy), 32 * 3).SequenceEqual(expected.Pixels.AsSpan(0, 32 * 3)));
    }
}
