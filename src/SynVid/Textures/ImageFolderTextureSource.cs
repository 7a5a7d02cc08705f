using System.Globalization;
using SynVid.Video;

namespace SynVid.Textures;

/// <summary>
/// Textures from a folder of images (the ImageNet-crop pools of docs/reference-behaviour.md §3.3, texture folders of §2.8): every
/// JPEG, PNG, BMP and WebP file below the folder, decoded on first use and resized to 2·res × 2·res with OpenCV-style
/// nearest-neighbour sampling, as the reference does (§2.8 step 1, Q11).
/// </summary>
/// <remarks>
/// <para>Order: files are found recursively (extensions .jpg, .jpeg, .png, .bmp, .webp in any letter case; hidden
/// files and folders, whose names start with '.', are not searched) and sorted by their path relative to the folder,
/// with '/' separators, by ordinal comparison. Texture i is therefore the same file on every machine.</para>
/// <para>Unreadable files: at construction every file's header is checked (a cheap read of its first bytes). Files whose
/// header cannot be decoded are skipped, never indexed, and listed in <see cref="SkippedFiles"/> so that commands can
/// report them; skipping at scan time keeps the indices stable, whereas failing late would abort a long generation run
/// on one bad file. A folder with no decodable image is an error. A file that passes the header check but whose pixels
/// cannot be decoded later is reported by <see cref="Get"/> as a <see cref="UserInputException"/> naming it; a truncated
/// file decodes with its missing part filled in, as OpenCV (which the reference uses) reads it.</para>
/// <para>Decoding: EXIF orientation is applied and alpha is dropped, as OpenCV's <c>imread</c> does.</para>
/// <para>Cache: decoded, resized textures are kept in a thread-safe least-recently-used cache of at most
/// <c>maxCached</c> images (each takes 2res·2res·3 bytes, 768 KiB at res 256). Concurrent requests for the same
/// texture decode it once.</para>
/// </remarks>
public sealed class ImageFolderTextureSource : ITextureSource
{
    /// <summary>File extensions (lower case, with the dot) that are scanned.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp"];

    private readonly string[] _files;
    private readonly int _maxCached;
    private readonly Dictionary<int, LinkedListNode<CacheEntry>> _cache = [];
    private readonly LinkedList<CacheEntry> _recency = new();
    private readonly Lock _lock = new();

    /// <summary>Scans <paramref name="folder"/> and checks every image's header.</summary>
    /// <param name="folder">The image folder (searched recursively).</param>
    /// <param name="resolution">The canvas side res; textures are resized to 2·res × 2·res.</param>
    /// <param name="maxCached">Most decoded textures kept in memory.</param>
    public ImageFolderTextureSource(string folder, int resolution, int maxCached = 512)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (resolution < 1)
        {
            throw new UserInputException($"image folder {folder}: resolution must be positive, got {resolution}");
        }
        if (maxCached < 1)
        {
            throw new UserInputException($"image folder {folder}: the cache must hold at least 1 image, got {maxCached}");
        }
        if (!Directory.Exists(folder))
        {
            throw new UserInputException(File.Exists(folder)
                ? $"image folder {folder} is a file, not a folder"
                : $"image folder not found: {folder}");
        }
        Folder = Path.GetFullPath(folder);
        Resolution = resolution;
        TextureSize = 2 * resolution;
        _maxCached = maxCached;

        var candidates = FindImageFiles(Folder);
        var readable = new bool[candidates.Length];
        Parallel.For(0, candidates.Length, i => readable[i] = SkiaImages.HeaderDecodes(Path.Combine(Folder, candidates[i])));
        _files = [.. candidates.Where((_, i) => readable[i])];
        SkippedFiles = [.. candidates.Where((_, i) => !readable[i])];
        if (_files.Length == 0)
        {
            throw new UserInputException(candidates.Length == 0
                ? $"image folder {folder} contains no images ({string.Join(", ", Extensions)})"
                : $"image folder {folder} contains no readable images: {SkippedSummary()}");
        }
    }

    /// <summary>The scanned folder (full path).</summary>
    public string Folder { get; }

    /// <summary>The canvas side res this source was made for.</summary>
    public int Resolution { get; }

    /// <summary>Side of every texture: 2·res.</summary>
    public int TextureSize { get; }

    /// <summary>Paths of the indexed images relative to <see cref="Folder"/> ('/' separators), in texture-index order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Paths (relative to <see cref="Folder"/>) of image files skipped because their header could not be decoded.</summary>
    public IReadOnlyList<string> SkippedFiles { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"folder:{Folder} ({_files.Length:N0} images)");

    /// <inheritdoc />
    public int Count => _files.Length;

    /// <summary>Number of decoded textures currently cached (at most the cache size).</summary>
    public int CachedCount
    {
        get
        {
            lock (_lock)
            {
                return _cache.Count;
            }
        }
    }

    /// <summary>"skipped N unreadable files: a.jpg, b.png, ..." (at most 10 names), or null when nothing was skipped.</summary>
    public string? SkippedSummary()
    {
        if (SkippedFiles.Count == 0)
        {
            return null;
        }
        var names = string.Join(", ", SkippedFiles.Take(10));
        var more = SkippedFiles.Count > 10 ? $", ... ({SkippedFiles.Count - 10} more)" : "";
        return $"skipped {SkippedFiles.Count} unreadable file{(SkippedFiles.Count == 1 ? "" : "s")}: {names}{more}";
    }

    /// <inheritdoc />
    public RgbImage Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _files.Length);
        Lazy<RgbImage> texture;
        lock (_lock)
        {
            if (_cache.TryGetValue(index, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
            }
            else
            {
                node = _recency.AddFirst(new CacheEntry(index, new Lazy<RgbImage>(() => Load(index))));
                _cache[index] = node;
                if (_cache.Count > _maxCached)
                {
                    var oldest = _recency.Last!;
                    _recency.RemoveLast();
                    _cache.Remove(oldest.Value.Index);
                }
            }
            texture = node.Value.Texture;
        }
        try
        {
            // Decoding happens outside the lock; Lazy makes concurrent callers of one index share one decode.
            return texture.Value;
        }
        catch
        {
            Evict(index, texture);
            throw;
        }
    }

    private RgbImage Load(int index)
    {
        var path = Path.Combine(Folder, _files[index]);
        var image = SkiaImages.TryDecode(path, allowIncomplete: true, out var error)
            ?? throw new UserInputException($"image {path}: {error}");
        return ImageResize.Nearest(image, TextureSize, TextureSize);
    }

    private void Evict(int index, Lazy<RgbImage> texture)
    {
        lock (_lock)
        {
            if (_cache.TryGetValue(index, out var node) && ReferenceEquals(node.Value.Texture, texture))
            {
                _recency.Remove(node);
                _cache.Remove(index);
            }
        }
    }

    private static string[] FindImageFiles(string folder)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        };
        var files = Directory.EnumerateFiles(folder, "*", options)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToArray();
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private sealed record CacheEntry(int Index, Lazy<RgbImage> Texture);
}
