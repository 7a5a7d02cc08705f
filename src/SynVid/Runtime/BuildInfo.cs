using System.Reflection;

namespace SynVid.Runtime;

/// <summary>Versions of SynVid and of the runtime it was built for.</summary>
public static class BuildInfo
{
    /// <summary>SynVid's informational version (from the assembly, without source-link metadata).</summary>
    public static string Version
    {
        get
        {
            var informational = typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(BuildInfo).Assembly.GetName().Version?.ToString()
                ?? "unknown";
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus >= 0 ? informational[..plus] : informational;
        }
    }

    /// <summary>The .NET runtime description, e.g. ".NET 10.0.0".</summary>
    public static string DotNet => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    /// <summary>Operating system and architecture.</summary>
    public static string Platform =>
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription} ({System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()})";
}
