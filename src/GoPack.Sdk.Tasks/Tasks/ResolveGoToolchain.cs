using System;
using System.Collections.Generic;
using System.Linq;
using GoPack.Sdk.Project;
using GoPack.Sdk.Toolchains;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks
{
    /// <summary>
    /// Chooses the Go toolchain for the build: the first installed one that fits the Go version the project asks for.
    /// Looks at files only (GOROOT/VERSION), so a no-op build starts no process.
    /// </summary>
    public sealed class ResolveGoToolchain : GoPackTask
    {
        /// <summary>The GoRoot property: a Go installation to use.</summary>
        public string? GoRoot { get; set; }

        /// <summary>GoToolchainSearchPaths: replaces the usual install places (';'-separated, a trailing * is a wildcard).</summary>
        public string? SearchPaths { get; set; }

        /// <summary>DetectGo's GoRequestedVersion and where it came from; empty: any toolchain.</summary>
        public string? RequestedVersion { get; set; }
        public string? RequestedVersionSourceKind { get; set; }
        public string? RequestedVersionSource { get; set; }
        public string? RequestedVersionSourceFile { get; set; }
        public int RequestedVersionSourceLine { get; set; }

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
            var request = string.IsNullOrEmpty(RequestedVersion) || string.IsNullOrEmpty(RequestedVersionSourceKind)
                ? null
                : GoVersionRequest.FromParts(RequestedVersion!, RequestedVersionSourceKind!, RequestedVersionSource ?? "", RequestedVersionSourceFile, RequestedVersionSourceLine);

            var locator = new GoToolchainLocator(options);
            var seen = new List<GoToolchain>();
            GoToolchain? chosen = null;
            foreach (var candidate in locator.EnumerateCandidates())
            {
                seen.Add(candidate);
                // An explicit GoRoot is the toolchain, fitting or not: the check below says why it doesn't.
                if (Fits(candidate, request) || options.GoRootProperty != null)
                {
                    chosen = candidate;
                    break;
                }
            }

            if (seen.Count == 0)
            {
                LogGoPackError(GoPackErrors.ToolchainNotFound,
                    "No Go toolchain found. GoPack looked in: " + string.Join("; ", locator.SearchedPlaces) + ". " +
                    "Install Go (https://go.dev/dl/, or your package manager, e.g. `apt-get install golang-go`), " +
                    "put its bin directory on PATH, or set the GoRoot property (or GOROOT) to a Go installation.");
                return false;
            }

            if (chosen is null || !Fits(chosen, request))
            {
                var reported = chosen ?? seen[0];
                var goToolchain = NullIfEmpty(Environment.GetEnvironmentVariable("GOTOOLCHAIN")) ?? "local";
                var message = request!.CheckToolchain(reported.Version, reported.GoRoot, goToolchain)
                    ?? $"{request.Source} asks for Go {request.Version}, but the toolchain found is Go {reported.Version} ({reported.GoRoot}).";
                if (seen.Count > 1) message += " Also found: " + string.Join(", ", seen.Where(t => t != reported).Select(t => $"Go {t.Version?.ToString() ?? "(unknown)"} ({t.GoRoot})")) + ".";
                LogGoPackError(GoPackErrors.ToolchainTooOld, message, request.SourceFile, request.SourceLine);
                return false;
            }

            ResolvedGoRoot = chosen.GoRoot;
            GoExecutable = chosen.GoExecutable;
            Version = chosen.Version?.ToString() ?? "";
            Source = chosen.Source;
            Log.LogMessage(MessageImportance.Normal, "Go {0} at {1} (from {2}){3}",
                Version.Length > 0 ? Version : "(unknown version)", ResolvedGoRoot, Source,
                request is null ? "" : $"; the project asks for {request}");
            return true;
        }

        /// <summary>
        /// A pin (GoVersion=1.22.3) needs that release; a minimum (go.mod's go/toolchain lines, GoVersion=1.22) any
        /// release at least that new; nothing asked for, anything. A toolchain of unknown version (a development build) fits.
        /// </summary>
        private static bool Fits(GoToolchain toolchain, GoVersionRequest? request)
        {
            if (request is null || request.IsDefault || toolchain.Version is null) return true;
            return request.Exact && !request.IsMinimum ? request.Matches(toolchain.Version) : request.IsSatisfiedBy(toolchain.Version);
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
