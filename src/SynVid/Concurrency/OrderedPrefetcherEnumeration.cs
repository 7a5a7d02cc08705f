namespace SynVid.Concurrency;

/// <summary>A finite range of items, produced in parallel and enumerated in order by an <see cref="OrderedPrefetcher{T}"/>.</summary>
public static class OrderedPrefetcher
{
    /// <summary>
    /// Yields <paramref name="make"/>(i) for i = 0..count−1 in order. Nothing starts before the enumeration does;
    /// leaving it early stops the workers (and disposes items produced but not taken). A failure of make(i) is
    /// rethrown, as it was thrown, when item i is reached.
    /// </summary>
    /// <param name="count">Number of items.</param>
    /// <param name="make">Builds item i; called concurrently from several threads.</param>
    /// <param name="parallelism">Worker threads; 0 = all cores.</param>
    /// <param name="capacity">Items in flight or waiting (≥ parallelism); 0 = 2 × parallelism.</param>
    /// <param name="cancellationToken">Stops the workers.</param>
    public static IEnumerable<T> Produce<T>(int count, Func<int, T> make, int parallelism = 0, int capacity = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(make);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var workers = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        var window = Math.Max(capacity > 0 ? capacity : 2 * workers, 1);
        return Enumerate(count, make, workers, window, cancellationToken);
    }

    private static IEnumerable<T> Enumerate<T>(int count, Func<int, T> make, int workers, int window, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            yield break;
        }
        // No more workers than items: a worker past the end would only start and stop.
        using var prefetcher = new OrderedPrefetcher<T>(i => make((int)i), 0, window, Math.Min(workers, count), end: count, cancellation: cancellationToken);
        for (var i = 0; i < count; i++)
        {
            yield return prefetcher.TakeAsThrown();
        }
    }
}
