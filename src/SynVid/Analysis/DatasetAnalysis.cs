using SynVid.Analysis.Data;
using SynVid.Analysis.Features;
using SynVid.Analysis.Metrics;
using SynVid.Concurrency;
using SynVid.Datasets;
using SynVid.Runtime;
using SynVid.Synthesis;
using SynVid.Video;

namespace SynVid.Analysis;

/// <summary>Which phase is running and how far it got.</summary>
/// <param name="Dataset">"data" or "reference".</param>
/// <param name="Phase">"frames" or "clips".</param>
/// <param name="Done">Items finished.</param>
/// <param name="Total">Items in the phase.</param>
public sealed record AnalysisProgress(string Dataset, string Phase, int Done, int Total);

/// <summary>
/// The dataset-property analysis of docs/reference-behaviour.md §7. Sampling is a pure function of the seed: frame sample k comes from
/// video ⌊U·count⌋ and frame ⌊U'·frames⌋ with (U, U') drawn from <see cref="SeededRandom"/>(seed, 1, k) (so videos repeat
/// and frames are independent); clip sample k is video π(k mod count) of a seeded permutation π (distinct videos while
/// k &lt; count) and frames s..s+15 with s uniform over the valid starts (<see cref="SeededRandom"/>(seed, 3, k)); a video
/// shorter than 16 frames repeats its last frame. Results do not depend on the thread count.
/// </summary>
public static class DatasetAnalysis
{
    private const int SampleFrameCount = 8;

    /// <summary>Opens both datasets and the extractor, summarises each, and compares them.</summary>
    public static DatasetMetrics Run(AnalysisOptions options, IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Validated();
        using var data = VideoCollections.Open(options.Data, onBadVideo: options.OnBadVideo);
        using var reference = VideoCollections.Open(options.Reference, onBadVideo: options.OnBadVideo);
        using var extractor = FeatureExtractors.Open(options.Features, TorchRuntime.ResolveDevice(options.Device));
        var dataSummary = Summarize(data, extractor, options, "data", progress, cancel);
        var referenceSummary = Summarize(reference, extractor, options, "reference", progress, cancel);
        return Compare(dataSummary, referenceSummary, extractor, options);
    }

    /// <summary>Compares two summaries made with the same extractor and options.</summary>
    public static DatasetMetrics Compare(DatasetSummary data, DatasetSummary reference, IFeatureExtractor extractor, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(options);
        var fid = FrechetDistance.Between(data.FrameFeatures, reference.FrameFeatures);
        var kid = KernelInceptionDistance.Compute(data.FrameFeatures, reference.FrameFeatures, options.Kid);
        double? fvd = data.ClipFeatures is { } dc && reference.ClipFeatures is { } rc ? FrechetDistance.Between(dc, rc) : null;
        double? lab;
        try
        {
            lab = GaussianKl.Symmetric(data.Lab, reference.Lab);
        }
        catch (UserInputException)
        {
            lab = null;
        }
        return new DatasetMetrics(
            fid, kid, fvd, data.Diversity(options.DiversityEpsilon), reference.Diversity(options.DiversityEpsilon),
            data.SpectrumAlpha, reference.SpectrumAlpha, lab, extractor.Name, extractor.ComparableWithPublishedFid, data, reference);
    }

