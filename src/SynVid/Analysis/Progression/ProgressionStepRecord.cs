using System.Text.Json;
using SynVid.Serialization;

namespace SynVid.Analysis.Progression;

/// <summary>
/// <c>done.json</c> of a finished step (DIR/ARM/STEP/done.json): its wall time and, for pre-training, the loss. It is
/// written last and atomically, so a step without it did not finish and runs again on <c>--resume</c>.
/// </summary>
/// <param name="Step">Step name.</param>
/// <param name="Seconds">Wall time of the invocation that finished it.</param>
/// <param name="PretrainLoss">Pre-training only: mean loss over the last tenth of the steps.</param>
public sealed record ProgressionStepRecord(string Step, double Seconds, double? PretrainLoss = null)
{
    /// <summary>File name inside the step folder.</summary>
    public const string FileName = "done.json";

    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes the record into <paramref name="stepDirectory"/>.</summary>
    public void Write(string stepDirectory) =>
        AtomicFile.WriteAllText(Path.Combine(stepDirectory, FileName), JsonSerializer.Serialize(this, _json) + "\n");

    /// <summary>The record of a finished step, or null when the step has not finished.</summary>
    public static ProgressionStepRecord? Read(string stepDirectory)
    {
        var path = Path.Combine(stepDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ProgressionStepRecord>(File.ReadAllText(path), _json)
                ?? throw new UserInputException($"{path}: empty step record");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: malformed step record ({e.Message}); delete it to rerun the step", e);
        }
    }
}
