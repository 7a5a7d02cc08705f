// Marks one symbol-version requirement of an ELF64 shared object as weak (VER_FLG_WEAK in .gnu.version_r).
//
// TorchSharp's native shim libLibTorchSharp.so asks for GLIBCXX_3.4.32, which the C++ runtimes of Debian 12 and
// Ubuntu 22.04 lack (they stop at GLIBCXX_3.4.30). The only symbol bound to that version is
// std::ios_base_library_init(), which no relocation references, so a weak requirement lets the dynamic loader
// accept the file with no undefined symbols. The file is compiled both as an MSBuild inline task (build step)
// and into the test project (SYNVID_TESTS defined), so the tests exercise the exact code the build runs.
using System;
using System.IO;
using System.Text;

namespace SynVid.Build
{
    /// <summary>Outcome of <see cref="ElfVersionPatcher.MarkWeak"/>.</summary>
    public enum ElfPatchResult
    {
        /// <summary>The flag was set now.</summary>
        Patched,
        /// <summary>The requirement was already weak; nothing written.</summary>
        AlreadyWeak,
        /// <summary>The file does not require that version; nothing written.</summary>
        NotRequired,
    }

    /// <summary>Pure ELF64 little-endian editing of the version-needs section.</summary>
    public static class ElfVersionPatcher
    {
        /// <summary>VER_FLG_WEAK from elf.h.</summary>
        public const ushort VerFlagWeak = 0x2;

        private const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>Sets VER_FLG_WEAK on every Vernaux entry named <paramref name="version"/>. Idempotent.</summary>
        public static ElfPatchResult MarkWeak(byte[] elf, string version)
        {
            var found = false;
            var changed = false;
            foreach (var flagsOffset in FindVersionFlags(elf, version))
            {
                found = true;
                var flags = BitConverter.ToUInt16(elf, flagsOffset);
                if ((flags & VerFlagWeak) == 0)
                {
                    var patched = (ushort)(flags | VerFlagWeak);
                    elf[flagsOffset] = (byte)(patched & 0xff);
                    elf[flagsOffset + 1] = (byte)(patched >> 8);
                    changed = true;
                }
            }
            return !found ? ElfPatchResult.NotRequired : changed ? ElfPatchResult.Patched : ElfPatchResult.AlreadyWeak;
        }

        /// <summary>Whether every Vernaux entry named <paramref name="version"/> carries VER_FLG_WEAK (false if none).</summary>
        public static bool IsWeak(byte[] elf, string version)
        {
            var any = false;
            foreach (var flagsOffset in FindVersionFlags(elf, version))
            {
                any = true;
                if ((BitConverter.ToUInt16(elf, flagsOffset) & VerFlagWeak) == 0)
                {
                    return false;
                }
            }
            return any;
        }

        /// <summary>Patches a file in place through a temporary copy, so an interrupted build never leaves a torn file.</summary>
        public static ElfPatchResult MarkWeakInFile(string path, string version)
        {
            var bytes = File.ReadAllBytes(path);
            var result = MarkWeak(bytes, version);
            if (result == ElfPatchResult.Patched)
            {
                var tmp = path + ".synvid-tmp";
                File.WriteAllBytes(tmp, bytes);
                File.Replace(tmp, path, null);
            }
            return result;
        }

        /// <summary>Whether a C++ runtime file defines the given version (its name appears in its version table strings).</summary>
        public static bool LibraryProvidesVersion(string libraryPath, string version)
        {
            var bytes = File.ReadAllBytes(libraryPath);
            var needle = Encoding.ASCII.GetBytes(version + "\0");
            return IndexOf(bytes, needle) >= 0;
        }

        private static System.Collections.Generic.IEnumerable<int> FindVersionFlags(byte[] elf, string version)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            {
                throw new InvalidDataException("not an ELF file");
            }
            if (elf[4] != 2 || elf[5] != 1)
            {
                throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
            }
            var shoff = checked((int)BitConverter.ToUInt64(elf, 0x28));
            int shentsize = BitConverter.ToUInt16(elf, 0x3A);
            int shnum = BitConverter.ToUInt16(elf, 0x3C);
            var results = new System.Collections.Generic.List<int>();
            for (var s = 0; s < shnum; s++)
            {
                var sh = shoff + s * shentsize;
                if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed)
                {
                    continue;
                }
                var offset = checked((int)BitConverter.ToUInt64(elf, sh + 24));
                var link = (int)BitConverter.ToUInt32(elf, sh + 40);
                var count = (int)BitConverter.ToUInt32(elf, sh + 44);
                var strtab = checked((int)BitConverter.ToUInt64(elf, shoff + link * shentsize + 24));

                var need = offset;
                for (var n = 0; n < count; n++)
                {
                    int auxCount = BitConverter.ToUInt16(elf, need + 2);
                    var aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                    for (var a = 0; a < auxCount; a++)
                    {
                        var name = ReadCString(elf, strtab + (int)BitConverter.ToUInt32(elf, aux + 8));
                        if (name == version)
                        {
                            results.Add(aux + 4);
                        }
                        var nextAux = (int)BitConverter.ToUInt32(elf, aux + 12);
                        if (nextAux == 0)
                        {
                            break;
                        }
                        aux += nextAux;
                    }
                    var nextNeed = (int)BitConverter.ToUInt32(elf, need + 12);
                    if (nextNeed == 0)
                    {
                        break;
                    }
                    need += nextNeed;
                }
            }
            return results;
        }

        private static string ReadCString(byte[] bytes, int start)
        {
            var end = start;
            while (end < bytes.Length && bytes[end] != 0)
            {
                end++;
            }
            return Encoding.ASCII.GetString(bytes, start, end - start);
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (var i = 0; i <= haystack.Length - needle.Length; i++)
            {
                var j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j])
                {
                    j++;
                }
                if (j == needle.Length)
                {
                    return i;
                }
            }
            return -1;
        }
    }

#if !SYNVID_TESTS
    /// <summary>MSBuild task: weakens the GLIBCXX_3.4.32 requirement of an output copy of the TorchSharp shim.</summary>
    public class WeakenGlibcxxRequirement : Microsoft.Build.Utilities.Task
    {
        /// <summary>The shim in the build or publish output (never the NuGet cache).</summary>
        [Microsoft.Build.Framework.Required]
        public string File { get; set; } = "";

        /// <summary>The version requirement to weaken.</summary>
        public string Version { get; set; } = "GLIBCXX_3.4.32";

        /// <inheritdoc />
        public override bool Execute()
        {
            if (!System.IO.File.Exists(File))
            {
                return true;
            }
            foreach (var candidate in new[]
            {
                "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/lib/aarch64-linux-gnu/libstdc++.so.6",
                "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
            })
            {
                if (System.IO.File.Exists(candidate) && ElfVersionPatcher.LibraryProvidesVersion(candidate, Version))
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"{candidate} provides {Version}; {File} left as shipped.");
                    return true;
                }
            }
            var result = ElfVersionPatcher.MarkWeakInFile(File, Version);
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"SynVid: {Version} requirement of {File}: {result}.");
            return true;
        }
    }
#endif
}
