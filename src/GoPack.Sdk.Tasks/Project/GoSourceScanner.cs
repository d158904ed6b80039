using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace GoPack.Sdk.Project;

/// <summary>
/// A cheap look at Go sources without running go: the package clause of each file. `go list` is the truth (it
/// evaluates build constraints and file-name suffixes such as _windows.go); this is only good enough to pick
/// candidates, which the build then confirms with go list.
/// </summary>
internal static class GoSourceScanner
{
    // Enough for any license header; the package clause must come before the first declaration.
    private const int HeaderLimit = 64 * 1024;

    // Bounds a whole-tree scan so a huge repository cannot make detection slow; the scan only feeds a hint.
    private const int DirectoryLimit = 5000;

    /// <summary>Names go build reads: .go files that are not tests and not hidden by a leading '.' or '_'.</summary>
    public static bool IsBuildableGoFileName(string fileName) =>
        fileName.EndsWith(".go", StringComparison.Ordinal)
        && !fileName.EndsWith("_test.go", StringComparison.Ordinal)
        && !fileName.StartsWith(".", StringComparison.Ordinal)
        && !fileName.StartsWith("_", StringComparison.Ordinal);

    /// <summary>Directories go's ./... pattern skips: hidden, testdata, vendor.</summary>
    public static bool IsSkippedDirectoryName(string name) =>
        name.StartsWith(".", StringComparison.Ordinal)
        || name.StartsWith("_", StringComparison.Ordinal)
        || name == "testdata"
        || name == "vendor";

    public static IReadOnlyList<string> BuildableGoFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return Array.Empty<string>();
        }

        try
        {
            // "*.go" alone would also match "x.gox" through Windows' 8.3 names, hence the second check.
            return Directory.EnumerateFiles(directory, "*.go")
                .Where(path => IsBuildableGoFileName(Path.GetFileName(path)))
                .OrderBy(path => path, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>The package names of the directory's buildable files, skipping files marked //go:build ignore.</summary>
    public static IReadOnlyList<string> PackageNames(string directory)
    {
        var names = new List<string>();
        foreach (string file in BuildableGoFiles(directory))
        {
            string? name = ReadPackageName(file);
            if (name is not null && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    public static bool IsMainPackageDirectory(string directory) => PackageNames(directory).Contains("main");

    /// <summary>The files of package main in a directory, for building it without a module.</summary>
    public static IReadOnlyList<string> MainPackageFiles(string directory) =>
        BuildableGoFiles(directory).Where(file => ReadPackageName(file) == "main").ToList();

    /// <summary>
    /// Every directory below <paramref name="root"/> (itself included) holding package main, as go's ./... would
    /// walk it: hidden, testdata and vendor directories, nested modules and symbolic links are skipped.
    /// Relative paths use '/', the root is ".".
    /// </summary>
    public static IReadOnlyList<string> FindMainPackageDirectories(string root)
    {
        var found = new List<string>();
        if (!Directory.Exists(root))
        {
            return found;
        }

        var pending = new Stack<(string Path, string Relative)>();
        pending.Push((root, "."));
        int visited = 0;
        while (pending.Count > 0 && visited < DirectoryLimit)
        {
            (string directory, string relative) = pending.Pop();
            visited++;
            if (IsMainPackageDirectory(directory))
            {
                found.Add(relative);
            }

            foreach (string child in SubDirectories(directory).Reverse())
            {
                if (File.Exists(Path.Combine(child, "go.mod")))
                {
                    continue;
                }

                string name = Path.GetFileName(child);
                pending.Push((child, relative == "." ? "./" + name : relative + "/" + name));
            }
        }

        return found;
    }

    /// <summary>Sub-directories go would look at, sorted so every answer is the same on every file system.</summary>
    public static IReadOnlyList<string> SubDirectories(string directory)
    {
        try
        {
            return new DirectoryInfo(directory).EnumerateDirectories()
                .Where(d => (d.Attributes & FileAttributes.ReparsePoint) == 0 && !IsSkippedDirectoryName(d.Name))
                .Select(d => d.FullName)
                .OrderBy(path => path, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>The name in the file's package clause; null when unreadable, absent, or the file is //go:build ignore.</summary>
    public static string? ReadPackageName(string file)
    {
        string text;
        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var buffer = new char[HeaderLimit];
            int length = reader.ReadBlock(buffer, 0, buffer.Length);
            text = new string(buffer, 0, length);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return null;
        }

        return ParsePackageClause(text);
    }

    /// <summary>Skips comments to the package clause, as the Go scanner would.</summary>
    public static string? ParsePackageClause(string text)
    {
        int i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i++;
        }

        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (Next(text, i, "//"))
            {
                int end = text.IndexOf('\n', i);
                if (end < 0)
                {
                    end = text.Length;
                }

                if (IsIgnoreConstraint(text.Substring(i + 2, end - i - 2).Trim()))
                {
                    return null;
                }

                i = end;
            }
            else if (Next(text, i, "/*"))
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                i = end + 2;
            }
            else
            {
                break;
            }
        }

        if (!Next(text, i, "package"))
        {
            return null;
        }

        i += "package".Length;
        int spaceStart = i;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t' || Next(text, i, "/*")))
        {
            if (text[i] == '/')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                i = end + 2;
            }
            else
            {
                i++;
            }
        }

        if (i == spaceStart)
        {
            return null;
        }

        int nameStart = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return i > nameStart ? text.Substring(nameStart, i - nameStart) : null;
    }

    // Files kept out of every build by convention (code generators, examples): "//go:build ignore". Any other
    // constraint depends on GOOS/GOARCH/tags, which only go list evaluates correctly.
    private static bool IsIgnoreConstraint(string comment)
    {
        if (comment.StartsWith("go:build", StringComparison.Ordinal))
        {
            string expression = comment.Substring("go:build".Length).Trim();
            if (expression.IndexOf('|') >= 0 || expression.IndexOf('!') >= 0)
            {
                return false;
            }

            return expression.Split(new[] { '&', '(', ')', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).Contains("ignore");
        }

        if (comment.StartsWith("+build", StringComparison.Ordinal))
        {
            return comment.Substring("+build".Length).Trim() == "ignore";
        }

        return false;
    }

    private static bool Next(string text, int index, string expected) =>
        string.CompareOrdinal(text, index, expected, 0, expected.Length) == 0;
}
