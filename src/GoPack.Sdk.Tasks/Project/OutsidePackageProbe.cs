using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Project;

/// <summary>
/// Reads what go list can't report: a directory outside every go.work module (Clever Cloud's documented workspace
/// keeps cmd/main.go there) or in a nested module. Only the package clause is read, as go itself reads it first.
/// </summary>
public static class OutsidePackageProbe
{
    private static readonly Regex PackageClause = new Regex(@"^\s*package\s+(?<name>[\p{L}_][\p{L}\p{Nd}_]*)", RegexOptions.CultureInvariant);

    /// <summary>The root, cmd/ and every cmd/*/ directory: where programs sit in the layouts the platforms document.</summary>
    public static IReadOnlyList<string> Candidates(string root)
    {
        var result = new List<string> { Paths.TrimSeparator(root) };
        var cmd = Path.Combine(root, "cmd");
        if (FileProbe.DirectoryExists(cmd))
        {
            result.Add(cmd);
            try
            {
                result.AddRange(FileProbe.GetDirectories(cmd)
                    .Where(d => !Path.GetFileName(d).StartsWith(".", StringComparison.Ordinal) && !Path.GetFileName(d).StartsWith("_", StringComparison.Ordinal) && Path.GetFileName(d) != "testdata")
                    .OrderBy(d => d, StringComparer.Ordinal));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // An unreadable cmd/ has no programs to report.
            }
        }

        return result;
    }

    /// <summary>The non-test .go files of <paramref name="directory"/> and their package clause; null when it has none or can't be read.</summary>
    public static OutsidePackage? Probe(string root, string directory)
    {
        try
        {
            if (!FileProbe.DirectoryExists(directory))
            {
                return null;
            }

            var files = FileProbe.GetFiles(directory, "*.go")
                .Where(f => !f.EndsWith("_test.go", StringComparison.Ordinal))
                .Where(f => !Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("_", StringComparison.Ordinal))
                .OrderBy(f => Path.GetFileName(f) == "main.go" ? 0 : 1)
                .ThenBy(f => f, StringComparer.Ordinal)
                .ToList();
            var name = files.Select(ReadPackageName).FirstOrDefault(n => n is not null);
            return name is null ? null : new OutsidePackage(Paths.TrimSeparator(directory), files, name, HasOwnModule(root, directory));
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool HasOwnModule(string root, string directory)
    {
        for (var d = Paths.TrimSeparator(directory); d is not null && !Paths.SamePath(d, root) && Paths.IsSameOrUnder(d, root); d = Path.GetDirectoryName(d))
        {
            if (FileProbe.FileExists(Path.Combine(d, "go.mod")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name in the first "package x" line outside comments; null without one.</summary>
    private static string? ReadPackageName(string file)
    {
        var inBlock = false;
        foreach (var raw in FileProbe.ReadAllLines(file))
        {
            var line = raw;
            if (inBlock)
            {
                var end = line.IndexOf("*/", StringComparison.Ordinal);
                if (end < 0)
                {
                    continue;
                }

                line = line.Substring(end + 2);
                inBlock = false;
            }

            line = line.TrimStart();
            if (line.StartsWith("/*", StringComparison.Ordinal))
            {
                var end = line.IndexOf("*/", 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    inBlock = true;
                    continue;
                }

                line = line.Substring(end + 2).TrimStart();
            }

            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var match = PackageClause.Match(line);
            return match.Success ? match.Groups["name"].Value : null;
        }

        return null;
    }
}
