using SynVid.Datasets;

namespace SynVid.Tests.Datasets;

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
}
