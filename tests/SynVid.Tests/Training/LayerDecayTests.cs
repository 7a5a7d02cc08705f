using SynVid.Training;

namespace SynVid.Tests.Training;

public class LayerDecayTests
{
    [Theory]
    [InlineData("patch_embed.proj.weight", 0)]
    [InlineData("encoder.patch_embed.proj.bias", 0)]
    [InlineData("cls_token", 0)]
    [InlineData("blocks.0.attn.qkv.weight", 1)]
    [InlineData("blocks.11.mlp.fc2.bias", 12)]
    [InlineData("fc_norm.weight", 13)]
    [InlineData("head.weight", 13)]
    [InlineData("norm.bias", 13)]
    public void LayerIdsFollowTheReference(string name, int expected)
    {
        Assert.Equal(expected, new LayerDecay(12, 0.75).LayerId(name));
    }

    [Theory]
    [InlineData(0.75, 0, 0.02376)]
    [InlineData(0.75, 1, 0.03168)]
    [InlineData(0.75, 2, 0.04224)]
    [InlineData(0.75, 12, 0.75)]
    [InlineData(0.75, 13, 1.0)]
    [InlineData(0.70, 0, 0.00969)]
    [InlineData(0.70, 1, 0.01384)]
    [InlineData(0.70, 2, 0.01977)]
    public void ScalesMatchTheReferenceTable(double decay, int id, double expected)
    {
        Assert.Equal(expected, new LayerDecay(12, decay).Scale(id), 5);
    }

    [Fact]
    public void WeightDecayExemptionsFollowTheReference()
    {
        var p = WeightDecayPolicy.Pretraining;
        Assert.True(p.Decays("encoder.blocks.0.attn.qkv.weight", [2304, 768]));
        Assert.False(p.Decays("encoder.blocks.0.attn.q_bias", [768]));
        Assert.False(p.Decays("encoder.blocks.0.norm1.weight", [768]));
        Assert.False(p.Decays("decoder.head.bias", [1536]));
        Assert.False(p.Decays("mask_token", [1, 1, 384]));
        Assert.True(WeightDecayPolicy.FineTuning.Decays("mask_token", [1, 1, 384]));
        Assert.False(WeightDecayPolicy.FineTuning.Decays("cls_token", [1, 1, 768]));
    }
}
