using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SynVid.Analysis.Metrics;
using SynVid.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Analysis.Features;

/// <summary>
/// <c>onnx:FILE</c>: a user-supplied ONNX model run with ONNX Runtime (CPU). The model's single float input decides the
/// form: 4-D images, (N, 3, H, W) or (N, H, W, 3); or 5-D clips, (N, 3, T, H, W) or (N, T, 3, H, W). H, W and T come from
/// the input metadata (a symbolic H or W defaults to 299, Inception-v3's size; a symbolic T to 16). Preprocessing follows
/// pytorch-fid's Inception convention: anti-aliased bicubic resize to H×W, RGB scaled to [−1, 1] (2·x/255 − 1). The first
/// output, flattened per sample, is the feature. A symbolic batch dimension is filled with whole batches; a fixed one
/// is fed that many samples at a time. With an Inception-v3 pool3 model (2048-d) the values follow the FID recipe; any
/// other model's values are not comparable with published FID.
/// </summary>
public sealed class OnnxExtractor : IFeatureExtractor
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly bool _channelsFirst;
    private readonly int _fixedBatch;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="UserInputException"/> naming the file when it is unusable.</summary>
    public OnnxExtractor(string path, int clipLength = 16)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new UserInputException($"ONNX model {path} does not exist");
        }
        try
        {
            _session = new InferenceSession(path);
        }
        catch (OnnxRuntimeException e)
        {
            throw new UserInputException($"ONNX model {path}: cannot load it: {e.Message}", e);
        }
        Name = "onnx:" + path;
        ClipLength = clipLength;
        if (_session.InputMetadata.Count != 1)
        {
            _session.Dispose();
            throw new UserInputException($"ONNX model {path}: expected one input, found {_session.InputMetadata.Count} ({string.Join(", ", _session.InputMetadata.Keys)})");
        }
        var (name, meta) = _session.InputMetadata.First();
        _inputName = name;
        var dims = meta.Dimensions;
        if (meta.ElementType != typeof(float) || dims.Length is not (4 or 5))
        {
            _session.Dispose();
            throw new UserInputException($"ONNX model {path}: input '{name}' must be a float tensor of rank 4 (N,3,H,W / N,H,W,3) or 5 (N,3,T,H,W / N,T,3,H,W), got {meta.ElementType.Name} of rank {dims.Length}");
        }
        _fixedBatch = dims[0] > 0 ? dims[0] : 0;
        InputRank = dims.Length;
        if (dims.Length == 4)
        {
            _channelsFirst = dims[1] == 3;
            if (!_channelsFirst && dims[3] != 3)
            {
                _session.Dispose();
                throw new UserInputException($"ONNX model {path}: input '{name}' ({Shape(dims)}) has no channel axis of size 3 at position 1 or 3");
            }
            (InputHeight, InputWidth) = _channelsFirst ? (Side(dims[2]), Side(dims[3])) : (Side(dims[1]), Side(dims[2]));
            InputFrames = 1;
        }
        else
        {
            _channelsFirst = dims[1] == 3;
            if (!_channelsFirst && dims[2] != 3)
            {
                _session.Dispose();
                throw new UserInputException($"ONNX model {path}: input '{name}' ({Shape(dims)}) has no channel axis of size 3 at position 1 or 2");
            }
            InputFrames = _channelsFirst ? (dims[2] > 0 ? dims[2] : clipLength) : (dims[1] > 0 ? dims[1] : clipLength);
            (InputHeight, InputWidth) = (Side(dims[3]), Side(dims[4]));
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Only Inception-v3 pool3 features are; the extractor cannot tell, so the output notes it instead.</summary>
    public bool ComparableWithPublishedFid => false;

    /// <inheritdoc />
    public int ClipLength { get; }

    /// <inheritdoc />
    public bool SupportsClips => InputRank == 5;

    /// <summary>4 (images) or 5 (clips).</summary>
    public int InputRank { get; }

    /// <summary>Input height.</summary>
    public int InputHeight { get; }

    /// <summary>Input width.</summary>
    public int InputWidth { get; }

    /// <summary>Input frames (1 for image models).</summary>
    public int InputFrames { get; }

    /// <inheritdoc />
    public FeatureMatrix ExtractFrames(IReadOnlyList<RgbImage> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (InputRank == 5)
        {
            // A clip model sees each frame as a static clip, as the VideoMAE extractor does.
            return ExtractClips([.. frames.Select(f => (IReadOnlyList<RgbImage>)Enumerable.Repeat(f, InputFrames).ToArray())]);
        }
        using var scope = NewDisposeScope();
        using Scalar two = 2, one = 1; // kept alive through the native calls (see GcQuietRegion)
        var x = FrameBatch.Images(frames, InputHeight, InputWidth).mul_(two).sub_(one);
        if (!_channelsFirst)
        {
            x = x.permute(0, 2, 3, 1);
        }
        return Run(x);
    }

    /// <inheritdoc />
    public FeatureMatrix ExtractClips(IReadOnlyList<IReadOnlyList<RgbImage>> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        if (InputRank != 5)
        {
            throw new UserInputException($"{Name} takes images (rank-4 input), so it cannot compute FVD; give a model with a 5-D input or use --features random:SEED");
        }
        var fitted = clips.Select(c => c.Count == InputFrames ? c : (IReadOnlyList<RgbImage>)[.. FrameBatch.Evenly(c.Count, InputFrames).Select(i => c[i])]).ToList();
        using var scope = NewDisposeScope();
        using Scalar two = 2, one = 1; // kept alive through the native calls (see GcQuietRegion)
        var x = FrameBatch.Clips(fitted, InputHeight, InputWidth).mul_(two).sub_(one);
        if (!_channelsFirst)
        {
            x = x.permute(0, 2, 1, 3, 4);
        }
        return Run(x);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private FeatureMatrix Run(TorchSharp.torch.Tensor input)
    {
        var n = (int)input.shape[0];
        var step = _fixedBatch > 0 ? _fixedBatch : Math.Max(n, 1);
        var parts = new List<FeatureMatrix>();
        for (var start = 0; start < n; start += step)
        {
            var count = Math.Min(step, n - start);
            using var batch = input.narrow(0, start, count).contiguous();
            var values = batch.data<float>().ToArray();
            var shape = batch.shape.Select(d => (int)d).ToArray();
            if (_fixedBatch > count)
            {
                // Pad a fixed-size batch with copies of its last sample; their outputs are dropped.
                var per = values.Length / count;
                var padded = new float[per * _fixedBatch];
                values.CopyTo(padded, 0);
                for (var k = count; k < _fixedBatch; k++)
                {
                    Array.Copy(values, (count - 1) * per, padded, k * per, per);
                }
                values = padded;
                shape[0] = _fixedBatch;
            }
            using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, new DenseTensor<float>(values, shape))]);
            var output = results.First().AsTensor<float>();
            var all = output.ToArray();
            var d = all.Length / shape[0];
            parts.Add(new FeatureMatrix(count, d, all[..(count * d)]));
        }
        return FeatureMatrix.Concat(parts);
    }

    private static int Side(int dim) => dim > 0 ? dim : 299;

    private static string Shape(int[] dims) => "(" + string.Join(", ", dims.Select(d => d > 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")) + ")";
}
