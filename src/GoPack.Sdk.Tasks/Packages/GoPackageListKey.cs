using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using GoPack.Sdk.Common;

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
    /// <exception cref="IOException">A source can't be read.</exception>
    public static string Compute(IEnumerable<string> sourceFiles, IEnumerable<string> settings)
    {
        using var sha = SHA256.Create();
        var text = new StringBuilder();
        foreach (var setting in settings) text.Append("setting\0").Append(setting).Append('\0');
        foreach (var file in sourceFiles.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
        {
            text.Append("file\0").Append(file).Append('\0');
            if (file.EndsWith(".go", StringComparison.Ordinal))
            {
                foreach (var line in SignificantLines(File.ReadAllText(file))) text.Append(line).Append('\n');
            }
            else
            {
                using var stream = File.OpenRead(file);
                text.Append(Hex.Lower(sha.ComputeHash(stream)));
            }
            text.Append('\0');
        }
        return Hex.Lower(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())));
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
