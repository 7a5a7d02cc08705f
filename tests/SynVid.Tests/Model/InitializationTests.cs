using SynVid.Model;
using static TorchSharp.torch;

namespace SynVid.Tests.Model;

public class InitializationTests
{
    [Fact]
    public void TruncNormalDrawsTheTruncatedNormal()
    {
        random.manual_seed(11);
        using var wide = empty(200_000);
        Initialization.TruncNormal(wide, 0.0, 0.02, -2.0, 2.0);
        Assert.InRange(wide.mean().item<float>(), -2e-4f, 2e-4f);
        Assert.InRange(wide.std().item<float>(), 0.0196f, 0.0204f);

        // Cut at ±1σ: the std shrinks to √(1 − 2φ(1)/(2Φ(1) − 1)) ≈ 0.5396 σ, and nothing lies outside.
        using var narrow = empty(200_000);
        Initialization.TruncNormal(narrow, 0.0, 0.02, -0.02, 0.02);
        Assert.InRange(narrow.std().item<float>(), 0.5396f * 0.02f * 0.98f, 0.5396f * 0.02f * 1.02f);
        Assert.True(narrow.abs().max().item<float>() <= 0.02f);
        Assert.True(narrow.unique().Item1.shape[0] > 1000);
    }

    [Fact]
    public void ClassifierAndPretrainingInitsAreRandom()
    {
        // The fine-tuning init must not be a constant (which keeps every hidden unit identical under training).
        random.manual_seed(12);
        using var classifier = new VideoClassifier(Fixtures.TinyClassifier);
        var state = classifier.state_dict();
        Assert.InRange(state["blocks.0.mlp.fc1.weight"].std().item<float>(), 0.018f, 0.022f);
        Assert.InRange(state["blocks.1.attn.qkv.weight"].std().item<float>(), 0.018f, 0.022f);
        Assert.InRange(state["head.weight"].std().item<float>(), 1.5e-5f, 2.5e-5f);
        using var model = new PretrainModel(Fixtures.TinyPretrain);
        var maskToken = model.state_dict()["mask_token"];
        Assert.True(maskToken.unique().Item1.shape[0] == maskToken.numel());
        Assert.True(maskToken.abs().max().item<float>() <= 0.02f);
    }
}