    /// <summary>Samples frames and clips of <paramref name="videos"/> and measures everything that needs no reference.</summary>
    public static DatasetSummary Summarize(
        IVideoCollection videos, IFeatureExtractor extractor, AnalysisOptions options, string label = "data",
        IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(options);
        options = options.Validated();

        // Frames: draw (video, frame) per sample, then read each video's frames together, in video order.
        var draws = new (int Video, double U)[options.Frames];
        for (var k = 0; k < options.Frames; k++)
        {
            var rng = new SeededRandom(options.Seed, 1, k);
            draws[k] = ((int)Math.Min(videos.Count - 1, Math.Floor(rng.NextDouble() * videos.Count)), rng.NextDouble());
        }
        var groups = Enumerable.Range(0, options.Frames).GroupBy(k => draws[k].Video).OrderBy(g => g.Key).Select(g => (Video: g.Key, Samples: g.ToArray())).ToArray();

        var frameFeatures = new List<FeatureMatrix>();
        var alphas = new List<double>();
        var labSum = new double[3];
        var labProducts = new double[3, 3];
        long labCount = 0;
        var spectra = new Dictionary<int, (double[] Sum, int Count)>();
        var samples = new SortedDictionary<int, RgbImage>();
        var batch = new List<RgbImage>();
        var done = 0;
        void Flush()
        {
            if (batch.Count > 0)
            {
                frameFeatures.Add(extractor.ExtractFrames(batch));
                batch.Clear();
            }
        }
        foreach (var group in OrderedPrefetcher.Produce(groups.Length, g => MeasureFrames(videos, groups[g].Video, groups[g].Samples, draws, options), options.Parallelism, 0, cancel))
        {
            for (var i = 0; i < group.Frames.Count; i++)
            {
                batch.Add(group.Frames[i]);
                if (group.Samples[i] < SampleFrameCount)
                {
                    samples[group.Samples[i]] = group.Frames[i];
                }
                if (batch.Count >= options.BatchSize)
                {
                    Flush();
                }
            }
            alphas.AddRange(group.Alphas);
            foreach (var spectrum in group.Spectra)
            {
                var entry = spectra.TryGetValue(spectrum.Size, out var e) ? e : (new double[spectrum.Amplitude.Length], 0);
                for (var r = 0; r < spectrum.Amplitude.Length; r++)
                {
                    entry.Item1[r] += Math.Log(Math.Max(spectrum.Amplitude[r], 1e-12));
                }
                spectra[spectrum.Size] = (entry.Item1, entry.Item2 + 1);
            }
            for (var i = 0; i < 3; i++)
            {
                labSum[i] += group.LabSum[i];
                for (var j = 0; j < 3; j++)
                {
                    labProducts[i, j] += group.LabProducts[i, j];
                }
            }
            labCount += group.LabCount;
            done += group.Frames.Count;
            progress?.Report(new AnalysisProgress(label, "frames", done, options.Frames));
        }
        Flush();

        // Clips: distinct random videos (a seeded permutation), 16 consecutive frames from a random start.
        var order = Permutation(videos.Count, Math.Min(videos.Count, options.Videos), options.Seed);
        var clipFeatures = new List<FeatureMatrix>();
        var clipFrameFeatures = new List<FeatureMatrix>();
        var clipBatch = new List<IReadOnlyList<RgbImage>>();
        var clipBatchSize = Math.Max(1, options.BatchSize / options.ClipLength);
        void FlushClips()
        {
            if (clipBatch.Count == 0)
            {
                return;
            }
            if (extractor.SupportsClips)
            {
                clipFeatures.Add(extractor.ExtractClips(clipBatch));
            }
            var frames = clipBatch.SelectMany(c => c).ToList();
            for (var start = 0; start < frames.Count; start += options.BatchSize)
            {
                clipFrameFeatures.Add(extractor.ExtractFrames(frames.GetRange(start, Math.Min(options.BatchSize, frames.Count - start))));
            }
            clipBatch.Clear();
        }
        done = 0;
        foreach (var clip in OrderedPrefetcher.Produce(options.Videos, k => ReadClip(videos, order[k % order.Length], k, options), options.Parallelism, 0, cancel))
        {
            clipBatch.Add(clip);
            if (clipBatch.Count >= clipBatchSize)
            {
                FlushClips();
            }
            done++;
            progress?.Report(new AnalysisProgress(label, "clips", done, options.Videos));
        }
        FlushClips();

        var common = spectra.OrderByDescending(kv => kv.Value.Count).ThenByDescending(kv => kv.Key).First();
        var meanSpectrum = new RadialSpectrum(common.Key, [.. common.Value.Sum.Select(v => Math.Exp(v / common.Value.Count))]);
        return new DatasetSummary(
            videos.Name,
            FeatureMatrix.Concat(frameFeatures),
            extractor.SupportsClips ? FeatureMatrix.Concat(clipFeatures) : null,
            FeatureMatrix.Concat(clipFrameFeatures),
            alphas,
            GaussianStats.FromSums(labSum, labProducts, labCount),
            meanSpectrum,
            [.. samples.Values])
        {
            SkippedVideos = videos is ISkippedVideos skipping ? skipping.SkippedVideos : [],
        };
    }

