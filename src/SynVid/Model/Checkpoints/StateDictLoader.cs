using static TorchSharp.torch;

namespace SynVid.Model.Checkpoints;

/// <summary>Copies checkpoint tensors into a module by key, checking shapes.</summary>
public static class StateDictLoader
{
    /// <summary>
    /// Copies every tensor of <paramref name="source"/> whose key the module has (converting dtype and device). A shape
    /// mismatch throws a <see cref="UserInputException"/> naming the key; with <paramref name="strict"/> so does any missing or
    /// unexpected key.
    /// </summary>
    public static LoadReport Load(nn.Module module, StateDict source, bool strict = true)
    {
        var target = module.state_dict();
        var missing = target.Keys.Where(k => !source.Contains(k)).ToList();
        var unexpected = source.Tensors.Keys.Where(k => !target.ContainsKey(k)).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0))
        {
            throw new UserInputException(
                $"{source.Source}: checkpoint does not match the model; missing: [{string.Join(", ", missing)}], unexpected: [{string.Join(", ", unexpected)}]");
        }
        foreach (var (key, destination) in target)
        {
            if (source.Tensors.TryGetValue(key, out var value) && !value.shape.SequenceEqual(destination.shape))
            {
                throw new UserInputException(
                    $"{source.Source}: '{key}' has shape ({string.Join(", ", value.shape)}) but the model expects ({string.Join(", ", destination.shape)})");
            }
        }
        using (no_grad())
        {
            foreach (var (key, destination) in target)
            {
                if (source.Tensors.TryGetValue(key, out var value))
                {
                    destination.copy_(value);
                }
            }
        }
        return new LoadReport(missing, unexpected);
    }
}
