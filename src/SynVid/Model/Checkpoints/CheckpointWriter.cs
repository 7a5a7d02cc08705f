using System.Collections;
using System.Collections.Specialized;
using SynVid.Serialization;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace SynVid.Model.Checkpoints;

/// <summary>
/// Writes checkpoints in the reference layout, <c>{'model': state_dict, ...extras}</c> (docs/reference-behaviour.md §4.9), as a
/// <c>torch.save</c> zip file that Python's <c>torch.load</c> reads. Written to a temporary name, then renamed.
/// </summary>
public static class CheckpointWriter
{
    /// <summary>
    /// Saves the module's state dict under 'model'. <paramref name="extras"/> adds top-level entries (epoch, optimizer state,
    /// args): values may be tensors, numbers, strings, lists and dictionaries of those.
    /// </summary>
    public static void Save(string path, nn.Module model, IReadOnlyDictionary<string, object>? extras = null) =>
        Save(path, model.state_dict(), extras);

    /// <summary>
    /// Saves the model under 'model' and the optimiser's state under 'optimizer' in PyTorch's optimizer state-dict layout
    /// ({'state': {index: {...}}, 'param_groups': [...]}), plus <paramref name="extras"/>.
    /// </summary>
    public static void Save(string path, nn.Module model, OptimizerHelper optimizer, IReadOnlyDictionary<string, object>? extras = null)
    {
        // PyBridge writes the optimiser in torch's layout; read it back as plain objects and nest it in the checkpoint.
        using var buffer = new MemoryStream();
        optimizer.save_py(buffer, leaveOpen: true);
        buffer.Position = 0;
        var optimizerState = PyTorchUnpickler.UnpickleStateDict(buffer, leaveOpen: true);
        try
        {
            var all = new Dictionary<string, object>(extras ?? new Dictionary<string, object>()) { ["optimizer"] = optimizerState };
            Save(path, model.state_dict(), all);
        }
        finally
        {
            CheckpointReader.DisposeTensorsExcept(optimizerState, []);
        }
    }

    /// <summary>Saves <paramref name="stateDict"/> under 'model' with optional top-level <paramref name="extras"/>.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> stateDict, IReadOnlyDictionary<string, object>? extras = null)
    {
        var model = new OrderedDictionary();
        var copies = new List<Tensor>();
        foreach (var (key, value) in stateDict)
        {
            // Parameters are saved as plain tensors so that torch.load(weights_only=True) accepts the file.
            var plain = value.detach();
            copies.Add(plain);
            model[key] = plain;
        }
        var root = new OrderedDictionary { ["model"] = model };
        foreach (var (key, value) in extras ?? new Dictionary<string, object>())
        {
            if (key == "model")
            {
                throw new ArgumentException("'model' is reserved for the state dict", nameof(extras));
            }
            root[key] = value;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        try
        {
            AtomicFile.Write(path, stream => PyTorchPickler.PickleStateDict(stream, (IDictionary)root, leaveOpen: true));
        }
        finally
        {
            foreach (var c in copies)
            {
                c.Dispose();
            }
        }
    }
}
