using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SynVid.Cli;

/// <summary>A progress column showing items per second ("12.3 videos/s").</summary>
internal sealed class SpeedColumn(string unit) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is { } speed ? string.Create(CultureInfo.InvariantCulture, $"{speed:F1} {unit}/s") : $"- {unit}/s");
}
