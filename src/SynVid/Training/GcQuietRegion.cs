using System.Runtime;

namespace SynVid.Training;

/// <summary>
/// Keeps the garbage collector (and so the finalizer thread) quiet for the length of one training step.
/// TorchSharp passes the handles of implicitly created Scalars (the alpha of every tensor addition, AdamW's
/// coefficients) to native code without keeping the managed objects alive, so a collection during a native call can
/// finalize a Scalar still in use; libtorch then fails with "Expected false to be true ... toFloat" after some hundreds
/// of steps while the data workers allocate frames. A no-GC region of <see cref="Budget"/> bytes covers a step's
/// allocations on every thread; after it, a collection with finalizers runs while no native call is in flight.
/// That collection can still meet a native call of a worker thread (texture pools, data workers), so code that runs
/// on workers passes libtorch only Scalars held in <c>using</c> variables (checked on the IL by WorkerThreadScalarTests).
/// </summary>
public sealed class GcQuietRegion : IDisposable
{
    /// <summary>Allocation budget of a region: far above a step's managed allocations (frames of the next batches).</summary>
    public const long Budget = 192L << 20;

    private readonly bool _entered;

    private GcQuietRegion(bool entered)
    {
        _entered = entered;
    }

    /// <summary>Whether the region could be entered (false when the runtime refuses the budget).</summary>
    public bool Entered => _entered;

    /// <summary>Enters a region; collects first so the step starts with every dead Scalar already finalized.</summary>
    public static GcQuietRegion Enter()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try
        {
            return new GcQuietRegion(GC.TryStartNoGCRegion(Budget));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return new GcQuietRegion(false);
        }
    }

    /// <summary>Leaves the region (if the budget was exceeded the runtime already left it).</summary>
    public void Dispose()
    {
        if (_entered && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // A collection happened inside the region because its budget was exceeded.
            }
        }
    }
}
