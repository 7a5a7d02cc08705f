using System.CommandLine;
using Spectre.Console;
using SynVid.Runtime;
using SynVid.Video;

namespace SynVid.Cli.Commands;

/// <summary>`synvid info`: versions, threads, CUDA, ffmpeg availability and the video decoder in use.</summary>
public static class InfoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("info", "Show SynVid, .NET, TorchSharp and libtorch versions, torch threads, CUDA and ffmpeg availability, and how video files are decoded.");
        command.SetAction(_ =>
        {
            TorchRuntime.EnsureLoaded();
            var ffmpeg = Ffmpeg.Version();
            var table = new Table().Border(TableBorder.Rounded).AddColumn("component").AddColumn("value");
            table.AddRow("SynVid", Markup.Escape(BuildInfo.Version));
            table.AddRow(".NET", Markup.Escape(BuildInfo.DotNet));
            table.AddRow("platform", Markup.Escape(BuildInfo.Platform));
            table.AddRow("TorchSharp", Markup.Escape(TorchRuntime.TorchSharpVersion));
            table.AddRow("libtorch", Markup.Escape(TorchRuntime.LibTorchVersion));
            table.AddRow("torch threads", TorchSharp.torch.get_num_threads().ToString(System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow("CUDA", TorchRuntime.CudaAvailable ? "available" : "not available");
            table.AddRow("ffmpeg", ffmpeg is null ? "[yellow]not found[/] (sudo apt-get install ffmpeg)" : Markup.Escape(ffmpeg));
            table.AddRow("video decoding", Markup.Escape(VideoDecoding.Describe()));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
