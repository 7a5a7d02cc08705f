using SynVid.Analysis.Metrics;
using SynVid.Model;
using SynVid.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Analysis.Features;

/// <summary>
/// <c>videomae:CHECKPOINT</c>: SynVid/VideoMAE encoder features, the clip embedding (layer norm of the mean token after the
/// last block, <see cref="VideoClassifier.Embedding"/>). Frames and clips are resized to the model's input size
/// (anti-aliased bicubic) and ImageNet-normalised. A frame is repeated over all <c>NumFrames</c> input frames (a static
/// clip; with <c>frame=tubelet</c>, over one tubelet of a copy of the model built for that many frames); a clip of <see cref="ClipLength"/> frames is subsampled evenly (⌊i·16/T⌋) to the model's T frames when T ≠ 16.
/// </summary>
public sealed class VideoMaeExtractor : IFeatureExtractor
{
    private readonly VideoClassifier _model;
    private readonly VideoClassifier? _frameModel;
    private readonly Device _device;
    private readonly bool _ownsModel;

    /// <summary>
    /// Wraps a loaded model (moved to <paramref name="device"/>); disposes it when <paramref name="ownsModel"/>. With
    /// <paramref name="frameModel"/> (the same weights built for one tubelet of frames) a frame is repeated over one
    /// tubelet only, which is T/tubelet times cheaper than repeating it over the clip.
    /// </summary>
    public VideoMaeExtractor(VideoClassifier model, string name, Device? device = null, bool ownsModel = true, int clipLength = 16, VideoClassifier? frameModel = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _frameModel = frameModel;
        _frameModel?.to(device ?? CPU);
        _frameModel?.eval();
        _device = device ?? CPU;
        _ownsModel = ownsModel;
        Name = name;
        ClipLength = clipLength;
        _model.to(_device);
        _model.eval();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool ComparableWithPublishedFid => false;

    /// <inheritdoc />
    public int ClipLength { get; }

    /// <inheritdoc />
    public bool SupportsClips => true;

    /// <summary>Feature dimension (the encoder width).</summary>
    public int Dimension => _model.Config.Encoder.EmbedDim;

    /// <inheritdoc />
    public FeatureMatrix ExtractFrames(IReadOnlyList<RgbImage> frames)
    {
        var model = _frameModel ?? _model;
        var config = model.Config.Encoder;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var images = FrameBatch.Images(frames, config.ImageSize, config.ImageSize);
        return Embed(model, images.unsqueeze(2).expand(-1, -1, config.NumFrames, -1, -1));
    }

    /// <inheritdoc />
    public FeatureMatrix ExtractClips(IReadOnlyList<IReadOnlyList<RgbImage>> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        var config = _model.Config.Encoder;
        var fitted = clips.Select(c => c.Count == config.NumFrames ? c : (IReadOnlyList<RgbImage>)[.. FrameBatch.Evenly(c.Count, config.NumFrames).Select(i => c[i])]).ToList();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return Embed(_model, FrameBatch.Clips(fitted, config.ImageSize, config.ImageSize));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsModel)
        {
            _model.Dispose();
            _frameModel?.Dispose();
        }
    }

    private FeatureMatrix Embed(VideoClassifier model, Tensor pixels)
    {
        var x = pixels.to(_device);
        var mean = tensor(ImageNetNormalization.Mean.ToArray(), device: _device).view(1, 3, 1, 1, 1);
        var std = tensor(ImageNetNormalization.Std.ToArray(), device: _device).view(1, 3, 1, 1, 1);
        return FeatureMatrix.FromTensor(model.Embedding((x - mean) / std));
    }
}
