using System;
using System.Collections.Generic;
using System.Linq;
using GoPack.Sdk.Common;
using GoPack.Sdk.Packages;
using GoPack.Sdk.Project;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Chooses the main packages to ship from the package list go list wrote (see GoList); the rules are
/// <see cref="MainPackageResolver"/>'s. No main package anywhere: a library, checked by compiling and shipping nothing.
/// </summary>
public sealed class ResolveGoMainPackages : GoPackTask
{
    [Required] public string ProjectKind { get; set; } = "";
    [Required] public string ModuleRoot { get; set; } = "";
    [Required] public string OutputDirectory { get; set; } = "";
    [Required] public string IntermediateDirectory { get; set; } = "";
    [Required] public string DefaultBinaryName { get; set; } = "";

    public string? PackageListFile { get; set; }
    public string[] BuildPatterns { get; set; } = Array.Empty<string>();
    public string[] WorkspaceModules { get; set; } = Array.Empty<string>();

    /// <summary>GoMainPackage: one or more package directories, import paths or patterns.</summary>
    public string[] MainPackage { get; set; } = Array.Empty<string>();
    public string? WorkspaceModule { get; set; }
    public string[] PlatformInstall { get; set; } = Array.Empty<string>();
    public string? PlatformInstallSource { get; set; }

    /// <summary>GoBinaryName: the binary's name when there is one main package.</summary>
    public string? BinaryName { get; set; }

    /// <summary>DetectGo's MakefileBinary: set for a Makefile build, which ships that one binary.</summary>
    public string? MakefileBinary { get; set; }

    /// <summary>GoBinaryNaming: assembly (default: the project name), railpack (out), clevercloud (the package's base name).</summary>
    public string? BinaryNaming { get; set; }
    public string? ExecutableSuffix { get; set; }

    /// <summary>GoBuildMode (ComputeGoBuildFlags has checked it): a C library gets lib&lt;name&gt;.so and a header.</summary>
    public string? BuildMode { get; set; }

    /// <summary>GOOS of the build: a C library's file name depends on it.</summary>
    public string? TargetOS { get; set; }

    [Output] public ITaskItem[] MainPackages { get; private set; } = Array.Empty<ITaskItem>();
    [Output] public ITaskItem[] EmbedFiles { get; private set; } = Array.Empty<ITaskItem>();
    [Output] public bool IsLibrary { get; private set; }

    /// <summary>The first main package's binary: the project's TargetPath and what `dotnet run` starts.</summary>
    [Output] public string PrimaryOutputPath { get; private set; } = "";

    /// <summary>
    /// Whether GoBuild must compile every package before linking the main ones: only when linking them leaves a package
    /// out (go list's imports tell), so never for a project that is one main package, where `go build ./...` would
    /// also write a binary of its own.
    /// </summary>
    [Output] public bool NeedsCompileCheck { get; private set; }

    public override bool Execute() => ExecuteWithAnswerCache(ExecuteCore);

