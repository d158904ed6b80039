using System;
using System.IO;
using System.Linq;
using GoPack.Sdk.Common;
using GoPack.Sdk.Functions;
using GoPack.Sdk.Project;
using GoPack.Sdk.Versions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Finds the Go project a .gocsproj stands for (GoProjectDetector), the Go version it asks for
/// (GoVersionResolver) and how it is built (GoBuildToolSelector). Reads files only, so it costs nothing on a
/// no-op build.
/// </summary>
public sealed class DetectGo : GoPackTask
{
    [Required] public string ProjectDirectory { get; set; } = "";

    /// <summary>GoModuleDir: where to look, relative to the project directory. Empty: the project directory and up.</summary>
    public string? ModuleDirectory { get; set; }

    /// <summary>$(GoVersion): the Go version to build with (an environment variable GOVERSION also reads as it; see <see cref="Settings.OwnProperty"/>).</summary>
    public string? GoVersion { get; set; }

    /// <summary>GoBuildTool property: gomod, gobuild or makefile.</summary>
    public string? BuildTool { get; set; }

    /// <summary>GoBinary property: the binary a Makefile produces.</summary>
    public string? Binary { get; set; }

    /// <summary>GoFunctions property: false keeps api/*.go without go.mod from making a function project.</summary>
    public string? Functions { get; set; }

    [Output] public string ProjectKind { get; private set; } = "";
    [Output] public string ModuleRoot { get; private set; } = "";
    [Output] public string ModFile { get; private set; } = "";
    [Output] public string WorkFile { get; private set; } = "";
    [Output] public string ModulePath { get; private set; } = "";
    [Output] public string GoDirective { get; private set; } = "";
    [Output] public string ToolchainDirective { get; private set; } = "";
    [Output] public bool HasVendor { get; private set; }

    /// <summary>What `go list`/`go build` are given to reach every package of the project.</summary>
    [Output] public string[] BuildPatterns { get; private set; } = Array.Empty<string>();
    [Output] public string[] WorkspaceModules { get; private set; } = Array.Empty<string>();
    [Output] public string[] PlatformInstall { get; private set; } = Array.Empty<string>();
    [Output] public string PlatformInstallSource { get; private set; } = "";
    [Output] public ITaskItem[] LocalModuleDirectories { get; private set; } = Array.Empty<ITaskItem>();

    [Output] public string ResolvedBuildTool { get; private set; } = "";
    [Output] public string MakefileBinary { get; private set; } = "";
    [Output] public string MakefilePath { get; private set; } = "";

    /// <summary>The Go version request, whole (<see cref="GoVersionRequest.ToJson"/>), for ResolveGoToolchain and GoToolchainList.</summary>
    [Output] public string VersionRequest { get; private set; } = "";

    /// <summary>For users' targets and the log: the version asked for, where it came from, and whether it names one release.</summary>
    [Output] public string RequestedVersion { get; private set; } = "";
    [Output] public string RequestedVersionSource { get; private set; } = "";
    [Output] public bool RequestedVersionExact { get; private set; }

    public override bool Execute() => ExecuteWithAnswerCache(ExecuteCore);

