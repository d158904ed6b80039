using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GoPack.Sdk.Common;

/// <summary>
/// The file-system questions of the code behind a task whose answers are kept in obj/ (TaskAnswerCache): each one is
/// asked of the disk as System.IO would, and, while a <see cref="FileProbeRecord"/> is recording on this thread, noted
/// with what the disk said (a file's size and time stamp, whether a path exists, the names a listing returned).
/// A later build takes the kept answers only if every noted question still gets the same reply, so an older time stamp
/// (a branch switch, tar -x, cp -p) counts as a change as much as a newer one, and a file that appears where the code
/// looked and found nothing (a go.work above the module, a newer Go on PATH) does too.
/// Code that reaches further than files (runs a program, downloads) calls <see cref="NotCacheable"/>.
/// </summary>
public static class FileProbe
{
    [ThreadStatic] private static FileProbeRecord? _recording;

    /// <summary>Starts noting this thread's questions; disposing the record stops it.</summary>
    public static FileProbeRecord Record()
    {
        var record = new FileProbeRecord();
        _recording = record;
        return record;
    }

    internal static void Stop() => _recording = null;

    /// <summary>What was asked depends on more than files: the answers must not be kept.</summary>
    public static void NotCacheable(string reason) => _recording?.MarkNotCacheable(reason);

    public static bool FileExists(string path)
    {
        Note(FileProbeKind.Stamp, path);
        return File.Exists(path);
    }

    public static bool DirectoryExists(string path)
    {
        Note(FileProbeKind.Stamp, path);
        return Directory.Exists(path);
    }

    public static string ReadAllText(string path)
    {
        Note(FileProbeKind.Stamp, path);
        return File.ReadAllText(path);
    }

    public static string ReadAllText(string path, Encoding encoding)
    {
        Note(FileProbeKind.Stamp, path);
        return File.ReadAllText(path, encoding);
    }

    public static byte[] ReadAllBytes(string path)
    {
        Note(FileProbeKind.Stamp, path);
        return File.ReadAllBytes(path);
    }

    public static string[] ReadAllLines(string path)
    {
        Note(FileProbeKind.Stamp, path);
        return File.ReadAllLines(path);
    }

    /// <summary>A file's size and time stamp (Exists false when there is no file).</summary>
    public static FileInfo FileInfo(string path)
    {
        Note(FileProbeKind.Stamp, path);
        return new FileInfo(path);
    }

    public static string[] GetFiles(string directory, string pattern = "*")
    {
        NoteListing(FileProbeKind.FileNames, directory, pattern);
        return Directory.GetFiles(directory, pattern);
    }

    public static string[] GetDirectories(string directory, string pattern = "*")
    {
        NoteListing(FileProbeKind.DirectoryNames, directory, pattern);
        return Directory.GetDirectories(directory, pattern);
    }

    // A listing's reply is the names it returned, not the folder's time stamp: a build that creates obj/ and bin/ in
    // the module folder changes that stamp, and the next build's answers would be worked out again for nothing. The
    // stamp is kept beside the names as the quick check: unchanged, the folder wasn't listed again (PATH's folders,
    // /usr/bin's thousands of entries among them, made that 6-9 ms a task).
    private const char PatternSeparator = '\x1f';

    private static void NoteListing(FileProbeKind kind, string directory, string pattern)
    {
        if (_recording is null || string.IsNullOrEmpty(directory)) return;
        try
        {
            _recording.Note(kind, Path.GetFullPath(directory) + PatternSeparator + pattern);
        }
        catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
        {
            // Directory.GetFiles will say what is wrong with the path.
        }
    }

    // A listing's fingerprint: the folder's stamp, this separator, then the count and a hash of the names returned.
    private const char NamesSeparator = '|';

    /// <summary>A folder's time stamp as every fingerprint takes it.</summary>
    private static string FolderStamp(DirectoryInfo folder) =>
        "D" + folder.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The folder of a listing's key ("folder\x1fpattern"), and its pattern; null for a key of another shape.</summary>
    private static (DirectoryInfo Folder, string Pattern)? ListingKey(string key)
    {
        var separator = key.LastIndexOf(PatternSeparator);
        return separator < 0 ? null : (new DirectoryInfo(key.Substring(0, separator)), key.Substring(separator + 1));
    }

    private static string Names(FileProbeKind kind, string key)
    {
        if (ListingKey(key) is not { } listing) return "?";
        var (folder, pattern) = listing;
        if (!folder.Exists) return "-";
        var names = kind == FileProbeKind.FileNames ? Directory.GetFiles(folder.FullName, pattern) : Directory.GetDirectories(folder.FullName, pattern);
        Array.Sort(names, StringComparer.Ordinal);
        return FolderStamp(folder) + NamesSeparator +
            "N" + names.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + Hex.Sha256(string.Join("\n", names));
    }

