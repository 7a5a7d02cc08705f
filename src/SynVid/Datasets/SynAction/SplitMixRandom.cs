using SynVid.Randomness;

namespace SynVid.Datasets.SynAction;

/// <summary>
/// A <see cref="Random"/> driven by a 64-bit SplitMix64 stream: seeded from a full 64-bit key (so keys derived from
/// (seed, split, index) never collide in practice) and identical on every platform and .NET version.
/// </summary>
public sealed class SplitMixRandom : Random
{
    private ulong _state;

    /// <summary>Starts the stream at <paramref name="seed"/>.</summary>
    public SplitMixRandom(ulong seed)
    {
        _state = seed;
    }

    /// <summary>A key for a tuple of integers, e.g. (seed, split, index).</summary>
    public static ulong Key(params ReadOnlySpan<long> parts)
    {
        var h = SplitMix64.Gamma;
        foreach (var p in parts)
        {
            h = SplitMix64.Mix(h ^ (unchecked((ulong)p) + SplitMix64.Gamma));
        }
        return h;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => SplitMix64.Next(ref _state);

    /// <inheritdoc />
    protected override double Sample() => RandomBits.ToUnitDouble(NextUInt64());

    /// <inheritdoc />
    public override double NextDouble() => Sample();

    /// <inheritdoc />
    public override int Next() => (int)(NextUInt64() >> 33);

    /// <inheritdoc />
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)(Sample() * maxValue);
    }

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (int)(Sample() * ((long)maxValue - minValue));
    }

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(NextUInt64() >> 56);
        }
    }
}
