using static TorchSharp.torch;

namespace SynVid.Model.Checkpoints;

/// <summary>A named set of tensors read from a checkpoint file; owns (and disposes) the tensors.</summary>
public sealed class StateDict : IDisposable
{
    private readonly bool _ownsTensors;

    /// <summary>
    /// Wraps <paramref name="tensors"/>; <paramref name="source"/> names the file in error messages. With
    /// <paramref name="ownsTensors"/> false this is a view and disposing it leaves the tensors alone.
    /// </summary>
    public StateDict(IReadOnlyDictionary<string, Tensor> tensors, string source, bool ownsTensors = true)
    {
        Tensors = tensors;
        Source = source;
        _ownsTensors = ownsTensors;
    }

    /// <summary>Tensors by key, in the reference layout.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>The file the tensors came from.</summary>
    public string Source { get; }

    /// <summary>Whether <paramref name="key"/> is present.</summary>
    public bool Contains(string key) => Tensors.ContainsKey(key);

    /// <summary>The tensor for <paramref name="key"/>; throws a <see cref="UserInputException"/> naming the key and file if absent.</summary>
    public Tensor this[string key] => Tensors.TryGetValue(key, out var t)
        ? t
        : throw new UserInputException($"{Source}: missing key '{key}'");

    /// <summary>A view with keys renamed by <paramref name="rename"/> (null drops the key); this object keeps owning the tensors.</summary>
    public StateDict Rename(Func<string, string?> rename)
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var (key, value) in Tensors)
        {
            var name = rename(key);
            if (name is null)
            {
                continue;
            }
            if (!result.TryAdd(name, value))
            {
                throw new UserInputException($"{Source}: keys collide after renaming at '{name}'");
            }
        }
        return new StateDict(result, Source, ownsTensors: false);
    }

    /// <summary>Disposes every tensor (unless this is a view).</summary>
    public void Dispose()
    {
        if (!_ownsTensors)
        {
            return;
        }
        foreach (var t in Tensors.Values)
        {
            t.Dispose();
        }
    }
}
