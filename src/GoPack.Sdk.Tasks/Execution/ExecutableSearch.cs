using System;
using System.IO;
using System.Runtime.InteropServices;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Execution;

/// <summary>Finds a program as a shell would: a name with a directory in it as given, else the first match on PATH.</summary>
public static class ExecutableSearch
{
    /// <param name="name">"gcc", "make", "/usr/bin/cc", "C:\tools\make.exe".</param>
    /// <param name="pathVariable">The PATH to search; Windows also tries name.exe.</param>
    /// <returns>The full path, or null when nothing by that name exists.</returns>
    public static string? Find(string name, string? pathVariable)
    {
        if (name.IndexOfAny(new[] { '/', '\\' }) >= 0) return FileProbe.FileExists(name) ? name : null;
        var isWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        foreach (var directory in (pathVariable ?? "").Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory.Trim('"'), name);
            if (FileProbe.FileExists(candidate)) return candidate;
            if (isWindows && FileProbe.FileExists(candidate + ".exe")) return candidate + ".exe";
        }
        return null;
    }
}
