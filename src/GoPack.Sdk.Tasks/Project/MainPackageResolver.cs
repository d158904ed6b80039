using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GoPack.Sdk.Common;
using GoPack.Sdk.Packages;

namespace GoPack.Sdk.Project;

/// <summary>How binaries are named (GoBinaryNaming).</summary>
public enum GoBinaryNaming
{
    /// <summary>One main package: $(AssemblyName). Several: each package's directory name.</summary>
    Assembly,

    /// <summary>Railpack's: one main package is "out". Several: each package's directory name.</summary>
    Railpack,

    /// <summary>
    /// Clever Cloud's: the package's name as go install gives it (the last element of the import path, the one
    /// before a /v2 suffix), or the file name without ".go" when a .go file was named (cmd/server.go → server).
    /// </summary>
    CleverCloud,
}

/// <summary>
/// A directory go list did not report (outside every go.work module, or a nested module) that holds Go files:
/// go builds a program from such files (<c>go build cmd/main.go</c>) though not from the directory.
/// </summary>
/// <param name="Directory">Absolute.</param>
/// <param name="Files">Its non-test .go files, absolute, sorted.</param>
/// <param name="Name">The package clause of its files.</param>
/// <param name="OwnModule">It belongs to a module of its own (a go.mod in it or between it and the root): build that module instead.</param>
public sealed record OutsidePackage(string Directory, IReadOnlyList<string> Files, string Name, bool OwnModule);

/// <summary>Inputs of <see cref="MainPackageResolver.Resolve"/>: what DetectGo found, the settings, and go list's answer.</summary>
public sealed class MainPackageResolverOptions
{
    /// <summary>The packages go list reported. Not used for a file project, which go list is not run on.</summary>
    public IReadOnlyList<GoPackageInfo> Packages { get; init; } = Array.Empty<GoPackageInfo>();

    public GoProjectKind ProjectKind { get; init; } = GoProjectKind.Module;

    /// <summary>The absolute directory of go.mod, go.work or main.go.</summary>
    public string ModuleRoot { get; init; } = "";

    /// <summary>For a file project: the .go files go build is given, the one go names the binary after first.</summary>
    public IReadOnlyList<string> BuildPatterns { get; init; } = Array.Empty<string>();

    /// <summary>The go.work <c>use</c> directories, relative to <see cref="ModuleRoot"/>, in go.work's order.</summary>
    public IReadOnlyList<string> WorkspaceModules { get; init; } = Array.Empty<string>();

    /// <summary>GoMainPackage: directories, .go files, import paths or patterns; a value may hold several, ';'-separated.</summary>
    public IReadOnlyList<string> MainPackages { get; init; } = Array.Empty<string>();

    /// <summary>GoWorkspaceModule: the go.work module to build.</summary>
    public string? WorkspaceModule { get; init; }

    /// <summary>go.mod's <c>// +heroku install</c> (or <c>// +scalingo install</c>) packages.</summary>
    public IReadOnlyList<string> PlatformInstall { get; init; } = Array.Empty<string>();

    /// <summary>"heroku" or "scalingo": which comment <see cref="PlatformInstall"/> came from.</summary>
    public string? PlatformInstallSource { get; init; }

    /// <summary>GoBinaryName: the binary's name when there is one main package.</summary>
    public string? BinaryName { get; init; }

    /// <summary>
    /// The binary a Makefile build writes (GoBinary / CC_GO_BINARY, absolute), set when GoBuildToolResolved is
    /// makefile: it is the one binary shipped, whatever go list says.
    /// </summary>
    public string? MakefileBinary { get; init; }

    /// <summary>GoBinaryNaming: assembly (default), railpack or clevercloud.</summary>
    public string? BinaryNaming { get; init; }

    /// <summary>$(AssemblyName): the single binary's name under the default naming.</summary>
    public string DefaultBinaryName { get; init; } = "";

    /// <summary>".exe" when building for Windows.</summary>
    public string ExecutableSuffix { get; init; } = "";

