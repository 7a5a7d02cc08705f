using SynVid.Concurrency;

namespace SynVid.Tests.Concurrency;

public class OrderedPrefetcherTests
{
    private static long Item(long i)
    {
        // Uneven work so that workers finish out of order.
        Thread.Sleep((int)(i * 7 % 5));
        return i * i + 3;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 8)]
    public void ItemsArriveInIndexOrderWhateverTheWorkerCount(int workers, int capacity)
    {
        using var p = new OrderedPrefetcher<long>(Item, start: 5, capacity: capacity, workers: workers);
        var got = Enumerable.Range(0, 40).Select(_ => p.Take()).ToArray();
        Assert.Equal(Enumerable.Range(5, 40).Select(i => Item(i)), got);
    }

    [Fact]
    public void ProducerFailuresSurfaceInTake()
    {
        using var p = new OrderedPrefetcher<long>(i => i == 3 ? throw new IOException("broken video 3") : i, 0, 2, 2);
        Assert.Equal(0, p.Take());
        Assert.Equal(1, p.Take());
        Assert.Equal(2, p.Take());
        var e = Assert.Throws<InvalidOperationException>(() => p.Take());
        Assert.Contains("broken video 3", e.Message, StringComparison.Ordinal);
    }

    private sealed class Tracked(List<Tracked> disposed) : IDisposable
    {
        public void Dispose()
        {
            lock (disposed)
            {
                disposed.Add(this);
            }
        }
    }

    [Fact]
    public void UntakenItemsAreDisposed()
    {
        var disposed = new List<Tracked>();
        var p = new OrderedPrefetcher<Tracked>(_ => new Tracked(disposed), 0, 4, 2);
        var first = p.Take();
        SpinWait.SpinUntil(() => false, 100);
        p.Dispose();
        Assert.DoesNotContain(first, disposed);
        Assert.InRange(disposed.Count, 1, 4);
    }

    [Fact]
    public void TheEarliestFailureReachesTheConsumerAfterEveryItemBeforeIt()
    {
        // items 3 and 6 fail, 6 first in time: the consumer still meets 0, 1, 2 and then the failure of 3
        static long Make(long i)
        {
            if (i == 3)
            {
                Thread.Sleep(50);
                throw new IOException("broken video 3");
            }
            return i == 6 ? throw new IOException("broken video 6") : i;
        }
        using var p = new OrderedPrefetcher<long>(Make, 0, 8, 4);
        Assert.Equal([0L, 1L, 2L], [p.Take(), p.Take(), p.Take()]);
        var e = Assert.Throws<InvalidOperationException>(() => p.Take());
        Assert.Contains("broken video 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TakingPastTheEndThrows()
    {
        var made = 0;
        using var p = new OrderedPrefetcher<long>(i =>
        {
            Interlocked.Increment(ref made);
            return i;
        }, 2, 4, 3, end: 4);
        Assert.Equal([2L, 3L], [p.Take(), p.Take()]);
        Assert.Throws<InvalidOperationException>(() => p.Take());
        Assert.Equal(2, made);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 0)]
    [InlineData(8, 2)]
    public void ProduceYieldsTheRangeInOrderWhateverTheParallelism(int parallelism, int capacity)
    {
        var got = OrderedPrefetcher.Produce(30, i => Item(i), parallelism, capacity).ToArray();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => Item(i)), got);
        Assert.Empty(OrderedPrefetcher.Produce(0, i => Item(i), parallelism, capacity));
    }

    [Fact]
    public void ProduceRethrowsTheFirstFailureAsItWasThrown()
    {
        var e = Assert.Throws<IOException>(() => OrderedPrefetcher.Produce(10, i => i >= 4 ? throw new IOException($"item {i}") : i, 3).ToList());
        Assert.Equal("item 4", e.Message);
    }

    [Fact]
    public void ProduceStartsWithTheEnumerationAndStopsWhenItIsLeft()
    {
        var made = 0;
        var items = OrderedPrefetcher.Produce(1000, i => Interlocked.Increment(ref made), 2, 4);
        Thread.Sleep(50);
        Assert.Equal(0, Volatile.Read(ref made));
        Assert.Equal(2, items.Take(2).Count());
        var afterLeaving = Volatile.Read(ref made);
        Thread.Sleep(50);
        Assert.Equal(afterLeaving, Volatile.Read(ref made));
        Assert.InRange(afterLeaving, 2, 6);
    }
}
