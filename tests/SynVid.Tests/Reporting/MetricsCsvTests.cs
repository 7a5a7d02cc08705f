using SynVid.Reporting;
using SynVid.Serialization;

namespace SynVid.Tests.Reporting;

public class MetricsCsvTests
{
    [Fact]
    public void ResumingDropsRowsFromTheResumeStepOn()
    {
        var dir = Directory.CreateTempSubdirectory("synvid-metrics").FullName;
        try
        {
            var path = Path.Combine(dir, "metrics.csv");
            using (var m = MetricsCsv.Open(path, ["step", "loss", "lr"]))
            {
                for (var s = 1; s <= 10; s++)
                {
                    m.Append(s, 1.0 / s, 1e-4);
                }
            }
            using (var m = MetricsCsv.Open(path, ["step", "loss", "lr"], resumeStep: 7))
            {
                m.Append(7, 0.7, 2e-4);
            }
            var (steps, values) = MetricsCsv.Read(path);
            Assert.Equal([1L, 2, 3, 4, 5, 6, 7], steps);
            Assert.Equal(0.7, values["loss"][^1]);
            Assert.Equal(0.5, values["loss"][1]);
            Assert.StartsWith("step,loss,lr", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Throws<UserInputException>(() => MetricsCsv.Open(path, ["step", "other"], resumeStep: 3));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void LossCurveIsAPng()
    {
        var dir = Directory.CreateTempSubdirectory("synvid-plot").FullName;
        try
        {
            var path = Path.Combine(dir, "loss.png");
            var steps = Enumerable.Range(1, 200).Select(i => (long)i).ToArray();
            LossCurvePlot.Save(path, steps, steps.Select(s => 1.0 / Math.Sqrt(s)).ToArray(), "pre-training loss");
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 5000);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.Empty(Directory.GetFiles(dir, "*" + AtomicFile.Marker + "*"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