    /// <summary>GoBuildMode: a C library (c-shared, c-archive) is one main package linked into lib&lt;name&gt;.so (.dylib, .dll, .a) and its header.</summary>
    public GoBuildMode BuildMode { get; init; }

    /// <summary>GOOS of the build (ResolveGoTarget): a C library's file name depends on it.</summary>
    public string TargetOs { get; init; } = "";

    /// <summary>Where the binaries are shipped ($(OutDir)).</summary>
    public string OutputDirectory { get; init; } = "";

    /// <summary>Where go build -o writes the commands before they are copied to <see cref="OutputDirectory"/>.</summary>
    public string IntermediateDirectory { get; init; } = "";

    /// <summary>The build's environment: the platforms' main package and workspace settings (<see cref="PlatformSettings"/>).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// Reads a directory go list did not report: its .go files and package clause; null when it has none. The task
    /// reads files; the rules stay here. Null: directories outside go list's answer are never built.
    /// </summary>
    public Func<string, OutsidePackage?>? ProbeOutside { get; init; }

    /// <summary>Where a program outside the modules usually sits (the root, cmd/, cmd/*/), to warn about when the project builds as a library.</summary>
    public IReadOnlyList<string> OutsideCandidates { get; init; } = Array.Empty<string>();
}

/// <summary>A main package to build and ship.</summary>
/// <param name="ImportPath">What go build is given to link it ("command-line-arguments" for a file project).</param>
/// <param name="PackageDirectory">The package's directory, as go list reported it.</param>
/// <param name="BinaryName">The shipped file's name without <see cref="MainPackageResolverOptions.ExecutableSuffix"/>.</param>
/// <param name="IntermediatePath">Where go build -o DIR writes it: go names it, not us.</param>
/// <param name="OutputPath">The absolute path it is shipped to.</param>
/// <param name="Source">The rule or setting that chose it, for the build log.</param>
public sealed record ResolvedMainPackage(
    string ImportPath,
    string PackageDirectory,
    string BinaryName,
    string IntermediatePath,
    string OutputPath,
    string Source)
{
    /// <summary>The shipped file's name, with the executable suffix.</summary>
    public string BinaryFileName => Path.GetFileName(OutputPath);

    /// <summary>
    /// For a program outside the modules: the .go files go build is given (relative to the root, with '/'), in a
    /// go command of their own, since go takes files or packages in one command, not both. Empty otherwise.
    /// </summary>
    public IReadOnlyList<string> Files { get; init; } = Array.Empty<string>();

    /// <summary>A C library's header, where go writes it (beside <see cref="IntermediatePath"/>); null for a program.</summary>
    public string? HeaderIntermediatePath { get; init; }

    /// <summary>Where the header is shipped, beside the library; null for a program.</summary>
    public string? HeaderOutputPath { get; init; }
}

/// <summary>The main packages to ship, or why the project ships none, or the error to report.</summary>
public sealed record MainPackageResolution
{
    public IReadOnlyList<ResolvedMainPackage> Packages { get; init; } = Array.Empty<ResolvedMainPackage>();

    /// <summary>Every file a //go:embed directive of any package pulls in: changing one changes a binary.</summary>
    public IReadOnlyList<string> EmbedFiles { get; init; } = Array.Empty<string>();

    /// <summary>No main package was chosen: every package is compiled as a check and nothing is shipped.</summary>
    public bool IsLibrary { get; init; }

    /// <summary>The first package's <see cref="ResolvedMainPackage.OutputPath"/> (TargetPath, what dotnet run starts); "" for a library.</summary>
    public string PrimaryOutputPath { get; init; } = "";

    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    public string? Error { get; init; }

    /// <summary>The GOPACK code of <see cref="Error"/>: <see cref="GoPackErrors.MainPackageNotFound"/> or <see cref="GoPackErrors.InvalidProperty"/>.</summary>
    public string? ErrorCode { get; init; }

    public bool Succeeded => Error is null;
}

