using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using GoPack.Sdk.Common;

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

/// <summary>
/// The cache file GoList writes and ResolveGoMainPackages reads: JSON,
/// <c>{"format":2,"packages":[{"importPath":…,"name":…,"directory":…,"embedFiles":[…]}]}</c>.
/// </summary>
public static class GoPackageList
{
    /// <summary>Bumped when an entry's meaning changes: a file of another format reads as no list (go list runs again).</summary>
    private const int Format = 2;

    private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(string path, IEnumerable<GoPackageInfo> packages)
    {
        var document = new Document
        {
            Format = Format,
            Packages = packages.Select(p => new Entry { ImportPath = p.ImportPath, Name = p.Name, Directory = p.Directory, EmbedFiles = p.EmbedFiles.ToList() }).ToList(),
        };
        // Atomically: a build of the same project running beside this one reads it.
        Execution.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(document, JsonOptions) + "\n", new UTF8Encoding(false));
    }

    /// <summary>The packages of a cache file; empty when it is missing, unreadable or from another version of GoPack.</summary>
    public static IReadOnlyList<GoPackageInfo> Read(string path)
    {
        if (!FileProbe.FileExists(path)) return Array.Empty<GoPackageInfo>();
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(FileProbe.ReadAllText(path), JsonOptions);
        }
        catch (JsonException)
        {
            return Array.Empty<GoPackageInfo>();
        }

        if (document?.Format != Format || document.Packages is null) return Array.Empty<GoPackageInfo>();
        return document.Packages
            .Where(p => p is not null && !string.IsNullOrEmpty(p.ImportPath) && p.Name is not null && !string.IsNullOrEmpty(p.Directory))
            .Select(p => new GoPackageInfo(p.ImportPath!, p.Name!, p.Directory!, p.EmbedFiles ?? new List<string>()))
            .ToList();
    }

    private sealed class Document
    {
        public int Format { get; set; }

        public List<Entry>? Packages { get; set; }
    }

    private sealed class Entry
    {
        public string? ImportPath { get; set; }

        public string? Name { get; set; }

        public string? Directory { get; set; }

        public List<string>? EmbedFiles { get; set; }
    }
}
