using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GoPack.Sdk.Common;
using GoPack.Sdk.Modules;

namespace GoPack.Sdk.Project;

/// <summary>Inputs of <see cref="GoProjectDetector.Detect"/>.</summary>
public sealed class GoProjectDetectorOptions
{
    /// <summary>The directory of the .gocsproj.</summary>
    public string ProjectDirectory { get; init; } = "";

    /// <summary>GoModuleDir: where the Go project is, relative to <see cref="ProjectDirectory"/> unless rooted.</summary>
    public string? ModuleDirectory { get; init; }

    /// <summary>GoBinary: the binary a Makefile produces. Falls back to CC_GO_BINARY.</summary>
    public string? GoBinary { get; init; }

    /// <summary>
    /// Whether a folder holds a function project's sources (Vercel's api/*.go), asked of a folder without go.mod and
    /// main.go. The Functions feature knows that layout, and the project model stays below it: the task passes it in.
    /// Null (GoFunctions=false): such a folder is never a function project.
    /// </summary>
    public Func<string, bool>? HasFunctionSources { get; init; }

    /// <summary>The build's environment: CC_GO_BINARY and GOWORK are read.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}

/// <summary>
/// Finds the Go project a .gocsproj stands for by looking at files only, so a no-op build starts no process.
/// </summary>
/// <remarks>
/// <para>The search, which mirrors the go command's own:</para>
/// <list type="number">
/// <item>It starts in GoModuleDir when set, else in the project directory.</item>
/// <item>go.mod: the nearest one in the start directory or its parents, as go finds it. With GoModuleDir only the
/// start directory counts, because naming the directory is the point of setting it.</item>
/// <item>go.work: the nearest one upward too, because go uses it from any parent directory; GOWORK=off disables it
/// and GOWORK=path names it, as for go. A go.work nearer than (or beside) the go.mod makes the project a workspace
/// rooted at the go.work; a go.work further up leaves it a module that go builds in workspace mode.</item>
/// <item>The walk stops after a directory holding .git (the repository root) or at the file system root, so a stray
/// go.mod in a home directory is never picked up for a repository without one.</item>
/// <item>Without go.mod, the root (the go.work directory, else the start directory) is classified in Clever Cloud's
/// order: a Makefile with GoBinary/CC_GO_BINARY set is a Makefile project (even beside a go.work, as in Clever Cloud's
/// go-workspaces example); then go.work; then a pre-modules layout is an error explaining the migration; then
/// main.go is a file project; then Go files under api/ make a function project (Vercel's layout); else nothing was
/// found.</item>
/// </list>
/// </remarks>
public static class GoProjectDetector
{
    /// <summary>The names GNU make reads, in its order. Clever Cloud documents "Makefile"; make accepts all three.</summary>
    public static IReadOnlyList<string> MakefileNames { get; } = new[] { "GNUmakefile", "makefile", "Makefile" };

    private static readonly LegacyTool[] LegacyTools =
    {
        new("Godeps", "Godeps/Godeps.json", "Godeps/Godeps.json", "the Godeps/ directory"),
        new("dep", "Gopkg.lock", "Gopkg.lock", "Gopkg.toml and Gopkg.lock"),
        new("glide", "glide.yaml", "glide.lock", "glide.yaml and glide.lock"),
        new("govendor", "vendor/vendor.json", "vendor/vendor.json", "vendor/vendor.json"),
    };

