using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Functions;

/// <summary>
/// Where the functions analyzer binary is kept: built once per Go toolchain from the Go source GoPack ships
/// (tools/functions-analyzer in the package), in a shared cache outside any project:
/// <c>&lt;cache&gt;/functions-analyzer/&lt;key&gt;/functions-analyzer</c>. The key hashes the analyzer's source, the
/// toolchain's version and GOROOT, so a new GoPack or another Go gets its own build, and an existing one is used
/// without starting any process.
/// </summary>
public static class FunctionsAnalyzerTool
{
    public const string Name = "functions-analyzer";

    /// <summary><c>~/.gopack/tools</c>: next to GoPack's toolchain cache.</summary>
    public static string DefaultCacheDirectory(string homeDirectory)
    {
        if (string.IsNullOrEmpty(homeDirectory))
        {
            throw new InvalidOperationException("GoPack cannot tell the user's home directory, so it has no default tools cache; set the GoToolsCache property.");
        }

        return Path.Combine(homeDirectory, ".gopack", "tools");
    }

    /// <summary>The analyzer's path for this source and toolchain, whether or not it exists yet.</summary>
    /// <param name="cacheDirectory">GoToolsCache.</param>
    /// <param name="sourceDirectory">The analyzer's Go source (go.mod and main.go).</param>
    /// <param name="toolchainVersion">"1.19.8".</param>
    /// <param name="goRoot">The toolchain's GOROOT.</param>
    public static string GetPath(string cacheDirectory, string sourceDirectory, string toolchainVersion, string goRoot)
    {
        var material = new StringBuilder();
        material.Append("go ").Append(toolchainVersion).Append('\n');
        material.Append("goroot ").Append(Path.GetFullPath(goRoot).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)).Append('\n');
        material.Append("host ").Append(RuntimeInformation.OSDescription.Split(' ')[0]).Append(' ').Append(RuntimeInformation.OSArchitecture).Append('\n');
        foreach (var file in Directory.EnumerateFiles(sourceDirectory).OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
        {
            material.Append("file ").Append(Path.GetFileName(file)).Append('\n').Append(File.ReadAllText(file)).Append('\n');
        }

        var key = Hex.Sha256(material.ToString(), bytes: 8);

        var suffix = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ".exe" : "";
        return Path.Combine(Path.GetFullPath(cacheDirectory), Name, key, Name + suffix);
    }
}
