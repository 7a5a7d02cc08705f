using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace SynVid.Datasets;

/// <summary>
/// Produces items <c>make(i)</c> for i = start, start+1, … on background workers, at most <c>capacity</c> ahead of the
/// consumer, and hands them out strictly in index order. Because each item is a pure function of its index, what the
/// consumer sees never depends on the number of workers. Tracks how long the consumer waited, so a training loop can
/// report its data-wait share.
/// </summary>
/// <typeparam name="T">The item type; disposable items not taken are disposed on <see cref="Dispose"/>.</typeparam>
public sealed class OrderedPrefetcher<T> : IDisposable
{
    private readonly Func<long, T> _make;
    private readonly ConcurrentDictionary<long, T> _ready = new();
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly object _signal = new();
    private long _nextToMake;
    private long _nextToTake;
    private Exception? _failure;

    /// <summary>Starts <paramref name="workers"/> background producers.</summary>
    public OrderedPrefetcher(Func<long, T> make, long start, int capacity, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _make = make;
        _nextToMake = start;
        _nextToTake = start;
        _slots = new SemaphoreSlim(capacity, capacity);
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(Work, TaskCreationOptions.LongRunning)).ToArray();
    }

    /// <summary>Total time <see cref="Take"/> spent waiting for an item not yet produced.</summary>
    public TimeSpan WaitTime { get; private set; }

    /// <summary>
    /// The next item in index order; blocks until it is produced. A producer's <see cref="UserInputException"/> is
    /// rethrown as it is, any other failure wrapped in an <see cref="InvalidOperationException"/>.
    /// </summary>
    public T Take()
    {
        var index = _nextToTake;
        var start = Stopwatch.GetTimestamp();
        T? item;
        lock (_signal)
        {
            while (!_ready.TryRemove(index, out item))
            {
                if (_failure is UserInputException or OperationCanceledException)
                {
                    // A user error (a bad video) keeps its type, so the caller reports it as one line.
                    ExceptionDispatchInfo.Capture(_failure).Throw();
                }
                if (_failure is not null)
                {
                    throw new InvalidOperationException($"producing item {index} failed: {_failure.Message}", _failure);
                }
                Monitor.Wait(_signal, 100);
            }
        }
        WaitTime += Stopwatch.GetElapsedTime(start);
        _nextToTake++;
        _slots.Release();
        return item;
    }

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

    private void Work()
    {
        try
        {
            while (true)
            {
                _slots.Wait(_stop.Token);
                var index = Interlocked.Increment(ref _nextToMake) - 1;
                var item = _make(index);
                _ready[index] = item;
                lock (_signal)
                {
                    Monitor.PulseAll(_signal);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            lock (_signal)
            {
                _failure ??= e;
                Monitor.PulseAll(_signal);
            }
        }
    }
}
