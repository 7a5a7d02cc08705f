using SynVid.Datasets.Specs;

namespace SynVid.Tests.Datasets.Specs;

public class DatasetSpecTests
{
    [Fact]
    public void ParsesEveryForm()
    {
        Assert.Equal(new Ucf101Spec("/data/UCF-101", 1), DatasetSpec.Parse("ucf101:/data/UCF-101"));
        Assert.Equal(new Ucf101Spec("/data/UCF-101", 3), DatasetSpec.Parse("ucf101:/data/UCF-101:3"));
        Assert.Equal(new Hmdb51Spec("hmdb", 2), DatasetSpec.Parse("hmdb51:hmdb:2"));
        Assert.Equal(new CsvSpec("lists/k400"), DatasetSpec.Parse("csv:lists/k400"));
        Assert.Equal(new FolderSpec("clips"), DatasetSpec.Parse("folder:clips"));
        Assert.Equal(new SynActionSpec(false), DatasetSpec.Parse("synaction"));
        Assert.Equal(new SynActionSpec(true), DatasetSpec.Parse("synaction:test-novel-bg"));
        var small = new SynVid.Datasets.SynAction.SynActionConfig(TrainPerClass: 200, TestPerClass: 100, Width: 96, Height: 72, MinDistractors: 0, MaxDistractors: 1, FigureScale: 1.3, LimbScale: 2);
        Assert.Equal(new SynActionSpec(false, small), DatasetSpec.Parse("synaction:train=200,test=100,size=96x72,distractors=0-1,figure=1.3,limbs=2"));
        Assert.Equal(new SynActionSpec(true, small with { Seed = 3 }), DatasetSpec.Parse("synaction:test-novel-bg:seed=3,train=200,test=100,size=96x72,distractors=0-1,figure=1.3,limbs=2"));
        Assert.Equal(new MotionSpec("home/videos", MotionTask.ArrowOfTime), DatasetSpec.Parse("motion:home/videos"));
        Assert.Equal(new MotionSpec("home/videos", MotionTask.PlaybackSpeed), DatasetSpec.Parse("motion:home/videos:speed"));
        Assert.Equal(4, DatasetSpec.Parse("ucf101:x").DefaultFrameStride);
        Assert.Equal(2, DatasetSpec.Parse("hmdb51:x").DefaultFrameStride);
        Assert.Equal(5, DatasetSpec.Parse("ucf101:x").DefaultTestClips);
        Assert.Equal(10, DatasetSpec.Parse("hmdb51:x").DefaultTestClips);
    }

    [Theory]
    [InlineData("kinetics:/data", "unknown kind 'kinetics'")]
    [InlineData("ucf101:", "ROOT is missing")]
    [InlineData("ucf101:/data:4", "SPLIT must be 1, 2 or 3, got '4'")]
    [InlineData("hmdb51:/data:one", "SPLIT must be 1, 2 or 3, got 'one'")]
    [InlineData("csv", "DIR is missing")]
    [InlineData("synaction:colour=red", "unknown synaction setting 'colour'")]
    [InlineData("synaction:size=96", "needs WxH")]
    [InlineData("synaction:train=0", "videos per class must be at least 1")]
    [InlineData("synaction:val", "unknown synaction variant 'val'")]
    [InlineData("", "empty dataset spec")]
    public void BadSpecsNameTheBadPart(string spec, string message)
    {
        var e = Assert.Throws<UserInputException>(() => DatasetSpec.Parse(spec));
        Assert.Contains(message, e.Message);
    }
}
