using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GoPack.Sdk.Common;
using GoPack.Sdk.Execution;

namespace GoPack.Sdk.Packages;

/// <summary>
/// A digest of everything go list's answer (package import paths, names, directories, //go:embed files) depends on,
/// so that an edit inside a function body, the common edit, doesn't pay for a go list run. go reads a Go file's
/// header for that answer: build constraints, the package clause, imports ("embed", "C"), and //go:embed lines further
/// down. Of a .go file only the lines that may hold one of those are hashed: any line with "package", "import",
/// "//go:", "+build", "embed" or a "C" import in it, comments included (a comment that says "package" costs a go list
/// run, never a wrong answer). Every other source (go.mod, go.sum, go.work, vendor/modules.txt, C and assembly files,
/// whose build constraints go reads too) is hashed whole; so are the file list, the command and its settings.
/// </summary>
public static class GoPackageListKey
{
    private static readonly string[] SignificantWords = { "package", "import", "//go:", "+build", "embed", "\"C\"", "`C`" };

    /// <param name="sourceFiles">The build's sources (the list itself counts: a file added or removed changes the key).</param>
    /// <param name="settings">Whatever else decides the answer: the go command line, environment, toolchain.</param>
    /// <param name="lines">What earlier keys read of each .go file, by its stamp (<see cref="LineDigests"/>): a file
    /// whose size and time stamp are as they were is not read again. Null: every file is read.</param>
    /// <exception cref="IOException">A source can't be read.</exception>
    public static string Compute(IEnumerable<string> sourceFiles, IEnumerable<string> settings, LineDigests? lines = null)
    {
        var text = new StringBuilder();
        foreach (var setting in settings) text.Append("setting\0").Append(setting).Append('\0');
        foreach (var file in sourceFiles.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
        {
            text.Append("file\0").Append(file).Append('\0');
            if (file.EndsWith(".go", StringComparison.Ordinal))
            {
                // Stamped before it is read: a file changed while it is read has a newer stamp than the one kept.
                var stamp = FileStamps.Stamp(file);
                if (lines is null || !lines.TryGet(file, stamp, out var digest))
                {
                    digest = Hex.Sha256(string.Join("\n", SignificantLines(File.ReadAllText(file))));
                    lines?.Set(file, stamp, digest);
                }
                text.Append(digest);
            }
            else
            {
                text.Append(Hex.Sha256OfFile(file));
            }
            text.Append('\0');
        }
        return Hex.Sha256(text.ToString());
    }

    /// <summary>The lines of a Go file that may change go list's answer, in order.</summary>
    public static IEnumerable<string> SignificantLines(string goSource)
    {
        var takeNext = false;
        foreach (var rawLine in goSource.Split('\n'))
        {
            var line = rawLine.Trim().TrimStart('\uFEFF');
            if (takeNext || SignificantWords.Any(w => line.IndexOf(w, StringComparison.Ordinal) >= 0))
            {
                yield return line;
                // "package" alone on its line: the name is on the next one (Go allows it).
                takeNext = line.EndsWith("package", StringComparison.Ordinal) || line.EndsWith("import", StringComparison.Ordinal);
            }
        }
    }
}

/// <summary>
/// The digest of each .go file's significant lines (GoPackageListKey), by the file's size and time stamp, kept in a
/// file beside the key: an edit build of a module of thousands of files reads the one it changed, not all of them
/// (1,882 files: the key in 23 ms rather than 49). Stamps are what the inputs caches compare too: a file rewritten
/// with the same size and time stamp is the same file for every GoPack cache. Whatever doesn't parse is dropped; it
/// only saves reading.
/// </summary>
public sealed class LineDigests
{
    private const string Header = "gopack-list-lines 1";
    private readonly Dictionary<string, (string Stamp, string Digest)> _kept = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Stamp, string Digest)> _used = new(StringComparer.Ordinal);
    private bool _changed;

    public static LineDigests Load(string path)
    {
        var digests = new LineDigests();
        try
        {
            if (!File.Exists(path)) return digests;
            var lines = File.ReadAllLines(path);
            if (lines.Length == 0 || lines[0] != Header) return digests;
            foreach (var line in lines.Skip(1))
            {
                // path TAB stamp TAB digest; the path may hold a tab, the other two can't.
                var last = line.LastIndexOf('\t');
                var middle = last > 0 ? line.LastIndexOf('\t', last - 1) : -1;
                if (middle <= 0) continue;
                digests._kept[line.Substring(0, middle)] = (line.Substring(middle + 1, last - middle - 1), line.Substring(last + 1));
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
        }

        return digests;
    }

    internal bool TryGet(string file, string stamp, out string digest)
    {
        if (_kept.TryGetValue(file, out var kept) && kept.Stamp == stamp && stamp != FileStamps.Missing && stamp != FileStamps.Unreadable)
        {
            _used[file] = kept;
            digest = kept.Digest;
            return true;
        }

        digest = "";
        return false;
    }

    internal void Set(string file, string stamp, string digest)
    {
        _used[file] = (stamp, digest);
        _changed = true;
    }

    /// <summary>Keeps the files this key read (a deleted file's line goes), when anything changed.</summary>
    public void Save(string path)
    {
        if (!_changed && _used.Count == _kept.Count) return;
        var text = new StringBuilder(Header).Append('\n');
        foreach (var entry in _used.Where(e => e.Key.IndexOf('\n') < 0 && e.Key.IndexOf('\r') < 0).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(entry.Key).Append('\t').Append(entry.Value.Stamp).Append('\t').Append(entry.Value.Digest).Append('\n');
        }

        try
        {
            AtomicFile.WriteAllText(path, text.ToString());
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // Not kept: the next key reads every file again, which is only slower.
        }
    }
}
