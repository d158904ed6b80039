using System;
using System.IO;
using System.Linq;
using GoPack.Sdk.Execution;
using GoPack.Sdk.Project;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Composes go build's flags (GoBuildFlagsComposer) from the properties and the platforms' environment variables,
/// decides CGO, and checks that a C compiler exists when CGO is on: gcc's "exec: gcc: not found" in the middle of a
/// build says less than GoPack can say before it.
/// </summary>
public sealed class ComputeGoBuildFlags : GoPackTask
{
    public string? Configuration { get; set; }
    public string? BuildFlags { get; set; }
    public string? LdFlags { get; set; }
    public string? GcFlags { get; set; }
    public string? Tags { get; set; }
    public string[] LinkerSymbols { get; set; } = Array.Empty<string>();
    public string? Troubleshoot { get; set; }
    public string? CgoEnabled { get; set; }
    public string? TrimPath { get; set; }
    public string? StripSymbols { get; set; }
    public bool HasVendor { get; set; }

    /// <summary>
    /// The flags, one per line. Not a string[]: MSBuild turns backslashes into slashes in the elements of array
    /// parameters on Unix (it takes them for paths), and a -X value may hold backslashes.
    /// </summary>
    [Output] public string FlagLines { get; private set; } = "";
    [Output] public bool ResolvedCgoEnabled { get; private set; }
    [Output] public bool ResolvedTroubleshoot { get; private set; }

    public override bool Execute()
    {
        var environment = TaskEnvironment.Snapshot();
        var result = GoBuildFlagsComposer.Compose(new GoBuildFlagsOptions
        {
            BuildFlags = BuildFlags,
            LdFlags = LdFlags,
            GcFlags = GcFlags,
            Tags = Tags,
            LinkerSymbols = LinkerSymbols,
            Troubleshoot = Troubleshoot,
            CgoEnabled = CgoEnabled,
            Release = string.Equals(Configuration, "Release", StringComparison.OrdinalIgnoreCase),
            TrimPath = TrimPath,
            StripSymbols = StripSymbols,
            HasVendor = HasVendor,
            Environment = environment,
        });
        if (!result.Succeeded)
        {
            LogGoPackError(GoPackErrors.InvalidFlags, result.Error!);
            return false;
        }

        foreach (var note in result.Notes) Log.LogMessage(MessageImportance.Normal, note);
        if (result.CgoEnabled && FindCCompiler(environment) is null)
        {
            environment.TryGetValue("CC", out var cc);
            LogGoPackError(GoPackErrors.NoCCompiler,
                $"CGO is on ({result.CgoSource}), but no C compiler was found: GoPack looked for " +
                (string.IsNullOrWhiteSpace(cc) ? "" : $"CC={cc}, ") + "gcc, clang and cc on PATH. " +
                "Install one (Debian/Ubuntu: apt-get install gcc libc6-dev), or turn CGO off with CgoEnabled=false for a static binary.");
            return false;
        }

        var credentials = GitCredentials.FromEnvironment(environment);
        foreach (var warning in credentials.Warnings) LogGoPackWarning(GoPackErrors.ProjectWarning, warning);
        foreach (var host in credentials.Hosts)
        {
            Log.LogMessage(MessageImportance.Normal, "Private modules: git credentials for {0}://{1} (from {2}) are given to go through its environment.", host.Protocol, host.Host, host.Source);
        }

        FlagLines = string.Join("\n", result.Arguments);
        ResolvedCgoEnabled = result.CgoEnabled;
        ResolvedTroubleshoot = result.Troubleshoot;
        Log.LogMessage(MessageImportance.Low, "CGO {0} ({1})", result.CgoEnabled ? "on" : "off", result.CgoSource);
        return true;
    }

    /// <summary>The compiler go would run: $CC (a name on PATH or a path, maybe with arguments), else gcc, clang, cc.</summary>
    private static string? FindCCompiler(System.Collections.Generic.IReadOnlyDictionary<string, string> environment)
    {
        environment.TryGetValue("PATH", out var path);
        string? Find(string name) => ExecutableSearch.Find(name, path);

        if (environment.TryGetValue("CC", out var cc) && !string.IsNullOrWhiteSpace(cc))
        {
            return Find(cc.Trim().Split(' ')[0]);
        }
        return Find("gcc") ?? Find("clang") ?? Find("cc");
    }
}
