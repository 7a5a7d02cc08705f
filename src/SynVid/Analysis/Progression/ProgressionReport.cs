using System.Globalization;
using System.Net;
using System.Text;
using SynVid.Analysis.Metrics;

namespace SynVid.Analysis.Progression;

/// <summary>What a report says about how its numbers were made.</summary>
/// <param name="Preset">Progression preset name.</param>
/// <param name="Scale">Model and training scale, e.g. "ViT-Ti widths, 4 blocks, 8×64², 300 pre-training steps".</param>
/// <param name="Downstream">Downstream dataset as named (e.g. "synaction").</param>
/// <param name="DownstreamIsProxy">Whether the downstream data is not the paper's (UCF101/HMDB51).</param>
/// <param name="Features">Feature extractor of the dataset metrics.</param>
/// <param name="FeaturesComparableWithPaper">
/// Whether the FID-type values follow the paper's Inception/I3D recipe (<c>comparable_with_paper</c> of metrics.json).
/// </param>
/// <param name="WallSeconds">Total wall time of all steps run so far.</param>
/// <param name="Notes">Anything left out of the run and why.</param>
public sealed record ReportContext(
    string Preset, string Scale, string Downstream, bool DownstreamIsProxy, string Features, bool FeaturesComparableWithPaper, double WallSeconds,
    IReadOnlyList<string>? Notes = null);

/// <summary>
/// The progression report (<c>report.md</c> and <c>report.html</c>): a Figure-2/Table-1-style table with our numbers
/// beside the paper's ViT-B numbers, labelled with the scale and downstream data, the gap-closed percentages, the
/// Spearman correlation of stage order with accuracy, and the figures.
/// </summary>
public static class ProgressionReport
{
    /// <summary>A figure of the report: a PNG path relative to the report, and its caption.</summary>
    public sealed record Figure(string RelativePath, string Caption);