    private bool ExecuteCore()
    {
        var kind = ParseProjectKind(ProjectKind);
        if (kind == GoProjectKind.Functions)
        {
            // api/*.go without go.mod: there is no module for go list, and ResolveGoFunctions chooses the binary.
            return true;
        }

        var makefile = !string.IsNullOrWhiteSpace(MakefileBinary);
        if (kind != GoProjectKind.File && !makefile && !FileProbe.FileExists(PackageListFile ?? ""))
        {
            // No go list answer: a design-time build, which never starts go (every other caller, GetTargetPath too,
            // runs _GoListPackages first). Nothing is known, so nothing can be wrong: the default binary path stands.
            Log.LogMessage(MessageImportance.Low, "No package list yet ({0}): main packages are decided by the first build.", PackageListFile);
            return true;
        }

        if (!GoBuildModes.TryParse(BuildMode, out var buildMode))
        {
            LogGoPackError(GoPackErrors.InvalidBuildMode, $"GoBuildMode '{BuildMode}' is not one GoPack builds: use one of {GoBuildModes.Supported}.");
            return false;
        }

        // go list is not run on a file or Makefile project, so its cache could only be a stale one.
        var packages = kind == GoProjectKind.File || makefile ? Array.Empty<GoPackageInfo>() : GoPackageList.Read(PackageListFile ?? "");
        var result = MainPackageResolver.Resolve(new MainPackageResolverOptions
        {
            Packages = packages,
            ProjectKind = kind,
            ModuleRoot = ModuleRoot,
            BuildPatterns = BuildPatterns,
            WorkspaceModules = WorkspaceModules,
            MainPackages = MainPackage,
            WorkspaceModule = WorkspaceModule,
            PlatformInstall = PlatformInstall,
            PlatformInstallSource = PlatformInstallSource,
            BinaryName = BinaryName,
            MakefileBinary = MakefileBinary,
            BinaryNaming = BinaryNaming,
            DefaultBinaryName = DefaultBinaryName,
            ExecutableSuffix = ExecutableSuffix ?? "",
            BuildMode = buildMode,
            TargetOs = TargetOS ?? "",
            OutputDirectory = OutputDirectory,
            IntermediateDirectory = IntermediateDirectory,
            Environment = TaskEnvironment.Snapshot(),
            ProbeOutside = directory => OutsidePackageProbe.Probe(ModuleRoot, directory),
            OutsideCandidates = kind == GoProjectKind.File || makefile ? Array.Empty<string>() : OutsidePackageProbe.Candidates(ModuleRoot),
        });

        foreach (var warning in result.Warnings)
        {
            LogGoPackWarning(GoPackErrors.MainPackageWarning, warning);
        }

        if (!result.Succeeded)
        {
            LogGoPackError(result.ErrorCode ?? GoPackErrors.MainPackageNotFound, result.Error!);
            return false;
        }

        EmbedFiles = result.EmbedFiles.Select(f => (ITaskItem)LiteralItems.Create(f)).ToArray();
        IsLibrary = result.IsLibrary;
        // The separate compile of every package (go build ./...) is one more go command on every build: needed only
        // when linking the programs leaves a package out (a library package no program imports, a program not chosen).
        var linkingCompilesAll = (buildMode == GoBuildMode.Exe || buildMode == GoBuildMode.Pie)
            && GoPackageGraph.MainsCoverAll(packages, result.Packages.Where(p => p.Files.Count == 0).Select(p => p.ImportPath));
        NeedsCompileCheck = kind != GoProjectKind.File && !makefile && !(packages.Count == 1 && packages[0].IsMain) && !linkingCompilesAll;
        PrimaryOutputPath = result.PrimaryOutputPath;
        if (result.IsLibrary)
        {
            Log.LogMessage(MessageImportance.Normal, "No main package: a library. All packages are compiled; no binary is produced.");
            return true;
        }

        var items = new List<ITaskItem>();
        foreach (var package in result.Packages)
        {
            var item = LiteralItems.Create(package.ImportPath);
            item.SetLiteral("PackageDirectory", package.PackageDirectory);
            item.SetLiteral("BinaryName", package.BinaryName);
            item.SetLiteral("IntermediatePath", package.IntermediatePath);
            item.SetLiteral("OutputPath", package.OutputPath);
            item.SetLiteral("Source", package.Source);
            // A program outside the modules is built from its files ("go build cmd/main.go"), in a go command of its own.
            // Escaped one by one: the ";" between them is the list separator.
            item.SetMetadata("Files", string.Join(";", package.Files.Select(LiteralItems.Escape)));
            item.SetLiteral("IntermediateDirectory", package.Files.Count > 0 ? System.IO.Path.GetDirectoryName(package.IntermediatePath) ?? "" : "");
            // Executable, SharedLibrary or StaticLibrary: what a referencing project does with it (copy, load, link).
            item.SetMetadata("Kind", buildMode switch
            {
                GoBuildMode.CShared => "SharedLibrary",
                GoBuildMode.CArchive => "StaticLibrary",
                _ => "Executable",
            });
            item.SetLiteral("HeaderIntermediatePath", package.HeaderIntermediatePath ?? "");
            item.SetLiteral("HeaderOutputPath", package.HeaderOutputPath ?? "");
            items.Add(item);
            Log.LogMessage(MessageImportance.Normal, "Main package {0} → {1} ({2})", package.ImportPath, package.BinaryFileName, package.Source);
        }

        MainPackages = items.ToArray();
        return true;
    }

    /// <summary>GoProjectKind's value; anything else is built with the module rules, as a module is the common case.</summary>
    private static GoProjectKind ParseProjectKind(string value)
    {
        foreach (GoProjectKind kind in Enum.GetValues(typeof(GoProjectKind)))
        {
            if (kind != GoProjectKind.None && string.Equals(kind.ToPropertyValue(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return GoProjectKind.Module;
    }
}
