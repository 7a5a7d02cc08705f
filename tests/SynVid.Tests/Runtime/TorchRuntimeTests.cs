using SynVid.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Tests.Runtime;

public class TorchRuntimeTests
{
    [Fact]
    public void LibTorchIs210()
    {
        Assert.StartsWith("2.10", TorchRuntime.LibTorchVersion, StringComparison.Ordinal);
        Assert.Equal(1, get_num_threads());
    }

    [Fact]
    public void MatrixProductAndBackwardGiveExpectedNumbers()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }).requires_grad_();
        var b = tensor(new float[] { 7, 8, 9, 10, 11, 12 }, new long[] { 3, 2 });
        var c = matmul(a, b);
        Assert.Equal(new float[] { 58, 64, 139, 154 }, c.data<float>().ToArray());

        // d(sum(a @ b))/da[i,k] = sum_j b[k,j]
        c.sum().backward();
        Assert.Equal(new float[] { 15, 19, 23, 15, 19, 23 }, a.grad!.data<float>().ToArray());
    }

    [Fact]
    public void DeviceParsingRejectsUnknownNames()
    {
        Assert.Equal(DeviceType.CPU, TorchRuntime.ResolveDevice("cpu").type);
        var e = Assert.Throws<UserInputException>(() => TorchRuntime.ResolveDevice("tpu"));
        Assert.Contains("tpu", e.Message, StringComparison.Ordinal);
        if (!TorchRuntime.CudaAvailable)
        {
            Assert.Throws<UserInputException>(() => TorchRuntime.ResolveDevice("cuda"));
        }
    }
}
