using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Serialization;
using static TorchSharp.torch;

namespace SynVid.Tests.Model;

public class FeaturesTests
{
    [Fact]
    public void EmbeddingFeedsTheHeadAndKeysComeFromTheLastBlock()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var checkpoint = CheckpointReader.Read(Fixtures.File("finetune_tiny.pth"));
        using var model = new VideoClassifier(Fixtures.TinyClassifier);
        StateDictLoader.Load(model, checkpoint);
        model.eval();
        var clip = NpyFile.Read(Fixtures.File("pretrain_input.npy"));

        var features = model.Features(clip);
        Assert.Equal([2L, 128L, 48L], features.shape);
        var embedding = model.Embedding(clip);
        Assert.Equal([2L, 48L], embedding.shape);
        var head = nn.functional.linear(embedding, checkpoint["head.weight"], checkpoint["head.bias"]);
        Assert.InRange(Fixtures.RelativeError(head, NpyFile.Read(Fixtures.File("finetune_logits.npy"))), 0, 1e-5);

        // The same weights cut after block 0 give the last block's input; its keys are LN1(input)·W_kᵀ (k bias is zero).
        using var firstBlockOnly = new VideoClassifier(Fixtures.TinyClassifier with { Encoder = Fixtures.TinyTrunk with { Depth = 1 } });
        var report = StateDictLoader.Load(firstBlockOnly, checkpoint, strict: false);
        Assert.Empty(report.Missing);
        firstBlockOnly.eval();
        var lastInput = firstBlockOnly.Features(clip);
        var normed = nn.functional.layer_norm(lastInput, [48], checkpoint["blocks.1.norm1.weight"], checkpoint["blocks.1.norm1.bias"], 1e-6);
        var wk = checkpoint["blocks.1.attn.qkv.weight"].narrow(0, 48, 48);
        var expectedKeys = nn.functional.linear(normed, wk).reshape(2, 128, 3, 16).permute(0, 2, 1, 3);
        var keys = model.LastLayerKeys(clip);
        Assert.Equal([2L, 3L, 128L, 16L], keys.shape);
        Assert.InRange(Fixtures.RelativeError(keys, expectedKeys), 0, 1e-6);
    }

    [Fact]
    public void PretrainEncoderFeaturesCoverEveryToken()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var model = new PretrainModel(Fixtures.TinyPretrain);
        using (var checkpoint = CheckpointReader.Read(Fixtures.File("pretrain_tiny.pth")))
        {
            StateDictLoader.Load(model, checkpoint);
        }
        model.eval();
        var clip = NpyFile.Read(Fixtures.File("pretrain_input.npy"));
        var all = model.Encoder.Features(clip);
        Assert.Equal([2L, 128L, 48L], all.shape);
        // With nothing masked, the masked forward keeps every token and must agree.
        var none = zeros(new long[] { 2, 128 }, ScalarType.Bool);
        Assert.InRange(Fixtures.RelativeError(model.Encoder.forward(clip, none), all), 0, 1e-6);
        Assert.Equal([2L, 3L, 128L, 16L], model.Encoder.LastLayerKeys(clip).shape);
    }
}
