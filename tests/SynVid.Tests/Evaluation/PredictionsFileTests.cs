using SynVid.Evaluation;

namespace SynVid.Tests.Evaluation;

public sealed class PredictionsFileTests
{
    [Fact]
    public void ReadsBackWhatTheEvaluationReportWrites()
    {
        var result = new EvaluationResult(
            ["a", "b,c"],
            [
                new VideoPrediction("videos/one.mp4", 0, [0.9f, 0.1f]),
                new VideoPrediction("odd, \"quoted\"\nname.mp4", 1, [0.7f, 0.3f]),
                new VideoPrediction("three.mp4", 1, [0.2f, 0.8f]),
            ],
            new ViewCount(1, 1));
        using var dir = new TempFolder();
        var path = dir.File(PredictionsFile.FileName);
        File.WriteAllText(path, EvaluationReport.PredictionsCsv(result));
        var rows = PredictionsFile.Read(path);
        Assert.Equal(
            [new PredictedVideo("videos/one.mp4", 0, 0), new PredictedVideo("odd, \"quoted\"\nname.mp4", 1, 0), new PredictedVideo("three.mp4", 1, 1)],
            rows);
        Assert.Equal([true, false, true], rows.Select(r => r.Correct));
    }

    [Fact]
    public void AnotherCsvIsAUserError()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("x.csv"), "step,loss\n1,2\n");
        Assert.Throws<UserInputException>(() => PredictionsFile.Read(dir.File("x.csv")));
        Assert.Throws<UserInputException>(() => PredictionsFile.Read(dir.File("missing.csv")));
    }
}
