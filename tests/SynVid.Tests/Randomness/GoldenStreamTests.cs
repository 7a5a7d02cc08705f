using System.Security.Cryptography;
using SynVid.Datasets.SynAction;
using SynVid.Evaluation.Perturbations;
using SynVid.Randomness;
using SynVid.Synthesis;
using SynVid.Tests.Synthesis;
using SynVid.Tests.Training;
using SynVid.Textures;
using SynVid.Training;
using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Tests.Randomness;

/// <summary>
/// SHA-256 of the raw bytes of every random stream the project draws from, and of the data made from them: datasets,
/// perturbed test sets and training batches are pure functions of their seeds, so these must not move by accident.
/// A change that alters a generator's output on purpose updates the hash in the same commit and says why.
/// </summary>
public class GoldenStreamTests
{
    private sealed class Digest : IDisposable
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public void Add(ReadOnlySpan<byte> bytes) => _sha.AppendData(bytes);

        public void Add(ulong value) => Add(BitConverter.GetBytes(value));

        public void Add(long value) => Add(BitConverter.GetBytes(value));

        public void Add(double value) => Add(BitConverter.GetBytes(value));

        public void Add(IEnumerable<int> values)
        {
            foreach (var v in values)
            {
                Add(BitConverter.GetBytes(v));
            }
        }

