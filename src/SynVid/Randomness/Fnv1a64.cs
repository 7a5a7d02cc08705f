using System.Text;

namespace SynVid.Randomness;

/// <summary>The 64-bit FNV-1a hash, which names streams by strings.</summary>
public static class Fnv1a64
{
    private const ulong Offset = 0xCBF29CE484222325UL;
    private const ulong Prime = 0x100000001B3UL;

    /// <summary>The hash of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static ulong OfUtf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var h = Offset;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            h = (h ^ b) * Prime;
        }
        return h;
    }

    /// <summary>
    /// The hash of <paramref name="text"/>'s UTF-16 code units, one per step (equal to <see cref="OfUtf8"/> for ASCII
    /// only; texture stream tags were defined this way).
    /// </summary>
    public static ulong OfChars(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var h = Offset;
        foreach (var ch in text)
        {
            h = (h ^ ch) * Prime;
        }
        return h;
    }
}
