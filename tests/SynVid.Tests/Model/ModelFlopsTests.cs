using SynVid.Model;
using SynVid.Training;

namespace SynVid.Tests.Model;

public class ModelFlopsTests
{
    [Fact]
    public void TheViTBClassifierCostsWhatVideoMaeReports()
    {
        // VideoMAE reports 180 G (multiply-adds) per 16×224² view of ViT-B; this count takes 2 FLOPs per multiply-add
        var config = FineTunePresets.PaperUcf101.ClassifierConfig(400);
        Assert.Equal(180e9, ModelFlops.ClassifierForward(config) / 2, 180e9 * 0.01);
        Assert.Equal(3 * 8 * ModelFlops.ClassifierForward(config), ModelFlops.ClassifierStep(config, 8), 1.0);
    }

    [Fact]
    public void PreTrainingCostsLessThanFineTuningBecauseTheEncoderSeesOnlyVisibleTokens()
    {
        var pretrain = PretrainPresets.CpuTiny.ModelConfig();
        var masked = (long)(pretrain.Encoder.NumTokens * 0.9);
        var classifier = FineTunePresets.CpuTiny.ClassifierConfig(10);
        Assert.True(ModelFlops.PretrainForward(pretrain, masked) < ModelFlops.ClassifierForward(classifier));
    }
}