        public void Add(long[] values) => Add(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));

        public void Add(IEnumerable<RgbImage> frames)
        {
            foreach (var f in frames)
            {
                Add(BitConverter.GetBytes(f.Width));
                Add(BitConverter.GetBytes(f.Height));
                Add(f.Pixels);
            }
        }

        public void AddTensor(Tensor t)
        {
            Add(t.shape.Select(d => (int)d));
            Add(t.contiguous().bytes);
        }

        // The whole new hash in the message, ready to paste when a change is meant.
        public void Check(string expected)
        {
            var actual = Convert.ToHexString(_sha.GetHashAndReset());
            Assert.True(actual == expected, $"golden hash changed: {actual}");
        }

        public void Dispose() => _sha.Dispose();
    }

    [Fact]
    public void SeededRandomDraws()
    {
        using var d = new Digest();
        foreach (long[] keys in new long[][] { [], [0], [7, 3, -1], [long.MaxValue, long.MinValue, 42, 5, 9] })
        {
            var rng = new SeededRandom(keys);
            for (var i = 0; i < 40; i++)
            {
                d.Add(rng.NextULong());
                d.Add(rng.NextDouble());
                d.Add(rng.Uniform(-2, 5));
                d.Add([rng.NextInt(0, 0), rng.NextInt(-5, 5), rng.NextInt(0, 1_000_000), rng.NextInt(int.MinValue, int.MaxValue)]);
            }
        }
        d.Check("2ADEB83AAE61765BF392E5FDCAA8F102AB9D3CDD752D9D1AA6B9D6254B2F6095");
    }

    [Fact]
    public void TextureRngDraws()
    {
        using var d = new Digest();
        d.Add(TextureRng.Tag("stat-spectrum"));
        d.Add(TextureRng.Tag("stylegan-oriented/network"));
        d.Add(TextureRng.Tag("ünïcödé ✓"));
        foreach (var (seed, stream, index) in new (long, ulong, long)[] { (0, 0, 0), (11, TextureRng.Tag("a/b"), 5), (-3, ulong.MaxValue, long.MaxValue) })
        {
            var rng = new TextureRng(seed, stream, index);
            for (var i = 0; i < 40; i++)
            {
                d.Add(rng.NextUInt64());
                d.Add(rng.Uniform());
                d.Add(rng.Uniform(-1, 3));
                d.Add([rng.IntInclusive(0, 0), rng.IntInclusive(-5, 5), rng.IntInclusive(0, 1_000_000)]);
                // An odd count of normals between other draws exercises the spare value.
                d.Add(rng.Normal());
                d.Add(rng.Normal(2, 0.5));
                d.Add(rng.Normal());
                d.Add(rng.Laplace());
            }
            var floats = new float[33];
            rng.FillNormal(floats);
            d.Add(floats.SelectMany(BitConverter.GetBytes).ToArray());
            rng.FillUniform(floats, 3.5f);
            d.Add(floats.SelectMany(BitConverter.GetBytes).ToArray());
            d.Add(rng.Permutation(37));
        }
        d.Check("21FEBC3F7E4DF90CB668BF6F4B44842DA409947698741E905F7C10930897BB08");
    }

    [Fact]
    public void PerturbationRandomDraws()
    {
        using var d = new Digest();
        d.Add(PerturbationRandom.DeriveKey(5, 2, "gaussian_noise", 3));
        d.Add(PerturbationRandom.DeriveKey(-1, long.MaxValue, "ünïcödé ✓", 0));
        var root = PerturbationRandom.For(5, 2, "box_jumble", 4);
        foreach (var rng in new[] { root, root.Fork(0), root.Fork(-1), root.Fork(7), new PerturbationRandom(0) })
        {
            d.Add(rng.Key);
            for (var i = 0; i < 40; i++)
            {
                d.Add(rng.NextUInt64());
                d.Add(rng.NextDouble());
                d.Add(rng.NextUniform(-1, 3));
                // Wide ranges reach the rejection step of the unbiased integer draw.
                d.Add([rng.NextInt(0, 0), rng.NextInt(-5, 5), rng.NextInt(0, 2_000_000_000), rng.NextInt(int.MinValue, 1_000_000_000)]);
                d.Add(rng.NextGaussian());
                d.Add(rng.NextDouble());
                d.Add(rng.NextGaussian());
                d.Add(rng.NextGaussian());
            }
            var items = Enumerable.Range(0, 29).ToArray();
            rng.Shuffle(items.AsSpan());
            d.Add(items);
        }
        d.Check("8BB39A0B57B8070381DC183DA35A9E560576E6D0BF14B51BD38B00DC51DD017F");
    }

    [Fact]
    public void SplitMixRandomDraws()
    {
        using var d = new Digest();
        d.Add(SplitMix64.Mix(0));
        d.Add(SplitMix64.Mix(0x0123_4567_89AB_CDEF));
        d.Add(SplitMixRandom.Key());
        d.Add(SplitMixRandom.Key(0, 1, 5));
        d.Add(SplitMixRandom.Key(-7, long.MaxValue));
        foreach (var seed in new[] { 0UL, SplitMixRandom.Key(3, 1000, 2), ulong.MaxValue })
        {
            var rng = new SplitMixRandom(seed);
            for (var i = 0; i < 40; i++)
            {
                d.Add(rng.NextUInt64());
                d.Add(rng.NextDouble());
                d.Add([rng.Next(), rng.Next(100), rng.Next(-5, 5), rng.Next(int.MinValue, int.MaxValue)]);
                d.Add(rng.NextInt64());
                d.Add(rng.NextInt64(10, 1000));
                d.Add(rng.NextSingle());
            }
            var bytes = new byte[13];
            rng.NextBytes(bytes);
            d.Add(bytes);
        }
        d.Check("077A140EA8A1195F80D476DD6D4D4C4BE0442C1106E395BABF94121B72FC2749");
    }

    [Fact]
    public void OnTheFlyClips()
    {
        using var d = new Digest();
        foreach (var stage in new[] { Stages.StaticCircles, Stages.MovingShapes, Stages.AcceleratingShapes })
        {
            using var source = new OnTheFlyClipSource(stage with { Resolution = 64, ObjectCount = 40 }, null, seed: 3, new ClipSampling { Frames = 3 });
            foreach (var index in new[] { 0, 5 })
            {
                var clip = source.Get(epoch: 1, index);
                d.Add(clip.FrameIndices);
                d.Add(clip.VideoFrames);
                d.Add(clip.Frames);
            }
        }
        d.Check("5B5B4B377AEB9D6664BAE746A8DC9F7AF98C088FEFBA8E97ED5B12C82D9BACF4");
    }

    [Fact]
    public void OfflineVideos()
    {
        using var d = new Digest();
        var textures = new PatternTextures(7, 64);
        foreach (var stage in new[] { Stages.TransformingShapes, Stages.AcceleratingImageCrops })
        {
            var set = new SyntheticVideoSet(stage with { Resolution = 64, ObjectCount = 40 }, textures, seed: 9, count: 10);
            var renderer = new FrameRenderer(64);
            foreach (var index in new[] { 1, 4 })
            {
                d.Add(set.Frames(index, renderer, frames: 3));
            }
        }
        d.Check("F560ECC483511DF6C66D99B648FAD1274C4C705FEE49A094AA967695A4340F97");
    }

    [Fact]
    public void StatisticalTextures()
    {
        using var d = new Digest();
        foreach (var kind in new[] { TextureKind.StatSpectrum, TextureKind.StatWmm, TextureKind.StatSpectrumColor, TextureKind.StatSpectrumColorWmm })
        {
            using var generator = new StatisticalTextureGenerator(kind, StatisticalTextureOptions.For(kind, 32) with { Iterations = 2 }, seed: 4);
            d.Add([generator.Generate(0), generator.Generate(3)]);
        }
        d.Check("F1B53D2C70D72FA0BB3C43EE9401BADDF87C5DDBED7786B7BE72FB6781862DD8");
    }

    [Fact]
    public void StyleGanTextures()
    {
        using var d = new Digest();
        var options = new StyleGanOptions { Resolution = 16, ChannelBase = 128, ChannelMax = 16, WDim = 16, ReinitEvery = 2 };
        foreach (var variant in new[] { StyleGanVariant.Random, StyleGanVariant.Oriented })
        {
            using var generator = new StyleGanTextureGenerator(variant, options, seed: 6);
            d.Add([generator.Generate(0), generator.Generate(3)]);
            d.Add(generator.GenerateSequence(1, frames: 2));
        }
        d.Check("618347B99D714E184920105588AA39781C0C1DEA6FC9F34501FF1DDB0A38B5B7");
    }

    [Fact]
    public void PerturbedClips()
    {
        // A small clip of smooth gradients and a moving bar, so every type has structure to act on.
        var clip = Enumerable.Range(0, 8).Select(t =>
        {
            var image = new RgbImage(32, 32);
            for (var y = 0; y < 32; y++)
            {
                for (var x = 0; x < 32; x++)
                {
                    var o = image.Offset(x, y);
                    image.Pixels[o] = (byte)(8 * x);
                    image.Pixels[o + 1] = (byte)(8 * y);
                    image.Pixels[o + 2] = (byte)(Math.Abs(x - 3 * t) < 3 ? 230 : 40);
                }
            }
            return image;
        }).ToArray();
        using var d = new Digest();
        foreach (var perturbation in PerturbationCatalog.All)
        {
            foreach (var severity in new[] { 1, 3, 5 })
            {
                d.Add(ClipPerturbation.Apply(clip, perturbation, severity, seed: 5, video: 2));
            }
            d.Add(ClipPerturbation.Apply(clip, perturbation, 2, seed: 5, video: 2, view: 1));
        }
        d.Check("4C8717DBED8304537199F83633B48AD92372991B873092736160AC80EBF1DA27");
    }

    [Fact]
    public void SynActionClips()
    {
        using var d = new Digest();
        var dataset = new SynActionDataset(new SynActionConfig(Seed: 2, Width: 64, Height: 48, MinFrames: 6, MaxFrames: 10, TrainPerClass: 2, TestPerClass: 1));
        foreach (var (split, index) in new[] { (SynActionSplit.Train, 0), (SynActionSplit.Train, 13), (SynActionSplit.TestNovelBackgrounds, 4) })
        {
            d.Add(dataset.Key(split, index));
            d.Add(dataset.Render(split, index));
        }
        d.Check("713561083193A7D622A55D61C6FA963D3852FBCCFC73F1AB724247B69249DCFB");
    }

    [Fact]
    public void FineTuneBatches()
    {
        using var d = new Digest();
        d.Add(FineTuneBatch.EpochOrder(3, 1, 50));
        // Clips whose frames and window depend on the draw they are given, so the clip stream is covered too.
        var source = new MovingSquareSource(4, 160);
        var data = new TrainingClips(20, 4, i => i % 4, (i, rng) => source.Clip(i * 1000 + rng.Next(1000)));
        var recipe = FineTunePresets.CpuTiny with { Frames = 4, InputSize = 32, BatchSize = 2, Seed = 3 };
        foreach (var (epoch, step) in new[] { (0, 0), (2, 3) })
        {
            using var batch = FineTuneBatch.Make(recipe, data, epoch, step);
            d.AddTensor(batch.Clips);
            d.AddTensor(batch.Targets);
            d.Add(batch.Labels);
            d.Add(batch.Entries);
        }
        d.Check("C693DBC53F182C5532912FB147C780F9D0A90860CD0D860BCF9BDD2B19FF68E3");
    }

    [Fact]
    public void PretrainBatches()
    {
        using var d = new Digest();
        var recipe = PretrainPresets.CpuTiny with { EncoderDepth = 1, DecoderDepth = 1, Frames = 4, InputSize = 32, BatchSize = 2, Seed = 7 };
        var source = new MovingSquareSource(4, 40);
        foreach (var pass in new[] { 0L, 5L })
        {
            using var batch = PretrainBatch.Make(recipe, recipe.ModelConfig(), source, pass);
            d.AddTensor(batch.Video);
            d.AddTensor(batch.Mask);
        }
        d.Check("F323CC759EB7195EB9833576624C4F88FA01712990DEE19865B294F5DEA33C20");
    }
}
