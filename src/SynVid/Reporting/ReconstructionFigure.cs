using SynVid.Model;
using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Reporting;

/// <summary>
/// The pre-training reconstruction figure: for each clip three rows (input frames, the masked input, the model's
/// reconstruction with visible patches pasted back) and, for normalised-pixel models, the prediction un-normalised
/// per patch with the input patch's own mean and std, as VideoMAE's visualisation does. One column per tubelet.
/// </summary>
public static class ReconstructionFigure
{
    /// <summary>The three (B, 3, T, H, W) pixel tensors in [0, 1]: input, masked input (masked patches grey), reconstruction.</summary>
    public static (Tensor Input, Tensor Masked, Tensor Reconstruction) Compute(PretrainModel model, Tensor video, Tensor mask, bool normalizedTarget)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var config = model.Config.Encoder;
        var wasTraining = model.training;
        model.eval();
        var prediction = model.forward(video, mask).to_type(ScalarType.Float32);
        if (wasTraining)
        {
            model.train();
        }

        var pixels = ImageNetNormalization.Unnormalize(video.to_type(ScalarType.Float32)).clamp(0, 1);
        long b = pixels.shape[0], c = config.InChannels, t = config.TemporalSlots, h = config.ImageSize / config.PatchSize;
        long p = config.PatchSize, tube = config.TubeletSize;
        var patches = pixels.reshape(b, c, t, tube, h, p, h, p).permute(0, 2, 4, 6, 3, 5, 7, 1).reshape(b, t * h * h, tube * p * p, c);
        var predicted = prediction.reshape(b, -1, tube * p * p, c);
        if (normalizedTarget)
        {
            var maskedPatches = Masks.SelectTokens(patches.reshape(b, t * h * h, -1), mask).reshape(b, -1, tube * p * p, c);
            var mean = maskedPatches.mean([-2], keepdim: true);
            var std = maskedPatches.var(-2, unbiased: true, keepdim: true).sqrt();
            predicted = predicted * (std + 1e-6) + mean;
        }
        var reconstruction = patches.clone();
        reconstruction[mask] = predicted.reshape(-1, tube * p * p, c).clamp(0, 1);
        var masked = patches.clone();
        masked[mask] = full_like(masked[mask], 0.5f);

        Tensor Fold(Tensor x) => x.reshape(b, t, h, h, tube, p, p, c).permute(0, 7, 1, 4, 2, 5, 3, 6).reshape(b, c, t * tube, h * p, h * p);
        return (pixels.MoveToOuterDisposeScope(), Fold(masked).MoveToOuterDisposeScope(), Fold(reconstruction).MoveToOuterDisposeScope());
    }

    /// <summary>Writes the figure as a PNG: per clip, rows input / masked / reconstruction; one column per tubelet.</summary>
    public static void Save(string path, PretrainModel model, Tensor video, Tensor mask, bool normalizedTarget)
    {
        var (input, masked, reconstruction) = Compute(model, video, mask, normalizedTarget);
        using (input)
        using (masked)
        using (reconstruction)
        {
            PngFile.Write(path, Grid([input, masked, reconstruction], model.Config.Encoder.TubeletSize));
        }
    }

    /// <summary>Tiles (B, 3, T, H, W) tensors: clip-major rows, one row per tensor, frames 0, s, 2s, … as columns.</summary>
    public static RgbImage Grid(IReadOnlyList<Tensor> rows, int frameStep, int gap = 2)
    {
        long b = rows[0].shape[0], frames = rows[0].shape[2], h = rows[0].shape[3], w = rows[0].shape[4];
        var columns = (int)((frames + frameStep - 1) / frameStep);
        var width = (int)(columns * (w + gap) + gap);
        var height = (int)(b * rows.Count * (h + gap) + (b - 1) * gap * 2 + gap);
        var image = new RgbImage(width, height);
        Array.Fill(image.Pixels, (byte)255);
        for (var clip = 0; clip < b; clip++)
        {
            for (var r = 0; r < rows.Count; r++)
            {
                using var bytes = rows[r][clip].mul(255).round().clamp(0, 255).to_type(ScalarType.Byte).permute(1, 2, 3, 0).contiguous();
                var data = bytes.data<byte>().ToArray();
                var top = (int)(gap + (clip * rows.Count + r) * (h + gap) + clip * gap * 2);
                for (var col = 0; col < columns; col++)
                {
                    var frame = col * frameStep;
                    var left = (int)(gap + col * (w + gap));
                    for (var y = 0; y < h; y++)
                    {
                        Buffer.BlockCopy(data, (int)(((frame * h) + y) * w * 3), image.Pixels, image.Offset(left, top + y), (int)(w * 3));
                    }
                }
            }
        }
        return image;
    }
}
