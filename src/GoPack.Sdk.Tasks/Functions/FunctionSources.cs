using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Functions;

/// <summary>
/// The Go files of a function project's <c>api/</c> folder, as Vercel's Go runtime globs them (<c>api/**/*.go</c>)
/// with the go command's own exclusions: files and directories starting with "." or "_", <c>testdata/</c>, and
/// <c>vendor/</c> (which Vercel skips too).
/// </summary>
public static class FunctionSources
{
    /// <summary>The folder under the project root that holds the functions, and the first segment of every route.</summary>
    public const string FolderName = "api";

    /// <summary>Whether <paramref name="root"/>/api holds at least one Go file that is not a test.</summary>
    public static bool Exist(string root) => Enumerate(root, includeTests: false).Any();

    /// <summary>
    /// The Go files under <paramref name="root"/>/api, as slash-separated paths relative to <paramref name="root"/>
    /// ("api/users/[id].go"), in ordinal order so the generated code and every cache built from them are stable.
    /// </summary>
    public static IReadOnlyList<string> Enumerate(string root, bool includeTests)
    {
        var folder = Path.Combine(root, FolderName);
        var found = new List<string>();
        if (FileProbe.DirectoryExists(folder)) Walk(folder, FolderName, includeTests, found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>Whether go ignores a file or directory of this name ("." and "_" prefixes, testdata), or Vercel does (vendor).</summary>
    public static bool IsIgnoredDirectory(string name) =>
        name.StartsWith(".", StringComparison.Ordinal) || name.StartsWith("_", StringComparison.Ordinal) || name == "testdata" || name == "vendor";

    private static void Walk(string directory, string relative, bool includeTests, List<string> found)
    {
        IEnumerable<string> files;
        IEnumerable<string> directories;
        try
        {
            files = FileProbe.GetFiles(directory, "*.go").ToList();
            directories = FileProbe.GetDirectories(directory).ToList();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return;
        }

        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith(".", StringComparison.Ordinal) || name.StartsWith("_", StringComparison.Ordinal)) continue;
            if (!includeTests && name.EndsWith("_test.go", StringComparison.Ordinal)) continue;
            // EnumerateFiles("*.go") also matches "x.gox" on Windows (8.3 name matching).
            if (!name.EndsWith(".go", StringComparison.Ordinal)) continue;
            found.Add(relative + "/" + name);
        }

        foreach (var child in directories)
        {
            var name = Path.GetFileName(child);
            if (IsIgnoredDirectory(name)) continue;
            Walk(child, relative + "/" + name, includeTests, found);
        }
    }
}
