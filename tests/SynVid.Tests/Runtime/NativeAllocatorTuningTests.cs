using SynVid.Runtime;

namespace SynVid.Tests.Runtime;

public class NativeAllocatorTuningTests
{
    [Fact]
    public void GlibcAcceptsTheSettingsAndTensorsStillWork()
    {
        var applied = NativeAllocatorTuning.Apply();
        Assert.Equal(OperatingSystem.IsLinux(), applied);
        using var t = TorchSharp.torch.ones(1024, 1024);
        Assert.Equal(1024 * 1024, t.sum().item<float>());
    }
}
