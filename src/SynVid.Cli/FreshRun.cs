using SynVid.Datasets.Specs;
using SynVid.Training;

namespace SynVid.Cli;

/// <summary>
/// A new training run that a bad video stops before its first checkpoint leaves no folder that looks started (a rerun
/// would find "already holds a run" and a resume would fail the same way): its files are removed.
/// </summary>
internal static class FreshRun
{
    /// <summary>Runs <paramref name="work"/>; on a <see cref="BadVideoException"/> of a fresh run without a checkpoint, empties <paramref name="runDirectory"/>.</summary>
    public static T Guard<T>(string runDirectory, bool fresh, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (BadVideoException) when (fresh)
        {
            if (new CheckpointStore(runDirectory).LatestStep() is null && Directory.Exists(runDirectory))
            {
                foreach (var dir in Directory.EnumerateDirectories(runDirectory))
                {
                    Directory.Delete(dir, recursive: true);
                }
                foreach (var file in Directory.EnumerateFiles(runDirectory))
                {
                    File.Delete(file);
                }
            }
            throw;
        }
    }
}
