using System.Globalization;
using System.Text;

namespace SynVid.Analysis.Progression;

/// <summary>
/// One arm's results. <c>results.csv</c> has the columns
/// <c>stage,pretrain_loss,finetune_top1,linprobe_top1,fid,kid,diversity_logdet,spectrum_alpha,lab_skl</c>, then
/// <c>finetune_runs,finetune_top1_sd,finetune_top1_ci_lo,finetune_top1_ci_hi,linprobe_top1_ci_lo,linprobe_top1_ci_hi,
/// knn_top1,knn_top1_ci_lo,knn_top1_ci_hi,attentive_top1,attentive_top1_ci_lo,attentive_top1_ci_hi</c>; a value that does
/// not apply (no pre-training for scratch, one fine-tuning run has no s.d.) or was not measured is empty.
/// <see cref="FineTuneTop1"/> is the mean over the fine-tuning runs; the intervals are 95 % percentile-bootstrap
/// intervals over test videos (<see cref="Metrics.AccuracyBootstrap"/>).
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
    /// <summary>The columns of the first results.csv layout, still first and in this order.</summary>
    public const string BaseCsvHeader = "stage,pretrain_loss,finetune_top1,linprobe_top1,fid,kid,diversity_logdet,spectrum_alpha,lab_skl";

    /// <summary>The header line of results.csv.</summary>
    public const string CsvHeader = BaseCsvHeader +
        ",finetune_runs,finetune_top1_sd,finetune_top1_ci_lo,finetune_top1_ci_hi,linprobe_top1_ci_lo,linprobe_top1_ci_hi" +
        ",knn_top1,knn_top1_ci_lo,knn_top1_ci_hi,attentive_top1,attentive_top1_ci_lo,attentive_top1_ci_hi";

    /// <summary>Finished fine-tuning runs whose top-1 the row averages.</summary>
    public int? FineTuneRuns { get; init; }

    /// <summary>Sample standard deviation of the fine-tuning top-1 over the runs (two or more runs).</summary>
    public double? FineTuneTop1Sd { get; init; }

    /// <summary>Lower bound of the fine-tuning top-1's 95 % interval over test videos.</summary>
    public double? FineTuneTop1CiLow { get; init; }

    /// <summary>Upper bound of the fine-tuning top-1's interval.</summary>
    public double? FineTuneTop1CiHigh { get; init; }

    /// <summary>Lower bound of the linear-probe top-1's interval.</summary>
    public double? LinProbeTop1CiLow { get; init; }

    /// <summary>Upper bound of the linear-probe top-1's interval.</summary>
    public double? LinProbeTop1CiHigh { get; init; }

    /// <summary>Top-1 of the k-NN probe.</summary>
    public double? KnnTop1 { get; init; }

    /// <summary>Lower bound of the k-NN top-1's interval.</summary>
    public double? KnnTop1CiLow { get; init; }

    /// <summary>Upper bound of the k-NN top-1's interval.</summary>
    public double? KnnTop1CiHigh { get; init; }

    /// <summary>Top-1 of the attentive probe.</summary>
    public double? AttentiveTop1 { get; init; }

    /// <summary>Lower bound of the attentive top-1's interval.</summary>
    public double? AttentiveTop1CiLow { get; init; }

    /// <summary>Upper bound of the attentive top-1's interval.</summary>
    public double? AttentiveTop1CiHigh { get; init; }

    /// <summary>The properties correlated with accuracy, by column name.</summary>
    public IReadOnlyList<(string Name, double? Value)> Properties =>
    [
        ("fid", Fid), ("kid", Kid), ("diversity_logdet", DiversityLogDet), ("spectrum_alpha", SpectrumAlpha), ("lab_skl", LabSkl),
    ];

    /// <summary>This row as a csv line.</summary>
    public string ToCsv() => string.Join(',',
        Stage, F(PretrainLoss), F(FineTuneTop1), F(LinProbeTop1), F(Fid), F(Kid), F(DiversityLogDet), F(SpectrumAlpha), F(LabSkl),
        F(FineTuneRuns), F(FineTuneTop1Sd), F(FineTuneTop1CiLow), F(FineTuneTop1CiHigh), F(LinProbeTop1CiLow), F(LinProbeTop1CiHigh),
        F(KnnTop1), F(KnnTop1CiLow), F(KnnTop1CiHigh), F(AttentiveTop1), F(AttentiveTop1CiLow), F(AttentiveTop1CiHigh));

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

    /// <summary>Parses a results.csv written by <see cref="ToCsv(IEnumerable{ProgressionRow})"/> (or by a version with only the base columns).</summary>
    public static IReadOnlyList<ProgressionRow> ParseCsv(string text, string source)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || lines[0] is not (CsvHeader or BaseCsvHeader))
        {
            throw new UserInputException($"{source}: not a progression results.csv (expected the header '{CsvHeader}')");
        }
        var columns = lines[0].Split(',').Length;
        return lines.Skip(1).Select((line, i) =>
        {
            var f = line.Split(',');
            if (f.Length != columns)
            {
                throw new UserInputException($"{source}: line {i + 2} has {f.Length} fields, expected {columns}");
            }
            var row = new ProgressionRow(f[0], P(f[1]), P(f[2]), P(f[3]), P(f[4]), P(f[5]), P(f[6]), P(f[7]), P(f[8]));
            return columns == 9 ? row : row with
            {
                FineTuneRuns = P(f[9]) is { } runs ? (int)runs : null,
                FineTuneTop1Sd = P(f[10]),
                FineTuneTop1CiLow = P(f[11]),
                FineTuneTop1CiHigh = P(f[12]),
                LinProbeTop1CiLow = P(f[13]),
                LinProbeTop1CiHigh = P(f[14]),
                KnnTop1 = P(f[15]),
                KnnTop1CiLow = P(f[16]),
                KnnTop1CiHigh = P(f[17]),
                AttentiveTop1 = P(f[18]),
                AttentiveTop1CiLow = P(f[19]),
                AttentiveTop1CiHigh = P(f[20]),
            };
        }).ToArray();
    }

    private static string F(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "";

    private static double? P(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);
}
