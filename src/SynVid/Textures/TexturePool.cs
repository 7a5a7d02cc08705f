using SynVid.Video;

namespace SynVid.Textures;

/// <summary>
/// A bounded pool of K procedurally generated textures for on-the-fly training (the paper draws from 300k): texture i
/// is generator.Generate(i), made lazily (on first request, or ahead by background workers) and cached in memory
/// (K × res² × 3 bytes). With a folder, textures already there are loaded instead of regenerated and new ones are
/// written (atomically), so later runs reuse them. Thread-safe.
/// </summary>
public sealed class TexturePool : ITextureSource, IDisposable
{
    private readonly ITextureGenerator _generator;
    private readonly TextureFolder? _folder;
    private readonly Lazy<RgbImage>[] _entries;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private int _next = -1;

    /// <summary>Creates the pool and starts <paramref name="backgroundWorkers"/> workers that fill it in index order.</summary>
    public TexturePool(ITextureGenerator generator, int count, string? folder = null, int backgroundWorkers = 1)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (count < 1)
        {
            throw new UserInputException($"texture pool size must be at least 1, got {count}");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(backgroundWorkers);
        _generator = generator;
        _folder = folder is null ? null : new TextureFolder(folder, generator);
        _entries = new Lazy<RgbImage>[count];
        for (var i = 0; i < count; i++)
        {
            var index = i;
            _entries[i] = new Lazy<RgbImage>(() => Produce(index), LazyThreadSafetyMode.ExecutionAndPublication);
        }
        _workers = Enumerable.Range(0, backgroundWorkers).Select(_ => Task.Run(Fill)).ToArray();
    }

    /// <inheritdoc/>
    public string Name => $"pool:{_generator.Kind.Name()} ({Count:N0} textures, {_generator.Resolution}², seed {_generator.Seed})" +
        (_folder is null ? "" : $" in {_folder.Path}");

    /// <inheritdoc/>
    public int Count => _entries.Length;

    /// <summary>How many textures are ready in memory.</summary>
    public int Ready => _entries.Count(e => e.IsValueCreated);

    /// <inheritdoc/>
    public RgbImage Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _entries[index].Value;
    }

    /// <summary>Blocks until every texture is ready (or <paramref name="cancellation"/> fires).</summary>
    public void WaitUntilFull(CancellationToken cancellation = default)
    {
        for (var i = 0; i < Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            _ = _entries[i].Value;
        }
    }

    /// <summary>Stops the background workers (textures in flight finish first).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            Task.WaitAll(_workers);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
        {
        }
        _stop.Dispose();
    }

    private void Fill()
    {
        while (!_stop.IsCancellationRequested)
        {
            var index = Interlocked.Increment(ref _next);
            if (index >= Count)
            {
                return;
            }
            try
            {
                _ = _entries[index].Value;
            }
            catch (Exception)
            {
                // The Lazy keeps the exception; Get(index) rethrows it to the caller that needs the texture.
            }
        }
    }

    private RgbImage Produce(int index)
    {
        if (_folder is null)
        {
            return _generator.Generate(index);
        }
        var path = _folder.FileOf(index);
        if (File.Exists(path))
        {
            var loaded = PngFile.Read(path);
            if (loaded.Width != _generator.Resolution || loaded.Height != _generator.Resolution)
            {
                throw new UserInputException($"{path}: {loaded.Width}×{loaded.Height}, expected {_generator.Resolution}²");
            }
            return loaded;
        }
        var image = _generator.Generate(index);
        PngFile.Write(path, image);
        return image;
    }
}
