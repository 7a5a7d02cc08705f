using SynVid.Textures;
using SynVid.Video;

namespace SynVid.Tests.Textures;

public sealed class ImageFolderTextureSourceTests
{
    [Fact]
    public void FilesAreFoundRecursivelyInOrdinalOrderOfRelativePaths()
    {
        using var dir = new TempFolder();
        PngFile.Write(Directory.CreateDirectory(dir.File("sub")).FullName + "/c.png", TestImages.Solid(4, 4, 0, 0, 255));
        PngFile.Write(dir.File("b.png"), TestImages.Solid(4, 4, 0, 255, 0));
        TestImages.WriteBytes(dir.Path, "a.jpg", TestImages.Jpeg(TestImages.Solid(8, 8, 255, 0, 0)));
        TestImages.WriteBytes(dir.Path, "A.BMP.PNG", PngFile.Encode(TestImages.Solid(4, 4, 9, 9, 9)));
        TestImages.WriteBytes(dir.Path, "notes.txt", "not an image"u8.ToArray());
        TestImages.WriteBytes(dir.Path, ".hidden.png", PngFile.Encode(TestImages.Solid(4, 4, 1, 1, 1)));
        TestImages.WriteBytes(dir.Path, ".cache/d.png", PngFile.Encode(TestImages.Solid(4, 4, 1, 1, 1)));

        var source = new ImageFolderTextureSource(dir.Path, resolution: 4);
        var again = new ImageFolderTextureSource(dir.Path, resolution: 4);

        string[] expected = ["A.BMP.PNG", "a.jpg", "b.png", "sub/c.png"];
        Assert.Equal(expected, source.Files);
        Assert.Equal(expected, again.Files);
        Assert.Equal(4, source.Count);
        Assert.Empty(source.SkippedFiles);
        Assert.Null(source.SkippedSummary());
        // Texture i is the i-th file: check the colour of each.
        Assert.Equal(new byte[] { 9, 9, 9 }, source.Get(0).Pixels[..3]);
        Assert.True(source.Get(1).Pixels[0] > 240 && source.Get(1).Pixels[1] < 15);
        Assert.Equal(new byte[] { 0, 255, 0 }, source.Get(2).Pixels[..3]);
        Assert.Equal(new byte[] { 0, 0, 255 }, source.Get(3).Pixels[..3]);
    }

