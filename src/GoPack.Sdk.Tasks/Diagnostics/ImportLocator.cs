using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GoPack.Sdk.Diagnostics;

/// <summary>Finds where a package's files import a path: the first non-test .go file with that import, line and column of its quote.</summary>
public static class ImportLocator
{
    public static (string File, int Line, int Column)? Find(string directory, string importPath)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var quoted = "\"" + importPath + "\"";
        IEnumerable<string> files;
        try
        {
            files = Directory.GetFiles(directory, "*.go").OrderBy(f => f.EndsWith("_test.go", StringComparison.Ordinal) ? 1 : 0).ThenBy(f => f, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return null;
        }

        foreach (var file in files)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                continue;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var column = lines[i].IndexOf(quoted, StringComparison.Ordinal);
                if (column >= 0 && !lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    return (file, i + 1, column + 1);
                }
            }
        }

        return null;
    }
}
