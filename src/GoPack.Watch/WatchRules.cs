using System;
using System.IO;
using System.Linq;

namespace GoPack.Watch;

/// <summary>
/// Which changed files can change the program: what go reads to build it. The build decides the rest: the runner
/// restarts the program only when the build wrote a new binary.
/// </summary>
public static class WatchRules
{
    private static readonly string[] SourceExtensions = { ".go", ".s", ".S", ".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".m", ".syso" };
    private static readonly string[] ModuleFiles = { "go.mod", "go.sum", "go.work", "go.work.sum", "modules.txt", "Makefile", "makefile", "GNUmakefile" };

    private static StringComparison PathComparison => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>True when <paramref name="path"/> is a Go input of <paramref name="list"/>'s project.</summary>
    public static bool IsGoInput(WatchList list, string path)
    {
        var full = Path.GetFullPath(path);
        if (string.Equals(full, Path.GetFullPath(list.Project), PathComparison)) return true;
        if (list.Excludes.Any(exclude => IsUnder(full, exclude))) return false;

        var name = Path.GetFileName(full);
        // Editors' backup, swap and lock files (main.go~, .main.go.swp, #main.go#, .#main.go).
        if (name.Length == 0 || name.StartsWith(".", StringComparison.Ordinal) || name.EndsWith("~", StringComparison.Ordinal) || name.StartsWith("#", StringComparison.Ordinal)) return false;

        if (list.EmbedDirectories.Any(directory => IsUnder(full, directory))) return true;

        var root = list.Roots.FirstOrDefault(r => IsUnder(full, r));
        if (root is null) return false;
        // go ignores directories named testdata or starting with "." or "_" (and vendor/ holds only what modules.txt lists).
        var directories = full.Substring(root.Length).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        for (var i = 0; i < directories.Length - 1; i++)
        {
            var directory = directories[i];
            if (directory.StartsWith(".", StringComparison.Ordinal) || directory.StartsWith("_", StringComparison.Ordinal) || directory is "testdata" or "node_modules") return false;
        }

        // A test changes no program.
        if (name.EndsWith("_test.go", StringComparison.Ordinal)) return false;
        return SourceExtensions.Contains(Path.GetExtension(name), StringComparer.Ordinal) || ModuleFiles.Contains(name, StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> (ending with a separator) or inside it.</summary>
    public static bool IsUnder(string path, string directory)
    {
        var withSeparator = path.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? path : path + Path.DirectorySeparatorChar;
        return withSeparator.StartsWith(directory, PathComparison);
    }
}
