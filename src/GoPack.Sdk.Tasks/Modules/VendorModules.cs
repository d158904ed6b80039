using System;
using System.Collections.Generic;
using System.IO;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Modules;

/// <summary>A vendored module's <c>## explicit; go 1.20</c> annotation: the go line of its go.mod.</summary>
public sealed record VendoredGoVersion(string ModulePath, string GoVersion, int Line);

/// <summary>
/// The Go versions vendor/modules.txt records for the vendored modules (go mod vendor writes them since Go 1.17):
/// <code>
/// # example.com/dep v1.2.3
/// ## explicit; go 1.20
/// example.com/dep
/// </code>
/// Read without the network, so they count as minimums when choosing a toolchain. Total: any text gives a list,
/// lines it doesn't understand are skipped, as go vendoring evolves.
/// </summary>
public static class VendorModules
{
    public static IReadOnlyList<VendoredGoVersion> ReadGoVersions(string text)
    {
        var result = new List<VendoredGoVersion>();
        string? module = null;
        var lineNumber = 0;
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                // "# path version" or "# path version => replacement": the module the "##" lines below describe.
                var words = line.Substring(2).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                module = words.Length > 0 ? words[0] : null;
                continue;
            }

            if (module is null || !line.StartsWith("## ", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var part in line.Substring(3).Split(';'))
            {
                var words = part.Trim().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 2 && words[0] == "go")
                {
                    result.Add(new VendoredGoVersion(module, words[1], lineNumber));
                }
            }
        }

        return result;
    }

    /// <summary>The versions in <paramref name="path"/>; empty when the file is missing or unreadable (go reports that itself).</summary>
    public static IReadOnlyList<VendoredGoVersion> LoadGoVersions(string path)
    {
        try
        {
            return FileProbe.FileExists(path) ? ReadGoVersions(FileProbe.ReadAllText(path)) : Array.Empty<VendoredGoVersion>();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return Array.Empty<VendoredGoVersion>();
        }
    }
}
