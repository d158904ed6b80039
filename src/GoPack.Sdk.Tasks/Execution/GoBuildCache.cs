using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace GoPack.Sdk.Execution;

/// <summary>
/// Where go keeps its build cache, and which cache that is: what GoCommandSlots' first-of-kind rule needs to know
/// whether the cache a first command filled is still the one there.
/// </summary>
public static class GoBuildCache
{
    /// <summary>
    /// The build cache folder go uses with this environment: GOCACHE, else go's default (cmd/go's cache.DefaultDir: the
    /// user cache folder's go-build). Null for GOCACHE=off, or when no folder can be told (no HOME). A GOCACHE set
    /// with `go env -w` is not seen: the first-of-kind rule then watches the default folder, which costs time at
    /// worst, never a result.
    /// </summary>
    public static string? Directory(IReadOnlyDictionary<string, string> environment)
    {
        string? Get(string name) => environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        var set = Get("GOCACHE");
        if (set is not null) return set == "off" ? null : set;

        string? userCache;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) userCache = Get("LocalAppData");
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) userCache = Get("HOME") is { } home ? Path.Combine(home, "Library", "Caches") : null;
        else userCache = Get("XDG_CACHE_HOME") ?? (Get("HOME") is { } home ? Path.Combine(home, ".cache") : null);
        return userCache is null ? null : Path.Combine(userCache, "go-build");
    }

    /// <summary>
    /// Which cache is in <paramref name="directory"/>: the time stamp of the README go writes when it first opens a
    /// cache folder. A cache deleted and made again (rm -rf, a fresh CI machine) is another generation; null while go
    /// has made none there. (`go clean -cache` keeps the folder and its README: the same generation.)
    /// </summary>
    public static string? Generation(string directory)
    {
        try
        {
            var readme = new FileInfo(Path.Combine(directory, "README"));
            return readme.Exists ? readme.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture) : null;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException)
        {
            return null;
        }
    }
}
