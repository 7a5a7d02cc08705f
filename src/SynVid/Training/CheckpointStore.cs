using System.Collections;
using System.Globalization;
using System.Text.Json;
using SynVid.Model.Checkpoints;
using SynVid.Serialization;
using TorchSharp;
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

    /// <summary>
    /// Writes a checkpoint atomically and points <c>latest</c> at it; returns its folder. With <paramref name="keepLast"/>
    /// above 0, older checkpoints beyond the newest that many are deleted, except the steps in <paramref name="pinned"/>.
    /// </summary>
    public string Save(
        long step, long epoch, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer, IReadOnlyDictionary<string, object> args,
        int keepLast = 0, IReadOnlySet<long>? pinned = null)
    {
        System.IO.Directory.CreateDirectory(Directory);
        // Folders of writes that an earlier, killed run left behind.
        AtomicFile.CleanStale(Directory);
        var final = System.IO.Path.Combine(Directory, FolderName(step));
        using var rng = torch.random.get_rng_state();
        var extras = new Dictionary<string, object>
        {
            ["epoch"] = epoch,
            ["step"] = step,
            ["args"] = args.ToDictionary(kv => kv.Key, kv => kv.Value),
            ["rng_state"] = rng,
        };
        AtomicFile.WriteFolder(final, folder =>
        {
            // The folder is renamed when complete, so state.json needs no temporary name of its own.
            CheckpointWriter.Save(System.IO.Path.Combine(folder, "checkpoint.pth"), model, optimizer, extras);
            File.WriteAllText(System.IO.Path.Combine(folder, "state.json"), JsonSerializer.Serialize(new CheckpointState(step, epoch, DateTimeOffset.UtcNow)));
        });
        AtomicFile.WriteAllText(System.IO.Path.Combine(Directory, LatestFile), FolderName(step));
        if (keepLast > 0)
        {
            foreach (var old in Completed().SkipLast(keepLast).Where(s => pinned?.Contains(s) != true))
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

    /// <summary>The epochs done at the newest complete checkpoint (from its <c>state.json</c>), or null when there is none.</summary>
    public long? LatestEpoch()
    {
        if (LatestStep() is not { } step)
        {
            return null;
        }
        var state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(System.IO.Path.Combine(Directory, FolderName(step), "state.json")));
        return state?.Epoch;
    }

    /// <summary>The path of the reference-layout file of a checkpoint.</summary>
    public string ModelFile(long step) => System.IO.Path.Combine(Directory, FolderName(step), "checkpoint.pth");

    /// <summary>Restores model weights, optimizer state and the torch RNG state; returns the stored (step, epoch).</summary>
    public (long Step, long Epoch) Load(long step, nn.Module model, TorchSharp.Modules.OptimizerHelper? optimizer)
    {
        var path = ModelFile(step);
        var checkpoint = CheckpointReader.Unpickle(path);
        try
        {
            if (checkpoint["model"] is not IDictionary weights)
            {
                throw new UserInputException($"{path}: no 'model' state dict");
            }
            using (var state = new StateDict(CheckpointReader.TensorsOf(weights), path, ownsTensors: false))
            {
                StateDictLoader.Load(model, state);
            }
            if (optimizer is not null)
            {
                CheckpointReader.LoadOptimizer(checkpoint, path, optimizer);
            }
            if (checkpoint["rng_state"] is Tensor rng)
            {
                torch.random.set_rng_state(rng);
            }
            return (Convert.ToInt64(checkpoint["step"], CultureInfo.InvariantCulture), Convert.ToInt64(checkpoint["epoch"], CultureInfo.InvariantCulture));
        }
        finally
        {
            // Weights, optimizer state and RNG state have been copied out; free every tensor the file held.
            CheckpointReader.DisposeTensorsExcept(checkpoint, []);
        }
    }

    /// <summary>
    /// Deletes what writes killed mid-way left (checkpoint folders and <c>latest</c> pointers still under their
    /// temporary names) when the writing process is gone; returns how many entries were removed. Runs call it when
    /// they start or resume.
    /// </summary>
    public int RemoveInterruptedWrites() => AtomicFile.CleanStale(Directory);

    private sealed record CheckpointState(long Step, long Epoch, DateTimeOffset SavedAt);
}
