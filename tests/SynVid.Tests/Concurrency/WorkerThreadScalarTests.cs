using SynVid.Textures;
using TorchSharp;

namespace SynVid.Tests.Concurrency;

public class WorkerThreadScalarTests
{
    /// <summary>
    /// Code that runs on worker threads (texture pools, data and clip workers, decoding, feature extraction) does
    /// tensor work while the trainer's thread collects between steps (GcQuietRegion), so a Scalar it passes to
    /// libtorch must stay reachable until the call returns: a <c>using</c> variable, never a temporary.
    /// </summary>
    [Fact]
    public void WorkerThreadCodePassesNoTemporaryScalarToLibtorch()
    {
        var offending = ImplicitScalarCalls.Find(typeof(TexturePool).Assembly.Location, typeof(torch).Assembly.Location,
            ["SynVid.Textures", "SynVid.Datasets", "SynVid.Synthesis", "SynVid.Video", "SynVid.Analysis.Features", "SynVid.Analysis.Data"]);
        Assert.True(offending.Count == 0, "temporary Scalars:\n" + string.Join("\n", offending));
    }
}
