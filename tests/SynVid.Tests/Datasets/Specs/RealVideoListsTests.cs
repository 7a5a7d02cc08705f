using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Video;

namespace SynVid.Tests.Datasets.Specs;

public class RealVideoListsTests
{
    // A frame whose red channel encodes the frame index, so decoded frames can be identified.
    private static RgbImage Frame(int t, int classIndex)
    {
        var img = new RgbImage(32, 24);
        for (var i = 0; i < 32 * 24; i++)
        {
            img.Pixels[3 * i] = (byte)(8 * t);
            img.Pixels[3 * i + 1] = (byte)(100 * classIndex);
            img.Pixels[3 * i + 2] = 60;
        }
        return img;
    }

    private static void WriteVideo(string path, int frames, int classIndex)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = VideoWriter.Create(path, 32, 24, 25, VideoQuality.Lossless);
        for (var t = 0; t < frames; t++)
        {
            writer.Write(Frame(t, classIndex));
        }
        writer.Complete();
    }

    [Fact]
    public void MiniatureUcf101WithRealVideosLoadsProbesAndDecodesTestViews()
    {
        using var tree = new TempTree();
        string[] classes = ["Archery", "Biking"];
        for (var c = 0; c < 2; c++)
        {
            for (var g = 1; g <= 2; g++)
            {
                WriteVideo(tree.Path_($"UCF-101/{classes[c]}/v_{classes[c]}_g{g:00}_c01.avi"), frames: 20 + 4 * g, c);
            }
        }
        tree.File("ucfTrainTestlist/classInd.txt", "1 Archery\n2 Biking\n");
        tree.File("ucfTrainTestlist/trainlist01.txt", "Archery/v_Archery_g02_c01.avi 1\nBiking/v_Biking_g02_c01.avi 2\n");
        tree.File("ucfTrainTestlist/testlist01.txt", "Archery/v_Archery_g01_c01.avi\nBiking/v_Biking_g01_c01.avi\n");

        var spec = DatasetSpec.Parse($"ucf101:{tree.Path_("UCF-101")}:1");
        var checkedOptions = new DatasetLoadOptions(Probe: VideoFileCheck.Ffprobe);
        var d = DatasetCatalog.Load(spec, checkedOptions);
        Assert.Equal(2, d.Train.Count);
        Assert.Equal(2, d.Test.Count);

        // decode the 2 × 3 test views of the first test video at stride 2 (24 frames → buffer of 12, padded to 16)
        var video = d.Test[0];
        var info = VideoReader.Probe(video.Path);
        Assert.Equal(24, info.FrameCount);
        var views = new EvaluationViews(ClipLength: 16, Stride: 2, ShortSide: 24, CropSize: 24).Test(info.FrameCount, info.Width, info.Height, clips: 2, crops: 3);
        Assert.Equal([0, 4, 8], views.Take(3).Select(v => v.Box.X));
        var frames = VideoReader.ReadFrames(video.Path, info, views[0].Frames);
        Assert.Equal(views[0].Frames.Select(t => 8 * t), frames.Select(f => (int)f.Pixels[0]));

        // an unreadable video fails naming it, or is skipped and counted
        var broken = tree.Path_("UCF-101/Biking/v_Biking_g02_c01.avi");
        File.WriteAllBytes(broken, [1, 2, 3, 4, 5, 6, 7, 8]);
        UserInputException e = Assert.Throws<BadVideoException>(() => DatasetCatalog.Load(spec, checkedOptions));
        Assert.Contains("bad video", e.Message);
        Assert.Contains("v_Biking_g02_c01.avi", e.Message);
        // without training videos of Biking the class count no longer matches
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(spec, checkedOptions with { OnBadVideo = BadVideoPolicy.Skip }));
        Assert.Contains("no usable videos of Biking", e.Message);
    }

    [Fact]
    public void MiniatureHmdb51WithRealVideosSkipsAndCountsBadOnes()
    {
        using var tree = new TempTree();
        string[] classes = ["clap", "wave"];
        for (var c = 0; c < 2; c++)
        {
            var lines = new List<string>();
            for (var v = 0; v < 3; v++)
            {
                var file = $"{classes[c]}_clip_{v}.avi";
                WriteVideo(tree.Path_($"hmdb51/{classes[c]}/{file}"), frames: 10, c);
                lines.Add($"{file} {(v == 2 ? 2 : 1)}");
            }
            tree.File($"testTrainMulti_7030_splits/{classes[c]}_test_split1.txt", string.Join("\n", lines));
        }
        File.WriteAllText(tree.Path_("hmdb51/wave/wave_clip_1.avi"), "not a video");
        var d = DatasetCatalog.Load(DatasetSpec.Parse($"hmdb51:{tree.Path_("hmdb51")}"), new DatasetLoadOptions(BadVideoPolicy.Skip, Probe: VideoFileCheck.Ffprobe));
        Assert.Equal(3, d.Train.Count);
        Assert.Equal(2, d.Test.Count);
        var skipped = Assert.Single(d.Skipped);
        Assert.EndsWith("wave_clip_1.avi", skipped.Path);
        Assert.StartsWith("not a readable video", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(SplitNames.Train, skipped.Split);
    }
}