    /// <summary>The first <paramref name="take"/> entries of a seeded Fisher–Yates shuffle of 0..count−1.</summary>
    public static int[] Permutation(int count, int take, long seed)
    {
        var values = Enumerable.Range(0, count).ToArray();
        var rng = new SeededRandom(seed, 2);
        for (var i = 0; i < take; i++)
        {
            var j = rng.NextInt(i, count - 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
        return values[..take];
    }

    private sealed record FrameGroup(
        int[] Samples, IReadOnlyList<RgbImage> Frames, List<double> Alphas, List<RadialSpectrum> Spectra, double[] LabSum, double[,] LabProducts, long LabCount);

    private static FrameGroup MeasureFrames(IVideoCollection videos, int video, int[] samples, (int Video, double U)[] draws, AnalysisOptions options)
    {
        var frameCount = videos.FrameCount(video);
        var indices = samples.Select(k => (int)Math.Min(frameCount - 1, Math.Floor(draws[k].U * frameCount))).ToArray();
        var frames = videos.ReadFrames(video, indices);
        var alphas = new List<double>();
        var spectra = new List<RadialSpectrum>();
        var sum = new double[3];
        var products = new double[3, 3];
        long count = 0;
        foreach (var frame in frames)
        {
            var spectrum = SpectrumSlope.Radial(SpectrumSlope.Grayscale(frame));
            spectra.Add(spectrum);
            if (SpectrumSlope.Fit(spectrum) is { } alpha)
            {
                alphas.Add(alpha);
            }
            count += AccumulateLab(frame, options.LabPixelsPerFrame, sum, products);
        }
        return new FrameGroup(samples, frames, alphas, spectra, sum, products, count);
    }

    /// <summary>
    /// Adds the L*a*b* values of the pixels on a regular grid (every s-th row and column from (0, 0), s = max(1,
    /// ⌊√(W·H / target)⌋)) to the running sums; returns how many pixels it added.
    /// </summary>
    internal static long AccumulateLab(RgbImage frame, int targetPixels, double[] sum, double[,] products)
    {
        var step = Math.Max(1, (int)Math.Floor(Math.Sqrt((double)frame.Width * frame.Height / targetPixels)));
        long count = 0;
        Span<double> v = stackalloc double[3];
        for (var y = 0; y < frame.Height; y += step)
        {
            for (var x = 0; x < frame.Width; x += step)
            {
                var o = frame.Offset(x, y);
                var (l, a, b) = CieLab.FromSrgb(frame.Pixels[o], frame.Pixels[o + 1], frame.Pixels[o + 2]);
                v[0] = l;
                v[1] = a;
                v[2] = b;
                for (var i = 0; i < 3; i++)
                {
                    sum[i] += v[i];
                    for (var j = 0; j < 3; j++)
                    {
                        products[i, j] += v[i] * v[j];
                    }
                }
                count++;
            }
        }
        return count;
    }

    private static IReadOnlyList<RgbImage> ReadClip(IVideoCollection videos, int video, int k, AnalysisOptions options)
    {
        var frameCount = videos.FrameCount(video);
        var rng = new SeededRandom(options.Seed, 3, k);
        var start = rng.NextInt(0, Math.Max(0, frameCount - options.ClipLength));
        var indices = Enumerable.Range(start, options.ClipLength).Select(t => Math.Min(t, frameCount - 1)).ToArray();
        return videos.ReadFrames(video, indices);
    }
}
