using System;
using System.Collections.Generic;
using GoPack.Sdk.Execution;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks
{
    /// <summary>`go build -o OutputFile [flags] Packages` in the module directory.</summary>
    public sealed class GoBuild : GoToolTask
    {
        /// <summary>Every package of the project (./..., one pattern a workspace module, or the files of a bare main.go).</summary>
        [Required] public string[] Patterns { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Where go writes the commands, named after their packages; the targets copy the chosen ones to $(OutDir).
        /// Empty: compile only, as a check (go writes no binary for several packages).
        /// </summary>
        public string? OutputDirectory { get; set; }

        public bool CgoEnabled { get; set; }
        public bool TrimPath { get; set; }
        public bool StripSymbols { get; set; }
        public string? LdFlags { get; set; }
        public string? GcFlags { get; set; }
        public string? Tags { get; set; }

        /// <summary>GoBuildFlags: more go build flags, written as on a shell command line.</summary>
        public string? AdditionalArguments { get; set; }

        protected override bool ValidateParameters()
        {
            try
            {
                CommandLine.Split(AdditionalArguments);
            }
            catch (FormatException e)
            {
                LogGoPackError(GoPackErrors.InvalidFlags, $"GoBuildFlags can't be read: {e.Message}. Quote with matching ' or \" characters.");
                return false;
            }
            return base.ValidateParameters();
        }

        protected override IEnumerable<string> GetArguments()
        {
            yield return "build";
            if (!string.IsNullOrEmpty(OutputDirectory))
            {
                yield return "-o";
                // A directory: go writes each main package's command into it, named after the package.
                yield return OutputDirectory!.TrimEnd('/', '\\') + System.IO.Path.DirectorySeparatorChar;
            }
            if (TrimPath) yield return "-trimpath";

            var ldflags = string.Join(" ", new[] { StripSymbols ? "-s -w" : null, LdFlags }.WhereNotEmpty());
            if (ldflags.Length > 0) yield return "-ldflags=" + ldflags;
            if (!string.IsNullOrWhiteSpace(GcFlags)) yield return "-gcflags=" + GcFlags;
            if (!string.IsNullOrWhiteSpace(Tags)) yield return "-tags=" + Tags;
            foreach (var argument in CommandLine.Split(AdditionalArguments)) yield return argument;
            foreach (var pattern in Patterns) yield return pattern;
        }

        protected override IDictionary<string, string> GetEnvironmentOverrides()
        {
            var environment = base.GetEnvironmentOverrides();
            environment["CGO_ENABLED"] = CgoEnabled ? "1" : "0";
            return environment;
        }
    }
}