    public static GoProjectInfo Detect(GoProjectDetectorOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var projectDirectory = Paths.FullPath(string.IsNullOrEmpty(options.ProjectDirectory) ? "." : options.ProjectDirectory);
        var moduleDirectory = Settings.Trimmed(options.ModuleDirectory);
        var explicitDirectory = moduleDirectory is not null;
        var start = explicitDirectory ? Paths.FullPath(projectDirectory, moduleDirectory!) : projectDirectory;

        if (!FileProbe.DirectoryExists(start))
        {
            return explicitDirectory
                ? Failure(start, GoProjectErrorKind.ModuleDirectoryMissing,
                    $"GoModuleDir '{moduleDirectory}' is '{start}', which does not exist. Set GoModuleDir to the directory that holds go.mod (relative to the project file), or remove it to use the project directory.")
                : Failure(start, GoProjectErrorKind.NotFound, $"The project directory '{start}' does not exist.");
        }

        var environment = options.Environment;
        (var binary, _) = ResolveGoBinary(options.GoBinary, environment);

        var gowork = Settings.Get(environment, "GOWORK");
        var workOff = gowork == "off";
        string? workPath = null;
        if (gowork is not null && !workOff)
        {
            workPath = Paths.FullPath(start, gowork);
            if (!FileProbe.FileExists(workPath))
            {
                return Failure(start, GoProjectErrorKind.Unreadable,
                    $"GOWORK is '{gowork}', but '{workPath}' does not exist. Point GOWORK at a go.work file, set it to off, or unset it.");
            }
        }

        var search = FindModuleFiles(start, explicitDirectory, searchWork: workPath is null && !workOff);
        var modDirectory = search.ModDirectory;
        var workDirectory = workPath is not null ? Path.GetDirectoryName(workPath) : search.WorkDirectory;
        if (workPath is null && search.WorkDirectory is not null)
        {
            workPath = Path.Combine(search.WorkDirectory, "go.work");
        }

        var warnings = new List<string>();
        var workspaceRoot = workDirectory is not null && (modDirectory is null || Paths.IsSameOrUnder(workDirectory, modDirectory));
        if (workspaceRoot)
        {
            // A go.mod further up than the go.work is outside the workspace.
            modDirectory = modDirectory is not null && Paths.SamePath(modDirectory, workDirectory!) ? modDirectory : null;
        }

        var root = modDirectory is not null && !workspaceRoot ? modDirectory : workspaceRoot ? workDirectory! : start;
        var modPath = modDirectory is not null ? Path.Combine(modDirectory, "go.mod") : null;

        GoModFile? mod;
        GoWorkFile? work;
        try
        {
            mod = modPath is not null ? GoModFile.Load(modPath) : null;
            work = workPath is not null ? GoWorkFile.Load(workPath) : null;
        }
        catch (GoModParseException e)
        {
            return Failure(start, GoProjectErrorKind.Unreadable, e.Message, e.FilePath, e.Line);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return Failure(start, GoProjectErrorKind.Unreadable, $"Could not read the Go module files in '{root}': {e.Message}");
        }

        var makefile = FindMakefile(root);
        IReadOnlyList<LegacyTool> legacy = LegacyTools.Where(t => FileProbe.FileExists(Path.Combine(root, t.Marker.Replace('/', Path.DirectorySeparatorChar)))).ToList();
        IReadOnlyList<string> legacyMarkers = legacy.Select(t => t.Marker).ToList();

        // Advice about make only for a Makefile that builds something (a build/all/install target, or go build/install
        // in a recipe): a lint/test-only Makefile, in a Go project or not, is none of GoPack's business.
        var makefileBuildsGo = makefile is not null && MakefileBuilds(makefile);
        if (mod is null && makefileBuildsGo && binary is null)
        {
            warnings.Add(
                $"{Path.GetFileName(makefile)} found in '{root}', but GoBinary (or CC_GO_BINARY) is not set, so it is not used, as on Clever Cloud. " +
                "To build with make, set GoBinary to the path of the binary the Makefile produces, e.g. <GoBinary>bin/myApp</GoBinary>.");
        }

        GoProjectKind kind;
        if (mod is null && makefile is not null && binary is not null)
        {
            kind = GoProjectKind.Makefile;
        }
        else if (workspaceRoot)
        {
            kind = GoProjectKind.Workspace;
        }
        else if (mod is not null)
        {
            kind = GoProjectKind.Module;
        }
        else if (legacy.Count > 0)
        {
            return Failure(start, GoProjectErrorKind.LegacyLayout, LegacyMessage(root, legacy), warnings: warnings, legacy: legacyMarkers, root: root);
        }
        else if (FileProbe.FileExists(Path.Combine(root, "main.go")))
        {
            kind = GoProjectKind.File;
        }
        else if (options.HasFunctionSources?.Invoke(root) == true)
        {
            // Vercel's layout without go.mod: GoPack lends it a temporary module (see Functions.FunctionsPlanner).
            kind = GoProjectKind.Functions;
        }
        else
        {
            var looked = explicitDirectory
                ? $"GoPack looked for go.mod and main.go in '{start}' (GoModuleDir), for Go files in its api/ folder and for go.work up to {search.StoppedAt}"
                : $"GoPack looked for go.mod and go.work in '{start}' and its parent directories up to {search.StoppedAt}, and for main.go in '{start}' and Go files in its api/ folder";
            var message =
                $"No Go project found for '{projectDirectory}': {looked}. " +
                "Run `go mod init <module path>` in the directory of your Go code, or set GoModuleDir to the directory that holds go.mod.";
            if (makefileBuildsGo)
            {
                message += $" To build with the {Path.GetFileName(makefile)} instead, set GoBinary (or CC_GO_BINARY) to the binary it produces.";
            }

            return Failure(start, GoProjectErrorKind.NotFound, message, warnings: warnings, root: root);
        }

        if (mod is not null && legacy.Count > 0)
        {
            warnings.Add(
                $"{string.Join(", ", legacyMarkers)} in '{root}' {(legacy.Count == 1 ? "is" : "are")} left over from {string.Join(" and ", legacy.Select(t => t.Name))}; " +
                "go ignores them now that go.mod exists. Delete them so nobody edits the wrong file.");
        }

        var uses = new List<string>();
        if (work is not null)
        {
            foreach (var use in work.Uses)
            {
                var directory = Paths.FullPath(workDirectory!, use.Path);
                uses.Add(directory);
                if (!FileProbe.FileExists(Path.Combine(directory, "go.mod")))
                {
                    warnings.Add($"go.work:{use.Line} uses '{use.Path}', but '{directory}' has no go.mod; go will refuse to load the workspace.");
                }
            }

            if (kind == GoProjectKind.Module && !uses.Any(u => Paths.SamePath(u, modDirectory!)))
            {
                warnings.Add(
                    $"go uses '{workPath}' for the module in '{modDirectory}', but that go.work has no `use` line for it, so go will refuse to build it. " +
                    "Add the module to go.work (`go work use <dir>`), or set GOWORK=off to build the module on its own.");
            }
        }

        var replaces = new List<string>();
        if (mod is not null)
        {
            replaces.AddRange(mod.Replaces.Where(r => r.IsLocal).Select(r => Paths.FullPath(modDirectory!, r.NewPath)));
        }

        if (work is not null)
        {
            replaces.AddRange(work.Replaces.Where(r => r.IsLocal).Select(r => Paths.FullPath(workDirectory!, r.NewPath)));
        }

        // In workspace mode go reads the workspace's vendor directory (`go work vendor`), never a module's.
        var vendorRoot = work is not null ? workDirectory : modDirectory;
        var hasVendor = vendorRoot is not null && FileProbe.FileExists(Path.Combine(vendorRoot, "vendor", "modules.txt"));

        return new GoProjectInfo
        {
            Kind = kind,
            StartDirectory = start,
            ModuleRoot = root,
            GoModPath = modPath,
            GoWorkPath = workPath,
            MakefilePath = makefile,
            GoMod = mod,
            GoWork = work,
            ModulePath = mod?.ModulePath,
            UseDirectories = uses,
            LocalReplaceDirectories = replaces.Distinct(Paths.Comparer).ToList(),
            HasVendor = hasVendor,
            VendorModulesPath = hasVendor ? Path.Combine(vendorRoot!, "vendor", "modules.txt") : null,
            LegacyLayouts = legacyMarkers,
            Warnings = warnings,
        };
    }