    [Fact]
    public void TexturesAreResizedToTwiceTheResolutionWithOpenCvNearestNeighbour()
    {
        using var dir = new TempFolder();
        // 3×2 image, pixel (x, y) has red = 10·x + 1, green = 10·y + 1.
        var image = new RgbImage(3, 2);
        for (var y = 0; y < 2; y++)
        {
            for (var x = 0; x < 3; x++)
            {
                image.Pixels[image.Offset(x, y)] = (byte)(10 * x + 1);
                image.Pixels[image.Offset(x, y) + 1] = (byte)(10 * y + 1);
            }
        }
        PngFile.Write(dir.File("tiny.png"), image);

        var texture = new ImageFolderTextureSource(dir.Path, resolution: 4).Get(0);

        Assert.Equal((8, 8), (texture.Width, texture.Height));
        // cv2.resize(INTER_NEAREST) 3 → 8 reads columns ⌊x·3/8⌋ = 0,0,0,1,1,1,2,2 and 2 → 8 rows ⌊y/4⌋ = 0,0,0,0,1,1,1,1.
        int[] columns = [0, 0, 0, 1, 1, 1, 2, 2];
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                Assert.Equal(10 * columns[x] + 1, texture.Pixels[texture.Offset(x, y)]);
                Assert.Equal(10 * (y / 4) + 1, texture.Pixels[texture.Offset(x, y) + 1]);
            }
        }
    }

    [Fact]
    public void NearestResizeMatchesOpenCvOnDownscaleAndExactMultiples()
    {
        var image = new RgbImage(10, 1);
        for (var x = 0; x < 10; x++)
        {
            image.Pixels[x * 3] = (byte)x;
        }

        // cv2: 10 → 4 reads ⌊x·2.5⌋ = 0, 2, 5, 7; 10 → 20 reads ⌊x/2⌋.
        var down = ImageResize.Nearest(image, 4, 1);
        var up = ImageResize.Nearest(image, 20, 3);

        Assert.Equal(new byte[] { 0, 2, 5, 7 }, Enumerable.Range(0, 4).Select(x => down.Pixels[x * 3]));
        Assert.Equal(Enumerable.Range(0, 20).Select(x => (byte)(x / 2)), Enumerable.Range(0, 20).Select(x => up.Pixels[up.Offset(x, 2)]));
    }

    [Fact]
    public void CacheKeepsAtMostMaxCachedTexturesAndEvictsTheLeastRecentlyUsed()
    {
        using var dir = new TempFolder();
        for (var i = 0; i < 4; i++)
        {
            PngFile.Write(dir.File($"{i}.png"), TestImages.Solid(3, 3, (byte)(50 * i), 0, 0));
        }
        var source = new ImageFolderTextureSource(dir.Path, resolution: 2, maxCached: 2);

        var t0 = source.Get(0);
        var t1 = source.Get(1);
        Assert.Same(t0, source.Get(0)); // cached; 0 is now the most recent
        source.Get(2); // evicts 1
        Assert.Equal(2, source.CachedCount);

        Assert.Same(t0, source.Get(0));
        var t1Again = source.Get(1);
        Assert.NotSame(t1, t1Again);
        Assert.True(t1.PixelsEqual(t1Again));
        Assert.Equal(2, source.CachedCount);
    }

    [Fact]
    public void ConcurrentReadsGiveTheRightTexturesWithinTheCacheBound()
    {
        using var dir = new TempFolder();
        for (var i = 0; i < 6; i++)
        {
            PngFile.Write(dir.File($"{i}.png"), TestImages.Solid(5, 7, (byte)(40 * i), (byte)i, 7));
        }
        var source = new ImageFolderTextureSource(dir.Path, resolution: 8, maxCached: 3);
        var wrong = 0;

        Parallel.For(0, 600, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            var i = k * 7 % 6;
            var texture = source.Get(i);
            if (texture.Width != 16 || texture.Pixels[0] != 40 * i || texture.Pixels[^2] != i)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
        Assert.True(source.CachedCount <= 3);
    }

    [Fact]
    public void UnreadableFilesAreSkippedCountedAndNamed()
    {
        using var dir = new TempFolder();
        PngFile.Write(dir.File("good1.png"), TestImages.Solid(4, 4, 1, 2, 3));
        TestImages.WriteBytes(dir.Path, "broken.jpg", "this is text, not a JPEG"u8.ToArray());
        TestImages.WriteBytes(dir.Path, "sub/empty.png", []);
        PngFile.Write(dir.File("good2.png"), TestImages.Solid(4, 4, 4, 5, 6));

        var source = new ImageFolderTextureSource(dir.Path, resolution: 2);

        Assert.Equal(["good1.png", "good2.png"], source.Files);
        Assert.Equal(["broken.jpg", "sub/empty.png"], source.SkippedFiles);
        Assert.Equal("skipped 2 unreadable files: broken.jpg, sub/empty.png", source.SkippedSummary());
        Assert.Equal(new byte[] { 4, 5, 6 }, source.Get(1).Pixels[..3]);
    }

    [Fact]
    public void MissingEmptyOrUnreadableFolderIsAClearError()
    {
        using var dir = new TempFolder();
        var missing = dir.File("nope");
        var e1 = Assert.Throws<UserInputException>(() => new ImageFolderTextureSource(missing, 256));
        Assert.Contains(missing, e1.Message);

        TestImages.WriteBytes(dir.Path, "readme.txt", "no images here"u8.ToArray());
        var e2 = Assert.Throws<UserInputException>(() => new ImageFolderTextureSource(dir.Path, 256));
        Assert.Contains(dir.Path, e2.Message);
        Assert.Contains("no images", e2.Message);

        TestImages.WriteBytes(dir.Path, "bad.png", [1, 2, 3]);
        var e3 = Assert.Throws<UserInputException>(() => new ImageFolderTextureSource(dir.Path, 256));
        Assert.Contains("no readable images", e3.Message);
        Assert.Contains("bad.png", e3.Message);
    }

    [Theory]
    [InlineData(6, true)] // rotate 90° clockwise to display: the left half goes to the top
    [InlineData(8, false)] // rotate 90° counter-clockwise: the left half goes to the bottom
    public void ExifOrientationIsAppliedAsOpenCvDoes(ushort orientation, bool redOnTop)
    {
        using var dir = new TempFolder();
        // 32×16: left half red, right half blue.
        var image = new RgbImage(32, 16);
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 32; x++)
            {
                image.Pixels[image.Offset(x, y) + (x < 16 ? 0 : 2)] = 255;
            }
        }
        TestImages.WriteBytes(dir.Path, "rotated.jpg", TestImages.WithExifOrientation(TestImages.Jpeg(image), orientation));

        var texture = new ImageFolderTextureSource(dir.Path, resolution: 16).Get(0);

        // The upright image is 16×32, resized to 32×32.
        var top = texture.Offset(16, 4);
        var bottom = texture.Offset(16, 28);
        var (red, blue) = redOnTop ? (top, bottom) : (bottom, top);
        Assert.True(texture.Pixels[red] > 200 && texture.Pixels[red + 2] < 50, "expected red");
        Assert.True(texture.Pixels[blue] < 50 && texture.Pixels[blue + 2] > 200, "expected blue");
    }
}
