using SynVid.Training;

namespace SynVid.Tests.Training;

public class RecipeFileTests
{
    [Fact]
    public void RecipeFilesOverrideThePresetAndRejectUnknownFields()
    {
        var dir = Directory.CreateTempSubdirectory("synvid-recipe").FullName;
        try
        {
            var good = Path.Combine(dir, "good.json");
            File.WriteAllText(good, """{ "model": "small", "batch_size": 4, "total_steps": 900, "masking": "random", "clip_grad": 1.5 }""");
            var recipe = RecipeOverrides.FromFile(good, PretrainPresets.CpuTiny);
            Assert.Equal("small", recipe.Model);
            Assert.Equal(4, recipe.BatchSize);
            Assert.Equal(900, recipe.TotalSteps);
            Assert.Equal(SynVid.Model.MaskingKind.Random, recipe.Masking);
            Assert.Equal(1.5, recipe.ClipGrad);
            Assert.Equal(PretrainPresets.CpuTiny.InputSize, recipe.InputSize);

            var unknown = Path.Combine(dir, "unknown.json");
            File.WriteAllText(unknown, """{ "batchsize": 4 }""");
            var e = Assert.Throws<UserInputException>(() => RecipeOverrides.FromFile(unknown, PretrainPresets.CpuTiny));
            Assert.Contains("batchsize", e.Message, StringComparison.Ordinal);

            var broken = Path.Combine(dir, "broken.json");
            File.WriteAllText(broken, "{ \"model\": ");
            Assert.Throws<UserInputException>(() => RecipeOverrides.FromFile(broken, PretrainPresets.CpuTiny));
            Assert.Throws<UserInputException>(() => RecipeOverrides.FromFile(Path.Combine(dir, "missing.json"), PretrainPresets.CpuTiny));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
