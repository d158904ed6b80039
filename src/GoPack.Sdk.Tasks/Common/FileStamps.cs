using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace GoPack.Sdk.Common;

/// <summary>
/// A file's size and time stamp as text, what the inputs caches hash: the same file with the same stamp gives the same
/// text, and any change of content or stamp (older or newer) gives another. Stat only, never a read.
/// </summary>
internal static class FileStamps
{
    /// <summary>The stamp of a path with no file: no size or time to compare.</summary>
    public const string Missing = "missing";

    /// <summary>The stamp of a file that can't be stat'ed: no size or time to compare.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>"size mtime-ticks", <see cref="Missing"/> or <see cref="Unreadable"/>.</summary>
    public static string Stamp(string path)
    {
        try
        {
            return Stamp(new FileInfo(path));
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
        {
            return Unreadable;
        }
    }

    /// <summary>
    /// Every file under <paramref name="directory"/>, at any depth, as "path TAB stamp" lines in ordinal order: what a
    /// tree go reads whole (a vendor/ directory) contributes to a cache, without one MSBuild item per file. A file
    /// costs one stat, taken from the enumeration itself. A link to a directory is named, not followed (`go mod vendor`
    /// makes none, and one to an ancestor would loop). A missing directory has no files; an unreadable one is a line of
    /// its own, so it can't pass for an empty one.
    /// </summary>
    public static IReadOnlyList<string> Tree(string directory)
    {
        var lines = new List<string>();
        if (!Directory.Exists(directory)) return lines;
#if NET
        // The enumeration's own entry (one fstatat) rather than a FileInfo per file, and strings rather than a struct
        // as its result: that instantiation comes compiled with .NET, where a struct one is compiled on every build.
        var entries = new System.IO.Enumeration.FileSystemEnumerable<string>(
            directory,
            (ref System.IO.Enumeration.FileSystemEntry entry) => entry.ToFullPath() + "\t" + (entry.IsDirectory
                ? "link"
                : entry.Length.ToString(CultureInfo.InvariantCulture) + " " + entry.LastWriteTimeUtc.UtcDateTime.Ticks.ToString(CultureInfo.InvariantCulture)),
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
        {
            ShouldIncludePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) => !entry.IsDirectory || IsLink(entry.Attributes),
            ShouldRecursePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) => !IsLink(entry.Attributes),
        };
        try
        {
            lines.AddRange(entries);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            lines.Add(Path.GetFullPath(directory) + "\tunreadable");
        }
#else
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(directory));
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            try
            {
                foreach (var entry in current.EnumerateFileSystemInfos())
                {
                    if (entry is DirectoryInfo sub && !IsLink(sub.Attributes)) pending.Push(sub);
                    else if (entry is DirectoryInfo link) lines.Add(link.FullName + "\tlink");
                    else if (entry is FileInfo file) lines.Add(file.FullName + "\t" + Stamp(file));
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                lines.Add(current.FullName + "\tunreadable");
            }
        }
#endif
        // A tab sorts before every character of a path, so this is the paths' order.
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static bool IsLink(FileAttributes attributes) => (attributes & FileAttributes.ReparsePoint) != 0;

    private static string Stamp(FileInfo info)
    {
        try
        {
            return info.Exists
                ? info.Length.ToString(CultureInfo.InvariantCulture) + " " + info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)
                : Missing;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return Unreadable;
        }
    }
}
