using System.Collections;
using System.Globalization;
using System.Text.Json;
using SynVid.Model.Checkpoints;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>
/// Training checkpoints in a run folder, each a folder <c>checkpoints/step-NNNNNNNN/</c> holding
/// <c>checkpoint.pth</c> (the reference layout: <c>{'model': state_dict, 'optimizer': torch's optimizer state_dict,
/// 'epoch', 'step', 'args', 'rng_state'}</c>, readable by <c>torch.load</c>) and <c>state.json</c>.
/// A checkpoint is written into a temporary folder and renamed into place, then the <c>latest</c> pointer is
/// replaced by rename, so a process killed at any moment leaves the previous checkpoint intact and loadable.
/// </summary>
public sealed class CheckpointStore
{
    private const string LatestFile = "latest";

    /// <summary>Opens (or creates on first save) the checkpoint folder of a run.</summary>
    public CheckpointStore(string runDirectory)
    {
        Directory = System.IO.Path.Combine(runDirectory, "checkpoints");
    }

    /// <summary>The folder holding the checkpoints.</summary>
    public string Directory { get; }

    /// <summary>Folder name of the checkpoint at a step.</summary>
    public static string FolderName(long step) => "step-" + step.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Writes a checkpoint atomically and points <c>latest</c> at it; returns its folder.</summary>
    public string Save(long step, long epoch, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer, IReadOnlyDictionary<string, object> args, int keepLast = 0)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var final = System.IO.Path.Combine(Directory, FolderName(step));
        var tmp = final + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        if (System.IO.Directory.Exists(tmp))
        {
            System.IO.Directory.Delete(tmp, true);
        }
        System.IO.Directory.CreateDirectory(tmp);

        using var rng = torch.random.get_rng_state();
        var extras = new Dictionary<string, object>
        {
            ["epoch"] = epoch,
            ["step"] = step,
            ["args"] = args.ToDictionary(kv => kv.Key, kv => kv.Value),
            ["rng_state"] = rng,
        };
        CheckpointWriter.Save(System.IO.Path.Combine(tmp, "checkpoint.pth"), model, optimizer, extras);
        File.WriteAllText(System.IO.Path.Combine(tmp, "state.json"), JsonSerializer.Serialize(new CheckpointState(step, epoch, DateTimeOffset.UtcNow)));

        if (System.IO.Directory.Exists(final))
        {
            System.IO.Directory.Delete(final, true);
        }
        System.IO.Directory.Move(tmp, final);
        var pointerTmp = System.IO.Path.Combine(Directory, LatestFile + ".tmp");
        File.WriteAllText(pointerTmp, FolderName(step));
        File.Move(pointerTmp, System.IO.Path.Combine(Directory, LatestFile), overwrite: true);
        if (keepLast > 0)
        {
            foreach (var old in Completed().SkipLast(keepLast))
            {
                System.IO.Directory.Delete(System.IO.Path.Combine(Directory, FolderName(old)), true);
            }
        }
        return final;
    }

    /// <summary>Steps of the complete checkpoints, ascending (temporary folders of interrupted writes are ignored).</summary>
    public IReadOnlyList<long> Completed()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        var steps = new List<long>();
        foreach (var dir in System.IO.Directory.GetDirectories(Directory, "step-*"))
        {
            var name = System.IO.Path.GetFileName(dir);
            if (name.Length == 13 && long.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var step)
                && File.Exists(System.IO.Path.Combine(dir, "state.json")))
            {
                steps.Add(step);
            }
        }
        steps.Sort();
        return steps;
    }

    /// <summary>The step of the newest complete checkpoint, or null when there is none.</summary>
    public long? LatestStep()
    {
        var completed = Completed();
        return completed.Count == 0 ? null : completed[^1];
    }

    /// <summary>The path of the reference-layout file of a checkpoint.</summary>
    public string ModelFile(long step) => System.IO.Path.Combine(Directory, FolderName(step), "checkpoint.pth");

    /// <summary>Restores model weights, optimizer state and the torch RNG state; returns the stored (step, epoch).</summary>
    public (long Step, long Epoch) Load(long step, nn.Module model, TorchSharp.Modules.OptimizerHelper? optimizer)
    {
        var folder = System.IO.Path.Combine(Directory, FolderName(step));
        var checkpoint = PyTorchUnpickler.UnpickleStateDict(System.IO.Path.Combine(folder, "checkpoint.pth"));
        if (checkpoint["model"] is not Hashtable weights)
        {
            throw new UserInputException($"{folder}/checkpoint.pth: no 'model' state dict");
        }
        using (no_grad())
        {
            var parameters = model.state_dict();
            foreach (var (name, target) in parameters)
            {
                if (weights[name] is not Tensor source)
                {
                    throw new UserInputException($"{folder}/checkpoint.pth: missing key '{name}'");
                }
                if (!source.shape.SequenceEqual(target.shape))
                {
                    throw new UserInputException(
                        $"{folder}/checkpoint.pth: '{name}' has shape [{string.Join(',', source.shape)}], the model expects [{string.Join(',', target.shape)}]");
                }
                target.copy_(source);
                source.Dispose();
            }
        }
        if (optimizer is not null)
        {
            CheckpointReader.LoadOptimizer(System.IO.Path.Combine(folder, "checkpoint.pth"), optimizer);
        }
        if (checkpoint["rng_state"] is Tensor rng)
        {
            torch.random.set_rng_state(rng);
            rng.Dispose();
        }
        return (Convert.ToInt64(checkpoint["step"], CultureInfo.InvariantCulture), Convert.ToInt64(checkpoint["epoch"], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Deletes what writes killed mid-way left (<c>step-N.tmp-PID</c> folders and <c>latest.tmp</c>) when the writing
    /// process is gone; returns how many entries were removed. Runs call it when they start or resume.
    /// </summary>
    public int RemoveInterruptedWrites()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }
        var removed = 0;
        foreach (var dir in System.IO.Directory.GetDirectories(Directory, "step-*.tmp-*"))
        {
            var suffix = dir[(dir.LastIndexOf(".tmp-", StringComparison.Ordinal) + 5)..];
            if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsRunning(pid))
            {
                continue;
            }
            System.IO.Directory.Delete(dir, recursive: true);
            removed++;
        }
        var pointer = System.IO.Path.Combine(Directory, LatestFile + ".tmp");
        if (File.Exists(pointer))
        {
            File.Delete(pointer);
            removed++;
        }
        return removed;
    }

    // another live process (not this one, which has no write in progress when a run starts)
    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return false;
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private sealed record CheckpointState(long Step, long Epoch, DateTimeOffset SavedAt);
}
