using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace SynVid.Concurrency;

/// <summary>
/// Produces items <c>make(i)</c> for i = start, start+1, … (up to an optional end) on background workers, at most
/// <c>capacity</c> ahead of the consumer, and hands them out strictly in index order. Because each item is a pure
/// function of its index, what the consumer sees never depends on the number of workers, a failure included: the
/// failure of <c>make(i)</c> reaches the consumer when it takes item i, after every item before it. Tracks how long
/// the consumer waited, so a training loop can report its data-wait share. <see cref="OrderedPrefetcher.Produce{T}"/>
/// enumerates a finite range with it.
/// </summary>
/// <typeparam name="T">The item type; disposable items not taken are disposed on <see cref="Dispose"/>.</typeparam>
public sealed class OrderedPrefetcher<T> : IDisposable
{
    private readonly Func<long, T> _make;
    private readonly long _end;
    private readonly CancellationToken _cancellation;
    private readonly ConcurrentDictionary<long, T> _ready = new();
    private readonly ConcurrentDictionary<long, Exception> _failed = new();
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop;
    private readonly Task[] _workers;
    private readonly object _signal = new();
    private long _nextToMake;
    private long _nextToTake;

    /// <summary>
    /// Starts <paramref name="workers"/> background producers of items <paramref name="start"/> up to
    /// <paramref name="end"/> (exclusive; default: no end). <paramref name="cancellation"/> stops them and makes
    /// <see cref="Take"/> throw <see cref="OperationCanceledException"/> for an item not yet produced.
    /// </summary>
    public OrderedPrefetcher(Func<long, T> make, long start, int capacity, int workers, long end = long.MaxValue, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(make);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _make = make;
        _end = end;
        _cancellation = cancellation;
        _nextToMake = start;
        _nextToTake = start;
        _slots = new SemaphoreSlim(capacity, capacity);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        // Dedicated threads: a producer blocks for as long as the consumer runs (a whole training run).
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(Work, TaskCreationOptions.LongRunning)).ToArray();
    }

    /// <summary>Total time <see cref="Take"/> spent waiting for an item not yet produced.</summary>
    public TimeSpan WaitTime { get; private set; }

    /// <summary>
    /// The next item in index order; blocks until it is produced. The producer's <see cref="UserInputException"/> or
    /// <see cref="OperationCanceledException"/> is rethrown as it is, any other failure wrapped in an
    /// <see cref="InvalidOperationException"/> that names the item.
    /// </summary>
    public T Take() => Next(asThrown: false);

    /// <summary>As <see cref="Take"/>, but every failure of the producer is rethrown as it was thrown.</summary>
    internal T TakeAsThrown() => Next(asThrown: true);

    /// <summary>Stops the workers and disposes items produced but not taken.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            Task.WaitAll(_workers, TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Failures were already surfaced through Take.
        }
        foreach (var item in _ready.Values)
        {
            (item as IDisposable)?.Dispose();
        }
        _ready.Clear();
        _slots.Dispose();
        _stop.Dispose();
    }

    private T Next(bool asThrown)
    {
        var index = _nextToTake;
        if (index >= _end)
        {
            throw new InvalidOperationException($"no item {index}: the prefetcher ends at {_end}");
        }
        var start = Stopwatch.GetTimestamp();
        T? item;
        lock (_signal)
        {
            while (!_ready.TryRemove(index, out item))
            {
                if (_failed.TryGetValue(index, out var failure))
                {
                    if (asThrown || failure is UserInputException or OperationCanceledException)
                    {
                        // A user error (a bad video) keeps its type, so the caller reports it as one line.
                        ExceptionDispatchInfo.Capture(failure).Throw();
                    }
                    throw new InvalidOperationException($"producing item {index} failed: {failure.Message}", failure);
                }
                _cancellation.ThrowIfCancellationRequested();
                Monitor.Wait(_signal, 100);
            }
        }
        WaitTime += Stopwatch.GetElapsedTime(start);
        _nextToTake++;
        _slots.Release();
        return item;
    }

    private void Work()
    {
        try
        {
            while (true)
            {
                _slots.Wait(_stop.Token);
                var index = Interlocked.Increment(ref _nextToMake) - 1;
                if (index >= _end)
                {
                    return;
                }
                try
                {
                    _ready[index] = _make(index);
                }
                catch (Exception e) when (!(e is OperationCanceledException && _stop.IsCancellationRequested))
                {
                    // Kept for item `index`, so the consumer meets it in order; this worker stops.
                    _failed[index] = e;
                    return;
                }
                finally
                {
                    lock (_signal)
                    {
                        Monitor.PulseAll(_signal);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed or cancelled.
        }
    }
}
