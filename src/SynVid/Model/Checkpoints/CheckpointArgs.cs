using System.Collections;
using TorchSharp.PyBridge;

namespace SynVid.Model.Checkpoints;

/// <summary>
/// The <c>'args'</c> entry of a reference-layout checkpoint (the training configuration), as plain values; empty for
/// files without one (bare state dicts, safetensors).
/// </summary>
public sealed class CheckpointArgs
{
    private readonly Dictionary<string, object?> _values;

    private CheckpointArgs(Dictionary<string, object?> values)
    {
        _values = values;
    }

    /// <summary>Every entry.</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary>Reads the args of <paramref name="path"/> (a PyTorch zip file; anything else has none).</summary>
    public static CheckpointArgs Read(string path)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (!IsPyTorchZip(path))
        {
            return new CheckpointArgs(values);
        }
        var root = CheckpointReader.Unpickle(path);
        try
        {
            if (root["args"] is IDictionary args)
            {
                foreach (DictionaryEntry entry in args)
                {
                    if (entry.Key is string key)
                    {
                        values[key] = entry.Value;
                    }
                }
            }
        }
        finally
        {
            CheckpointReader.DisposeTensorsExcept(root, []);
        }
        return new CheckpointArgs(values);
    }

    /// <summary>An integer entry (the first of <paramref name="keys"/> present), or null.</summary>
    public int? Int(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (_values.TryGetValue(key, out var value) && value is not null and not string and not IEnumerable)
            {
                return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    /// <summary>A list-of-strings entry, or null.</summary>
    public IReadOnlyList<string>? Strings(string key) =>
        _values.TryGetValue(key, out var value) && value is IEnumerable items and not string
            ? items.Cast<object?>().Select(o => o?.ToString() ?? "").ToArray()
            : null;

    private static bool IsPyTorchZip(string path)
    {
        Span<byte> head = stackalloc byte[2];
        using var probe = File.OpenRead(path);
        return probe.Read(head) == 2 && head[0] == (byte)'P' && head[1] == (byte)'K';
    }
}
