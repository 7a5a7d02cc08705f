using System.Text.Json;
using SynVid.Evaluation.Perturbations;
using SynVid.Video;

namespace SynVid.Tests.Evaluation;

public class TemporalPerturbationTests
{
    public static TheoryData<int> Levels => new() { 1, 2, 3, 4, 5 };

    private static PerturbationRandom Rng(string key, int severity, long seed = 7) => PerturbationRandom.For(seed, 3, key, severity);

    [Theory]
    [MemberData(nameof(Levels))]
    public void SamplingAndReverseSamplingGiveTheReferenceIndices(int severity)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(PerturbationFixtures.Directory, "manifest.json")));
        var expected = manifest.RootElement.GetProperty("temporal_indices_for_64_frames");
        int[] Expected(string key) => [.. expected.GetProperty($"{key}_s{severity}").EnumerateArray().Select(e => e.GetInt32())];
        Assert.Equal(Expected("sampling"), new Sampling().SelectFrames(64, severity, Rng("sampling", severity)));
        Assert.Equal(Expected("reverse_sampling"), new ReverseSampling().SelectFrames(64, severity, Rng("reverse_sampling", severity)));
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void JumblePermutesOnlyWithinItsSegments(int severity)
    {
        const int frames = 75;
        var length = Jumble.ChunkLength(severity);
        var indices = new Jumble().SelectFrames(frames, severity, Rng("jumble", severity));
        Assert.Equal(frames, indices.Length);
        for (var start = 0; start < frames; start += length)
        {
            var chunk = indices.Skip(start).Take(length).Order();
            Assert.Equal(Enumerable.Range(start, Math.Min(length, frames - start)), chunk);
        }
        Assert.NotEqual(Enumerable.Range(0, frames), indices);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void BoxJumbleMovesWholeSegmentsIntact(int severity)
    {
        const int frames = 150;
        var length = BoxJumble.ChunkLength(severity);
        var indices = new BoxJumble().SelectFrames(frames, severity, Rng("box_jumble", severity));
        Assert.Equal(Enumerable.Range(0, frames), indices.Order());
        // Every run starts at a segment boundary and continues consecutively to the segment's end.
        var i = 0;
        var starts = new List<int>();
        while (i < indices.Length)
        {
            var start = indices[i];
            Assert.Equal(0, start % length);
            starts.Add(start);
            var size = Math.Min(length, frames - start);
            Assert.Equal(Enumerable.Range(start, size), indices.Skip(i).Take(size));
            i += size;
        }
        Assert.NotEqual(starts.Order(), starts);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void FreezeHoldsExactlyKDistinctFramesInOrderThenPadsWithTheLastFrame(int severity)
    {
        const int frames = 80;
        var k = Freeze.KeptFrames(frames, severity);
        Assert.Equal(new[] { 32, 16, 8, 4, 1 }[severity - 1], k);
        var indices = new Freeze().SelectFrames(frames, severity, Rng("freeze", severity));
        Assert.Equal(frames, indices.Length);
        var first = indices[0];
        var held = indices[..(frames - first)];
        var padding = indices[(frames - first)..];
        Assert.Equal(k, held.Distinct().Count());
        // Each kept index is held from its own position until the next kept index.
        for (var n = 0; n < held.Length; n++)
        {
            Assert.True(held[n] <= first + n, $"frame {n} shows {held[n]} before it happens");
            Assert.True(n == 0 || held[n] >= held[n - 1], "frozen frames go back in time");
            Assert.True(n == 0 || held[n] == held[n - 1] || held[n] == first + n, "a new frame starts at its own index");
        }
        Assert.All(padding, p => Assert.Equal(frames - 1, p));
    }

    [Fact]
    public void FreezeKeepsAtLeastOneFrameOnTinyBuffers()
    {
        for (var s = 1; s <= 5; s++)
        {
            var indices = new Freeze().SelectFrames(2, s, Rng("freeze", s));
            Assert.Equal(2, indices.Length);
        }
    }

    [Fact]
    public void ShortVideoUnderSamplingSeverity5IsPaddedToSixteenFrames()
    {
        var frames = Enumerable.Range(0, 20).Select(i => new RgbImage(8, 8, Enumerable.Repeat((byte)i, 192).ToArray())).ToArray();
        foreach (var key in new[] { "sampling", "reverse_sampling" })
        {
            var perturbed = ClipPerturbation.Apply(frames, PerturbationCatalog.Find(key), 5, seed: 1);
            Assert.Single(perturbed);
            var padded = TemporalPadding.PadFrames(perturbed);
            Assert.Equal(TemporalPadding.ModelFrames, padded.Length);
            Assert.All(padded, f => Assert.Same(perturbed[^1], f));
        }
        Assert.Equal([0, 32, 32, 32], TemporalPadding.PadIndices([0, 32], 4));
        Assert.Equal([5, 4, 3], TemporalPadding.PadIndices([5, 4, 3], 2));
    }

    [Fact]
    public void EachViewOfAVideoGetsItsOwnDraws()
    {
        var frames = Enumerable.Range(0, 40).Select(i => new RgbImage(4, 4, Enumerable.Repeat((byte)i, 48).ToArray())).ToArray();
        string Order(int view) => string.Join(",", ClipPerturbation.Apply(frames, new Jumble(), 3, seed: 1, video: 2, view: view).Select(f => f.Pixels[0]));
        Assert.Equal(Order(1), Order(1));
        Assert.Equal(3, new[] { Order(0), Order(1), Order(2) }.Distinct().Count());
    }

    [Fact]
    public void RandomTemporalTypesAreReproducibleBySeed()
    {
        foreach (ITemporalPerturbation p in new ITemporalPerturbation[] { new Jumble(), new BoxJumble(), new Freeze() })
        {
            var a = p.SelectFrames(100, 2, Rng(p.Key, 2, seed: 11));
            var b = p.SelectFrames(100, 2, Rng(p.Key, 2, seed: 11));
            var c = p.SelectFrames(100, 2, Rng(p.Key, 2, seed: 12));
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
        }
    }
}
