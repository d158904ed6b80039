using System;
using System.Linq;
using GoPack.Sdk.Toolchains;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks
{
    /// <summary>
    /// Chooses the Go toolchain for the build. Looks at files only (GOROOT/VERSION), so a no-op build starts no process.
    /// </summary>
    public sealed class ResolveGoToolchain : GoPackTask
    {
        /// <summary>The GoRoot property: a Go installation to use.</summary>
        public string? GoRoot { get; set; }

        /// <summary>GoToolchainSearchPaths: replaces the usual install places (';'-separated, a trailing * is a wildcard).</summary>
        public string? SearchPaths { get; set; }

        [Output] public string ResolvedGoRoot { get; private set; } = "";
        [Output] public string GoExecutable { get; private set; } = "";
        [Output] public string Version { get; private set; } = "";
        [Output] public string Source { get; private set; } = "";

        public override bool Execute()
        {
            var options = new GoToolchainLocatorOptions
            {
                GoRootProperty = NullIfEmpty(GoRoot),
                GoRootEnvironment = NullIfEmpty(Environment.GetEnvironmentVariable("GOROOT")),
                PathEnvironment = Environment.GetEnvironmentVariable("PATH"),
                HomeDirectory = NullIfEmpty(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)),
                ProgramFiles = NullIfEmpty(Environment.GetEnvironmentVariable("ProgramFiles")),
                SearchLocations = string.IsNullOrWhiteSpace(SearchPaths)
                    ? null
                    : SearchPaths!.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).Where(p => p.Length > 0).ToList(),
            };
            var locator = new GoToolchainLocator(options);
            var toolchain = locator.EnumerateCandidates().FirstOrDefault();
            if (toolchain is null)
            {
                LogGoPackError(GoPackErrors.ToolchainNotFound,
                    "No Go toolchain found. GoPack looked in: " + string.Join("; ", locator.SearchedPlaces) + ". " +
                    "Install Go (https://go.dev/dl/, or your package manager, e.g. `apt-get install golang-go`), " +
                    "put its bin directory on PATH, or set the GoRoot property (or GOROOT) to a Go installation.");
                return false;
            }

            ResolvedGoRoot = toolchain.GoRoot;
            GoExecutable = toolchain.GoExecutable;
            Version = toolchain.Version?.ToString() ?? "";
            Source = toolchain.Source;
            Log.LogMessage(MessageImportance.Normal, "Go {0} at {1} (from {2})",
                Version.Length > 0 ? Version : "(unknown version)", ResolvedGoRoot, Source);
            return true;
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
