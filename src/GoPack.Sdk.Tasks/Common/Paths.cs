using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace GoPack.Sdk.Common;

/// <summary>Paths compared, normalised and made relative the same way everywhere, as the OS compares them.</summary>
internal static class Paths
{
    public static StringComparison Comparison { get; } =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;

    public static StringComparer Comparer { get; } =
        Comparison == StringComparison.OrdinalIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static string FullPath(string path) => TrimSeparator(Path.GetFullPath(path));

    public static string FullPath(string baseDirectory, string relative) =>
        FullPath(Path.Combine(baseDirectory, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>Directories without a trailing separator, except a root such as "/" or "C:\", which needs it.</summary>
    public static string TrimSeparator(string path)
    {
        var trimmed = path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return trimmed.Length == 0 || trimmed.EndsWith(":", StringComparison.Ordinal) ? path : trimmed;
    }

    public static bool SamePath(string a, string b) => string.Equals(TrimSeparator(a), TrimSeparator(b), Comparison);

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or inside it.</summary>
    public static bool IsSameOrUnder(string path, string directory)
    {
        var p = TrimSeparator(path);
        var d = TrimSeparator(directory);
        if (string.Equals(p, d, Comparison))
        {
            return true;
        }

        var prefix = d.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? d : d + Path.DirectorySeparatorChar;
        return p.StartsWith(prefix, Comparison);
    }

    /// <summary>
    /// <paramref name="path"/> relative to the directory <paramref name="root"/>, with '/': "a/b", "../lib/go.mod", or "."
    /// for the root itself; the full path when they share no root (another drive). Built from path segments rather than
    /// with Uri, which would take a '#' or '%' in a folder name for URL syntax.
    /// </summary>
    public static string Relative(string root, string path)
    {
        var from = Segments(root);
        var to = Segments(path);
        var common = 0;
        while (common < from.Count && common < to.Count && string.Equals(from[common], to[common], Comparison))
        {
            common++;
        }

        if (common == 0)
        {
            return FullPath(path).Replace('\\', '/');
        }

        var relative = string.Join("/", Enumerable.Repeat("..", from.Count - common).Concat(to.Skip(common)));
        return relative.Length == 0 ? "." : relative;
    }

    /// <summary>
    /// The "./a/b" form go expects for a directory below <paramref name="root"/> ("." for the root itself);
    /// null when it is not below the root.
    /// </summary>
    public static string? RelativeGoPath(string root, string path)
    {
        var relative = Relative(root, path);
        if (relative == ".")
        {
            return ".";
        }

        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? null : "./" + relative;
    }

    /// <summary>"/a/b" → ["", "a", "b"] (the empty first segment is the Unix root); "C:\\a" → ["C:", "a"].</summary>
    private static List<string> Segments(string path)
    {
        var segments = FullPath(path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).ToList();
        while (segments.Count > 1 && segments[segments.Count - 1].Length == 0)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        return segments;
    }
}
