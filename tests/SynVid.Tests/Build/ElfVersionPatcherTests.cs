using System.Diagnostics;
using SynVid.Build;

namespace SynVid.Tests.Build;

public class ElfVersionPatcherTests
{
    private const string Version = "GLIBCXX_3.4.32";

    private static string OutputShim => Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");

    private static string NuGetShim()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    private static bool SystemLacksVersion() =>
        !new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6" }
            .Any(p => File.Exists(p) && ElfVersionPatcher.LibraryProvidesVersion(p, Version));

    [Fact]
    public void PatchSetsTheWeakFlagOnceAndIsIdempotent()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(NuGetShim()))
        {
            return; // the shipped shim only exists on linux-x64 restores
        }
        var original = File.ReadAllBytes(NuGetShim());
        Assert.False(ElfVersionPatcher.IsWeak(original, Version));

        var once = (byte[])original.Clone();
        Assert.Equal(ElfPatchResult.Patched, ElfVersionPatcher.MarkWeak(once, Version));
        Assert.True(ElfVersionPatcher.IsWeak(once, Version));

        var twice = (byte[])once.Clone();
        Assert.Equal(ElfPatchResult.AlreadyWeak, ElfVersionPatcher.MarkWeak(twice, Version));
        Assert.Equal(once, twice);

        // Exactly one byte changes: the low byte of vna_flags.
        Assert.Equal(1, original.Zip(once).Count(p => p.First != p.Second));
        Assert.Equal(ElfPatchResult.NotRequired, ElfVersionPatcher.MarkWeak((byte[])original.Clone(), "GLIBCXX_9.9.99"));
    }

    [Fact]
    public void NonElfInputIsRejected()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.MarkWeak(new byte[128], Version));
    }

    [Fact]
    public void BuildOutputShimIsPatchedAndHasNoUndefinedSymbols()
    {
        if (!OperatingSystem.IsLinux() || !SystemLacksVersion())
        {
            return; // the build leaves the shim as shipped where the C++ runtime is new enough
        }
        // This test assembly's output was built (and, under `dotnet test` after `dotnet build`, built twice).
        Assert.True(ElfVersionPatcher.IsWeak(File.ReadAllBytes(OutputShim), Version));
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "cpu")));

        var ldd = Process.Start(new ProcessStartInfo("ldd", $"-r \"{OutputShim}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var text = ldd.StandardOutput.ReadToEnd() + ldd.StandardError.ReadToEnd();
        ldd.WaitForExit();
        Assert.DoesNotContain("undefined symbol", text, StringComparison.Ordinal);
        // ldd still mentions the weak requirement; any other "not found" would be a real load failure.
        Assert.All(
            text.Split('\n').Where(l => l.Contains("not found", StringComparison.Ordinal)),
            l => Assert.Contains("weak version", l, StringComparison.Ordinal));
    }
}
