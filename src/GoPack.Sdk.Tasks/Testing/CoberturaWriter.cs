using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace GoPack.Sdk.Testing;

/// <summary>
/// Converts a Go cover profile to Cobertura XML (coverage-04.dtd), the format coverlet writes for `dotnet test
/// --collect "XPlat Code Coverage"` and ReportGenerator and CI coverage tabs read.
/// </summary>
/// <remarks>
/// A Cobertura package is a Go package, a class is a file. A line is valid when a block of the profile spans it; its
/// hits are the largest count of the blocks that span it (a line where an executed block ends and a skipped one starts,
/// such as <c>if x &lt; 0 {</c>, ran). line-rate = covered lines / valid lines, for each file, package and the whole.
/// Go's profile has no branches: branch-rate is 0 with no branches valid, as gocover-cobertura writes it.
/// </remarks>
public static class CoberturaWriter
{
    public sealed record FileCoverage(string ImportPathFile, string Package, string Path, IReadOnlyDictionary<int, long> Lines)
    {
        public int LinesValid => Lines.Count;
        public int LinesCovered => Lines.Count(l => l.Value > 0);
    }

    /// <param name="profile">The parsed profile.</param>
    /// <param name="packageDirectory">Import path → absolute directory (from go list), null when unknown.</param>
    /// <param name="sourceRoot">The directory filenames are written relative to (the module root).</param>
    /// <param name="timestamp">Seconds since 1970, as Cobertura writes it.</param>
    public static XDocument Create(CoverProfile profile, Func<string, string?> packageDirectory, string sourceRoot, long timestamp)
    {
        var files = Files(profile, packageDirectory);
        var root = sourceRoot.TrimEnd('/', '\\');
        var packages = new XElement("packages");
        foreach (var package in files.GroupBy(f => f.Package).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var classes = new XElement("classes");
            foreach (var file in package.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                classes.Add(new XElement("class",
                    new XAttribute("name", TrxWriter.Clean(file.ImportPathFile)),
                    new XAttribute("filename", TrxWriter.Clean(Relative(root, file.Path))),
                    new XAttribute("line-rate", Rate(file.LinesCovered, file.LinesValid)),
                    new XAttribute("branch-rate", "0"),
                    new XAttribute("complexity", "0"),
                    new XElement("methods"),
                    new XElement("lines", file.Lines.OrderBy(l => l.Key).Select(l =>
                        new XElement("line",
                            new XAttribute("number", l.Key),
                            new XAttribute("hits", l.Value),
                            new XAttribute("branch", "false"))))));
            }
            var covered = package.Sum(f => f.LinesCovered);
            var valid = package.Sum(f => f.LinesValid);
            packages.Add(new XElement("package",
                new XAttribute("name", TrxWriter.Clean(package.Key)),
                new XAttribute("line-rate", Rate(covered, valid)),
                new XAttribute("branch-rate", "0"),
                new XAttribute("complexity", "0"),
                classes));
        }

        var allCovered = files.Sum(f => f.LinesCovered);
        var allValid = files.Sum(f => f.LinesValid);
        var coverage = new XElement("coverage",
            new XAttribute("line-rate", Rate(allCovered, allValid)),
            new XAttribute("branch-rate", "0"),
            new XAttribute("lines-covered", allCovered),
            new XAttribute("lines-valid", allValid),
            new XAttribute("branches-covered", 0),
            new XAttribute("branches-valid", 0),
            new XAttribute("complexity", "0"),
            new XAttribute("version", TrxWriter.Clean("gopack-" + profile.Mode)),
            new XAttribute("timestamp", timestamp),
            new XElement("sources", new XElement("source", TrxWriter.Clean(root))),
            packages);
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XDocumentType("coverage", null, "http://cobertura.sourceforge.net/xml/coverage-04.dtd", null),
            coverage);
    }

    /// <summary>Per file: line → hits, with the file's absolute path where its package directory is known.</summary>
    public static IReadOnlyList<FileCoverage> Files(CoverProfile profile, Func<string, string?> packageDirectory)
    {
        var result = new List<FileCoverage>();
        foreach (var group in profile.Blocks.GroupBy(b => b.File, StringComparer.Ordinal))
        {
            var slash = group.Key.LastIndexOf('/');
            var package = slash < 0 ? "" : group.Key.Substring(0, slash);
            var name = group.Key.Substring(slash + 1);
            var directory = packageDirectory(package);
            var path = directory is null ? group.Key : Path.Combine(directory, name);
            var lines = new SortedDictionary<int, long>();
            foreach (var block in group)
            {
                for (var line = block.StartLine; line <= block.EndLine && line >= 0; line++)
                {
                    lines[line] = lines.TryGetValue(line, out var hits) ? Math.Max(hits, block.Count) : block.Count;
                }
            }
            result.Add(new FileCoverage(group.Key, package, path, lines));
        }
        return result;
    }

    public static string Rate(int covered, int valid) =>
        valid == 0 ? "0" : Math.Round((double)covered / valid, 4).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Relative(string root, string path)
    {
        if (!Path.IsPathRooted(path)) return path;
        var prefix = root + Path.DirectorySeparatorChar;
        if (path.StartsWith(prefix, StringComparison.Ordinal)) return path.Substring(prefix.Length).Replace('\\', '/');
        if (path.StartsWith(root + "/", StringComparison.Ordinal)) return path.Substring(root.Length + 1);
        return path;
    }
}
