using SynVid.Analysis.Progression;
using SynVid.Training;

namespace SynVid.Tests.Training;

public class RecipeOverridesTests
{
    [Fact]
    public void AssignmentsSetFieldsOfEitherRecipeByTheirConfigNames()
    {
        var fineTune = RecipeOverrides.FromAssignments(["mixup=0", "rand_augment=none", "clip_grad=1.5", "layer-decay=null", "crop_min_area=1"], FineTunePresets.CpuTiny);
        Assert.Equal(0, fineTune.Mixup);
        Assert.Equal("none", fineTune.RandAugment);
        Assert.Equal(1.5, fineTune.ClipGrad);
        Assert.Null(fineTune.LayerDecay);
        Assert.Equal(1.0, fineTune.CropMinArea);
        Assert.Equal(FineTunePresets.CpuTiny with { Mixup = 0, RandAugment = "none", ClipGrad = 1.5, LayerDecay = null, CropMinArea = 1 }, fineTune);

        var pretrain = RecipeOverrides.FromAssignments(["mask_ratio=0.9", "masking=random", "total_steps=500"], PretrainPresets.CpuTiny);
        Assert.Equal(PretrainPresets.CpuTiny with { MaskRatio = 0.9, Masking = SynVid.Model.MaskingKind.Random, TotalSteps = 500 }, pretrain);
    }

    [Fact]
    public void PrecisionReachesTheEncoderOfBothModelsAndOnlyItsTwoNamesPass()
    {
        Assert.Equal(SynVid.Model.MatmulPrecision.Float32, FineTunePresets.CpuTiny.ClassifierConfig(3).Encoder.Precision);
        var fineTune = RecipeOverrides.FromAssignments(["precision=bf16"], FineTunePresets.CpuTiny);
        Assert.Equal(SynVid.Model.MatmulPrecision.BFloat16, fineTune.ClassifierConfig(3).Encoder.Precision);
        var pretrain = RecipeOverrides.FromAssignments(["precision=bf16"], PretrainPresets.CpuTiny);
        Assert.Equal(SynVid.Model.MatmulPrecision.BFloat16, pretrain.ModelConfig().Encoder.Precision);
        var bad = RecipeOverrides.FromAssignments(["precision=fp16"], PretrainPresets.CpuTiny);
        var e = Assert.Throws<UserInputException>(bad.Validate);
        Assert.Contains("precision must be fp32 or bf16, got 'fp16'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mixupp=0", "unknown recipe field 'mixupp'")]
    [InlineData("clips_per_step=4", "unknown recipe field 'clips_per_step'")]
    [InlineData("mixup=abc", "recipe field 'mixup' cannot be \"abc\"; it takes a number")]
    [InlineData("epochs=2.5", "recipe field 'epochs' cannot be 2.5")]
    [InlineData("mixup", "--set expects FIELD=VALUE")]
    public void BadAssignmentsNameTheFieldAndWhatItTakes(string assignment, string expected)
    {
        var e = Assert.Throws<UserInputException>(() => RecipeOverrides.FromAssignments([assignment], FineTunePresets.CpuTiny));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProgressionAssignmentsReachThePresetAndBothRecipes()
    {
        var preset = ProgressionOverrides.Apply(ProgressionPresets.CpuDemo, ["pretrain_steps=7", "pretrain.mask_ratio=0.5", "finetune.mixup=0"]);
        Assert.Equal(7, preset.PretrainSteps);
        Assert.Equal(0.5, preset.Pretrain(0).MaskRatio);
        Assert.Equal(7, preset.Pretrain(0).TotalSteps);
        Assert.Equal(0, preset.FineTune(0).Mixup);
        Assert.Equal(FineTunePresets.CpuTiny.Cutmix, preset.FineTune(0).Cutmix);
        Assert.Throws<UserInputException>(() => ProgressionOverrides.Apply(ProgressionPresets.CpuDemo, ["finetune.nope=1"]));
    }
}
