using System.CommandLine;
using SynVid.Cli.Commands;

namespace SynVid.Cli;

/// <summary>The `synvid` command tree.</summary>
public static class CliRoot
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "SynVid: learn video representations without natural videos. Generate synthetic video datasets, " +
            "pre-train VideoMAE on them, evaluate and analyse the representations.");
        root.Add(InfoCommand.Create());
        root.Add(GenerateCommand.Create());
        root.Add(PreviewCommand.Create());
        root.Add(BenchCommand.Create());
        root.Add(PretrainCommand.Create());
        root.Add(SynActionCommand.Create());
        root.Add(ModelCommand.Create());
        root.Add(PerturbCommand.Create());
        root.Add(PerturbDatasetCommand.Create());
        root.Add(RobustnessCommand.Create());
        root.Add(TexturesCommand.Create());
        root.Add(AnalyzeCommand.Create());
        root.Add(CorrelateCommand.Create());
        root.Add(AttentionCommand.Create());
        root.Add(EvaluateCommand.Create());
        root.Add(ProgressionCommand.Create());
        root.Add(ProgressionScalingCommand.Create());
        root.Add(ProgressionEncodersCommand.Create());
        root.Add(DownstreamCommand.FineTune());
        root.Add(DownstreamCommand.LinearProbe());
        root.SetAction(parse =>
        {
            Console.Error.WriteLine("synvid: no command given (run 'synvid --help' for usage)");
            return ExitCodes.Usage;
        });
        return root;
    }
}
