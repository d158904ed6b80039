using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Packages;

/// <summary>One package as go list reports it; <paramref name="Imports"/>: its non-test imports, null when not known.</summary>
public sealed record GoPackageInfo(string ImportPath, string Name, string Directory, IReadOnlyList<string> EmbedFiles, IReadOnlyList<string>? Imports = null)
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

/// <summary>What the import graph of go list's packages tells.</summary>
public static class GoPackageGraph
{
    /// <summary>
    /// Whether linking <paramref name="mains"/> compiles every one of <paramref name="packages"/>: each is one of
    /// them or imported by one, directly or not. go build -o DIR compiles only what its main packages import, so
    /// then that one go command checks the whole module and the separate compile of every package can be skipped.
    /// False when any package's imports are unknown.
    /// </summary>
    public static bool MainsCoverAll(IReadOnlyList<GoPackageInfo> packages, IEnumerable<string> mains)
    {
        if (packages.Count == 0 || packages.Any(p => p.Imports is null)) return false;
        var byPath = new Dictionary<string, GoPackageInfo>(StringComparer.Ordinal);
        foreach (var package in packages) byPath[package.ImportPath] = package;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(mains.Where(byPath.ContainsKey));
        while (pending.Count > 0)
        {
            var path = pending.Pop();
            if (!reached.Add(path)) continue;
            foreach (var import in byPath[path].Imports!)
            {
                if (byPath.ContainsKey(import) && !reached.Contains(import)) pending.Push(import);
            }
        }
        return byPath.Keys.All(reached.Contains);
    }
}

/// <summary>
/// The cache file GoList writes and ResolveGoMainPackages reads: JSON,
/// <c>{"format":2,"packages":[{"importPath":…,"name":…,"directory":…,"embedFiles":[…],"imports":[…]}]}</c>.
/// </summary>
public static class GoPackageList
{
    /// <summary>Bumped when an entry's meaning changes: a file of another format reads as no list (go list runs again).</summary>
    /// "imports" came later without a bump: a list written before it reads with its imports unknown, which only costs
    /// GoBuild's compile of every package (GoPackageGraph), where a bump would have read as no packages at all until
    /// go list ran again, and nothing makes it run again just because GoPack changed.
    private const int Format = 2;

    public static void Write(string path, IEnumerable<GoPackageInfo> packages)
    {
        var document = new Document
        {
            Format = Format,
            Packages = packages.Select(p => new Entry { ImportPath = p.ImportPath, Name = p.Name, Directory = p.Directory, EmbedFiles = p.EmbedFiles.ToList(), Imports = p.Imports?.ToList() }).ToList(),
        };
        // Atomically: a build of the same project running beside this one reads it.
        Execution.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(document, GoPackageListJson.Default.Document) + "\n", new UTF8Encoding(false));
    }

    /// <summary>The packages of a cache file; empty when it is missing, unreadable or from another version of GoPack.</summary>
    public static IReadOnlyList<GoPackageInfo> Read(string path)
    {
        if (!FileProbe.FileExists(path)) return Array.Empty<GoPackageInfo>();
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize(FileProbe.ReadAllText(path), GoPackageListJson.Default.Document);
        }
        catch (JsonException)
        {
            return Array.Empty<GoPackageInfo>();
        }

        if (document?.Format != Format || document.Packages is null) return Array.Empty<GoPackageInfo>();
        return document.Packages
            .Where(p => p is not null && !string.IsNullOrEmpty(p.ImportPath) && p.Name is not null && !string.IsNullOrEmpty(p.Directory))
            .Select(p => new GoPackageInfo(p.ImportPath!, p.Name!, p.Directory!, p.EmbedFiles ?? new List<string>(), p.Imports))
            .ToList();
    }

    internal sealed class Document
    {
        public int Format { get; set; }

        public List<Entry>? Packages { get; set; }
    }

    internal sealed class Entry
    {
        public string? ImportPath { get; set; }

        public string? Name { get; set; }

        public string? Directory { get; set; }

        public List<string>? EmbedFiles { get; set; }

        public List<string>? Imports { get; set; }
    }
}

/// <summary>
/// The package list's JSON, generated at compile time: the reflection-based serializer spent tens of milliseconds
/// building its converters with Reflection.Emit in each build that read or wrote the list (ResolveGoMainPackages,
/// GoList) before it read a line.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GoPackageList.Document))]
internal sealed partial class GoPackageListJson : JsonSerializerContext
{
}
