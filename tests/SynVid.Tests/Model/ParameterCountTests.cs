using SynVid.Model;

namespace SynVid.Tests.Model;

public class ParameterCountTests
{
    [Theory]
    [InlineData("small", 21.88, 24.03)]
    [InlineData("base", 86.23, 94.21)]
    [InlineData("large", 303.86, 317.78)]
    [InlineData("huge", 631.61, 653.10)]
    public void PretrainCountsEqualReference(string size, double encoderMillions, double totalMillions)
    {
        var config = ModelSize.Parse(size).Pretrain();
        Assert.Equal(encoderMillions, Math.Round(ParameterCounts.PretrainEncoder(config) / 1e6, 2));
        Assert.Equal(totalMillions, Math.Round(ParameterCounts.Pretrain(config) / 1e6, 2));
    }

    [Fact]
    public void BaseClassifierWith51ClassesHas86_27M()
    {
        Assert.Equal(86.27, Math.Round(ParameterCounts.Classifier(ModelSize.Base.Classifier(51)) / 1e6, 2));
    }

    [Fact]
    public void ArithmeticEqualsBuiltSmallModel()
    {
        var config = ModelSize.Small.Pretrain();
        using var model = new PretrainModel(config);
        Assert.Equal(ParameterCounts.Pretrain(config), ParameterCounts.Of(model));
        Assert.Equal(ParameterCounts.PretrainEncoder(config), ParameterCounts.Of(model.Encoder));
        Assert.Equal(ParameterCounts.PretrainDecoder(config), ParameterCounts.Of(model.Decoder));
    }

    [Fact]
    public void ArithmeticEqualsBuiltClassifierAndLayerScaleVariant()
    {
        var classifier = Fixtures.TinyClassifier with { Encoder = Fixtures.TinyTrunk with { InitValues = 0.1, MlpRatio = 2 } };
        using var model = new VideoClassifier(classifier);
        Assert.Equal(ParameterCounts.Classifier(classifier), ParameterCounts.Of(model));
        Assert.Contains("blocks.0.gamma_1", model.state_dict().Keys);
    }

    [Fact]
    public void PretrainStateDictHasExactlyTheReferenceKeys()
    {
        // Base's depths (12 and 4) at tiny widths: the key set depends on depths only.
        using var model = new PretrainModel(Fixtures.TinyPretrain with { Encoder = Fixtures.TinyTrunk with { Depth = 12 }, DecoderDepth = 4 });
        var keys = model.state_dict().Keys.ToHashSet();
        // §4.9: encoder 2 + 12·13 + 2, encoder_to_decoder and mask_token, decoder 4·13 + 2 + 2; no pos_embed, no encoder head.
        Assert.Equal(2 + (12 * 13) + 2 + 1 + 1 + (4 * 13) + 2 + 2, keys.Count);
        Assert.Contains("encoder.patch_embed.proj.weight", keys);
        Assert.Contains("encoder.blocks.11.attn.q_bias", keys);
        Assert.Contains("encoder.blocks.11.attn.v_bias", keys);
        Assert.Contains("encoder.norm.weight", keys);
        Assert.Contains("encoder_to_decoder.weight", keys);
        Assert.Contains("mask_token", keys);
        Assert.Contains("decoder.blocks.3.mlp.fc2.bias", keys);
        Assert.Contains("decoder.head.bias", keys);
        Assert.DoesNotContain(keys, k => k.Contains("pos_embed", StringComparison.Ordinal) || k.Contains("k_bias", StringComparison.Ordinal));
        Assert.Equal(56, keys.Count(k => k.StartsWith("decoder.", StringComparison.Ordinal)));
    }
}
