using SynVid.Serialization;
using static TorchSharp.torch;

namespace SynVid.Tests.Model;

public class NpyFileTests
{
    [Fact]
    public void RoundTripsFloatBoolAndBytes()
    {
        var dir = Directory.CreateTempSubdirectory("synvid-npy").FullName;
        try
        {
            using var f = arange(24, ScalarType.Float32).reshape(2, 3, 4) / 7;
            using var b = f > 1.5;
            using var u = arange(6, ScalarType.Byte) * 40;
            foreach (var (name, t) in new[] { ("f.npy", f), ("b.npy", b), ("u.npy", u) })
            {
                var path = Path.Combine(dir, name);
                NpyFile.Write(path, t);
                using var back = NpyFile.Read(path);
                Assert.Equal(t.dtype, back.dtype);
                Assert.Equal(t.shape, back.shape);
                Assert.True(Fixtures.SameValues(back, t));
                // NumPy's layout: the data starts on a 64-byte boundary after a newline-terminated header.
                var bytes = File.ReadAllBytes(path);
                var dataStart = 10 + BitConverter.ToUInt16(bytes, 8);
                Assert.Equal(0, dataStart % 64);
                Assert.Equal((byte)'\n', bytes[dataStart - 1]);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ALargeTensorWrittenInSlicesHasTheSameBytes()
    {
        var dir = Directory.CreateTempSubdirectory("synvid-npy").FullName;
        try
        {
            using var t = arange(2 * 3 * 5, ScalarType.Float32).reshape(2, 3, 5);
            var whole = Path.Combine(dir, "whole.npy");
            var sliced = Path.Combine(dir, "sliced.npy");
            NpyFile.Write(whole, t);
            // 12 bytes per chunk: slices of one row of 5 floats would still be too large, so it recurses to elements
            NpyFile.Write(sliced, t, maxChunkBytes: 12);
            Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(sliced));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ReadsTheReferenceFixture()
    {
        using var input = NpyFile.Read(Fixtures.File("pretrain_input.npy"));
        Assert.Equal([2L, 3L, 16L, 32L, 32L], input.shape);
        Assert.Equal(ScalarType.Float32, input.dtype);
    }

    [Fact]
    public void RejectsNonNpyNamingTheFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not numpy");
            var e = Assert.Throws<UserInputException>(() => NpyFile.Read(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
