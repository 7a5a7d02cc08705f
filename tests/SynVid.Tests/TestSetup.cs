using System.Runtime.CompilerServices;
using SynVid.Runtime;

namespace SynVid.Tests;

/// <summary>Process-wide test settings: one torch thread, since two threads on two loaded cores are slower.</summary>
internal static class TestSetup
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        TorchRuntime.Configure(threads: 1);
    }
}
