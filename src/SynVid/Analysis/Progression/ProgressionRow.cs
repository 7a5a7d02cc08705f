using System.Globalization;
using System.Text;

namespace SynVid.Analysis.Progression;

/// <summary>
/// One arm's results: <c>results.csv</c> has exactly the columns
/// <c>stage,pretrain_loss,finetune_top1,linprobe_top1,fid,kid,diversity_logdet,spectrum_alpha,lab_skl</c>; a value
/// that does not apply (no pre-training for scratch) or was not measured is empty.
/// </summary>
public sealed record ProgressionRow(
    string Stage,
    double? PretrainLoss,
    double? FineTuneTop1,
    double? LinProbeTop1,
    double? Fid,
    double? Kid,
    double? DiversityLogDet,
    double? SpectrumAlpha,
    double? LabSkl)
{
    /// <summary>The header line of results.csv.</summary>
    public const string CsvHeader = "stage,pretrain_loss,finetune_top1,linprobe_top1,fid,kid,diversity_logdet,spectrum_alpha,lab_skl";

    /// <summary>The properties correlated with accuracy, by column name.</summary>
    public IReadOnlyList<(string Name, double? Value)> Properties =>
    [
        ("fid", Fid), ("kid", Kid), ("diversity_logdet", DiversityLogDet), ("spectrum_alpha", SpectrumAlpha), ("lab_skl", LabSkl),
    ];

    /// <summary>This row as a csv line.</summary>
    public string ToCsv() => string.Join(',', Stage, F(PretrainLoss), F(FineTuneTop1), F(LinProbeTop1), F(Fid), F(Kid), F(DiversityLogDet), F(SpectrumAlpha), F(LabSkl));

    /// <summary>The whole results.csv.</summary>
    public static string ToCsv(IEnumerable<ProgressionRow> rows)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var row in rows)
        {
            csv.Append(row.ToCsv()).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Parses a results.csv written by <see cref="ToCsv(IEnumerable{ProgressionRow})"/>.</summary>
    public static IReadOnlyList<ProgressionRow> ParseCsv(string text, string source)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || lines[0] != CsvHeader)
        {
            throw new UserInputException($"{source}: not a progression results.csv (expected the header '{CsvHeader}')");
        }
        return lines.Skip(1).Select((line, i) =>
        {
            var f = line.Split(',');
            if (f.Length != 9)
            {
                throw new UserInputException($"{source}: line {i + 2} has {f.Length} fields, expected 9");
            }
            return new ProgressionRow(f[0], P(f[1]), P(f[2]), P(f[3]), P(f[4]), P(f[5]), P(f[6]), P(f[7]), P(f[8]));
        }).ToArray();
    }

    private static string F(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "";

    private static double? P(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);
}