    private bool ExecuteCore()
    {
        var environment = TaskEnvironment.Snapshot();
        var project = GoProjectDetector.Detect(new GoProjectDetectorOptions
        {
            ProjectDirectory = ProjectDirectory,
            ModuleDirectory = string.IsNullOrWhiteSpace(ModuleDirectory) ? null : ModuleDirectory,
            GoBinary = string.IsNullOrWhiteSpace(Binary) ? null : Binary,
            HasFunctionSources = string.Equals(Functions?.Trim(), "false", StringComparison.OrdinalIgnoreCase) ? null : FunctionSources.Exist,
            Environment = environment,
        });
        foreach (var warning in project.Warnings.Concat(PlatformEnvironment.Warnings(environment)))
        {
            LogGoPackWarning(GoPackErrors.ProjectWarning, warning);
        }
        if (!project.Succeeded)
        {
            var code = project.ErrorKind switch
            {
                GoProjectErrorKind.ModuleDirectoryMissing => GoPackErrors.ModuleDirectoryMissing,
                GoProjectErrorKind.LegacyLayout => GoPackErrors.LegacyLayout,
                GoProjectErrorKind.Unreadable => GoPackErrors.ModuleFileUnreadable,
                _ => GoPackErrors.NoGoProject,
            };
            LogGoPackError(code, project.Error!, project.ErrorFile, project.ErrorLine);
            return false;
        }

        ProjectKind = project.KindName;
        ModuleRoot = EnsureTrailingSeparator(project.ModuleRoot);
        ModFile = project.GoModPath ?? "";
        WorkFile = project.GoWorkPath ?? "";
        ModulePath = project.ModulePath ?? "";
        GoDirective = project.GoMod?.GoVersion ?? project.GoWork?.GoVersion ?? "";
        ToolchainDirective = project.GoWork?.Toolchain ?? project.GoMod?.Toolchain ?? "";
        HasVendor = project.HasVendor;
        PlatformInstall = project.GoMod?.PlatformInstall.ToArray() ?? Array.Empty<string>();
        PlatformInstallSource = project.GoMod?.PlatformInstallSource ?? "";
        WorkspaceModules = project.Kind == GoProjectKind.Workspace ? project.UseDirectories.Select(d => Paths.Relative(project.ModuleRoot, d)).ToArray() : Array.Empty<string>();
        BuildPatterns = Patterns(project);
        LocalModuleDirectories = project.UseDirectories.Concat(project.LocalReplaceDirectories)
            .Select(d => EnsureTrailingSeparator(Path.GetFullPath(d)))
            .Where(d => !string.Equals(d, ModuleRoot, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Select(d => (ITaskItem)LiteralItems.Create(d))
            .ToArray();

        var tool = GoBuildToolSelector.Select(project, Settings.Trimmed(BuildTool), Settings.Trimmed(Binary), environment);
        foreach (var warning in tool.Warnings) LogGoPackWarning(GoPackErrors.ProjectWarning, warning);
        if (!tool.Succeeded)
        {
            LogGoPackError(GoPackErrors.InvalidProperty, tool.Error!);
            return false;
        }
        ResolvedBuildTool = tool.ToolName;
        MakefileBinary = tool.BinaryPath ?? "";
        MakefilePath = project.MakefilePath ?? "";

        var request = GoVersionResolver.Resolve(Settings.OwnProperty(GoVersion, "GOVERSION", environment), environment, project);
        if (!request.Succeeded)
        {
            LogGoPackError(GoPackErrors.InvalidGoVersion, request.Error!, request.SourceFile, request.SourceLine);
            return false;
        }
        if (request.Warning is not null)
        {
            LogGoPackWarning(GoPackErrors.VersionBelowMinimum, request.Warning, request.SourceFile, request.SourceLine);
        }

        VersionRequest = request.ToJson();
        RequestedVersion = request.Version!.ToString();
        RequestedVersionSource = request.Source;
        RequestedVersionExact = request.Exact;

        Log.LogMessage(MessageImportance.Normal, "Go project: {0} in {1}, built with {2}; {3}", ProjectKind, ModuleRoot, ResolvedBuildTool, request);
        if (request.Overridden.Count > 0)
        {
            Log.LogMessage(MessageImportance.Normal, "{0} wins over {1}, which ask(s) for another version: the first of GoVersion, GOVERSION, RAILPACK_GO_VERSION, a go.mod +heroku/+scalingo comment and the toolchain lines decides.",
                request.Source, string.Join(" and ", request.Overridden));
        }
        return true;
    }

    /// <summary>Every package of the project: ./... for a module, each go.work module (./... from a workspace root that is no module matches nothing), the files of a bare main.go.</summary>
    private static string[] Patterns(GoProjectInfo project)
    {
        switch (project.Kind)
        {
            case GoProjectKind.Workspace:
                return project.UseDirectories
                    .Select(d => Paths.Relative(project.ModuleRoot, d))
                    .Select(d => d == "." ? "./..." : (d.StartsWith("../", StringComparison.Ordinal) ? d : "./" + d) + "/...")
                    .Distinct(StringComparer.Ordinal)
                    .ToArray();
            case GoProjectKind.File:
                // main.go first: go names a command built from files after its first file.
                return FileProbe.GetFiles(project.ModuleRoot, "*.go")
                    .Select(path => Path.GetFileName(path))
                    .Where(name => !name.EndsWith("_test.go", StringComparison.Ordinal))
                    .OrderBy(name => name == "main.go" ? 0 : 1)
                    .ThenBy(name => name, StringComparer.Ordinal)
                    .ToArray();
            case GoProjectKind.Makefile:
                return Array.Empty<string>();
            default:
                return new[] { "./..." };
        }
    }

    private static string EnsureTrailingSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? path : path + Path.DirectorySeparatorChar;
}
