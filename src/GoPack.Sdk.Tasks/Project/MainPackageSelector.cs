using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GoPack.Sdk.Project;

/// <summary>A main package to build into a binary.</summary>
/// <param name="ImportPathOrDir">What to give go build, relative to <see cref="GoProjectInfo.ModuleRoot"/>: "./cmd/api", ".", "main.go", or an import path.</param>
/// <param name="BinaryName">The output file name, without an executable suffix such as .exe.</param>
/// <param name="Source">The rule or setting that chose it, for the build log.</param>
public sealed record MainPackage(string ImportPathOrDir, string BinaryName, string Source);

/// <summary>How binaries are named (GoBinaryNaming).</summary>
public enum GoBinaryNaming
{
    /// <summary>One main package: $(AssemblyName). Several: each package's directory name.</summary>
    Assembly,

    /// <summary>Railpack's: one main package is "out". Several: each package's directory name.</summary>
    Railpack,

    /// <summary>Clever Cloud's (and go install's): the last element of the package path without ".go", e.g. cmd/server.go → server.</summary>
    CleverCloud,
}

/// <summary>Inputs of <see cref="MainPackageSelector.Select"/>.</summary>
public sealed class MainPackageSelectorOptions
{
    public MainPackageSelectorOptions(GoProjectInfo project)
    {
        Project = project ?? throw new ArgumentNullException(nameof(project));
    }

    public GoProjectInfo Project { get; }

    /// <summary>GoMainPackage: one or more packages, ';'-separated.</summary>
    public string? MainPackages { get; init; }

    /// <summary>GoWorkspaceModule: the go.work module to build, relative to the workspace root.</summary>
    public string? WorkspaceModule { get; init; }

    /// <summary>The name for a single binary under the default naming: $(AssemblyName).</summary>
    public string DefaultBinaryName { get; init; } = "";

    /// <summary>GoBinaryName: the name of the binary when there is exactly one main package.</summary>
    public string? BinaryName { get; init; }

    /// <summary>GoBinaryNaming: assembly (default), railpack or clevercloud.</summary>
    public string? BinaryNaming { get; init; }

    /// <summary>RAILPACK_GO_BIN, CC_GO_PKG, GO_INSTALL_PACKAGE_SPEC and RAILPACK_GO_WORKSPACE_MODULE are read.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}

/// <summary>The main packages to build, or why there are none.</summary>
public sealed class MainPackageSelection
{
    public IReadOnlyList<MainPackage> Packages { get; init; } = Array.Empty<MainPackage>();

    /// <summary>A module or workspace without a main package: it is compiled (go build ./...) and produces no binary.</summary>
    public bool IsLibraryOnly { get; init; }

    /// <summary>The rule that chose the packages, e.g. "GoMainPackage property", "cmd/ directories", "module root".</summary>
    public string Source { get; init; } = "";

    /// <summary>
    /// For a project without go.mod: the .go files of package main, relative to the module root, to give go build
    /// instead of <see cref="MainPackage.ImportPathOrDir"/> (go cannot build a directory outside a module).
    /// </summary>
    public IReadOnlyList<string> FileArguments { get; init; } = Array.Empty<string>();

