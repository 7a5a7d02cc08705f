using System.Collections;
using System.IO.Compression;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Serialization;
using SynVid.Training;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace SynVid.Tests.Model;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("synvid-ckpt").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SaveThenLoadIsExact()
    {
        random.manual_seed(1);
        using var original = new PretrainModel(Fixtures.TinyPretrain);
        var path = Path.Combine(_dir, "model.pth");
        CheckpointWriter.Save(path, original, new Dictionary<string, object> { ["epoch"] = 3 });

        random.manual_seed(2);
        using var restored = new PretrainModel(Fixtures.TinyPretrain);
        using (var checkpoint = CheckpointReader.Read(path))
        {
            Assert.True(StateDictLoader.Load(restored, checkpoint).Exact);
        }
        var expected = original.state_dict();
        foreach (var (key, value) in restored.state_dict())
        {
            Assert.True(Fixtures.SameValues(value, expected[key]), key);
        }
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(Path.GetFullPath(path))!, "*" + AtomicFile.Marker + "*"));
    }

    [Fact]
    public void OptimizerStateRoundTripResumesTrainingExactly()
    {
        using var batch = new PretrainBatch(randn([1, 3, 16, 32, 32]), new MaskGenerator(Fixtures.TinyTrunk).Batch(1, new Random(4)), 0);
        var recipe = Fixtures.ConstantLr(2.25e-4, 1);
        random.manual_seed(3);
        using var model = new PretrainModel(Fixtures.TinyPretrain);
        using var step = new PretrainStep(model, recipe);
        step.Run(0, batch);
        step.Run(1, batch);
        var path = Path.Combine(_dir, "resume.pth");
        CheckpointWriter.Save(path, model, step.Optimizer, new Dictionary<string, object> { ["epoch"] = 2 });

        random.manual_seed(4);
        using var resumed = new PretrainModel(Fixtures.TinyPretrain);
        using var resumedStep = new PretrainStep(resumed, recipe);
        using (var checkpoint = CheckpointReader.Read(path))
        {
            StateDictLoader.Load(resumed, checkpoint);
        }
        CheckpointReader.LoadOptimizer(path, resumedStep.Optimizer);

        // Drop path is off, so the next step is deterministic: both copies must land on the same weights.
        step.Run(2, batch);
        resumedStep.Run(2, batch);
        var expected = model.state_dict();
        foreach (var (key, value) in resumed.state_dict())
        {
            Assert.True(Fixtures.SameValues(value, expected[key]), key);
        }
    }

    [Fact]
    public void DeepSpeedAndBareStateDictsLoad()
    {
        using var fixture = CheckpointReader.Read(Fixtures.File("finetune_tiny.pth"));
        foreach (var wrapper in new[] { "module", null })
        {
            var inner = new Hashtable();
            foreach (var (k, v) in fixture.Tensors)
            {
                inner[k] = v;
            }
            var path = Path.Combine(_dir, $"{wrapper ?? "bare"}.pth");
            using (var stream = File.Create(path))
            {
                PyTorchPickler.PickleStateDict(stream, wrapper is null ? inner : new Hashtable { [wrapper] = inner }, false);
            }
            using var back = CheckpointReader.Read(path);
            Assert.Equal(fixture.Tensors.Count, back.Tensors.Count);
            Assert.True(Fixtures.SameValues(back["head.weight"], fixture["head.weight"]));
        }
    }

    [Fact]
    public void SavedFileHasTheTorchSaveLayout()
    {
        using var model = new VideoClassifier(Fixtures.TinyClassifier);
        var path = Path.Combine(_dir, "classifier.pth");
        CheckpointWriter.Save(path, model, new Dictionary<string, object> { ["epoch"] = 7 });
        using (var zip = ZipFile.OpenRead(path))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains(names, n => n.EndsWith("/data.pkl", StringComparison.Ordinal));
            Assert.Contains(names, n => n.EndsWith("/version", StringComparison.Ordinal));
            Assert.Equal(model.state_dict().Count, names.Count(n => n.Contains("/data/", StringComparison.Ordinal)));
        }
        var root = PyTorchUnpickler.UnpickleStateDict(path);
        Assert.Equal(7, root["epoch"]);
        var inner = (IDictionary)root["model"]!;
        Assert.Equal(model.state_dict().Keys.Order(), inner.Keys.Cast<string>().Order());
        foreach (var t in inner.Values.OfType<Tensor>())
        {
            Assert.False(t.requires_grad);
            t.Dispose();
        }
    }

    [Fact]
    public void FixtureCheckpointSurvivesARoundTripBitForBit()
    {
        using var model = new PretrainModel(Fixtures.TinyPretrain);
        using var fixture = CheckpointReader.Read(Fixtures.File("pretrain_tiny.pth"));
        StateDictLoader.Load(model, fixture);
        var path = Path.Combine(_dir, "again.pth");
        CheckpointWriter.Save(path, model);
        using var again = CheckpointReader.Read(path);
        Assert.Equal(fixture.Tensors.Keys.Order(), again.Tensors.Keys.Order());
        foreach (var (key, value) in fixture.Tensors)
        {
            Assert.True(Fixtures.SameValues(value, again[key]), key);
        }
    }

    [Fact]
    public void PretrainCheckpointLoadsIntoClassifierByTheReferenceRules()
    {
        using var classifier = new VideoClassifier(Fixtures.TinyClassifier);
        using var checkpoint = CheckpointReader.Read(Fixtures.File("pretrain_tiny.pth"));
        var report = ClassifierWeights.LoadPretrained(classifier, checkpoint);

        Assert.Equal(["fc_norm.bias", "fc_norm.weight", "head.bias", "head.weight"], report.Missing.Order());
        var decoderKeys = checkpoint.Tensors.Keys.Where(k => k.StartsWith("decoder.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2 * 13 + 4, decoderKeys.Count);
        string[] expectedUnexpected = ["encoder_to_decoder.weight", "mask_token", "norm.bias", "norm.weight", .. decoderKeys];
        Assert.Equal(expectedUnexpected.Order(), report.Unexpected.Order());

        var state = classifier.state_dict();
        Assert.True(Fixtures.SameValues(state["blocks.1.attn.qkv.weight"], checkpoint["encoder.blocks.1.attn.qkv.weight"]));
        Assert.True(Fixtures.SameValues(state["patch_embed.proj.weight"], checkpoint["encoder.patch_embed.proj.weight"]));
        using var ones = ones_like(state["fc_norm.weight"]);
        Assert.True(Fixtures.SameValues(state["fc_norm.weight"], ones));
        // The head keeps its fresh init: truncated normal 0.02 × 0.001.
        Assert.InRange(state["head.weight"].abs().max().item<float>(), 1e-7f, 1e-4f);
    }

    [Fact]
    public void MismatchedShapeNamesTheKey()
    {
        var wider = Fixtures.TinyPretrain with { Encoder = Fixtures.TinyTrunk with { MlpRatio = 2 } };
        using var model = new PretrainModel(wider);
        using var checkpoint = CheckpointReader.Read(Fixtures.File("pretrain_tiny.pth"));
        var e = Assert.Throws<UserInputException>(() => StateDictLoader.Load(model, checkpoint));
        Assert.Contains("mlp.fc1", e.Message, StringComparison.Ordinal);
        Assert.Contains("pretrain_tiny.pth", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownLayoutGivesAClearError()
    {
        var path = Path.Combine(_dir, "odd.pth");
        using (var stream = File.Create(path))
        {
            PyTorchPickler.PickleStateDict(stream, new Hashtable { ["epoch"] = 1 }, false);
        }
        var e = Assert.Throws<UserInputException>(() => CheckpointReader.Read(path));
        Assert.Contains("epoch", e.Message, StringComparison.Ordinal);

        var text = Path.Combine(_dir, "text.pth");
        File.WriteAllText(text, "hello world");
        Assert.Throws<UserInputException>(() => CheckpointReader.Read(text));
    }

    [Fact]
    public void HuggingFaceSafetensorsLoadAndReproduceTheReferenceOutput()
    {
        // Rename the fixture weights to transformers' VideoMAEForPreTraining names, split qkv, write safetensors.
        var path = Path.Combine(_dir, "model.safetensors");
        using (var fixture = CheckpointReader.Read(Fixtures.File("pretrain_tiny.pth")))
        {
            SafetensorsFile.Write(path, ToHuggingFace(fixture));
        }
        using var model = new PretrainModel(Fixtures.TinyPretrain);
        using (var hf = CheckpointReader.Read(path))
        {
            Assert.True(StateDictLoader.Load(model, hf).Exact);
        }
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = model.forward(NpyFile.Read(Fixtures.File("pretrain_input.npy")), NpyFile.Read(Fixtures.File("pretrain_mask.npy")));
        Assert.InRange(Fixtures.RelativeError(output, NpyFile.Read(Fixtures.File("pretrain_output.npy"))), 0, 1e-5);
    }

    [Fact]
    public void SafetensorsRoundTripKeepsDtypesAndRejectsBadHeaders()
    {
        var path = Path.Combine(_dir, "mixed.safetensors");
        using var f = randn(3, 4);
        using var h = f.to_type(ScalarType.BFloat16);
        using var b = f > 0;
        SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["f"] = f, ["h"] = h, ["b"] = b });
        var back = SafetensorsFile.Read(path);
        Assert.True(Fixtures.SameValues(back["f"], f));
        Assert.True(Fixtures.SameValues(back["h"], h));
        Assert.True(Fixtures.SameValues(back["b"], b));
        foreach (var t in back.Values)
        {
            t.Dispose();
        }
        var bytes = File.ReadAllBytes(path);
        bytes[8] = (byte)'[';
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<UserInputException>(() => CheckpointReader.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, Tensor> ToHuggingFace(StateDict reference)
    {
        static string Layer(string rest) => rest switch
        {
            "attn.q_bias" => "attention.attention.q_bias",
            "attn.v_bias" => "attention.attention.v_bias",
            "attn.proj.weight" => "attention.output.dense.weight",
            "attn.proj.bias" => "attention.output.dense.bias",
            "mlp.fc1.weight" => "intermediate.dense.weight",
            "mlp.fc1.bias" => "intermediate.dense.bias",
            "mlp.fc2.weight" => "output.dense.weight",
            "mlp.fc2.bias" => "output.dense.bias",
            "norm1.weight" => "layernorm_before.weight",
            "norm1.bias" => "layernorm_before.bias",
            "norm2.weight" => "layernorm_after.weight",
            "norm2.bias" => "layernorm_after.bias",
            _ => throw new InvalidOperationException(rest),
        };
        var hf = new Dictionary<string, Tensor>();
        foreach (var (key, value) in reference.Tensors)
        {
            var parts = key.Split('.');
            var isEncoderBlock = key.StartsWith("encoder.blocks.", StringComparison.Ordinal);
            var isDecoderBlock = key.StartsWith("decoder.blocks.", StringComparison.Ordinal);
            if (isEncoderBlock || isDecoderBlock)
            {
                var prefix = isEncoderBlock ? $"videomae.encoder.layer.{parts[2]}." : $"decoder.decoder_layers.{parts[2]}.";
                var rest = string.Join('.', parts.Skip(3));
                if (rest == "attn.qkv.weight")
                {
                    var chunks = value.chunk(3, 0);
                    hf[prefix + "attention.attention.query.weight"] = chunks[0];
                    hf[prefix + "attention.attention.key.weight"] = chunks[1];
                    hf[prefix + "attention.attention.value.weight"] = chunks[2];
                }
                else
                {
                    hf[prefix + Layer(rest)] = value;
                }
                continue;
            }
            var name = key switch
            {
                "encoder.patch_embed.proj.weight" => "videomae.embeddings.patch_embeddings.projection.weight",
                "encoder.patch_embed.proj.bias" => "videomae.embeddings.patch_embeddings.projection.bias",
                "encoder.norm.weight" => "videomae.layernorm.weight",
                "encoder.norm.bias" => "videomae.layernorm.bias",
                _ => key,
            };
            hf[name] = value;
        }
        return hf;
    }
}