    private static readonly Regex BuildRule = new Regex(
        @"(^(build|all|install|default|bin|binary|compile)\s*:)|((^|[\s;&|(@-])(go|\$[({]GO[A-Z_]*[)}])\s+(build|install)\b)",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>
    /// Whether the Makefile builds something: a build/all/install target, or go build/install (also as $(GO) build) in a
    /// recipe. Unreadable: assume it does.
    /// </summary>
    public static bool MakefileBuilds(string makefile)
    {
        try
        {
            return BuildRule.IsMatch(FileProbe.ReadAllText(makefile));
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>The Makefile make would read in <paramref name="directory"/>, with its real name; null when none.</summary>
    public static string? FindMakefile(string directory)
    {
        HashSet<string> names;
        try
        {
            // Listing the names keeps a case-insensitive file system from reporting "Makefile" as "makefile".
            names = new HashSet<string>(FileProbe.GetFiles(directory).Select(Path.GetFileName)!, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return null;
        }

        var name = MakefileNames.FirstOrDefault(names.Contains);
        return name is null ? null : Path.Combine(directory, name);
    }

    /// <summary>GoBinary, else CC_GO_BINARY, with a description of where it came from.</summary>
    public static (string? Value, string Source) ResolveGoBinary(string? goBinary, IReadOnlyDictionary<string, string>? environment)
    {
        var property = Settings.Trimmed(goBinary);
        if (property is not null)
        {
            return (property, "GoBinary property");
        }

        var variable = PlatformSettings.Read(environment).Binary;
        return variable is not null ? (variable.Value, variable.Source) : (null, "");
    }

    private static Search FindModuleFiles(string start, bool explicitDirectory, bool searchWork)
    {
        string? modDirectory = null;
        string? workDirectory = null;
        var stoppedAt = "the file system root";
        for (var directory = start; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var lookForMod = modDirectory is null && workDirectory is null && (!explicitDirectory || directory == start);
            if (lookForMod && FileProbe.FileExists(Path.Combine(directory, "go.mod")))
            {
                modDirectory = directory;
            }

            if (searchWork && workDirectory is null && FileProbe.FileExists(Path.Combine(directory, "go.work")))
            {
                workDirectory = directory;
            }

            var modPending = modDirectory is null && workDirectory is null && !explicitDirectory;
            var workPending = searchWork && workDirectory is null;
            if (!modPending && !workPending)
            {
                stoppedAt = $"'{directory}'";
                break;
            }

            if (FileProbe.DirectoryExists(Path.Combine(directory, ".git")) || FileProbe.FileExists(Path.Combine(directory, ".git")))
            {
                stoppedAt = $"the repository root '{directory}'";
                break;
            }
        }

        return new Search(modDirectory, workDirectory, stoppedAt);
    }

    private static string LegacyMessage(string root, IReadOnlyList<LegacyTool> tools)
    {
        var found = string.Join(" and ", tools.Select(t => $"{t.Name} ({t.Marker})"));
        var locks = string.Join(", ", tools.Select(t => t.LockFile).Distinct());
        var delete = string.Join(", ", tools.Select(t => t.Delete));
        var modulePath = tools.Select(t => ReadLegacyModulePath(root, t)).FirstOrDefault(p => p is not null) ?? "<module path>";
        return
            $"'{root}' has no go.mod but uses {found}, a dependency manager from before Go modules. GoPack builds Go modules only, as the Go buildpacks do. " +
            $"Migrate in '{root}': 1) run `go mod init {modulePath}` (Go 1.21 and older copy the versions pinned in {locks} into go.mod; newer Go starts from none); " +
            "2) run `go mod tidy` to add the missing requirements and write go.sum, and check the versions it chose; " +
            $"3) delete {delete} (to keep vendoring, run `go mod vendor` afterwards); 4) commit go.mod and go.sum. " +
            "Guide: https://go.dev/blog/migrating-to-go-modules";
    }

    // The old tools recorded the import path, which is what the module path should be.
    private static string? ReadLegacyModulePath(string root, LegacyTool tool)
    {
        (var file, var pattern) = tool.Name switch
        {
            "Godeps" => ("Godeps/Godeps.json", "\"ImportPath\"\\s*:\\s*\"([^\"]+)\""),
            "glide" => ("glide.yaml", "(?m)^package:\\s*['\"]?([^\\s'\"#]+)"),
            "govendor" => ("vendor/vendor.json", "\"rootPath\"\\s*:\\s*\"([^\"]+)\""),
            _ => ("", ""),
        };
        if (file.Length == 0)
        {
            return null;
        }

        try
        {
            var path = Path.Combine(root, file.Replace('/', Path.DirectorySeparatorChar));
            var match = Regex.Match(FileProbe.ReadAllText(path), pattern);
            return match.Success ? match.Groups[1].Value : null;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static GoProjectInfo Failure(
        string start,
        GoProjectErrorKind kind,
        string message,
        string? file = null,
        int line = 0,
        IReadOnlyList<string>? warnings = null,
        IReadOnlyList<string>? legacy = null,
        string? root = null) => new()
        {
            Kind = GoProjectKind.None,
            StartDirectory = start,
            ModuleRoot = root ?? start,
            ErrorKind = kind,
            Error = message,
            ErrorFile = file,
            ErrorLine = line,
            Warnings = warnings ?? Array.Empty<string>(),
            LegacyLayouts = legacy ?? Array.Empty<string>(),
        };

    private sealed record Search(string? ModDirectory, string? WorkDirectory, string StoppedAt);

    private sealed record LegacyTool(string Name, string Marker, string LockFile, string Delete);
}
