using System;
using System.Collections.Generic;
using System.IO;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Project;

/// <summary>How the project is built (GoBuildTool, Clever Cloud's CC_GO_BUILD_TOOL).</summary>
public enum GoBuildTool
{
    /// <summary>go build of the main packages of a module or workspace.</summary>
    GoMod,

    /// <summary>go build of a package path or .go files, with or without a module.</summary>
    GoBuild,

    /// <summary>make, then the binary named by GoBinary/CC_GO_BINARY.</summary>
    Makefile,
}

/// <summary>The build tool and, for make, the binary it produces.</summary>
public sealed class GoBuildToolSelection
{
    public GoBuildTool Tool { get; init; }

    /// <summary>gomod, gobuild or makefile.</summary>
    public string ToolName => GoBuildToolSelector.ToName(Tool);

    /// <summary>"GoBuildTool property", "CC_GO_BUILD_TOOL environment variable", or the automatic rule that applied.</summary>
    public string Source { get; init; } = "";

    /// <summary>Makefile only: the full path of the binary make produces.</summary>
    public string? BinaryPath { get; init; }

    /// <summary>"GoBinary property" or "CC_GO_BINARY environment variable".</summary>
    public string? BinarySource { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    public string? Error { get; init; }

    public bool Succeeded => Error is null;
}

/// <summary>
/// Chooses the build tool. GoBuildTool wins over CC_GO_BUILD_TOOL; without either, Clever Cloud's rule: makefile
/// when GoBinary/CC_GO_BINARY is set, a Makefile exists and there is no go.mod; gomod when there is a go.mod (or a
/// go.work, which Clever Cloud does not detect but which only a module-aware build can use); else gobuild.
/// The warning for a Makefile left unused comes from <see cref="GoProjectDetector"/>, so it is logged once.
/// </summary>
public static class GoBuildToolSelector
{
    public static GoBuildToolSelection Select(GoProjectInfo project, string? goBuildTool, string? goBinary, IReadOnlyDictionary<string, string>? environment)
    {
        if (project is null)
        {
            throw new ArgumentNullException(nameof(project));
        }

        (var binary, var binarySource) = GoProjectDetector.ResolveGoBinary(goBinary, environment);
        var hasModule = project.GoModPath is not null;
        var hasModules = hasModule || project.GoWorkPath is not null;
        var warnings = new List<string>();

        var text = Settings.Trimmed(goBuildTool);
        var source = "GoBuildTool property";
        if (text is null && PlatformSettings.Read(environment).BuildTool is { } variable)
        {
            text = variable.Value;
            source = variable.Source;
        }

        GoBuildTool tool;
        if (text is null)
        {
            if (binary is not null && project.MakefilePath is not null && !hasModule)
            {
                tool = GoBuildTool.Makefile;
                source = $"automatic: {binarySource} set, {Path.GetFileName(project.MakefilePath)} present, no go.mod";
            }
            else
            {
                tool = hasModules ? GoBuildTool.GoMod : GoBuildTool.GoBuild;
                source = hasModule ? "automatic: go.mod present" : hasModules ? "automatic: go.work present" : "automatic: no go.mod";
            }
        }
        else if (text.Equals("goget", StringComparison.OrdinalIgnoreCase))
        {
            // Clever Cloud still accepts goget but deprecated it; its GOPATH-era `go get` build is what gomod/gobuild do now.
            tool = hasModules ? GoBuildTool.GoMod : GoBuildTool.GoBuild;
            warnings.Add($"{source} is goget, which Clever Cloud deprecated; GoPack builds it as {ToName(tool)}. Set it to {ToName(tool)} to silence this warning.");
        }
        else if (!TryParse(text, out tool))
        {
            return new GoBuildToolSelection { Source = source, Error = $"{source} is '{text}'; use gomod, gobuild or makefile." };
        }

        if (tool == GoBuildTool.Makefile)
        {
            var makefile = project.MakefilePath ?? GoProjectDetector.FindMakefile(project.ModuleRoot);
            if (binary is null)
            {
                return new GoBuildToolSelection
                {
                    Tool = tool,
                    Source = source,
                    Error = $"{source} selects makefile, which needs the path of the binary the Makefile produces: set GoBinary (or CC_GO_BINARY), e.g. bin/myApp, relative to '{project.ModuleRoot}'.",
                };
            }

            if (makefile is null)
            {
                return new GoBuildToolSelection
                {
                    Tool = tool,
                    Source = source,
                    Error = $"{source} selects makefile, but '{project.ModuleRoot}' has no Makefile (GNUmakefile, makefile or Makefile).",
                };
            }

            return new GoBuildToolSelection
            {
                Tool = tool,
                Source = source,
                BinaryPath = Paths.FullPath(project.ModuleRoot, binary),
                BinarySource = binarySource,
                Warnings = warnings,
            };
        }

        if (tool == GoBuildTool.GoMod && !hasModules)
        {
            return new GoBuildToolSelection
            {
                Tool = tool,
                Source = source,
                Error = $"{source} selects gomod, which builds a module, but there is no go.mod for '{project.ModuleRoot}'. Run `go mod init <module path>` there, or use gobuild.",
            };
        }

        return new GoBuildToolSelection { Tool = tool, Source = source, Warnings = warnings };
    }

    public static bool TryParse(string? text, out GoBuildTool tool)
    {
        switch (Settings.Trimmed(text)?.ToLowerInvariant())
        {
            case "gomod":
                tool = GoBuildTool.GoMod;
                return true;
            case "gobuild":
                tool = GoBuildTool.GoBuild;
                return true;
            case "makefile":
                tool = GoBuildTool.Makefile;
                return true;
            default:
                tool = GoBuildTool.GoMod;
                return false;
        }
    }

    public static string ToName(GoBuildTool tool) => tool switch
    {
        GoBuildTool.GoMod => "gomod",
        GoBuildTool.GoBuild => "gobuild",
        GoBuildTool.Makefile => "makefile",
        _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, null),
    };
}
