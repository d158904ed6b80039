using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoPack.Sdk.Modules;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks
{
    /// <summary>
    /// Finds the Go project a .gocsproj stands for: a workspace (go.work), a module (go.mod) or a bare main.go.
    /// Reads files only, so it costs nothing on a no-op build.
    /// </summary>
    public sealed class DetectGo : GoPackTask
    {
        [Required]
        public string ProjectDirectory { get; set; } = "";

        /// <summary>GoModuleDir: where to look, relative to the project directory. Empty: the project directory.</summary>
        public string? ModuleDirectory { get; set; }

        [Output] public string ProjectKind { get; private set; } = "";
        [Output] public string ModuleRoot { get; private set; } = "";
        [Output] public string ModFile { get; private set; } = "";
        [Output] public string WorkFile { get; private set; } = "";
        [Output] public string ModulePath { get; private set; } = "";
        [Output] public string GoDirective { get; private set; } = "";
        [Output] public string ToolchainDirective { get; private set; } = "";
        /// <summary>What `go list`/`go build` are given to reach every package of the project.</summary>
        [Output] public string[] BuildPatterns { get; private set; } = Array.Empty<string>();
        [Output] public string[] WorkspaceModules { get; private set; } = Array.Empty<string>();
        [Output] public string[] PlatformInstall { get; private set; } = Array.Empty<string>();
        [Output] public string PlatformInstallSource { get; private set; } = "";
        [Output] public ITaskItem[] LocalModuleDirectories { get; private set; } = Array.Empty<ITaskItem>();

        public override bool Execute()
        {
            var root = Path.GetFullPath(Path.Combine(ProjectDirectory, ModuleDirectory ?? ""));
            if (!Directory.Exists(root))
            {
                LogGoPackError(GoPackErrors.ModuleDirectoryMissing,
                    $"GoModuleDir '{ModuleDirectory}' is '{root}', which does not exist. Set GoModuleDir to the directory that holds go.mod, or remove it to use the project directory.");
                return false;
            }

            ModuleRoot = EnsureTrailingSeparator(root);
            var workPath = Path.Combine(root, "go.work");
            var modPath = Path.Combine(root, "go.mod");
            var localDirectories = new List<string>();

            try
            {
                if (File.Exists(modPath))
                {
                    var mod = GoModFile.Load(modPath);
                    ModFile = modPath;
                    ModulePath = mod.ModulePath ?? "";
                    GoDirective = mod.GoVersion ?? "";
                    ToolchainDirective = mod.Toolchain ?? "";
                    localDirectories.AddRange(mod.Replaces.Where(r => r.IsLocal).Select(r => r.NewPath));
                    PlatformInstall = mod.PlatformInstall.ToArray();
                    PlatformInstallSource = mod.PlatformInstallSource ?? "";
                    ProjectKind = "module";
                    BuildPatterns = new[] { "./..." };
                }

                if (File.Exists(workPath))
                {
                    var work = GoWorkFile.Load(workPath);
                    WorkFile = workPath;
                    ProjectKind = "workspace";
                    if (string.IsNullOrEmpty(GoDirective)) GoDirective = work.GoVersion ?? "";
                    if (string.IsNullOrEmpty(ToolchainDirective)) ToolchainDirective = work.Toolchain ?? "";
                    localDirectories.AddRange(work.Uses.Select(u => u.Path));
                    WorkspaceModules = work.Uses.Select(u => u.Path).ToArray();
                    localDirectories.AddRange(work.Replaces.Where(r => r.IsLocal).Select(r => r.NewPath));
                    // ./... from a workspace root that is no module matches nothing: name each module.
                    BuildPatterns = work.Uses
                        .Select(u => u.Path.Replace('\\', '/').TrimEnd('/'))
                        .Select(u => u == "." || u.Length == 0 ? "./..." : (u.StartsWith("./", StringComparison.Ordinal) || u.StartsWith("../", StringComparison.Ordinal) ? u : "./" + u) + "/...")
                        .Distinct(StringComparer.Ordinal)
                        .ToArray();
                }
            }
            catch (GoModParseException e)
            {
                LogGoPackError(GoPackErrors.ModuleFileUnreadable, e.Message, e.FilePath, e.Line);
                return false;
            }
            catch (IOException e)
            {
                LogGoPackError(GoPackErrors.ModuleFileUnreadable, $"Could not read the Go module files in '{root}': {e.Message}");
                return false;
            }

            if (ProjectKind.Length == 0)
            {
                var mainGo = Path.Combine(root, "main.go");
                if (!File.Exists(mainGo))
                {
                    LogGoPackError(GoPackErrors.NoGoProject,
                        $"No Go project found in '{root}': DetectGo looked there for go.work, go.mod and main.go. " +
                        "Run `go mod init <module path>` in that directory, or set GoModuleDir to the directory that holds your go.mod.");
                    return false;
                }

                // Without go.mod, go can only build a list of files: all of the directory's non-test .go files.
                ProjectKind = "file";
                // main.go first: go names a binary built from files after the first file.
                BuildPatterns = Directory.EnumerateFiles(root, "*.go")
                    .Select(path => Path.GetFileName(path))
                    .Where(name => !name.EndsWith("_test.go", StringComparison.Ordinal))
                    .OrderBy(name => name == "main.go" ? 0 : 1)
                    .ThenBy(name => name, StringComparer.Ordinal)
                    .ToArray();
            }

            LocalModuleDirectories = localDirectories
                .Select(d => EnsureTrailingSeparator(Path.GetFullPath(Path.Combine(root, d))))
                .Where(d => !string.Equals(d, ModuleRoot, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Select(d => (ITaskItem)new TaskItem(d))
                .ToArray();

            Log.LogMessage(MessageImportance.Low, "Go project: {0} in {1}", ProjectKind, ModuleRoot);
            return true;
        }

        private static string EnsureTrailingSeparator(string path) =>
            path.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? path : path + Path.DirectorySeparatorChar;
    }
}