/// <summary>
/// Chooses the main packages to ship from the package list go list wrote: go list is the truth about package names,
/// build constraints, nested modules and ignored files, so nothing here reads a source file.
/// </summary>
/// <remarks>
/// Order (Railpack's, extended with the other platforms' settings; the first that applies wins):
/// GoMainPackage; RAILPACK_GO_BIN (./cmd/NAME); CC_GO_PKG; GO_INSTALL_PACKAGE_SPEC (space-separated); go.mod's
/// <c>// +heroku install</c> / <c>// +scalingo install</c>. Otherwise, in a workspace: GoWorkspaceModule /
/// RAILPACK_GO_WORKSPACE_MODULE, else the first go.work module with a main package; in a module: the root when it is
/// package main, else ./cmd when it is, and every ./cmd/* main package, each its own binary (Railpack takes only the
/// first). No main package: a library, compiled as a check and shipping nothing.
/// </remarks>
public static class MainPackageResolver
{
    private const int ListedMainsLimit = 10;

    public static MainPackageResolution Resolve(MainPackageResolverOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (!TryParseNaming(options.BinaryNaming, out var naming))
        {
            return Failure(GoPackErrors.InvalidProperty, $"GoBinaryNaming '{options.BinaryNaming}' is not one of: assembly, railpack, clevercloud.", Array.Empty<string>());
        }

        return Settings.Trimmed(options.MakefileBinary) is string makefileBinary
            ? Makefile(options, makefileBinary)
            : new Resolver(options).Resolve(naming);
    }

