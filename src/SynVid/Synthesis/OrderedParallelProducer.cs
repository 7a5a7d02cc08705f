namespace SynVid.Synthesis;

/// <summary>
/// Produces items 0..count−1 on up to <c>parallelism</c> threads and yields them in index order, with at most
/// <c>capacity</c> items produced ahead of the consumer. Each item is a pure function of its index, so the output
/// never depends on the parallelism.
/// </summary>
public static class OrderedParallelProducer
{
    /// <summary>Yields <paramref name="make"/>(i) for i = 0..count−1 in order.</summary>
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
        return Run(count, make, workers, window, cancellationToken);
    }

    private static IEnumerable<T> Run<T>(int count, Func<int, T> make, int workers, int window, CancellationToken token)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(token);
        var scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, workers).ConcurrentScheduler;
        var pending = new Queue<Task<T>>();
        var next = 0;
        Task<T> Start(int i) => Task.Factory.StartNew(() => make(i), cts.Token, TaskCreationOptions.DenyChildAttach, scheduler);
        try
        {
            while (pending.Count < window && next < count)
            {
                pending.Enqueue(Start(next++));
            }
            while (pending.Count > 0)
            {
                var item = pending.Dequeue().GetAwaiter().GetResult();
                if (next < count)
                {
                    pending.Enqueue(Start(next++));
                }
                yield return item;
            }
        }
        finally
        {
            // An abandoned enumeration stops the work still queued.
            cts.Cancel();
            foreach (var task in pending)
            {
                try
                {
                    task.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // Cancelled or failed after the consumer left: nobody is waiting for the result.
                }
            }
        }
    }
}