    /// <summary>Some packages are import paths or patterns this scan could not check: go list must confirm them.</summary>
    public bool NeedsGoList { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    public string? Error { get; init; }

    public bool Succeeded => Error is null;
}

/// <summary>
/// Chooses the main packages from files alone, by reading each .go file's package clause. Files excluded by
/// build constraints or file-name suffixes are not evaluated (except the conventional //go:build ignore): go list is
/// the truth, and the build confirms the choice with it.
/// </summary>
/// <remarks>
/// Order (Railpack's, extended; the first that applies wins, properties before environment variables):
/// GoMainPackage; RAILPACK_GO_BIN (./cmd/NAME); CC_GO_PKG; GO_INSTALL_PACKAGE_SPEC; go.mod's // +heroku install or
/// // +scalingo install; for a workspace, GoWorkspaceModule / RAILPACK_GO_WORKSPACE_MODULE, else the first go.work
/// <c>use</c> module with a main package; for a module, the root when it is package main, else every cmd/* directory
/// that is (each its own binary, where Railpack takes the first); finally main.go for a project without go.mod.
/// Inside a chosen workspace module the module rule applies again (its root, else its cmd/*).
/// </remarks>
public static class MainPackageSelector
{
    public static MainPackageSelection Select(MainPackageSelectorOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var context = new Context(options);
        if (!TryParseNaming(options.BinaryNaming, out GoBinaryNaming naming))
        {
            return new MainPackageSelection { Error = $"GoBinaryNaming is '{options.BinaryNaming}'; use assembly, railpack or clevercloud." };
        }

        List<Candidate>? candidates = context.Choose();
        if (context.Error is not null)
        {
            return new MainPackageSelection { Error = context.Error, Warnings = context.Warnings };
        }

        if (candidates is null || candidates.Count == 0)
        {
            bool library = options.Project.Kind is GoProjectKind.Module or GoProjectKind.Workspace or GoProjectKind.Library;
            if (library)
            {
                context.WarnAboutOtherMains();
            }

            return new MainPackageSelection
            {
                IsLibraryOnly = library,
                Source = library ? "no main package" : "",
                Warnings = context.Warnings,
                NeedsGoList = context.NeedsGoList,
            };
        }

        candidates = candidates.GroupBy(c => c.Package, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var packages = new List<MainPackage>();
        string? binaryName = Settings.Trimmed(options.BinaryName);
        if (candidates.Count == 1)
        {
            Candidate only = candidates[0];
            string name = binaryName ?? naming switch
            {
                GoBinaryNaming.Railpack => "out",
                GoBinaryNaming.CleverCloud => context.BaseName(only.Package),
                _ => Settings.Trimmed(options.DefaultBinaryName) ?? context.BaseName(only.Package),
            };
            packages.Add(new MainPackage(only.Package, name, only.Source));
        }
        else
        {
            if (binaryName is not null)
            {
                context.Warnings.Add(
                    $"GoBinaryName '{binaryName}' is ignored: {candidates.Count} main packages are built, each named after its directory. " +
                    "Set GoMainPackage to build only one.");
            }

            packages.AddRange(candidates.Select(c => new MainPackage(c.Package, context.BaseName(c.Package), c.Source)));
            foreach (IGrouping<string, MainPackage> clash in packages.GroupBy(p => p.BinaryName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                return new MainPackageSelection
                {
                    Error = $"{string.Join(" and ", clash.Select(p => p.ImportPathOrDir))} would all be built as '{clash.Key}'. " +
                        "Choose the packages to build with GoMainPackage, or rename a directory.",
                    Warnings = context.Warnings,
                };
            }
        }

        return new MainPackageSelection
        {
            Packages = packages,
            Source = context.Source,
            FileArguments = context.FileArguments,
            NeedsGoList = context.NeedsGoList,
            Warnings = context.Warnings,
        };
    }

    public static bool TryParseNaming(string? text, out GoBinaryNaming naming)
    {
        switch (Settings.Trimmed(text)?.ToLowerInvariant())
        {
            case null:
            case "assembly":
                naming = GoBinaryNaming.Assembly;
                return true;
            case "railpack":
                naming = GoBinaryNaming.Railpack;
                return true;
            case "clevercloud":
                naming = GoBinaryNaming.CleverCloud;
                return true;
            default:
                naming = GoBinaryNaming.Assembly;
                return false;
        }
    }

    private readonly struct Candidate
    {
        public Candidate(string package, string source)
        {
            Package = package;
            Source = source;
        }

        public string Package { get; }

        public string Source { get; }
    }

    private sealed class Context
    {
        private readonly MainPackageSelectorOptions _options;
        private readonly GoProjectInfo _project;
        private readonly string _root;

        public Context(MainPackageSelectorOptions options)
        {
            _options = options;
            _project = options.Project;
            _root = options.Project.ModuleRoot;
        }

        public List<string> Warnings { get; } = new();

        public string? Error { get; private set; }

        public string Source { get; private set; } = "";

        public bool NeedsGoList { get; private set; }

        public IReadOnlyList<string> FileArguments { get; private set; } = Array.Empty<string>();

        private IReadOnlyDictionary<string, string>? Environment => _options.Environment;

        public List<Candidate>? Choose()
        {
            string? property = Settings.Trimmed(_options.MainPackages);
            if (property is not null)
            {
                return Explicit(property.Split(';'), "GoMainPackage property");
            }

            string? railpackBin = Settings.Get(Environment, "RAILPACK_GO_BIN");
            if (railpackBin is not null)
            {
                return Explicit(new[] { "./cmd/" + railpackBin.Trim('/') }, "RAILPACK_GO_BIN environment variable");
            }

            string? ccPackage = Settings.Get(Environment, "CC_GO_PKG");
            if (ccPackage is not null)
            {
                return Explicit(new[] { ccPackage }, "CC_GO_PKG environment variable");
            }

            string? spec = Settings.Get(Environment, "GO_INSTALL_PACKAGE_SPEC");
            if (spec is not null)
            {
                return Explicit(spec.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries), "GO_INSTALL_PACKAGE_SPEC environment variable");
            }

            if (_project.GoMod is { PlatformInstall.Count: > 0 } mod)
            {
                return Explicit(mod.PlatformInstall, $"go.mod // +{mod.PlatformInstallSource} install comment");
            }

            string? workspaceProperty = Settings.Trimmed(_options.WorkspaceModule);
            string? workspaceVariable = Settings.Get(Environment, "RAILPACK_GO_WORKSPACE_MODULE");
            bool workspace = _project.Kind == GoProjectKind.Workspace || (_project.Kind == GoProjectKind.Makefile && _project.GoWork is not null);
            if (workspace)
            {
                if (workspaceProperty is not null)
                {
                    return WorkspaceModule(workspaceProperty, "GoWorkspaceModule property");
                }

                if (workspaceVariable is not null)
                {
                    return WorkspaceModule(workspaceVariable, "RAILPACK_GO_WORKSPACE_MODULE environment variable");
                }

                foreach (string use in _project.UseDirectories)
                {
                    string prefix = Settings.RelativeGoPath(_root, use) ?? use.Replace('\\', '/');
                    List<Candidate> mains = ModuleMains(use, prefix, "first go.work module with a main package");
                    if (mains.Count > 0)
                    {
                        Source = $"first go.work module with a main package ({prefix})";
                        return mains;
                    }
                }

                return null;
            }

            if (workspaceProperty is not null || workspaceVariable is not null)
            {
                Warnings.Add($"{(workspaceProperty is not null ? "GoWorkspaceModule" : "RAILPACK_GO_WORKSPACE_MODULE")} is ignored: '{_root}' is not a go.work workspace.");
            }

            if (_project.Kind is GoProjectKind.Module or GoProjectKind.Library)
            {
                return ModuleMains(_root, ".", null);
            }

            if ((_project.Kind is GoProjectKind.File or GoProjectKind.Makefile) && File.Exists(Path.Combine(_root, "main.go")))
            {
                Source = "main.go";
                FileArguments = GoSourceScanner.MainPackageFiles(_root).Select(Path.GetFileName).ToList()!;
                return new List<Candidate> { new("main.go", "main.go") };
            }

            return null;
        }

        /// <summary>The module rule: its root when that is package main, else every cmd/* main package.</summary>
        private List<Candidate> ModuleMains(string directory, string prefix, string? sourceOverride)
        {
            var result = new List<Candidate>();
            if (GoSourceScanner.IsMainPackageDirectory(directory))
            {
                result.Add(new Candidate(prefix, sourceOverride ?? "module root"));
                Source = sourceOverride ?? "module root";
                return result;
            }

            string cmd = Path.Combine(directory, "cmd");
            string cmdPrefix = prefix == "." ? "./cmd" : prefix + "/cmd";
            if (GoSourceScanner.IsMainPackageDirectory(cmd))
            {
                result.Add(new Candidate(cmdPrefix, sourceOverride ?? "cmd/ directory"));
            }

            foreach (string child in GoSourceScanner.SubDirectories(cmd))
            {
                // A cmd/x with its own go.mod is another module: go build from here cannot build it.
                if (!File.Exists(Path.Combine(child, "go.mod")) && GoSourceScanner.IsMainPackageDirectory(child))
                {
                    result.Add(new Candidate(cmdPrefix + "/" + Path.GetFileName(child), sourceOverride ?? "cmd/ directories"));
                }
            }

            if (result.Count > 0)
            {
                Source = sourceOverride ?? "cmd/ directories";
            }

            return result;
        }

        private List<Candidate>? WorkspaceModule(string module, string source)
        {
            string directory = Settings.FullPath(_root, module);
            string prefix = Settings.RelativeGoPath(_root, directory) ?? module.Replace('\\', '/');
            if (!Directory.Exists(directory))
            {
                Error = $"{source}: the workspace module '{module}' does not exist ('{directory}').";
                return null;
            }

            if (!_project.UseDirectories.Any(u => Settings.SamePath(u, directory)))
            {
                Error = $"{source}: '{module}' is not a module of the workspace '{_project.GoWorkPath}'. Add it with `go work use {prefix}`, or name one of: " +
                    string.Join(", ", _project.UseDirectories.Select(u => Settings.RelativeGoPath(_root, u) ?? u)) + ".";
                return null;
            }

            List<Candidate> mains = ModuleMains(directory, prefix, source);
            if (mains.Count == 0)
            {
                Error = $"{source}: the workspace module '{module}' has no main package in its root or in its cmd/ directories. Set GoMainPackage to the package to build.";
                return null;
            }

            return mains;
        }

        private List<Candidate>? Explicit(IReadOnlyList<string> entries, string source)
        {
            Source = source;
            var result = new List<Candidate>();
            foreach (string entry in entries)
            {
                string raw = entry.Trim();
                if (raw.Length == 0)
                {
                    continue;
                }

                string package = Normalize(raw);
                if (package.IndexOf("...", StringComparison.Ordinal) >= 0)
                {
                    if (!Expand(package, raw, source, result))
                    {
                        return null;
                    }

                    continue;
                }

                if (!Check(package, raw, source))
                {
                    return null;
                }

                result.Add(new Candidate(package, source));
            }

            return result;
        }

        /// <summary>"cmd/api" means the directory to a user, but an import path in the standard library to go.</summary>
        private string Normalize(string raw)
        {
            string s = raw.Replace('\\', '/');
            if (s == "." || s.StartsWith("./", StringComparison.Ordinal) || s.StartsWith("../", StringComparison.Ordinal) || s == ".." || Path.IsPathRooted(s))
            {
                return s;
            }

            string local = Path.Combine(_root, s.Replace('/', Path.DirectorySeparatorChar));
            if (s.EndsWith(".go", StringComparison.Ordinal) || Directory.Exists(local) || File.Exists(local))
            {
                return "./" + s;
            }

            if (s.EndsWith("/...", StringComparison.Ordinal) && Directory.Exists(Path.Combine(_root, s.Substring(0, s.Length - 4))))
            {
                return "./" + s;
            }

            return s;
        }

        /// <summary>The directory of a local path or of an import path in the main module; null for other import paths.</summary>
        private string? LocalDirectory(string package)
        {
            if (package == "." || package == ".." || package.StartsWith("./", StringComparison.Ordinal) || package.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(package))
            {
                return Settings.FullPath(_root, package);
            }

            string? module = _project.ModulePath;
            if (module is not null)
            {
                if (package == module)
                {
                    return _root;
                }

                if (package.StartsWith(module + "/", StringComparison.Ordinal))
                {
                    return Settings.FullPath(_root, package.Substring(module.Length + 1));
                }
            }

            return null;
        }

        private bool Check(string package, string raw, string source)
        {
            string? local = LocalDirectory(package);
            if (local is null)
            {
                NeedsGoList = true;
                return true;
            }

            if (package.EndsWith(".go", StringComparison.Ordinal))
            {
                if (!File.Exists(local))
                {
                    Error = $"{source}: the file '{raw}' does not exist ('{local}').";
                    return false;
                }

                return true;
            }

            if (!Directory.Exists(local))
            {
                Error = $"{source}: the package '{raw}' does not exist ('{local}').";
                return false;
            }

            IReadOnlyList<string> names = GoSourceScanner.PackageNames(local);
            if (GoSourceScanner.BuildableGoFiles(local).Count == 0)
            {
                Error = $"{source}: '{raw}' has no Go files ('{local}').";
                return false;
            }

            if (!names.Contains("main"))
            {
                Warnings.Add($"{source}: '{raw}' looks like package {string.Join("/", names)}, not main, so go build makes no binary of it (go list will tell for sure).");
            }

            return true;
        }

        private bool Expand(string package, string raw, string source, List<Candidate> result)
        {
            // Only "X/..." is expanded here; wildcards inside names (./cmd/serv...) are left to go list.
            string? basePath = package == "..." ? "." : package.EndsWith("/...", StringComparison.Ordinal) ? package.Substring(0, package.Length - 4) : null;
            string? directory = basePath is null || basePath.IndexOf("...", StringComparison.Ordinal) >= 0 ? null : LocalDirectory(basePath);
            if (directory is null)
            {
                NeedsGoList = true;
                result.Add(new Candidate(package, source));
                return true;
            }

            IReadOnlyList<string> mains = GoSourceScanner.FindMainPackageDirectories(directory);
            if (mains.Count == 0)
            {
                Error = $"{source}: '{raw}' matches no main package ('{directory}').";
                return false;
            }

            foreach (string relative in mains)
            {
                string full = Settings.FullPath(directory, relative);
                result.Add(new Candidate(Settings.RelativeGoPath(_root, full) ?? full, $"{source} ({raw})"));
            }

            return true;
        }

        /// <summary>go install's name for a package: its last path element, or the one before a major version (cmd/v2).</summary>
        public string BaseName(string package)
        {
            string s = package.Replace('\\', '/').TrimEnd('/');
            if (s.EndsWith(".go", StringComparison.Ordinal))
            {
                return Path.GetFileNameWithoutExtension(s.Substring(s.LastIndexOf('/') + 1));
            }

            string? local = LocalDirectory(s);
            string path;
            if (local is not null && Settings.SamePath(local, _root) && _project.ModulePath is not null)
            {
                path = _project.ModulePath;
            }
            else if (local is not null)
            {
                path = local.Replace('\\', '/');
            }
            else
            {
                path = s;
            }

            string[] elements = path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            if (elements.Length == 0)
            {
                return _options.DefaultBinaryName;
            }

            string last = elements[elements.Length - 1];
            return elements.Length > 1 && IsMajorVersion(last) ? elements[elements.Length - 2] : last;
        }

        public void WarnAboutOtherMains()
        {
            IEnumerable<string> roots = _project.Kind == GoProjectKind.Workspace ? _project.UseDirectories : new[] { _root };
            var found = new List<string>();
            foreach (string moduleRoot in roots)
            {
                foreach (string relative in GoSourceScanner.FindMainPackageDirectories(moduleRoot))
                {
                    string full = Settings.FullPath(moduleRoot, relative);
                    found.Add(Settings.RelativeGoPath(_root, full) ?? full);
                }
            }

            if (found.Count > 0)
            {
                Warnings.Add(
                    "No main package in the module root or its cmd/ directories, so the project is built as a library (no binary). " +
                    $"Main packages elsewhere: {string.Join(", ", found.Take(10))}{(found.Count > 10 ? ", …" : "")}. Set GoMainPackage to build one of them.");
            }
        }

        private static bool IsMajorVersion(string element) =>
            element.Length >= 2 && element[0] == 'v' && element[1] >= '1' && element[1] <= '9' && element.Skip(2).All(c => c >= '0' && c <= '9');
    }
}
