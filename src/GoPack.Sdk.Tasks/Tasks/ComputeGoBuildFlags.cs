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
    public string? Optimize { get; set; }

    /// <summary>GoDebugDependencies: Debug's -N -l for every package, not only the project's own.</summary>
    public string? DebugDependencies { get; set; }

    /// <summary>$(GoModuleRoot), go's working directory: where the project's own packages are.</summary>
    public string? ModuleRoot { get; set; }

    /// <summary>@(GoLocalModuleDir): workspace modules and local replace targets, the project's own code too.</summary>
    public string[] LocalModuleDirectories { get; set; } = Array.Empty<string>();

    public bool HasVendor { get; set; }

    /// <summary>ResolveGoTarget's Static: a linux-musl RuntimeIdentifier, whose binaries must not link a C library.</summary>
    public bool StaticTarget { get; set; }

    /// <summary>ResolveGoTarget's IsCrossCompiling: cgo then needs a C compiler for the target, named by CC.</summary>
    public bool CrossCompiling { get; set; }

    /// <summary>"linux/arm64", for the messages.</summary>
    public string? Target { get; set; }

    /// <summary>$(RuntimeIdentifier), for the messages.</summary>
    public string? RuntimeIdentifier { get; set; }

    /// <summary>GoBuildMode: exe (default), pie, c-shared, c-archive. A C library turns cgo on.</summary>
    public string? BuildMode { get; set; }

    /// <summary>true/false adds -buildvcs=true/false (publish decides it); empty leaves go's default.</summary>
    public string? BuildVcs { get; set; }

    /// <summary>
    /// The flags, one per line. Not a string[]: MSBuild turns backslashes into slashes in the elements of array
    /// parameters on Unix (it takes them for paths), and a -X value may hold backslashes.
    /// </summary>
    [Output] public string FlagLines { get; private set; } = "";
    [Output] public bool ResolvedCgoEnabled { get; private set; }
    [Output] public bool ResolvedTroubleshoot { get; private set; }

    public override bool Execute() => ExecuteWithAnswerCache(ExecuteCore);

    private bool ExecuteCore()
    {
        if (!GoBuildModes.TryParse(BuildMode, out var buildMode))
        {
            LogGoPackError(GoPackErrors.InvalidBuildMode, $"GoBuildMode '{BuildMode}' is not one GoPack builds: use one of {GoBuildModes.Supported} (go's plugin and shared modes make nothing a .NET project can ship).");
            return false;
        }

        var environment = TaskEnvironment.Snapshot();
        var result = GoBuildFlagsComposer.Compose(new GoBuildFlagsOptions
        {
            BuildMode = buildMode,
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
            Optimize = Optimize,
            DebugDependencies = DebugDependencies,
            ModuleRoot = ModuleRoot,
            LocalModuleDirectories = LocalModuleDirectories,
            HasVendor = HasVendor,
            StaticTarget = StaticTarget,
            BuildVcs = string.IsNullOrEmpty(BuildVcs) ? null : string.Equals(BuildVcs, "true", StringComparison.OrdinalIgnoreCase),
            Environment = environment,
        });
        if (!result.Succeeded)
        {
            LogGoPackError(result.ErrorCode, result.Error!);
            return false;
        }

        foreach (var note in result.Notes) Log.LogMessage(MessageImportance.Normal, note);
        if (StaticTarget && result.CgoEnabled)
        {
            LogGoPackError(GoPackErrors.ContradictoryTarget,
                $"RuntimeIdentifier '{RuntimeIdentifier}' builds a static binary that links no C library, but cgo is on ({result.CgoSource}). " +
                $"Remove CgoEnabled=true for a static build, or use the glibc RuntimeIdentifier ('{RuntimeIdentifier?.Replace("-musl", "")}') with a C compiler for it.");
            return false;
        }

        environment.TryGetValue("CC", out var targetCc);
        if (result.CgoEnabled && CrossCompiling && string.IsNullOrWhiteSpace(targetCc))
        {
            LogGoPackError(GoPackErrors.NoCrossCompiler,
                $"cgo is on ({result.CgoSource}) for {Target}, which is not the machine building, and no C compiler for {Target} is set. " +
                $"Set the CC environment variable (and CXX for C++) to a cross compiler for {Target}{CrossCompilerHint(Target)}" +
                (buildMode.IsCLibrary() ? " (a C library needs one)." : ", or turn cgo off with -p:CgoEnabled=false (Go's own code needs no C compiler)."));
            return false;
        }

        if (result.CgoEnabled && FindCCompiler(environment) is null)
        {
            environment.TryGetValue("CC", out var cc);
            LogGoPackError(GoPackErrors.NoCCompiler,
                $"CGO is on ({result.CgoSource}), but no C compiler was found: GoPack looked for " +
                (string.IsNullOrWhiteSpace(cc) ? "" : $"CC={cc}, ") + "gcc, clang and cc on PATH. " +
                "Install one (Debian/Ubuntu: apt-get install gcc libc6-dev)" +
                (buildMode.IsCLibrary() ? "." : ", or turn CGO off with CgoEnabled=false for a static binary."));
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

    // Debian's cross compilers (package gcc-<triple>): the names people look for.
    private static string CrossCompilerHint(string? target) => target switch
    {
        "linux/arm64" => " (Debian: apt-get install gcc-aarch64-linux-gnu, then CC=aarch64-linux-gnu-gcc)",
        "linux/arm" => " (Debian: apt-get install gcc-arm-linux-gnueabihf, then CC=arm-linux-gnueabihf-gcc)",
        "linux/amd64" => " (Debian: apt-get install gcc-x86-64-linux-gnu, then CC=x86_64-linux-gnu-gcc)",
        "linux/386" => " (Debian: apt-get install gcc-i686-linux-gnu, then CC=i686-linux-gnu-gcc)",
        "windows/amd64" => " (Debian: apt-get install gcc-mingw-w64-x86-64, then CC=x86_64-w64-mingw32-gcc)",
        _ => ", e.g. zig cc -target <triple>",
    };

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
