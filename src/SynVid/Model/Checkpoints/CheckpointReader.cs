using System.Collections;
using SynVid.Serialization;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace SynVid.Model.Checkpoints;

/// <summary>
/// Reads model weights from PyTorch <c>.pth</c> files (the zip format of <c>torch.save</c>; a bare state dict or the
/// reference layout <c>{'model': state_dict, ...}</c> / DeepSpeed <c>{'module': ...}</c>, docs/reference-behaviour.md §4.9) and from
/// safetensors files (HuggingFace VideoMAE names are mapped to the reference names).
/// </summary>
public static class CheckpointReader
{
    /// <summary>Reads the model tensors of <paramref name="path"/>, detecting the format from the file's first bytes.</summary>
    public static StateDict Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException(Directory.Exists(path)
                ? $"checkpoint {path} is a folder; give a checkpoint file or a run folder holding checkpoints/latest"
                : $"checkpoint {path} does not exist");
        }
        Span<byte> head = stackalloc byte[9];
        int read;
        using (var probe = File.OpenRead(path))
        {
            read = probe.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        if (read >= 2 && head[0] == (byte)'P' && head[1] == (byte)'K')
        {
            return ReadPyTorch(path);
        }
        // safetensors: an 8-byte little-endian header length, then the JSON header
        if (read == head.Length && head[8] == (byte)'{')
        {
            return ReadSafetensors(path);
        }
        if (read >= 1 && head[0] == 0x80)
        {
            throw new UserInputException(
                $"{path}: a legacy (non-zip) torch.save file, which SynVid cannot read; re-save it with torch.save(obj, path) from PyTorch ≥ 1.6");
        }
        throw new UserInputException($"{path}: not a checkpoint (neither a PyTorch .pth zip file written by torch.save nor a safetensors file)");
    }

    /// <summary>Reads a <c>torch.save</c> zip file holding a state dict, optionally under 'model' or 'module'.</summary>
    public static StateDict ReadPyTorch(string path)
    {
        var root = Unpickle(path);
        var tensors = TensorsOf(root["model"] as IDictionary ?? root["module"] as IDictionary ?? root);
        // Everything else (optimizer state, args) was unpickled too; free its tensors now.
        // by reference: Tensor.Equals compares values, and a tensor holding NaN is not equal to itself
        DisposeTensorsExcept(root, new HashSet<Tensor>(tensors.Values, ReferenceEqualityComparer.Instance));
        if (tensors.Count == 0)
        {
            var keys = string.Join(", ", root.Keys.Cast<object>().Select(k => k.ToString()));
            throw new UserInputException($"{path}: no model tensors found (top-level keys: {keys}); expected a state dict or {{'model': state_dict}}");
        }
        return new StateDict(tensors, path);
    }

    /// <summary>Restores <paramref name="optimizer"/> from the 'optimizer' entry written by <see cref="CheckpointWriter"/> (or torch).</summary>
    public static void LoadOptimizer(string path, OptimizerHelper optimizer)
    {
        var root = Unpickle(path);
        try
        {
            LoadOptimizer(root, path, optimizer);
        }
        finally
        {
            DisposeTensorsExcept(root, []);
        }
    }

    /// <summary>The whole content of a <c>torch.save</c> zip file; the caller disposes its tensors.</summary>
    internal static Hashtable Unpickle(string path)
    {
        try
        {
            return PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (InvalidOperationException e)
        {
            // a zip without the entries torch.save writes (the unpickler finds no data.pkl)
            throw new UserInputException($"{path}: not a PyTorch checkpoint (a zip archive without the pickled data torch.save writes)", e);
        }
        catch (Exception e) when (e is NotImplementedException or InvalidDataException or InvalidCastException or IOException)
        {
            throw new UserInputException($"{path}: not a readable PyTorch checkpoint ({e.Message})", e);
        }
    }

    /// <summary>The tensors of a state dict, by key (entries that are not named tensors are skipped).</summary>
    internal static Dictionary<string, Tensor> TensorsOf(IDictionary stateDict)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry entry in stateDict)
        {
            if (entry.Key is string key && entry.Value is Tensor t)
            {
                tensors[key] = t;
            }
        }
        return tensors;
    }

    /// <summary>Restores <paramref name="optimizer"/> from the 'optimizer' entry of an unpickled checkpoint <paramref name="root"/>.</summary>
    internal static void LoadOptimizer(IDictionary root, string path, OptimizerHelper optimizer)
    {
        try
        {
            if (root["optimizer"] is not IDictionary state)
            {
                throw new UserInputException($"{path}: no 'optimizer' entry");
            }
            using var buffer = new MemoryStream();
            PyTorchPickler.PickleStateDict(buffer, state, leaveOpen: true);
            buffer.Position = 0;
            optimizer.load_py(buffer, leaveOpen: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or KeyNotFoundException)
        {
            throw new UserInputException($"{path}: the optimizer state does not match this optimizer ({e.Message})", e);
        }
    }

    /// <summary>Reads a safetensors file; HuggingFace VideoMAE names are mapped to the reference layout.</summary>
    public static StateDict ReadSafetensors(string path)
    {
        Dictionary<string, Tensor> tensors;
        try
        {
            tensors = SafetensorsFile.Read(path);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or ArgumentException)
        {
            throw new UserInputException($"{path}: not a readable safetensors file ({e.Message})", e);
        }
        var dict = new StateDict(tensors, path);
        return HuggingFaceKeys.IsHuggingFace(tensors.Keys) ? HuggingFaceKeys.ToReference(dict) : dict;
    }

    internal static void DisposeTensorsExcept(object? node, HashSet<Tensor> keep)
    {
        switch (node)
        {
            case Tensor t when !keep.Contains(t):
                t.Dispose();
                break;
            case IDictionary d:
                foreach (DictionaryEntry e in d)
                {
                    DisposeTensorsExcept(e.Value, keep);
                }
                break;
            case IEnumerable list and not string:
                foreach (var item in list)
                {
                    DisposeTensorsExcept(item, keep);
                }
                break;
        }
    }
}
