namespace SynVid.Cli;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler on the reporting thread (no synchronisation context hop).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