    /// <summary>
    /// Whether the disk still gives <paramref name="recorded"/> (a <see cref="Fingerprint"/> taken earlier) as its reply:
    /// for a listing, a folder whose time stamp is the same was not changed, and one whose stamp moved still gives the
    /// same reply when the names it returns are the same.
    /// </summary>
    public static bool Unchanged(FileProbeKind kind, string path, string recorded)
    {
        var bar = recorded.IndexOf(NamesSeparator);
        if ((kind == FileProbeKind.FileNames || kind == FileProbeKind.DirectoryNames) && bar > 0)
        {
            try
            {
                if (ListingKey(path) is { } listing && listing.Folder.Exists && FolderStamp(listing.Folder) == recorded.Substring(0, bar)) return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return false;
            }
            // The stamp moved: the same names are still the same reply.
            var now = Fingerprint(kind, path);
            var nowBar = now.IndexOf(NamesSeparator);
            return nowBar > 0 && now.Substring(nowBar) == recorded.Substring(bar);
        }
        return Fingerprint(kind, path) == recorded;
    }

#if NET
    /// <summary>Where a symbolic link finally leads (null: not a link).</summary>
    public static string? ResolveLinkTarget(string path, bool isDirectory)
    {
        Note(FileProbeKind.LinkTarget, path);
        return LinkTarget(path, isDirectory);
    }

    private static string? LinkTarget(string path, bool isDirectory) =>
        (isDirectory ? new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true) : File.ResolveLinkTarget(path, returnFinalTarget: true))?.FullName;
#endif

    private static void Note(FileProbeKind kind, string path)
    {
        var record = _recording;
        if (record is null || string.IsNullOrEmpty(path))
        {
            return;
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
        {
            return;
        }

        record.Note(kind, full);
    }

    /// <summary>What the disk says about a path now, for the kind of question asked; equal replies mean nothing changed.</summary>
    public static string Fingerprint(FileProbeKind kind, string path)
    {
        try
        {
            switch (kind)
            {
                case FileProbeKind.FileNames:
                case FileProbeKind.DirectoryNames:
                    return Names(kind, path);
                case FileProbeKind.Listing:
                    // Answers kept by an earlier GoPack: a folder's time stamp stood for its listing.
                    var directory = new DirectoryInfo(path);
                    return directory.Exists ? FolderStamp(directory) : "-";
#if NET
                case FileProbeKind.LinkTarget:
                    return "L" + (LinkTarget(path, Directory.Exists(path)) ?? "");
#endif
                default:
                    // A file's stamp as the inputs caches take it; a folder or nothing where a file was looked for also counts.
                    return File.Exists(path) ? "F" + FileStamps.Stamp(path) : Directory.Exists(path) ? "D" : "-";
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
        {
            // A path that can't be asked about now can't be shown unchanged.
            return "?" + e.GetType().Name;
        }
    }
}

/// <summary>
/// The kind of question asked of a path: its stamp (a file's size and time, or whether it exists), the names of a
/// folder's files or subfolders matching a pattern (the path is then "folder\x1fpattern"), a link's target.
/// </summary>
public enum FileProbeKind
{
    Stamp = 'f',
    /// <summary>A folder's time stamp, from answers an earlier GoPack kept; listings are <see cref="FileNames"/> and <see cref="DirectoryNames"/> now.</summary>
    Listing = 'l',
    FileNames = 'n',
    DirectoryNames = 'm',
    LinkTarget = 'k',
}

/// <summary>The questions one piece of work asked of the disk, each with the reply it got (<see cref="FileProbe.Record"/>).</summary>
public sealed class FileProbeRecord : IDisposable
{
    private readonly Dictionary<(FileProbeKind, string), string> _replies = new();
    private readonly List<(FileProbeKind Kind, string Path, string Fingerprint)> _probes = new();

    /// <summary>Why the answers must not be kept (a program ran, a download happened), or null.</summary>
    public string? NotCacheableReason { get; private set; }

    public IReadOnlyList<(FileProbeKind Kind, string Path, string Fingerprint)> Probes => _probes;

    internal void Note(FileProbeKind kind, string fullPath)
    {
        // The first reply counts: the disk is asked before the code reads, so a change made while it reads shows next time.
        if (_replies.ContainsKey((kind, fullPath)))
        {
            return;
        }

        var fingerprint = FileProbe.Fingerprint(kind, fullPath);
        _replies[(kind, fullPath)] = fingerprint;
        _probes.Add((kind, fullPath, fingerprint));
    }

    internal void MarkNotCacheable(string reason)
    {
        NotCacheableReason ??= reason;
    }

    public void Dispose() => FileProbe.Stop();
}