    /// <summary>The report as Markdown.</summary>
    public static string Markdown(ReportContext context, IReadOnlyList<ProgressionRow> rows, IReadOnlyList<Figure> figures)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rows);
        var md = new StringBuilder();
        md.AppendLine("# SynVid progression report").AppendLine();
        foreach (var line in Preamble(context))
        {
            md.AppendLine("- " + line);
        }
        md.AppendLine();
        md.AppendLine("## Accuracy by pre-training data (top-1, %)").AppendLine();
        var table = Table(rows);
        md.AppendLine("| " + string.Join(" | ", table.Header) + " |");
        md.AppendLine("|" + string.Concat(table.Header.Select(_ => "---|")));
        foreach (var r in table.Rows)
        {
            md.AppendLine("| " + string.Join(" | ", r) + " |");
        }
        md.AppendLine();
        foreach (var line in Summary(rows))
        {
            md.AppendLine("- " + line);
        }
        md.AppendLine();
        foreach (var figure in figures)
        {
            md.AppendLine($"### {figure.Caption}").AppendLine();
            md.AppendLine($"![{figure.Caption}]({figure.RelativePath})").AppendLine();
        }
        return md.ToString();
    }

    /// <summary>The same report as a standalone HTML page (figures linked by relative path).</summary>
    public static string Html(ReportContext context, IReadOnlyList<ProgressionRow> rows, IReadOnlyList<Figure> figures)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rows);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>SynVid progression report</title>");
        html.AppendLine("<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em}table{border-collapse:collapse}" +
            "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}" +
            "th{background:#f4f4f4}img{max-width:100%;border:1px solid #eee}.proxy{background:#fff4d6;padding:.5em 1em}</style></head><body>");
        html.AppendLine("<h1>SynVid progression report</h1><ul>");
        foreach (var line in Preamble(context))
        {
            html.AppendLine($"<li>{E(line).Replace("**", "", StringComparison.Ordinal)}</li>");
        }
        html.AppendLine("</ul>");
        if (context.DownstreamIsProxy)
        {
            html.AppendLine($"<p class=\"proxy\">The downstream numbers are on <b>{E(context.Downstream)}</b>, not UCF101 or HMDB51: compare trends with the paper, not values.</p>");
        }
        html.AppendLine("<h2>Accuracy by pre-training data (top-1, %)</h2><table><tr>");
        var table = Table(rows);
        html.AppendLine(string.Concat(table.Header.Select(h => $"<th>{E(h)}</th>")) + "</tr>");
        foreach (var r in table.Rows)
        {
            html.AppendLine("<tr>" + string.Concat(r.Select(c => $"<td>{E(c)}</td>")) + "</tr>");
        }
        html.AppendLine("</table><ul>");
        foreach (var line in Summary(rows))
        {
            html.AppendLine($"<li>{E(line)}</li>");
        }
        html.AppendLine("</ul>");
        foreach (var figure in figures)
        {
            html.AppendLine($"<h3>{E(figure.Caption)}</h3><img src=\"{E(figure.RelativePath)}\" alt=\"{E(figure.Caption)}\">");
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    /// <summary>
    /// The Spearman correlation between stage order (position in the progression, scratch first) and fine-tuning
    /// top-1 over the arms that have one; the paper's trend is monotonic (ρ = 1 over its eight stages).
    /// </summary>
    public static double? StageOrderSpearman(IReadOnlyList<ProgressionRow> rows) => StageOrderSpearman(rows, r => r.FineTuneTop1);

    /// <summary>
    /// The Spearman correlation between stage order and <paramref name="accuracy"/> over the arms that have a value
    /// (in-domain excluded; at least three arms, else null).
    /// </summary>
    public static double? StageOrderSpearman(IReadOnlyList<ProgressionRow> rows, Func<ProgressionRow, double?> accuracy)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(accuracy);
        var points = rows.Select((r, i) => (Order: (double)i, Row: r, Value: accuracy(r)))
            .Where(p => p.Value is { } v && double.IsFinite(v) && p.Row.Stage != PaperResults.InDomain)
            .ToArray();
        if (points.Length < 3)
        {
            return null;
        }
        var rho = Correlation.Spearman(points.Select(p => p.Order).ToArray(), points.Select(p => p.Value!.Value).ToArray());
        return double.IsFinite(rho) ? rho : null;
    }

    /// <summary>
    /// <see cref="StageOrderSpearman(IReadOnlyList{ProgressionRow}, Func{ProgressionRow, double?})"/> with its permutation
    /// p-values (<see cref="PermutationTest.Spearman"/>: exact over every order of up to nine arms, else 100,000 seeded
    /// random orders); null where ρ is.
    /// </summary>
    public static RankCorrelationTest? StageOrderSpearmanTest(IReadOnlyList<ProgressionRow> rows, Func<ProgressionRow, double?> accuracy)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(accuracy);
        if (StageOrderSpearman(rows, accuracy) is null)
        {
            return null;
        }
        var points = rows.Select((r, i) => (Order: (double)i, Row: r, Value: accuracy(r)))
            .Where(p => p.Value is { } v && double.IsFinite(v) && p.Row.Stage != PaperResults.InDomain)
            .ToArray();
        return PermutationTest.Spearman(points.Select(p => p.Order).ToArray(), points.Select(p => p.Value!.Value).ToArray());
    }

    private static IEnumerable<string> Preamble(ReportContext c)
    {
        yield return $"Preset **{c.Preset}**: {c.Scale}.";
        yield return c.DownstreamIsProxy
            ? $"Downstream: **{c.Downstream}** (a proxy benchmark, NOT UCF101/HMDB51). The paper's columns are ViT-B at full scale on UCF101/HMDB51, shown for the trend only."
            : $"Downstream: **{c.Downstream}**. The paper's columns are ViT-B at full scale; compare values only at the same scale.";
        yield return c.FeaturesComparableWithPaper
            ? $"Dataset metrics use the {c.Features} features (Inception-v3 pool3, as the paper)."
            : $"Dataset metrics use '{c.Features}' features, not Inception-v3/I3D: FID, KID and diversity are not comparable with the paper's (docs/reference-behaviour.md §7), only between arms; spectrum α and L*a*b* SKL need no features.";
        yield return string.Create(CultureInfo.InvariantCulture, $"Wall time of the steps run: {c.WallSeconds / 60:F1} min.");
        foreach (var note in c.Notes ?? [])
        {
            yield return note;
        }
    }

    private static IEnumerable<string> Summary(IReadOnlyList<ProgressionRow> rows)
    {
        var scratch = rows.FirstOrDefault(r => r.Stage == PaperResults.Scratch)?.FineTuneTop1;
        var upper = rows.FirstOrDefault(r => r.Stage == PaperResults.InDomain)?.FineTuneTop1;
        if (scratch is { } s && upper is { } u)
        {
            var paperGap = PaperResults.ViTBase[PaperResults.InDomain].Ucf101FineTune - PaperResults.ViTBase[PaperResults.Scratch].Ucf101FineTune;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Scratch-to-in-domain fine-tuning gap: {u - s:F1} points (paper, UCF101: {paperGap:F1}); a gap of a few points makes the ratios below noise.");
            foreach (var r in rows.Where(r => r.FineTuneTop1 is not null && r.Stage is not PaperResults.Scratch and not PaperResults.InDomain))
            {
                var ours = PaperResults.GapClosed(r.FineTuneTop1!.Value, s, u);
                var paper = PaperResults.ViTBase.TryGetValue(r.Stage, out var p)
                    ? PaperResults.GapClosed(p.Ucf101FineTune, PaperResults.ViTBase[PaperResults.Scratch].Ucf101FineTune, PaperResults.ViTBase[PaperResults.InDomain].Ucf101FineTune)
                    : double.NaN;
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"{r.Stage}: closes {ours:F1}% of the scratch-to-in-domain fine-tuning gap (paper, UCF101: {paper:F1}%).");
            }
        }
        else
        {
            yield return "Gap closed: needs both the scratch and the in-domain arm.";
        }
        foreach (var (what, ours, paper) in new (string, Func<ProgressionRow, double?>, Func<PaperRow, double>?)[]
        {
            ("fine-tuning", r => r.FineTuneTop1, p => p.Ucf101FineTune),
            ("linear-probe", r => r.LinProbeTop1, p => p.Ucf101LinearProbe),
            ("k-NN", r => r.KnnTop1, null),
            ("attentive-probe", r => r.AttentiveTop1, null),
        })
        {
            if (StageOrderSpearmanTest(rows, ours) is not { } test)
            {
                continue;
            }
            var line = string.Create(CultureInfo.InvariantCulture, $"Spearman ρ between stage order and {what} top-1: {test.Rho:F3}");
            if (paper is not null)
            {
                // the paper's ρ over the same arms that have our value
                var paperRho = StageOrderSpearman(rows, r => ours(r) is not null && PaperResults.ViTBase.TryGetValue(r.Stage, out var p) ? paper(p) : null);
                line += $" (the paper's ViT-B UCF101 values over the same arms: {(paperRho is { } pr ? pr.ToString("F3", CultureInfo.InvariantCulture) : "–")})";
            }
            yield return line + "; " + PermutationText(test) + ".";
        }
    }

    /// <summary>The permutation p-values of a stage-order ρ in words.</summary>
    public static string PermutationText(RankCorrelationTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var over = test.Exact
            ? $"exact over all {test.Permutations:N0} orders of the {test.Count} arms"
            : $"{test.Permutations:N0} seeded random orders of the {test.Count} arms";
        return string.Create(CultureInfo.InvariantCulture,
            $"permutation p = {test.POneSided:G3} one-sided (ρ at least this large), {test.PTwoSided:G3} two-sided ({over})");
    }

    private static (string[] Header, List<string[]> Rows) Table(IReadOnlyList<ProgressionRow> rows)
    {
        string[] header =
        [
            "pre-training", "pretrain loss", "FT top-1 (ours)", "FT 95% CI", "LP top-1 [95% CI]", "k-NN top-1 [95% CI]", "attentive top-1 [95% CI]",
            "paper UCF101 FT", "paper HMDB51 FT", "paper UCF101 LP", "FID", "KID", "diversity logdet", "spectrum α", "L*a*b* SKL",
        ];
        var lines = new List<string[]>();
        foreach (var r in rows)
        {
            PaperResults.ViTBase.TryGetValue(r.Stage, out var p);
            var fineTune = F(r.FineTuneTop1, "F1") + (r.FineTuneTop1Sd is { } sd && r.FineTuneTop1 is not null ? " ± " + F(sd, "F1") : "");
            lines.Add(
            [
                r.Stage, F(r.PretrainLoss, "F4"), fineTune, Interval(r.FineTuneTop1CiLow, r.FineTuneTop1CiHigh),
                WithInterval(r.LinProbeTop1, r.LinProbeTop1CiLow, r.LinProbeTop1CiHigh),
                WithInterval(r.KnnTop1, r.KnnTop1CiLow, r.KnnTop1CiHigh),
                WithInterval(r.AttentiveTop1, r.AttentiveTop1CiLow, r.AttentiveTop1CiHigh),
                F(p?.Ucf101FineTune, "F1"), F(p?.Hmdb51FineTune, "F1"), F(p?.Ucf101LinearProbe, "F1"),
                F(r.Fid, "F1"), F(r.Kid, "F4"), F(r.DiversityLogDet, "F2"), F(r.SpectrumAlpha, "F3"), F(r.LabSkl, "F3"),
            ]);
        }
        return (header, lines);
    }

    private static string F(double? v, string format) => v is { } x && double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Interval(double? low, double? high) =>
        low is { } l && high is { } h && double.IsFinite(l) && double.IsFinite(h) ? $"[{F(l, "F1")}, {F(h, "F1")}]" : "–";

    private static string WithInterval(double? value, double? low, double? high) =>
        value is null ? "–" : Interval(low, high) is var ci && ci != "–" ? $"{F(value, "F1")} {ci}" : F(value, "F1");
}
