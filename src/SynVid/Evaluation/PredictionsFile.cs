using System.Globalization;
using System.Text;

namespace SynVid.Evaluation;

/// <summary>
/// Reads the <c>predictions.csv</c> that <see cref="EvaluationReport"/> writes (columns path, label, label_name,
/// predicted, …; fields with a comma, quote or newline quoted as RFC 4180), for statistics over test videos.
/// </summary>
public static class PredictionsFile
{
    /// <summary>The file's name inside an evaluation folder.</summary>
    public const string FileName = "predictions.csv";

    /// <summary>The rows of <paramref name="path"/>, in file order.</summary>
    public static IReadOnlyList<PredictedVideo> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path} does not exist");
        }
        var records = Parse(File.ReadAllText(path));
        if (records.Count == 0 || records[0] is not ["path", "label", _, "predicted", ..])
        {
            throw new UserInputException($"{path}: not a predictions.csv (expected the header path,label,label_name,predicted,…)");
        }
        var rows = new List<PredictedVideo>(records.Count - 1);
        for (var i = 1; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Count < 4
                || !int.TryParse(r[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var label)
                || !int.TryParse(r[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var predicted))
            {
                throw new UserInputException($"{path}: row {i + 1} is malformed");
            }
            rows.Add(new PredictedVideo(r[0], label, predicted));
        }
        return rows;
    }

    /// <summary>Splits CSV text into records of fields; a quoted field may hold commas, doubled quotes and newlines.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        records.Add([.. fields]);
                    }
                    fields.Clear();
                    field.Clear();
                    any = false;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }
        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }
        return records;
    }
}
