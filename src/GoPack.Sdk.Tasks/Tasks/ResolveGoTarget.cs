using System.Linq;
using GoPack.Sdk.Common;
using GoPack.Sdk.Platforms;
using GoPack.Sdk.Toolchains;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// GOOS/GOARCH (and GOARM, GOAMD64, GO386) of the build, from the RuntimeIdentifier, the GoOS/GoArch/GoArm/GoAmd64/Go386
/// properties, the environment or the host (<see cref="GoTargetResolver"/>). Reads no file, starts no process.
/// </summary>
public sealed class ResolveGoTarget : GoPackTask
{
    public string? RuntimeIdentifier { get; set; }
    public string? GoOS { get; set; }
    public string? GoArch { get; set; }
    public string? GoArm { get; set; }
    public string? GoAmd64 { get; set; }
    public string? Go386 { get; set; }

    [Output] public string TargetOS { get; private set; } = "";
    [Output] public string TargetArch { get; private set; } = "";
    [Output] public string TargetArm { get; private set; } = "";
    [Output] public string TargetAmd64 { get; private set; } = "";

    /// <summary>NAME=value lines for go's environment; empty when the environment or the host decides.</summary>
    [Output] public string TargetVariables { get; private set; } = "";
    /// <summary>The same as items, for tasks that take NAME=value pairs (ToolTask's EnvironmentVariables).</summary>
    [Output] public string[] TargetVariableItems { get; private set; } = System.Array.Empty<string>();
    [Output] public string ExecutableSuffix { get; private set; } = "";
    [Output] public bool IsCrossCompiling { get; private set; }
    [Output] public bool Static { get; private set; }

    /// <summary>The target's portable runtime identifier (linux-x64, osx-arm64, openbsd-x64): NuGet's runtimes/&lt;rid&gt;/native/ folder.</summary>
    [Output] public string TargetRuntimeIdentifier { get; private set; } = "";

    /// <summary>goreleaser's target name in archive names: linux_amd64, linux_armv7.</summary>
    [Output] public string ArchiveSuffix { get; private set; } = "";

    public override bool Execute() => ExecuteWithAnswerCache(ExecuteCore);

    private bool ExecuteCore()
    {
        string hostOs, hostArch;
        try
        {
            hostOs = GoHostPlatform.GoOs();
            hostArch = GoHostPlatform.GoArch();
        }
        catch (System.PlatformNotSupportedException)
        {
            // A machine Go has no name for can still build for a named target; every target is then foreign.
            hostOs = hostArch = "";
        }

        // $(GoOS) and friends also read the environment variables GOOS...: only values of their own are the properties.
        var environment = TaskEnvironment.Snapshot();
        var result = GoTargetResolver.Resolve(new GoTargetOptions
        {
            RuntimeIdentifier = RuntimeIdentifier,
            GoOs = Settings.OwnProperty(GoOS, "GOOS", environment),
            GoArch = Settings.OwnProperty(GoArch, "GOARCH", environment),
            GoArm = Settings.OwnProperty(GoArm, "GOARM", environment),
            GoAmd64 = Settings.OwnProperty(GoAmd64, "GOAMD64", environment),
            Go386 = Settings.OwnProperty(Go386, "GO386", environment),
            Environment = environment,
            HostGoOs = hostOs,
            HostGoArch = hostArch,
        });
        if (!result.Succeeded)
        {
            LogGoPackError(result.ErrorCode!, result.Error!);
            return false;
        }

        foreach (var note in result.Notes)
        {
            Log.LogMessage(MessageImportance.Normal, note);
        }

        var target = result.Target!;
        TargetOS = target.GoOs;
        TargetArch = target.GoArch;
        TargetArm = target.GoArm ?? "";
        TargetAmd64 = target.GoAmd64 ?? "";
        TargetVariableItems = target.Variables.Select(v => v.Key + "=" + v.Value).ToArray();
        TargetVariables = string.Join("\n", TargetVariableItems);
        ExecutableSuffix = target.ExecutableSuffix;
        IsCrossCompiling = target.IsCrossCompiling;
        Static = target.Static;
        ArchiveSuffix = target.ArchiveSuffix;
        TargetRuntimeIdentifier = RuntimeIdentifierTable.ForTarget(target.GoOs, target.GoArch, target.GoArm, target.Static);
        Log.LogMessage(MessageImportance.Low, "Target {0} (from {1})", target, target.Source);
        return true;
    }
}
