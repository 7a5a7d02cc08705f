using System.Globalization;

namespace SynVid.Synthesis;

/// <summary>
/// Shard i of n (0 ≤ i &lt; n): video k belongs to shard k mod n, so independent jobs (e.g. a cluster array job
/// with i = the task id) split a dataset with no coordination.
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole dataset.</summary>
    public static ShardSpec All => new(0, 1);

    /// <summary>Whether video <paramref name="video"/> belongs to this shard.</summary>
    public bool Contains(long video) => video % Count == Index;

    /// <summary>Parses "i/n"; throws <see cref="UserInputException"/> otherwise.</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = (text ?? "").Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && i < n)
        {
            return new ShardSpec(i, n);
        }
        throw new UserInputException($"--shard '{text}' must be i/n with 0 ≤ i < n, e.g. 0/4");
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
