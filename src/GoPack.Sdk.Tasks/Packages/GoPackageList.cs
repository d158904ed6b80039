using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace GoPack.Sdk.Packages;

/// <summary>One package as go list reports it.</summary>
public sealed record GoPackageInfo(string ImportPath, string Name, string Directory, IReadOnlyList<string> EmbedFiles)
{
    public bool IsMain => Name == "main";

    /// <summary>
    /// The file name go gives a command built into a directory (cmd/go's load.DefaultExecName): the last element
    /// of the import path, or the one before it when the last is a major version suffix (example.com/tool/v2 → tool).
    /// </summary>
    public string ExecutableName
    {
        get
        {
            var elements = ImportPath.Split('/');
            var last = elements[elements.Length - 1];
            if (elements.Length > 1 && IsMajorVersionElement(last)) return elements[elements.Length - 2];
            return last;
        }
    }

    private static bool IsMajorVersionElement(string element) =>
        element.Length >= 2 && element[0] == 'v' && element.Skip(1).All(char.IsDigit) && element != "v0" && element != "v1" && element[1] != '0';
}

/// <summary>The cache file GoList writes: one package a line, tab-separated, embed files separated by U+001F.</summary>
public static class GoPackageList
{
    private const string Header = "GoPack package list v1";

    public static void Write(string path, IEnumerable<GoPackageInfo> packages)
    {
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var package in packages)
        {
            text.Append(package.ImportPath).Append('\t').Append(package.Name).Append('\t').Append(package.Directory).Append('\t')
                .Append(string.Join("\x1f", package.EmbedFiles)).Append('\n');
        }
        // Atomically: a build of the same project running beside this one reads it.
        Execution.AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>The packages of a cache file; empty when it is missing or from another version of GoPack.</summary>
    public static IReadOnlyList<GoPackageInfo> Read(string path)
    {
        if (!File.Exists(path)) return Array.Empty<GoPackageInfo>();
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header) return Array.Empty<GoPackageInfo>();
        return lines.Skip(1)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 4)
            .Select(fields => new GoPackageInfo(fields[0], fields[1], fields[2],
                fields[3].Length == 0 ? Array.Empty<string>() : fields[3].Split('\x1f')))
            .ToList();
    }
}
