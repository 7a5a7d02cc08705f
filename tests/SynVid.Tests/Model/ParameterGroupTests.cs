using SynVid.Model;

namespace SynVid.Tests.Model;

public class ParameterGroupTests
{
    [Theory]
    [InlineData("patch_embed.proj.weight", 0)]
    [InlineData("mask_token", 0)]
    [InlineData("blocks.0.attn.qkv.weight", 1)]
    [InlineData("blocks.11.mlp.fc2.bias", 12)]
    [InlineData("fc_norm.weight", 13)]
    [InlineData("head.weight", 13)]
    public void LayerIdsFollowTheReference(string name, int expected) => Assert.Equal(expected, ParameterGroups.LayerId(name, 12));

    [Fact]
    public void LayerDecayScalesMatchTheTable()
    {
        // §4.10 table, L = 12.
        Assert.Equal(0.00969, ParameterGroups.LrScale(0, 0.70, 12), 5);
        Assert.Equal(0.01384, ParameterGroups.LrScale(1, 0.70, 12), 5);
        Assert.Equal(0.02376, ParameterGroups.LrScale(0, 0.75, 12), 5);
        Assert.Equal(0.75, ParameterGroups.LrScale(12, 0.75, 12), 10);
        Assert.Equal(1.0, ParameterGroups.LrScale(13, 0.75, 12), 10);
    }

    [Fact]
    public void ClassifierGroupsSplitDecayAndLayers()
    {
        using var model = new VideoClassifier(Fixtures.TinyClassifier);
        var groups = ParameterGroups.Build(model.named_parameters(), 0.05, ParameterGroups.DefaultSkip, numLayers: 2, layerDecay: 0.75);
        var byName = groups.SelectMany(g => g.Parameters.Select(p => (p.Name, g))).ToDictionary(x => x.Name, x => x.g);
        Assert.Equal(0.0, byName["blocks.0.attn.q_bias"].WeightDecay);
        Assert.Equal(0.0, byName["fc_norm.weight"].WeightDecay);
        Assert.Equal(0.05, byName["blocks.1.attn.qkv.weight"].WeightDecay);
        Assert.Equal(2, byName["blocks.1.attn.qkv.weight"].LayerId);
        Assert.Equal(Math.Pow(0.75, 3), byName["patch_embed.proj.weight"].LrScale, 12);
        Assert.Equal(1.0, byName["head.weight"].LrScale);
        Assert.Equal(model.parameters().Count(), groups.Sum(g => g.Parameters.Count));
    }
}
