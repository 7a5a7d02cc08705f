using SynVid.Analysis.Progression;
using SynVid.Evaluation;
using SynVid.Tests.Evaluation;
using SynVid.Training;

namespace SynVid.Tests.Analysis.Progression;

public sealed class ArmEncodersTests
{
    // the micro progression with one fine-tuning run, the linear probe only, and no dataset analysis
    private static ProgressionPreset Short => ProgressionRunnerTests.Micro with
    {
        FineTuneSeeds = 1,
        KnnProbe = false,
        AttentiveProbe = false,
        PixelBaseline = false,
        AnalyseStages = false,
    };

    [Fact]
    public void ExportedEncodersReplaceThePretrainingAndFineTuneExactlyAsThePretrainedArm()
    {
        using var fixture = new DownstreamFixture();
        using var dir = new TempFolder();
        var data = "folder:" + fixture.DataDir;
        var source = Path.Combine(dir.Path, "source");
        var plan = ProgressionPlan.Create(Short, data, "static-circles");
        ProgressionRunner.Run(plan, source, resume: false);

        var folder = Path.Combine(dir.Path, "encoders");
        var encoders = ArmEncoders.Export(source, folder);
        var encoder = Assert.Single(encoders.Encoders);
        Assert.Equal("static-circles", encoder.Arm);
        Assert.Equal(ProgressionStepRecord.Read(Path.Combine(source, "static-circles", "pretrain"))!.PretrainLoss, encoder.PretrainLoss);
        Assert.Equal(ArmEncoders.Sha256Of(Path.Combine(folder, encoder.File)), encoder.Sha256);

        // the arm is not pre-trained again, and its fine-tuning predicts every test video as the pre-trained arm's did
        var installed = Path.Combine(dir.Path, "installed");
        var outcome = ProgressionRunner.Run(plan.WithEncoders(ArmEncoders.Load(folder)), installed, resume: false);
        var pretrain = Path.Combine(installed, "static-circles", "pretrain");
        Assert.False(File.Exists(Path.Combine(pretrain, "metrics.csv")));
        Assert.True(File.Exists(Path.Combine(pretrain, ArmEncoders.InstalledFile)));
        Assert.Equal(encoder.PretrainLoss, outcome.Rows[1].PretrainLoss);
        string Predictions(string root) => File.ReadAllText(Path.Combine(root, "static-circles", "finetune", PredictionsFile.FileName));
        Assert.Equal(Predictions(source), Predictions(installed));
        var report = File.ReadAllText(outcome.ReportPath);
        Assert.Contains("Not pre-trained here: static-circles", report, StringComparison.Ordinal);
        // the arm against scratch, paired over the test videos
        Assert.Matches(@"minus scratch's \(points; 95% paired bootstrap CI [^)]*\): static-circles [+-]?\d+\.\d \[-?\d+\.\d, -?\d+\.\d\]\.", report);
    }

    [Fact]
    public void AnotherRecipeADamagedFileOrAScalingStudyIsRefused()
    {
        using var fixture = new DownstreamFixture();
        using var dir = new TempFolder();
        var data = "folder:" + fixture.DataDir;
        var plan = ProgressionPlan.Create(Short with { PretrainSteps = 1 }, data, "static-circles");
        var source = Path.Combine(dir.Path, "source");
        ProgressionRunner.Run(plan, source, resume: false);
        var folder = Path.Combine(dir.Path, "encoders");
        ArmEncoders.Export(source, folder, ["static-circles"]);

        // a pre-training recipe other than the recorded one: refused before anything is installed, naming the field
        var other = ProgressionPlan.Create(Short with { PretrainSteps = 1, PretrainRecipe = Short.PretrainRecipe! with { MaskRatio = 0.5 } }, data, "static-circles");
        var target = Path.Combine(dir.Path, "other");
        var error = Assert.Throws<UserInputException>(() => ProgressionRunner.Run(other.WithEncoders(ArmEncoders.Load(folder)), target, resume: false));
        Assert.Contains("recipe.mask_ratio", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target, "static-circles", "pretrain", "checkpoint.pth")));

        // a changed byte in the weights
        var file = Path.Combine(folder, "static-circles.pth");
        var bytes = File.ReadAllBytes(file);
        bytes[^100] ^= 1;
        File.WriteAllBytes(file, bytes);
        error = Assert.Throws<UserInputException>(() => ProgressionRunner.Run(plan.WithEncoders(ArmEncoders.Load(folder)), Path.Combine(dir.Path, "damaged"), resume: false));
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);

        // the scaling study needs checkpoints the folder does not hold; an arm it does not cover still pre-trains
        var scaled = ProgressionPlan.Create(Short with { PretrainSteps = null, PretrainRecipe = Short.PretrainRecipe! with { BaseMinLr = Short.PretrainRecipe!.BaseLr, WarmupSteps = 1, TotalSteps = 3 }, ScalingSteps = [2] }, data, "static-circles");
        Assert.Throws<UserInputException>(() => scaled.WithEncoders(ArmEncoders.Load(folder)));
        Assert.Throws<UserInputException>(() => ArmEncoders.Load(Path.Combine(dir.Path, "nowhere")));
        Assert.Throws<UserInputException>(() => ArmEncoders.Export(source, Path.Combine(dir.Path, "x"), ["in-domain"]));
    }

    [Fact]
    public void TheShippedCpuProofEncodersRecordThePresetsPretrainingAndAreIntact()
    {
        var encoders = ArmEncoders.Load(Path.Combine(Model.Fixtures.RepoRoot(), "models", "cpu-proof"));
        Assert.Equal(["static-circles", "moving-circles", "in-domain"], encoders.Encoders.Select(e => e.Arm));
        Assert.Equal("cpu-proof", encoders.Preset);
        foreach (var preset in new[] { ProgressionPresets.CpuProof, ProgressionPresets.CpuProofDemo })
        {
            var plan = ProgressionPlan.Create(preset, preset.Downstream!, "static-circles,moving-circles,in-domain");
            foreach (var encoder in encoders.Encoders)
            {
                var arm = plan.Arms.Single(a => a.Name == encoder.Arm);
                var expected = ArmEncoders.Comparable(ProgressionRunner.PretrainConfig(plan, arm, encoder.Seed));
                Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, encoder.Config), $"{encoder.Arm}: recorded configuration differs from preset {preset.Name}'s");
            }
        }
        Assert.All(encoders.Encoders, e => Assert.Equal(PretrainPresets.CpuProof.TotalSteps, (long)e.Config["recipe"]!["total_steps"]!));
        Assert.All(encoders.Encoders, e => Assert.Equal(e.Sha256, ArmEncoders.Sha256Of(Path.Combine(encoders.Directory, e.File))));
    }
}
