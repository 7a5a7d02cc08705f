namespace SynVid.Training;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler at once on the reporting thread (System.Progress posts asynchronously).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
