using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoPack.Sdk.Packages;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks
{
    /// <summary>
    /// Chooses the main packages to ship, from the package list go list wrote (see GoList), in Railpack's order
    /// extended with the other platforms' settings: an explicit choice (GoMainPackage, RAILPACK_GO_BIN, CC_GO_PKG,
    /// GO_INSTALL_PACKAGE_SPEC, // +heroku install); in a workspace the chosen or first module with a main package;
    /// the module root if it is package main; else every cmd/* main package, each its own binary. No main package
    /// anywhere: a library, checked by compiling and shipping nothing.
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

        /// <summary>GoBinaryNaming: assembly (default: the project name), railpack (out), clevercloud (the package's base name).</summary>
        public string? BinaryNaming { get; set; }
        public string? ExecutableSuffix { get; set; }

        [Output] public ITaskItem[] MainPackages { get; private set; } = Array.Empty<ITaskItem>();
        [Output] public ITaskItem[] EmbedFiles { get; private set; } = Array.Empty<ITaskItem>();
        [Output] public bool IsLibrary { get; private set; }

        /// <summary>The first main package's binary: the project's TargetPath and what `dotnet run` starts.</summary>
        [Output] public string PrimaryOutputPath { get; private set; } = "";

        public override bool Execute()
        {
            var naming = string.IsNullOrEmpty(BinaryNaming) ? "assembly" : BinaryNaming!.ToLowerInvariant();
            if (naming != "assembly" && naming != "railpack" && naming != "clevercloud")
            {
                LogGoPackError(GoPackErrors.InvalidProperty, $"GoBinaryNaming '{BinaryNaming}' is not one of: assembly, railpack, clevercloud.");
                return false;
            }

            var packages = ProjectKind == "file"
                ? new[] { new GoPackageInfo("command-line-arguments", "main", ModuleRoot, Array.Empty<string>()) }
                : GoPackageList.Read(PackageListFile ?? "");
            EmbedFiles = packages.SelectMany(p => p.EmbedFiles).Distinct(StringComparer.Ordinal).Select(f => (ITaskItem)new TaskItem(f)).ToArray();

            var selected = Select(packages, out var source, out var spec);
            if (selected is null) return false;
            if (selected.Count == 0)
            {
                IsLibrary = true;
                Log.LogMessage(MessageImportance.Normal, "No main package: a library. All packages are compiled; no binary is produced.");
                return true;
            }

            var items = new List<ITaskItem>();
            foreach (var package in selected)
            {
                var name = selected.Count > 1 ? package.ExecutableName : SingleBinaryName(package, naming, spec);
                // Go names a command built from files after its first file, and a package after its import path.
                var intermediateName = ProjectKind == "file" ? Path.GetFileNameWithoutExtension(BuildPatterns.FirstOrDefault() ?? "main") : package.ExecutableName;
                var item = new TaskItem(package.ImportPath);
                item.SetMetadata("PackageDirectory", package.Directory);
                item.SetMetadata("BinaryName", name);
                item.SetMetadata("IntermediatePath", Path.Combine(IntermediateDirectory, intermediateName + ExecutableSuffix));
                item.SetMetadata("OutputPath", Path.GetFullPath(Path.Combine(OutputDirectory, name + ExecutableSuffix)));
                item.SetMetadata("Source", source);
                items.Add(item);
                Log.LogMessage(MessageImportance.Normal, "Main package {0} → {1} ({2})", package.ImportPath, name + ExecutableSuffix, source);
            }

            var clash = items.GroupBy(i => i.GetMetadata("OutputPath"), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (clash != null)
            {
                LogGoPackError(GoPackErrors.InvalidProperty,
                    $"The main packages {string.Join(" and ", clash.Select(i => i.ItemSpec))} would both be written to '{clash.Key}'. Choose one with GoMainPackage.");
                return false;
            }
            MainPackages = items.ToArray();
            PrimaryOutputPath = items[0].GetMetadata("OutputPath");
            return true;
        }

        private string SingleBinaryName(GoPackageInfo package, string naming, string? spec)
        {
            if (!string.IsNullOrEmpty(BinaryName)) return BinaryName!;
            switch (naming)
            {
                case "railpack":
                    return "out";
                case "clevercloud":
                    // Clever Cloud: the base name of the package path, without .go (cmd/server.go → server).
                    var basis = spec ?? package.ImportPath;
                    var baseName = Path.GetFileName(basis.TrimEnd('/', '\\').Replace("/...", ""));
                    if (baseName.EndsWith(".go", StringComparison.Ordinal)) baseName = baseName.Substring(0, baseName.Length - 3);
                    return baseName.Length == 0 || baseName == "." ? package.ExecutableName : baseName;
                default:
                    return DefaultBinaryName;
            }
        }

        private List<GoPackageInfo>? Select(IReadOnlyList<GoPackageInfo> packages, out string source, out string? spec)
        {
            spec = null;
            source = "";
            var requests = ExplicitRequests().FirstOrDefault();
            if (requests.Specs != null)
            {
                source = requests.Source;
                spec = requests.Specs.Length == 1 ? requests.Specs[0] : null;
                var chosen = new List<GoPackageInfo>();
                foreach (var item in requests.Specs)
                {
                    var matches = Match(packages, item);
                    if (matches.Count == 0)
                    {
                        var mains = packages.Where(p => p.IsMain).Select(p => Relative(p.Directory)).ToList();
                        LogGoPackError(GoPackErrors.MainPackageNotFound,
                            $"'{item}' (from {requests.Source}) matches no package in {ModuleRoot}. " +
                            (mains.Count == 0 ? "The project has no main package." : "Main packages: " + string.Join(", ", mains) + "."));
                        return null;
                    }
                    var notMain = matches.FirstOrDefault(p => !p.IsMain);
                    if (notMain != null && !item.Contains("..."))
                    {
                        LogGoPackError(GoPackErrors.MainPackageNotFound,
                            $"'{item}' (from {requests.Source}) is package {notMain.Name}, not a main package: go can't build a program from it.");
                        return null;
                    }
                    chosen.AddRange(matches.Where(p => p.IsMain));
                }
                return chosen.Distinct().ToList();
            }

            if (ProjectKind == "workspace")
            {
                var module = !string.IsNullOrEmpty(WorkspaceModule) ? WorkspaceModule : Environment.GetEnvironmentVariable("RAILPACK_GO_WORKSPACE_MODULE");
                var moduleSource = !string.IsNullOrEmpty(WorkspaceModule) ? "GoWorkspaceModule property" : "RAILPACK_GO_WORKSPACE_MODULE";
                if (!string.IsNullOrEmpty(module))
                {
                    var directory = Full(module!);
                    var inModule = packages.Where(p => IsUnder(p.Directory, directory)).ToList();
                    if (inModule.Count == 0)
                    {
                        LogGoPackError(GoPackErrors.MainPackageNotFound,
                            $"Workspace module '{module}' (from {moduleSource}) is not one of the go.work modules: {string.Join(", ", WorkspaceModules)}.");
                        return null;
                    }
                    source = moduleSource;
                    return MainsOf(inModule, directory);
                }

                foreach (var use in WorkspaceModules)
                {
                    var directory = Full(use);
                    var mains = MainsOf(packages.Where(p => IsUnder(p.Directory, directory)).ToList(), directory);
                    if (mains.Count > 0)
                    {
                        source = $"the first go.work module with a main package ({use})";
                        return mains;
                    }
                }
                source = "workspace";
                return new List<GoPackageInfo>();
            }

            source = ProjectKind == "file" ? "main.go" : "module layout";
            return MainsOf(packages, ModuleRoot);
        }

        /// <summary>Within one module: its root if that is package main, else every main package directly under cmd/.</summary>
        private static List<GoPackageInfo> MainsOf(IReadOnlyList<GoPackageInfo> packages, string root)
        {
            var rootMain = packages.FirstOrDefault(p => p.IsMain && SamePath(p.Directory, root));
            if (rootMain != null) return new List<GoPackageInfo> { rootMain };
            var cmd = Path.Combine(root, "cmd");
            return packages
                .Where(p => p.IsMain && SamePath(Path.GetDirectoryName(p.Directory.TrimEnd(Path.DirectorySeparatorChar)) ?? "", cmd))
                .OrderBy(p => p.Directory, StringComparer.Ordinal)
                .ToList();
        }

        private IEnumerable<(string[] Specs, string Source)> ExplicitRequests()
        {
            var fromProperty = MainPackage.Where(m => m.Trim().Length > 0).Select(m => m.Trim()).ToArray();
            if (fromProperty.Length > 0) yield return (fromProperty, "GoMainPackage property");
            var railpackBin = Environment.GetEnvironmentVariable("RAILPACK_GO_BIN");
            if (!string.IsNullOrWhiteSpace(railpackBin)) yield return (new[] { "./cmd/" + railpackBin!.Trim() }, "RAILPACK_GO_BIN=" + railpackBin.Trim());
            var ccPackage = Environment.GetEnvironmentVariable("CC_GO_PKG");
            if (!string.IsNullOrWhiteSpace(ccPackage)) yield return (new[] { ccPackage!.Trim() }, "CC_GO_PKG=" + ccPackage.Trim());
            var spec = Environment.GetEnvironmentVariable("GO_INSTALL_PACKAGE_SPEC");
            if (!string.IsNullOrWhiteSpace(spec)) yield return (spec!.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries), "GO_INSTALL_PACKAGE_SPEC");
            if (PlatformInstall.Length > 0) yield return (PlatformInstall, $"go.mod // +{PlatformInstallSource ?? "heroku"} install");
        }

        /// <summary>A directory (./cmd/api, cmd/api), a .go file (cmd/server.go), an import path, or a /... pattern.</summary>
        private List<GoPackageInfo> Match(IReadOnlyList<GoPackageInfo> packages, string spec)
        {
            var normalized = spec.Replace('\\', '/');
            if (normalized.EndsWith(".go", StringComparison.Ordinal)) normalized = Path.GetDirectoryName(normalized)?.Replace('\\', '/') ?? ".";
            if (normalized.Length == 0) normalized = ".";
            if (normalized.EndsWith("/...", StringComparison.Ordinal) || normalized == "...")
            {
                var prefix = normalized == "..." ? "" : normalized.Substring(0, normalized.Length - 4);
                var directory = Full(prefix.Length == 0 ? "." : prefix);
                return packages.Where(p => IsUnder(p.Directory, directory) || p.ImportPath == prefix || p.ImportPath.StartsWith(prefix + "/", StringComparison.Ordinal)).ToList();
            }
            var full = Full(normalized);
            return packages.Where(p => SamePath(p.Directory, full) || p.ImportPath == normalized).ToList();
        }

        private string Full(string relative) => Path.GetFullPath(Path.Combine(ModuleRoot, relative));

        private string Relative(string directory)
        {
            var root = ModuleRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var full = directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return full.StartsWith(root, StringComparison.Ordinal) ? "./" + full.Substring(root.Length).TrimEnd(Path.DirectorySeparatorChar).Replace('\\', '/') : directory;
        }

        private static bool IsUnder(string directory, string root)
        {
            var d = directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var r = root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return d.StartsWith(r, StringComparison.Ordinal);
        }

        private static bool SamePath(string a, string b) =>
            string.Equals(a.TrimEnd(Path.DirectorySeparatorChar), b.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
    }
}
