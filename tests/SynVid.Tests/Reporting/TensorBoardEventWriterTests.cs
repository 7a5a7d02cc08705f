using System.Buffers.Binary;
using System.Text;
using SynVid.Reporting;

namespace SynVid.Tests.Reporting;

public class TensorBoardEventWriterTests
{
    [Fact]
    public void TwoWritersOnOneFolderInOneSecondGetTheirOwnFiles()
    {
        var dir = Directory.CreateTempSubdirectory("synvid-tb").FullName;
        try
        {
            // a run and its resumption in the same process can open writers within one second
            using var first = new TensorBoardEventWriter(dir);
            using var second = new TensorBoardEventWriter(dir);
            Assert.NotEqual(first.Path, second.Path);
            Assert.All(new[] { first.Path, second.Path }, p => Assert.StartsWith("events.out.tfevents.", Path.GetFileName(p), StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Crc32CMatchesTheStandardCheckValue()
    {
        Assert.Equal(0xE3069283u, TensorBoardEventWriter.Crc32C(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void RecordsAreFramedWithValidChecksumsAndCarryTheScalars()
    {
        var dir = Directory.CreateTempSubdirectory("synvid-tb").FullName;
        try
        {
            string path;
            using (var w = new TensorBoardEventWriter(dir))
            {
                w.WriteScalars(1, [("train/loss", 0.5f), ("train/lr", 1e-4f)]);
                w.WriteScalars(300, [("train/loss", 0.25f)]);
                path = w.Path;
            }
            Assert.StartsWith("events.out.tfevents.", Path.GetFileName(path), StringComparison.Ordinal);
            var bytes = File.ReadAllBytes(path);
            var records = new List<byte[]>();
            var pos = 0;
            while (pos < bytes.Length)
            {
                var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(pos));
                Assert.Equal(TensorBoardEventWriter.MaskedCrc(bytes.AsSpan(pos, 8)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pos + 8)));
                var data = bytes.AsSpan(pos + 12, length).ToArray();
                Assert.Equal(TensorBoardEventWriter.MaskedCrc(data), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pos + 12 + length)));
                records.Add(data);
                pos += 16 + length;
            }
            Assert.Equal(3, records.Count);
            Assert.Contains("brain.Event:2", Encoding.ASCII.GetString(records[0]), StringComparison.Ordinal);
            var second = records[1];
            Assert.Contains("train/loss", Encoding.ASCII.GetString(second), StringComparison.Ordinal);
            // simple_value (field 2, fixed32) follows the tag string inside each Value.
            var tagAt = Encoding.ASCII.GetString(second).IndexOf("train/loss", StringComparison.Ordinal) + "train/loss".Length;
            Assert.Equal(0x15, second[tagAt]);
            Assert.Equal(0.5f, BinaryPrimitives.ReadSingleLittleEndian(second.AsSpan(tagAt + 1)));
            // step 300 as a varint in field 2 of the third event.
            Assert.Contains(new byte[] { 0x10, 0xAC, 0x02 }, Windows(records[2], 3));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static IEnumerable<byte[]> Windows(byte[] data, int size)
    {
        for (var i = 0; i + size <= data.Length; i++)
        {
            yield return data[i..(i + size)];
        }
    }
}
