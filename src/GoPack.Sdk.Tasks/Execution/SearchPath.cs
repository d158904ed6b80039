using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace GoPack.Sdk.Execution;

/// <summary>PATH values for the processes GoPack starts (hooks, make).</summary>
public static class SearchPath
{
    /// <summary>
    /// <paramref name="directory"/> first, then <paramref name="path"/> without other copies of it: hooks that print
    /// or split PATH see each folder once, and the chosen Go still wins over any other go.
    /// </summary>
    public static string Prepend(string directory, string? path)
    {
        var comparison = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var normalized = Normalize(directory);
        var rest = (path ?? string.Empty)
            .Split(new[] { Path.PathSeparator }, StringSplitOptions.None)
            .Where(entry => entry.Length > 0 && !string.Equals(Normalize(entry.Trim('"')), normalized, comparison));
        return string.Join(Path.PathSeparator.ToString(), new[] { directory }.Concat(rest));
    }

    private static string Normalize(string directory)
    {
        var trimmed = directory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return trimmed.Length == 0 ? directory : trimmed;
    }
}
