using System.Globalization;
using System.Text;
using System.Text.Json;
using SynVid.Model;

namespace SynVid.Benchmarking;

/// <summary>
/// Files shared by the step-parity exports that <c>bench/reference/*_step_reference.py</c> reads: the optimiser groups,
/// the per-step lr, SynVid's losses and a JSON description of the run.
/// </summary>
public static class ParityExport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes a value as indented snake_case JSON.</summary>
    public static void WriteJson(string path, object value) => File.WriteAllText(path, JsonSerializer.Serialize(value, Json));

    /// <summary><c>groups.json</c>: the groups in optimiser order with layer id, lr scale, weight decay and parameter names.</summary>
    public static void WriteGroups(string path, IReadOnlyList<ParameterGroup> groups) =>
        WriteJson(path, groups.Select(g => new
        {
            g.Name,
            g.LayerId,
            g.LrScale,
            g.WeightDecay,
            Params = g.Parameters.Select(p => p.Name).ToArray(),
        }).ToArray());

    /// <summary><c>synvid_losses.csv</c>: step (0-based), the schedule's lr and the step's loss, round-trip precision.</summary>
    public static void WriteLosses(string path, IReadOnlyList<(double Lr, double Loss)> steps)
    {
        var text = new StringBuilder("step,lr,loss\n");
        for (var i = 0; i < steps.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},{steps[i].Lr:R},{steps[i].Loss:R}\n");
        }
        File.WriteAllText(path, text.ToString());
    }
}
