using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace GoPack.Sdk.Common;

/// <summary>
/// A file's size and time stamp as text, what the inputs caches hash: the same file with the same stamp gives the same
/// text, and any change of content or stamp (older or newer) gives another. Stat only, never a read.
/// </summary>
internal static class FileStamps
{
    /// <summary>"size mtime-ticks", "missing" or "unreadable".</summary>
    public static string Stamp(string path)
    {
        try
        {
            return Stamp(new FileInfo(path));
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
        {
            return "unreadable";
        }
    }

    /// <summary>
    /// Every file under <paramref name="directory"/>, at any depth, with its stamp, ordered by path (ordinal): what a
    /// tree go reads whole (a vendor/ directory) contributes to a cache, without one MSBuild item per file. The
    /// enumeration's own file information is used, so a file costs one stat. A missing directory has no files; an
    /// unreadable one is a line of its own, so it can't pass for empty.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Tree(string directory)
    {
        var root = new DirectoryInfo(directory);
        var result = new List<KeyValuePair<string, string>>();
        if (!root.Exists) return result;
        var pending = new Stack<(DirectoryInfo Directory, bool InsideLink)>();
        pending.Push((root, false));
        while (pending.Count > 0)
        {
            var (current, insideLink) = pending.Pop();
            try
            {
                foreach (var entry in current.EnumerateFileSystemInfos())
                {
                    if (entry is DirectoryInfo sub)
                    {
                        // go follows a link to a directory, so its files count; a link met inside a followed one is
                        // only named (a link to an ancestor would loop forever).
                        var isLink = (sub.Attributes & FileAttributes.ReparsePoint) != 0;
                        if (isLink && insideLink) result.Add(new KeyValuePair<string, string>(sub.FullName, "link"));
                        else pending.Push((sub, insideLink || isLink));
                    }
                    else if (entry is FileInfo file)
                    {
                        result.Add(new KeyValuePair<string, string>(file.FullName, Stamp(file)));
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                result.Add(new KeyValuePair<string, string>(current.FullName, "unreadable"));
            }
        }

        return result.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
    }

    private static string Stamp(FileInfo info)
    {
        try
        {
            return info.Exists
                ? info.Length.ToString(CultureInfo.InvariantCulture) + " " + info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)
                : "missing";
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }
}
