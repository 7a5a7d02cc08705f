using System.Text.Json;
using System.Text.Json.Serialization;
using SynVid.Serialization;

namespace SynVid.Evaluation.Robustness;

/// <summary>
/// What a robustness run was asked to compute, apart from the grid itself. A finished cell is only reused by a run
/// with the same settings, so a rerun with other views or another seed cannot mix results.
/// </summary>
/// <param name="Data">The dataset spec as given (<c>SynVid.Datasets.Specs.DatasetSpec</c>).</param>
/// <param name="Views">Test views, clips × crops, e.g. <c>5x3</c>.</param>
/// <param name="Seed">Seed of the perturbations' random draws.</param>
/// <param name="LegacyInvert">Whether the reference's colour-inversion bug was reproduced (comparison only).</param>
/// <param name="Stride">Frame stride forced for every checkpoint; null: each checkpoint's own, else the dataset's.</param>
public sealed record RobustnessSettings(string Data, string Views, long Seed, bool LegacyInvert, int? Stride = null);

/// <summary>The accuracy of one finished cell, as stored in <c>cells/*.json</c>.</summary>
/// <param name="Checkpoint">Checkpoint name.</param>
/// <param name="CheckpointPath">Checkpoint file.</param>
/// <param name="Type">Perturbation key or <c>clean</c>.</param>
/// <param name="Severity">Severity, 0 for clean.</param>
/// <param name="Top1">Top-1 accuracy in percent.</param>
/// <param name="Top5">Top-5 accuracy in percent (top-min(5, classes)).</param>
/// <param name="NumVideos">Test videos evaluated.</param>
/// <param name="Seconds">Wall time of the cell.</param>
/// <param name="Settings">The run settings the cell was computed with.</param>
public sealed record CellResult(
    string Checkpoint, string CheckpointPath, string Type, int Severity, double Top1, double Top5, int NumVideos,
    double Seconds, RobustnessSettings Settings);

/// <summary>
/// Finished cells of a robustness run, one JSON file each under <c>DIR/cells/</c>, written atomically (temporary name,
/// then rename), so an interrupted run resumes where it stopped and never reads a half-written cell.
/// </summary>
public sealed class RobustnessCellStore
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly RobustnessSettings _settings;

    /// <summary>A store under <paramref name="outputDirectory"/>/cells for runs with <paramref name="settings"/>.</summary>
    public RobustnessCellStore(string outputDirectory, RobustnessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Directory = Path.Combine(Path.GetFullPath(outputDirectory), "cells");
        // What an interrupted run left under temporary names.
        AtomicFile.CleanStale(Directory);
    }

    /// <summary>The folder holding the cell files.</summary>
    public string Directory { get; }

    /// <summary>Path of a cell's file.</summary>
    public string PathOf(RobustnessCell cell) => Path.Combine(Directory, cell.FileName);

    /// <summary>The stored result of <paramref name="cell"/>, or null when it has not been computed.</summary>
    /// <exception cref="UserInputException">The file is unreadable, or was computed for another checkpoint file or other settings.</exception>
    public CellResult? TryLoad(RobustnessCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var path = PathOf(cell);
        if (!File.Exists(path))
        {
            return null;
        }
        CellResult? stored;
        try
        {
            stored = JsonSerializer.Deserialize<CellResult>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: not a robustness cell file ({e.Message}); delete it to recompute the cell");
        }
        if (stored?.Settings is null)
        {
            throw new UserInputException($"{path}: not a robustness cell file; delete it to recompute the cell");
        }
        var mismatch =
            stored.CheckpointPath != cell.Checkpoint.Path ? $"checkpoint {stored.CheckpointPath}, not {cell.Checkpoint.Path}"
            : stored.Settings.Data != _settings.Data ? $"--data {stored.Settings.Data}, not {_settings.Data}"
            : stored.Settings.Views != _settings.Views ? $"--views {stored.Settings.Views}, not {_settings.Views}"
            : stored.Settings.Seed != _settings.Seed ? $"--seed {stored.Settings.Seed}, not {_settings.Seed}"
            : stored.Settings.LegacyInvert != _settings.LegacyInvert ? $"--legacy-invert {stored.Settings.LegacyInvert}, not {_settings.LegacyInvert}"
            : stored.Settings.Stride != _settings.Stride ? $"--stride {stored.Settings.Stride?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(default)"}"
            : stored.Type != cell.TypeKey || stored.Severity != cell.Severity ? $"cell {stored.Type} s{stored.Severity}"
            : null;
        if (mismatch is not null)
        {
            throw new UserInputException(
                $"{path} was computed with {mismatch}: use another --out folder, or delete {Directory} to start over");
        }
        return stored;
    }

    /// <summary>Stores the result of <paramref name="cell"/> atomically.</summary>
    public void Save(RobustnessCell cell, CellResult result)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Type != cell.TypeKey || result.Severity != cell.Severity || result.Checkpoint != cell.Checkpoint.Name)
        {
            throw new ArgumentException($"result {result.Checkpoint}/{result.Type}/s{result.Severity} does not belong to cell {cell}", nameof(result));
        }
        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.WriteAllText(PathOf(cell), JsonSerializer.Serialize(result, Json));
    }

    /// <summary>The settings this store accepts.</summary>
    public RobustnessSettings Settings => _settings;
}
