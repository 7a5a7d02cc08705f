using SynVid.Synthesis;

namespace SynVid.Datasets;

/// <summary>
/// The seeded visiting order of a list's items in each epoch (a Fisher–Yates shuffle from
/// <see cref="SeededRandom"/>(seed, epoch, −1)). Only the current epoch's order is kept, so memory stays flat over any
/// number of epochs; thread-safe.
/// </summary>
public sealed class EpochOrder(int count, long seed)
{
    private readonly object _lock = new();
    private (long Epoch, int[] Order) _last = (-1, []);

    /// <summary>The order of epoch <paramref name="epoch"/>: a permutation of 0..count−1.</summary>
    public int[] Of(long epoch)
    {
        lock (_lock)
        {
            if (_last.Epoch != epoch)
            {
                var order = Enumerable.Range(0, count).ToArray();
                var rng = new SeededRandom(seed, epoch, -1);
                for (var i = order.Length - 1; i > 0; i--)
                {
                    var j = rng.NextInt(0, i);
                    (order[i], order[j]) = (order[j], order[i]);
                }
                _last = (epoch, order);
            }
            return _last.Order;
        }
    }
}
