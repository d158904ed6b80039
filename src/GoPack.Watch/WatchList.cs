using System;
using System.Collections.Generic;
using System.IO;

namespace GoPack.Watch;

/// <summary>
/// What GoPack.Watch.targets tells the runner, one "key=value" per line: the project and how to build it, the binary
/// the build writes, the directories to watch (the project's, the module's, local modules'), those to leave alone (bin/,
/// obj/) and the directories //go:embed reads from. Written by `dotnet run` before the first start and again by every
/// build the runner starts, so a new //go:embed directory is watched from the next change on.
/// </summary>
public sealed class WatchList
{
    public string Project { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Binary { get; private set; } = "";
    public string Configuration { get; private set; } = "";
    public string RuntimeIdentifier { get; private set; } = "";
    public List<string> Roots { get; } = new();
    public List<string> Excludes { get; } = new();
    public List<string> EmbedDirectories { get; } = new();

    public static WatchList Parse(IEnumerable<string> lines)
    {
        var list = new WatchList();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=');
            if (line.Length == 0 || equals <= 0) continue;
            var key = line.Substring(0, equals);
            var value = line.Substring(equals + 1).Trim();
            switch (key)
            {
                case "project": list.Project = value; break;
                case "name": list.Name = value; break;
                case "binary": list.Binary = value; break;
                case "configuration": list.Configuration = value; break;
                case "runtime": list.RuntimeIdentifier = value; break;
                case "root": AddDirectory(list.Roots, value); break;
                case "exclude": AddDirectory(list.Excludes, value); break;
                case "embed": AddDirectory(list.EmbedDirectories, value); break;
                default: break; // a newer GoPack's key: ignore it
            }
        }

        // A root inside another root is watched through it.
        list.Roots.RemoveAll(root => list.Roots.Exists(other => other != root && WatchRules.IsUnder(root, other)));
        return list;
    }

    public static WatchList Read(string path) => Parse(File.ReadAllLines(path));

    /// <summary>
    /// The arguments of the `dotnet msbuild` that rebuilds the project and writes this list again: errors and warnings
    /// only (`dotnet build` would add its summary whatever the console logger's parameters say).
    /// </summary>
    public IReadOnlyList<string> BuildArguments(string listFile)
    {
        var arguments = new List<string> { "msbuild", Project, "-t:Build", "-nologo", "-v:q", "-clp:NoSummary", "-p:Configuration=" + Configuration, "-p:_GoWatchListFile=" + listFile, "-p:_GoWatchRunnerBuild=true" };
        if (RuntimeIdentifier.Length > 0) arguments.Add("-p:RuntimeIdentifier=" + RuntimeIdentifier);
        return arguments;
    }

    private static void AddDirectory(List<string> directories, string value)
    {
        if (value.Length == 0) return;
        var full = Path.GetFullPath(value);
        if (!full.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)) full += Path.DirectorySeparatorChar;
        if (!directories.Contains(full)) directories.Add(full);
    }
}