    /// <summary>make writes the binary where the Makefile says (bin/myApp); it ships under that file name unless GoBinaryName names it.</summary>
    private static MainPackageResolution Makefile(MainPackageResolverOptions options, string binary)
    {
        var name = Settings.Trimmed(options.BinaryName);
        var output = Path.GetFullPath(Path.Combine(options.OutputDirectory, name is null ? Path.GetFileName(binary) : name + options.ExecutableSuffix));
        var package = new ResolvedMainPackage(binary, "", Path.GetFileNameWithoutExtension(output), Path.GetFullPath(Path.Combine(options.ModuleRoot, binary)), output, "Makefile");
        return new MainPackageResolution { Packages = new[] { package }, PrimaryOutputPath = output };
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

    private static MainPackageResolution Failure(string code, string message, IReadOnlyList<string> warnings) =>
        new() { Error = message, ErrorCode = code, Warnings = warnings };

    /// <summary>The chosen packages and what chose them.</summary>
    private sealed class Selection
    {
        public List<GoPackageInfo> Packages { get; } = new();

        public string Source { get; set; } = "";

        /// <summary>The one package spec that was asked for, if exactly one: Clever Cloud names the binary after it.</summary>
        public string? Spec { get; set; }

        /// <summary>Why a library has no main package, for the warning that names main packages elsewhere; null: no warning.</summary>
        public string? LibraryReason { get; set; }

        /// <summary>Warn about a library even when there are no main packages elsewhere.</summary>
        public bool AlwaysWarnWhenLibrary { get; set; }
    }

    private sealed class Resolver
    {
        private readonly MainPackageResolverOptions _options;
        private readonly PlatformSettings _platform;
        private readonly IReadOnlyList<GoPackageInfo> _packages;
        private readonly string _root;
        private readonly List<string> _warnings = new();
        private readonly Dictionary<GoPackageInfo, (IReadOnlyList<string> Files, string Name)> _fileMains = new();
        private string? _error;
        private string? _errorCode;

        public Resolver(MainPackageResolverOptions options)
        {
            _options = options;
            _platform = PlatformSettings.Read(options.Environment);
            _root = options.ModuleRoot;
            // go list is not run on a file project: go builds its files as the package command-line-arguments.
            _packages = options.ProjectKind == GoProjectKind.File
                ? new[] { new GoPackageInfo("command-line-arguments", "main", options.ModuleRoot, Array.Empty<string>()) }
                : options.Packages ?? Array.Empty<GoPackageInfo>();
        }

        public MainPackageResolution Resolve(GoBinaryNaming naming)
        {
            var selection = Select();
            if (selection is null)
            {
                return Failure(_errorCode!, _error!, _warnings);
            }

            IReadOnlyList<string> embedFiles = _packages.SelectMany(p => p.EmbedFiles).Distinct(StringComparer.Ordinal).ToList();
            var chosen = selection.Packages.Distinct().ToList();
            var mode = _options.BuildMode;
            if (mode.IsCLibrary() && chosen.Count != 1)
            {
                var reason = chosen.Count == 0
                    ? $"{_root} has no main package to build it from"
                    : $"{chosen.Count} main packages are chosen ({string.Join(", ", chosen.Select(p => p.ImportPath))})";
                return Failure(
                    GoPackErrors.InvalidBuildMode,
                    $"GoBuildMode={mode.ToFlagValue()} builds one C library from one main package (package main, import \"C\", //export functions), but {reason}. " +
                    (chosen.Count == 0 ? "Write that package, or set GoMainPackage to it." : "Set GoMainPackage to the package with the //export functions."),
                    _warnings);
            }

            if (chosen.Count == 0)
            {
                WarnAboutLibrary(selection);
                return new MainPackageResolution { IsLibrary = true, EmbedFiles = embedFiles, Warnings = _warnings };
            }

            var binaryName = Settings.Trimmed(_options.BinaryName);
            if (chosen.Count > 1 && binaryName is not null)
            {
                _warnings.Add(
                    $"GoBinaryName '{binaryName}' is ignored: {chosen.Count} main packages are built, each named after its directory " +
                    $"({string.Join(", ", chosen.Select(p => p.ExecutableName))}). Set GoMainPackage to build only one.");
            }

            var suffix = _options.ExecutableSuffix ?? "";
            var resolved = new List<ResolvedMainPackage>();
            foreach (var package in chosen)
            {
                var isFileMain = _fileMains.TryGetValue(package, out var fileMain);
                var name = chosen.Count > 1
                    ? (isFileMain ? fileMain.Name : package.ExecutableName)
                    : binaryName ?? SingleBinaryName(package, naming, selection.Spec);

                // go build -o DIR/ names a program built from files after its first file; each gets a folder of its own.
                // A C library is linked with -o FILE: GoPack names it, lib<name>.so as .NET's probing expects.
                var fileName = mode.FileName(name, _options.TargetOs, suffix);
                var intermediate = mode.IsCLibrary()
                    ? Path.Combine(_options.IntermediateDirectory, fileName)
                    : isFileMain
                    ? Path.Combine(_options.IntermediateDirectory, "_files", name, Path.GetFileNameWithoutExtension(fileMain.Files[0]) + suffix)
                    : Path.Combine(_options.IntermediateDirectory, IntermediateName(package) + suffix);
                var output = Path.GetFullPath(Path.Combine(_options.OutputDirectory, fileName));
                var header = mode.HeaderFileName(fileName);
                resolved.Add(new ResolvedMainPackage(
                    package.ImportPath,
                    package.Directory,
                    name,
                    intermediate,
                    output,
                    selection.Source)
                {
                    Files = isFileMain ? fileMain.Files : Array.Empty<string>(),
                    HeaderIntermediatePath = header is null ? null : Path.Combine(_options.IntermediateDirectory, header),
                    HeaderOutputPath = header is null ? null : Path.Combine(Path.GetDirectoryName(output)!, header),
                });
            }

            // Windows and macOS file systems would make two binaries one file.
            var clash = resolved
                .GroupBy(p => p.OutputPath, StringComparer.OrdinalIgnoreCase)
                .FirstOrDefault(g => g.Count() > 1);
            if (clash is not null)
            {
                return Failure(
                    GoPackErrors.InvalidProperty,
                    $"The main packages {string.Join(" and ", clash.Select(p => p.ImportPath))} would both be written to '{clash.Key}'. Choose one with GoMainPackage.",
                    _warnings);
            }

            return new MainPackageResolution
            {
                Packages = resolved,
                EmbedFiles = embedFiles,
                PrimaryOutputPath = resolved[0].OutputPath,
                Warnings = _warnings,
            };
        }

        // go build -o DIR names a command after its first file when built from files, else after its import path.
        private string IntermediateName(GoPackageInfo package) =>
            _options.ProjectKind == GoProjectKind.File ? FirstFileName() : package.ExecutableName;

        private string FirstFileName() => Path.GetFileNameWithoutExtension(_options.BuildPatterns.FirstOrDefault() ?? "main");

        private string SingleBinaryName(GoPackageInfo package, GoBinaryNaming naming, string? spec)
        {
            switch (naming)
            {
                case GoBinaryNaming.Railpack:
                    return "out";
                case GoBinaryNaming.CleverCloud:
                    if (_options.ProjectKind == GoProjectKind.File)
                    {
                        return FirstFileName();
                    }

                    // Clever Cloud's documented example names cmd/server.go "server"; a package is named as go install names it.
                    var file = spec?.Replace('\\', '/').TrimEnd('/');
                    if (file is not null && file.EndsWith(".go", StringComparison.Ordinal))
                    {
                        var baseName = Path.GetFileNameWithoutExtension(file.Substring(file.LastIndexOf('/') + 1));
                        if (baseName.Length > 0)
                        {
                            return baseName;
                        }
                    }

                    return _fileMains.TryGetValue(package, out var fileMain) ? fileMain.Name : package.ExecutableName;
                default:
                    return _options.DefaultBinaryName;
            }
        }

        private Selection? Select()
        {
            foreach ((var specs, var source) in ExplicitRequests())
            {
                if (specs.Count > 0)
                {
                    return SelectExplicit(specs, source);
                }
            }

            var workspaceProperty = Settings.Trimmed(_options.WorkspaceModule);
            var workspaceVariable = _platform.WorkspaceModule?.Value;
            if (_options.ProjectKind == GoProjectKind.Workspace)
            {
                return SelectInWorkspace(workspaceProperty, workspaceVariable);
            }

            if (workspaceProperty is not null || workspaceVariable is not null)
            {
                // Railpack's variable may be set for a whole platform account; say why it has no effect here.
                _warnings.Add(
                    $"{(workspaceProperty is not null ? "GoWorkspaceModule" : _platform.WorkspaceModule!.Variable)} is ignored: {_root} has no go.work, so it is not a workspace.");
            }

            var selection = new Selection
            {
                Source = _options.ProjectKind == GoProjectKind.File ? "main.go" : "module layout",
                LibraryReason = "No main package in the module root or its cmd/ directory",
            };
            selection.Packages.AddRange(MainsOf(_packages, _root));
            return selection;
        }

        private IEnumerable<(IReadOnlyList<string> Specs, string Source)> ExplicitRequests()
        {
            var fromProperty = _options.MainPackages
                .SelectMany(value => (value ?? "").Split(';'))
                .Select(value => value.Trim())
                .Where(value => value.Length > 0)
                .ToArray();
            yield return (fromProperty, "GoMainPackage property");

            foreach (var platform in _platform.MainPackages)
            {
                yield return (platform.Specs, platform.Source);
            }

            var install = _options.PlatformInstall.Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
            yield return (install, $"go.mod // +{Settings.Trimmed(_options.PlatformInstallSource) ?? "heroku"} install");
        }

        private Selection? SelectExplicit(IReadOnlyList<string> specs, string source)
        {
            var selection = new Selection { Source = source, Spec = specs.Count == 1 ? specs[0] : null };
            foreach (var spec in specs)
            {
                var matches = Match(spec);
                if (matches.Count == 0 && MatchOutside(spec) is { } outside)
                {
                    if (outside.Name != "main")
                    {
                        return Fail(
                            GoPackErrors.MainPackageNotFound,
                            $"'{spec}' (from {source}) is package {outside.Name}, not a main package: go can't build a program from it.");
                    }

                    selection.Packages.Add(outside.Package);
                    continue;
                }

                if (matches.Count == 0)
                {
                    var mains = MainDirectories(_packages);
                    return Fail(
                        GoPackErrors.MainPackageNotFound,
                        $"'{spec}' (from {source}) matches no package in {_root}. " +
                        (mains.Count == 0 ? "The project has no main package." : "Main packages: " + string.Join(", ", mains) + "."));
                }

                if (!IsPattern(spec))
                {
                    var notMain = matches.FirstOrDefault(p => !p.IsMain);
                    if (notMain is not null)
                    {
                        return Fail(
                            GoPackErrors.MainPackageNotFound,
                            $"'{spec}' (from {source}) is package {notMain.Name}, not a main package: go can't build a program from it.");
                    }
                }
                else if (!matches.Any(p => p.IsMain))
                {
                    // go build accepts a pattern of libraries too, so this is no error, but it ships nothing.
                    var mains = MainDirectories(_packages);
                    _warnings.Add(
                        $"'{spec}' (from {source}) matches no main package, so it adds no binary." +
                        (mains.Count == 0 ? "" : " Main packages: " + string.Join(", ", mains) + "."));
                }

                selection.Packages.AddRange(matches.Where(p => p.IsMain));
            }

            return selection;
        }

        private Selection? SelectInWorkspace(string? workspaceProperty, string? workspaceVariable)
        {
            var module = workspaceProperty ?? workspaceVariable;
            if (module is not null)
            {
                var moduleSource = workspaceProperty is not null ? "GoWorkspaceModule property" : _platform.WorkspaceModule!.Variable;
                var directory = Full(module);
                if (!_options.WorkspaceModules.Any(use => Paths.SamePath(Full(use), directory)))
                {
                    return Fail(
                        GoPackErrors.MainPackageNotFound,
                        $"Workspace module '{module}' (from {moduleSource}) is not one of the go.work modules: {string.Join(", ", _options.WorkspaceModules)}.");
                }

                var chosen = new Selection
                {
                    Source = moduleSource,
                    LibraryReason = $"Workspace module '{module}' (from {moduleSource}) has no main package in its root or its cmd/ directory",
                    AlwaysWarnWhenLibrary = true,
                };
                chosen.Packages.AddRange(MainsOf(_packages.Where(p => Paths.IsSameOrUnder(p.Directory, directory)).ToList(), directory));
                return chosen;
            }

            foreach (var use in _options.WorkspaceModules)
            {
                var directory = Full(use);
                var mains = MainsOf(_packages.Where(p => Paths.IsSameOrUnder(p.Directory, directory)).ToList(), directory);
                if (mains.Count > 0)
                {
                    var first = new Selection { Source = $"the first go.work module with a main package ({use})" };
                    first.Packages.AddRange(mains);
                    return first;
                }
            }

            return new Selection { Source = "workspace", LibraryReason = "No go.work module has a main package in its root or its cmd/ directory" };
        }

        /// <summary>Within one module: its root if that is package main, else ./cmd if it is and every main package directly under cmd/.</summary>
        private static List<GoPackageInfo> MainsOf(IReadOnlyList<GoPackageInfo> packages, string root)
        {
            var rootMain = packages.FirstOrDefault(p => p.IsMain && Paths.SamePath(p.Directory, root));
            if (rootMain is not null)
            {
                return new List<GoPackageInfo> { rootMain };
            }

            // Clever Cloud's documented layout keeps the program in cmd/main.go itself.
            var cmd = Path.Combine(Paths.TrimSeparator(root), "cmd");
            var result = packages.Where(p => p.IsMain && Paths.SamePath(p.Directory, cmd)).ToList();
            result.AddRange(packages
                .Where(p => p.IsMain && Paths.SamePath(Path.GetDirectoryName(Paths.TrimSeparator(p.Directory)) ?? "", cmd))
                .OrderBy(p => p.Directory, StringComparer.Ordinal));
            return result;
        }

        private void WarnAboutLibrary(Selection selection)
        {
            if (selection.LibraryReason is null)
            {
                return;
            }

            var mains = MainDirectories(_packages);
            var outside = OutsideMains();
            if (mains.Count == 0 && outside.Count == 0 && !selection.AlwaysWarnWhenLibrary)
            {
                return;
            }

            var elsewhere = mains.Count == 0
                ? ""
                : $" Main packages elsewhere: {string.Join(", ", mains.Take(ListedMainsLimit))}{(mains.Count > ListedMainsLimit ? ", …" : "")}. Set GoMainPackage to build them.";
            foreach (var program in outside)
            {
                var files = string.Join(" ", program.Files.Select(RelativeFile));
                var directory = Relative(program.Directory).TrimStart('.', '/');
                elsewhere += program.OwnModule
                    ? $" {files} is package main in a module of its own ({Relative(program.Directory)}): build it with a project of its own, or set GoModuleDir={directory}."
                    : $" {files} is package main outside every module (go builds it with `go build {files}`): set GoMainPackage={(program.Files.Count == 1 ? files : directory)} (or CC_GO_PKG) to build it.";
            }

            _warnings.Add($"{selection.LibraryReason}, so the project is built as a library: every package is compiled and no binary is produced.{elsewhere}");
        }

        /// <summary>Programs in the usual places that go list didn't report: outside the go.work modules, or in a nested module.</summary>
        private List<OutsidePackage> OutsideMains()
        {
            var result = new List<OutsidePackage>();
            if (_options.ProbeOutside is null || _options.ProjectKind == GoProjectKind.File)
            {
                return result;
            }

            foreach (var directory in _options.OutsideCandidates)
            {
                if (!_packages.Any(p => Paths.SamePath(p.Directory, directory)) && _options.ProbeOutside(directory) is { Name: "main" } program)
                {
                    result.Add(program);
                }
            }

            return result;
        }

        /// <summary>
        /// A .go file or directory that go list did not report but that go can build from its files (a program outside
        /// every go.work module): the package to build from them; null when the spec names no such thing.
        /// </summary>
        private (GoPackageInfo Package, string Name)? MatchOutside(string spec)
        {
            if (_options.ProbeOutside is null || IsPattern(spec) || _options.ProjectKind == GoProjectKind.File)
            {
                return null;
            }

            var normalized = spec.Replace('\\', '/');
            var file = normalized.EndsWith(".go", StringComparison.Ordinal);
            var directory = Full(file ? (normalized.LastIndexOf('/') < 0 ? "." : normalized.Substring(0, normalized.LastIndexOf('/'))) : normalized);
            if (_packages.Any(p => Paths.SamePath(p.Directory, directory)) || _options.ProbeOutside(directory) is not { } outside || outside.OwnModule)
            {
                return null;
            }

            var files = file ? new List<string> { Full(normalized) } : outside.Files.ToList();
            if (file && !outside.Files.Any(f => Paths.SamePath(f, files[0])))
            {
                return null;
            }

            var package = new GoPackageInfo("command-line-arguments", outside.Name, directory, Array.Empty<string>());
            var name = file ? Path.GetFileNameWithoutExtension(files[0]) : Path.GetFileName(Paths.TrimSeparator(directory));
            _fileMains[package] = (files.Select(RelativeFile).ToList(), name);
            return (package, outside.Name);
        }

        private string RelativeFile(string path)
        {
            var directory = Paths.RelativeGoPath(_root, Path.GetDirectoryName(path) ?? _root);
            var name = Path.GetFileName(path);
            return directory is null ? path : directory == "." ? name : directory.Substring(2) + "/" + name;
        }

        private List<string> MainDirectories(IEnumerable<GoPackageInfo> packages) =>
            packages.Where(p => p.IsMain).Select(p => Relative(p.Directory)).ToList();

        /// <summary>
        /// A directory (./cmd/api, or cmd/api when go list reported that directory), a .go file (its directory), an
        /// import path, or a pattern with "..." wildcards, matched as go matches them.
        /// </summary>
        private List<GoPackageInfo> Match(string spec)
        {
            var normalized = spec.Replace('\\', '/');
            var file = normalized.EndsWith(".go", StringComparison.Ordinal);
            if (file)
            {
                var slash = normalized.LastIndexOf('/');
                normalized = slash < 0 ? "." : normalized.Substring(0, slash);
            }

            if (normalized.Length == 0)
            {
                normalized = ".";
            }

            var local = file || IsLocal(normalized);
            if (IsPattern(normalized))
            {
                if (local)
                {
                    var directories = PatternRegex(LocalPattern(normalized), Paths.Comparison == StringComparison.OrdinalIgnoreCase);
                    return _packages.Where(p => directories.IsMatch(Slashed(p.Directory))).ToList();
                }

                var importPaths = PatternRegex(normalized, ignoreCase: false);
                return _packages.Where(p => importPaths.IsMatch(p.ImportPath)).ToList();
            }

            if (local)
            {
                var directory = Full(normalized);
                return _packages.Where(p => Paths.SamePath(p.Directory, directory)).ToList();
            }

            return _packages.Where(p => p.ImportPath == normalized).ToList();
        }

        /// <summary>
        /// To go, "cmd/api" is an import path (in the standard library); to a user it is the directory ./cmd/api.
        /// The user's reading wins when go list found packages in that directory.
        /// </summary>
        private bool IsLocal(string spec)
        {
            if (spec == "." || spec == ".." || spec.StartsWith("./", StringComparison.Ordinal) || spec.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(spec))
            {
                return true;
            }

            var head = spec;
            var wildcard = spec.IndexOf("...", StringComparison.Ordinal);
            if (wildcard >= 0)
            {
                // Only whole elements before the wildcard name a directory: "cmd/serv..." is under cmd.
                head = spec.Substring(0, wildcard);
                head = head.Substring(0, Math.Max(0, head.LastIndexOf('/')));
            }

            if (head.Length == 0)
            {
                return false;
            }

            var directory = Full(head);
            return _packages.Any(p => Paths.IsSameOrUnder(p.Directory, directory));
        }

        /// <summary>A local pattern as an absolute one, so it can be matched against go list's absolute directories.</summary>
        private string LocalPattern(string pattern)
        {
            var wildcard = pattern.IndexOf("...", StringComparison.Ordinal);
            var slash = pattern.LastIndexOf('/', Math.Max(0, wildcard - 1));
            var directory = slash < 0 ? "." : pattern.Substring(0, slash + 1);
            var rest = slash < 0 ? pattern : pattern.Substring(slash + 1);
            return Slashed(Full(directory)).TrimEnd('/') + "/" + rest;
        }

        private Selection? Fail(string code, string message)
        {
            _errorCode = code;
            _error = message;
            return null;
        }

        private string Full(string relative) => Paths.FullPath(_root, relative);

        private string Relative(string directory) => Paths.RelativeGoPath(_root, directory) ?? directory;

        private static string Slashed(string path) => Paths.TrimSeparator(path).Replace('\\', '/');
    }

    private static bool IsPattern(string spec) => spec.IndexOf("...", StringComparison.Ordinal) >= 0;

    /// <summary>
    /// go's pattern rule (cmd/go/internal/search.MatchPattern): "..." matches any string, and a trailing "/..." also
    /// matches the path before it, so ./cmd/... includes ./cmd. A regular expression keeps matching linear.
    /// </summary>
    private static Regex PatternRegex(string pattern, bool ignoreCase)
    {
        const string Wildcard = @"\.\.\.";
        var expression = Regex.Escape(pattern);
        if (expression.EndsWith("/" + Wildcard, StringComparison.Ordinal))
        {
            expression = expression.Substring(0, expression.Length - Wildcard.Length - 1) + "(/" + Wildcard + ")?";
        }

        expression = expression.Replace(Wildcard, ".*");
        return new Regex("^" + expression + "$", RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));
    }
}
