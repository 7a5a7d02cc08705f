using System.Reflection;
using TorchSharp;

namespace SynVid.Runtime;

/// <summary>Loads libtorch once, sets its thread count and resolves devices, with errors a user can act on.</summary>
public static class TorchRuntime
{
    /// <summary>Loads the native libtorch backend for the CPU; throws a <see cref="UserInputException"/> with a remedy if it cannot.</summary>
    public static void EnsureLoaded()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException)
        {
            throw new InvalidOperationException(
                "libtorch could not be loaded. On Debian 12 / Ubuntu 22.04 the TorchSharp shim needs the build step that marks " +
                "its GLIBCXX_3.4.32 requirement weak: build with `dotnet build` (not a copied binary) and see the README's platform notes. " +
                $"Cause: {e.Message}",
                e);
        }
    }

    /// <summary>Loads libtorch and sets the intra-op thread count; 0 keeps libtorch's default (all cores).</summary>
    public static void Configure(int threads)
    {
        if (threads < 0)
        {
            throw new UserInputException($"--threads must be 0 (all cores) or positive, got {threads}");
        }
        EnsureLoaded();
        if (threads > 0)
        {
            torch.set_num_threads(threads);
        }
    }

    /// <summary>The libtorch version string, e.g. "2.10.0+cpu".</summary>
    public static string LibTorchVersion
    {
        get
        {
            EnsureLoaded();
            return torch.__version__;
        }
    }

    /// <summary>The TorchSharp managed assembly's version.</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Whether a CUDA device can be used (false with the CPU backend).</summary>
    public static bool CudaAvailable
    {
        get
        {
            EnsureLoaded();
            try
            {
                return torch.cuda.is_available();
            }
            catch (Exception e) when (e is NotSupportedException or DllNotFoundException or InvalidOperationException)
            {
                return false;
            }
        }
    }

    /// <summary>Parses a device name (`cpu`, `cuda`, `cuda:N`) and checks that it is usable.</summary>
    public static torch.Device ResolveDevice(string name)
    {
        var normalized = name.Trim().ToLowerInvariant();
        if (normalized == "cpu")
        {
            EnsureLoaded();
            return torch.CPU;
        }
        if (normalized == "cuda" || normalized.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!CudaAvailable)
            {
                throw new UserInputException(
                    $"--device {name}: CUDA is not usable here (this build uses the CPU libtorch, or no NVIDIA GPU/driver was found). " +
                    "Build with `-p:TorchBackend=cuda` on a machine with an NVIDIA GPU, or use --device cpu.");
            }
            return torch.device(normalized);
        }
        throw new UserInputException($"--device must be cpu, cuda or cuda:N, got '{name}'");
    }
}
