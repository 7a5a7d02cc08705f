using SynVid.Datasets;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Synthesis;
using SynVid.Tests.Video;
using SynVid.Video;

namespace SynVid.Tests.Datasets;

/// <summary>
/// A variable-frame-rate AVI whose stream holds 7 pictures for the 46 frames its header reports: every reader the
/// commands use (fine-tuning and linear-probe clips, validation, the multi-view test, pre-training on a video list)
/// reads it, with either decoder, wherever its clips fall.
/// </summary>
public sealed class VariableFrameRateDatasetTests
{
    [Theory]
    [InlineData(VideoDecoderKind.InProcess)]
    [InlineData(VideoDecoderKind.FfmpegProcess)]
    public void EveryDatasetReaderReadsAFileWithFewerPicturesThanFrames(VideoDecoderKind decoder)
    {
        if (InProcessDecoding.Unavailable(decoder))
        {
            return;
        }
        using var dir = new TempFolder();
        DecoderParityTests.Make(dir.File("vfr-mpeg4.avi"));
        foreach (var list in new[] { "train.csv", "val.csv", "test.csv" })
        {
            File.WriteAllText(dir.File(list), "vfr-mpeg4.avi 0\n");
        }
        var previous = Environment.GetEnvironmentVariable(VideoDecoding.EnvironmentVariable);
        Environment.SetEnvironmentVariable(VideoDecoding.EnvironmentVariable, decoder == VideoDecoderKind.InProcess ? "inprocess" : "ffmpeg");
        try
        {
            var data = DownstreamData.Open(DatasetSpec.Parse("csv:" + dir.Path), new DownstreamDataOptions(ClipLength: 8, ProbeVideos: true));
            Assert.Equal(46, data.Reader.Describe(data.Splits.Train[0]).FrameCount);
            for (var seed = 0; seed < 12; seed++)
            {
                Assert.Equal(8, data.TrainClip(0, new Random(seed)).Count);
            }
            Assert.Equal(12, data.TestBuffer(data.Splits.Test, 0).Count); // about every 4th of 46 frames
            var views = new MultiViewEvaluator(data, new EvaluationViews(8, 4, 32, 32), new ViewCount(2, 3)).ViewFrames(data.Splits.Test, 0);
            Assert.Equal(6, views.Count);

            var pretraining = new VideoFileClipSource(dir.File("train.csv"), new ClipSampling { Frames = 8, Stride = 4 }, seed: 0, BadVideoPolicy.Fail);
            for (var i = 0; i < 12; i++)
            {
                Assert.Equal(8, pretraining.Clip(i).Count);
            }
            Assert.Empty(pretraining.Unreadable);
        }
        finally
        {
            Environment.SetEnvironmentVariable(VideoDecoding.EnvironmentVariable, previous);
        }
    }
}
