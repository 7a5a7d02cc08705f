using System.Text;

namespace SynVid.Tests.Analysis;

/// <summary>
/// Writes a minimal ONNX model by hand (protobuf wire format): Conv (4 output channels, no padding) → Relu →
/// GlobalAveragePool → Flatten, on a float input of shape (N, 3, side, side) or, with frames, (N, 3, frames, side, side),
/// with a symbolic batch dimension. Opset 13.
/// </summary>
internal static class TinyOnnxModel
{
    internal const int Channels = 4;

    /// <summary>
    /// The model's bytes; <paramref name="weights"/> is (4, 3, [1,] 3, 3) row-major. With <paramref name="channelsLast"/>
    /// the image input is (N, side, side, 3), transposed to channels-first inside the graph.
    /// </summary>
    internal static byte[] Build(int side, float[] weights, int? frames = null, bool channelsLast = false)
    {
        var kernel = frames is null ? new long[] { Channels, 3, 3, 3 } : [Channels, 3, 1, 3, 3];
        var inputDims = frames is null ? new long[] { -1, 3, side, side } : [-1, 3, frames.Value, side, side];
        var graph = new List<byte>();
        if (channelsLast)
        {
            inputDims = [-1, side, side, 3];
            graph.AddRange(Message(1, [.. Node(["x"], ["nchw"], "Transpose"), .. Message(5, IntsAttribute("perm", [0, 3, 1, 2]))]));
        }
        graph.AddRange(Message(1, Node([channelsLast ? "nchw" : "x", "w"], ["conv"], "Conv")));
        graph.AddRange(Message(1, Node(["conv"], ["relu"], "Relu")));
        graph.AddRange(Message(1, Node(["relu"], ["pool"], "GlobalAveragePool")));
        graph.AddRange(Message(1, Node(["pool"], ["features"], "Flatten")));
        graph.AddRange(Text(2, "tiny"));
        graph.AddRange(Message(5, Initializer("w", kernel, weights)));
        graph.AddRange(Message(11, ValueInfo("x", inputDims)));
        graph.AddRange(Message(12, ValueInfo("features", [-1, Channels])));

        var model = new List<byte>();
        model.AddRange(Varint(1, 8)); // ir_version
        model.AddRange(Text(2, "synvid-tests"));
        model.AddRange(Message(7, [.. graph]));
        model.AddRange(Message(8, [.. Text(1, ""), .. Varint(2, 13)])); // opset_import
        return [.. model];
    }

    /// <summary>Deterministic weights for a kernel of <paramref name="count"/> values.</summary>
    internal static float[] Weights(int count, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() - 0.5))];
    }

    private static byte[] Node(string[] inputs, string[] outputs, string op)
    {
        var bytes = new List<byte>();
        foreach (var i in inputs)
        {
            bytes.AddRange(Text(1, i));
        }
        foreach (var o in outputs)
        {
            bytes.AddRange(Text(2, o));
        }
        bytes.AddRange(Text(4, op));
        return [.. bytes];
    }

    private static byte[] IntsAttribute(string name, long[] values)
    {
        var bytes = new List<byte>(Text(1, name));
        foreach (var v in values)
        {
            bytes.AddRange(Varint(8, (ulong)v));
        }
        bytes.AddRange(Varint(20, 7)); // AttributeType.INTS
        return [.. bytes];
    }

    private static byte[] Initializer(string name, long[] dims, float[] values)
    {
        var bytes = new List<byte>();
        foreach (var d in dims)
        {
            bytes.AddRange(Varint(1, (ulong)d));
        }
        bytes.AddRange(Varint(2, 1)); // FLOAT
        bytes.AddRange(Text(8, name));
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        bytes.AddRange(Message(9, raw));
        return [.. bytes];
    }

    private static byte[] ValueInfo(string name, long[] dims)
    {
        var shape = new List<byte>();
        foreach (var d in dims)
        {
            shape.AddRange(Message(1, d < 0 ? Text(2, "N") : Varint(1, (ulong)d)));
        }
        var tensorType = new List<byte>();
        tensorType.AddRange(Varint(1, 1)); // elem_type FLOAT
        tensorType.AddRange(Message(2, [.. shape]));
        return [.. Text(1, name), .. Message(2, Message(1, [.. tensorType]))];
    }

    private static byte[] Text(int field, string value) => Message(field, Encoding.UTF8.GetBytes(value));

    private static byte[] Message(int field, byte[] payload) => [.. Key(field, 2), .. Raw((ulong)payload.Length), .. payload];

    private static byte[] Varint(int field, ulong value) => [.. Key(field, 0), .. Raw(value)];

    private static byte[] Key(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

    private static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }
}
