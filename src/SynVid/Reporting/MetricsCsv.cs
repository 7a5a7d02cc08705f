using System.Globalization;
using SynVid.Serialization;

namespace SynVid.Reporting;

/// <summary>
/// A per-step metrics table (<c>metrics.csv</c>): a fixed header, one row per step, flushed as it is written so a
/// killed run keeps every row it logged. Opening an existing file for a resumed run drops rows at or after the
/// resume step (they will be logged again) through a temporary file and a rename.
/// </summary>
public sealed class MetricsCsv : IDisposable
{
    private readonly StreamWriter _writer;

    private MetricsCsv(string path, IReadOnlyList<string> columns, StreamWriter writer)
    {
        Path = path;
        Columns = columns;
        _writer = writer;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Column names; the first is <c>step</c>.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Creates the file, or continues it keeping only rows with step &lt; <paramref name="resumeStep"/>.</summary>
    public static MetricsCsv Open(string path, IReadOnlyList<string> columns, long resumeStep = 0)
    {
        if (columns.Count == 0 || columns[0] != "step")
        {
            throw new ArgumentException("the first column must be 'step'", nameof(columns));
        }
        var header = string.Join(',', columns);
        var kept = new List<string> { header };
        if (resumeStep > 0 && File.Exists(path))
        {
            var lines = File.ReadAllLines(path);
            if (lines.Length > 0 && lines[0] != header)
            {
                throw new UserInputException($"{path}: its columns ({lines[0]}) differ from this run's ({header})");
            }
            kept.AddRange(lines.Skip(1).Where(l => l.Length > 0 && StepOf(l) < resumeStep));
        }
        AtomicFile.WriteFile(path, temp => File.WriteAllLines(temp, kept));
        var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        return new MetricsCsv(path, columns, writer);
    }

    /// <summary>Appends one row; values in column order (the step first).</summary>
    public void Append(long step, params double[] values)
    {
        if (values.Length != Columns.Count - 1)
        {
            throw new ArgumentException($"expected {Columns.Count - 1} values, got {values.Length}", nameof(values));
        }
        _writer.WriteLine(string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).Prepend(step.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>Reads a metrics file: the step column and each other column by name.</summary>
    public static (long[] Steps, IReadOnlyDictionary<string, double[]> Values) Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0)
        {
            throw new UserInputException($"{path}: empty metrics file");
        }
        var columns = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).Where(r => r.Length == columns.Length).ToArray();
        var steps = rows.Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)).ToArray();
        var values = new Dictionary<string, double[]>();
        for (var c = 1; c < columns.Length; c++)
        {
            values[columns[c]] = rows.Select(r => double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray();
        }
        return (steps, values);
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private static long StepOf(string line)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        return long.TryParse(comma < 0 ? line : line[..comma], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : long.MaxValue;
    }
}
