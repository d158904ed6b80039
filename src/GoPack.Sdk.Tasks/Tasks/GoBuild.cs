using System;
using System.Collections.Generic;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>`go build [-o OutputDirectory/] Flags Patterns` in the module directory.</summary>
public sealed class GoBuild : GoToolTask
{
    /// <summary>Every package of the project (./..., one pattern a workspace module, or the files of a bare main.go), or the main packages to link.</summary>
    [Required] public string[] Patterns { get; set; } = Array.Empty<string>();

    /// <summary>
    /// Where go writes the commands, named after their packages; the targets copy the chosen ones to $(OutDir).
    /// Empty: compile only, as a check (go writes no binary for several packages).
    /// </summary>
    public string? OutputDirectory { get; set; }

    /// <summary>The one file to write (go build -o FILE): a C library, which GoPack names. Wins over <see cref="OutputDirectory"/>.</summary>
    public string? OutputFile { get; set; }

    /// <summary>GoBuildMode's -buildmode value for the link step (c-shared, c-archive, pie); empty or exe: go's default.</summary>
    public string? BuildMode { get; set; }

    public bool CgoEnabled { get; set; }

    protected override IEnumerable<string> GetArguments()
    {
        yield return "build";
        if (!string.IsNullOrEmpty(BuildMode) && BuildMode != "exe")
        {
            yield return "-buildmode=" + BuildMode;
        }

        if (!string.IsNullOrEmpty(OutputFile))
        {
            yield return "-o";
            yield return OutputFile!;
        }
        else if (!string.IsNullOrEmpty(OutputDirectory))
        {
            yield return "-o";
            // A directory: go writes each main package's command into it, named after the package.
            yield return OutputDirectory!.TrimEnd('/', '\\') + System.IO.Path.DirectorySeparatorChar;
        }
        foreach (var flag in Flags) yield return flag;
        foreach (var pattern in Patterns) yield return pattern;
    }

    protected override IDictionary<string, string> GetEnvironmentOverrides()
    {
        var environment = base.GetEnvironmentOverrides();
        environment["CGO_ENABLED"] = CgoEnabled ? "1" : "0";
        return environment;
    }
}
