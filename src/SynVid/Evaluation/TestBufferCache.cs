using System.Collections.Concurrent;
using SynVid.Video;

namespace SynVid.Evaluation;

/// <summary>
/// Keeps decoded (or rendered) test buffers, already resized to a short side, so that evaluating the same test set
/// many times (a robustness grid: every checkpoint × type × severity) decodes each video once. Entries are added
/// until <see cref="MaxBytes"/> is reached; later videos are decoded each time. Cached frames are shared and must not
/// be modified: every view is cut from them by copying crops. Thread-safe.
/// </summary>
public sealed class TestBufferCache
{
    private readonly ConcurrentDictionary<string, RgbImage[]> _buffers = new();
    private long _bytes;

    /// <summary>Creates a cache holding at most <paramref name="maxBytes"/> bytes of frames (0 caches nothing).</summary>
    public TestBufferCache(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        MaxBytes = maxBytes;
    }

    /// <summary>Budget in bytes of frame pixels.</summary>
    public long MaxBytes { get; }

    /// <summary>Bytes of frame pixels held now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Number of buffers held now.</summary>
    public int Count => _buffers.Count;

    /// <summary>
    /// The buffer under <paramref name="key"/> (which names the video and everything that shapes its buffer: stride,
    /// clip length, short side): the cached one, or <paramref name="make"/>'s, which is kept when it fits the budget.
    /// </summary>
    public IReadOnlyList<RgbImage> GetOrAdd(string key, Func<IReadOnlyList<RgbImage>> make)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(make);
        if (_buffers.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var frames = make().ToArray();
        var size = frames.Sum(f => (long)f.Pixels.Length);
        // reserve the bytes first so concurrent adds never overshoot the budget
        if (Interlocked.Add(ref _bytes, size) <= MaxBytes)
        {
            if (!_buffers.TryAdd(key, frames))
            {
                Interlocked.Add(ref _bytes, -size);
            }
        }
        else
        {
            Interlocked.Add(ref _bytes, -size);
        }
        return frames;
    }
}
