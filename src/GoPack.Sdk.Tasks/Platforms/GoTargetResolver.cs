using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace GoPack.Sdk.Platforms;

/// <summary>Inputs of <see cref="GoTargetResolver.Resolve"/>: MSBuild properties as written, the environment, the host.</summary>
public sealed class GoTargetOptions
{
    /// <summary>$(RuntimeIdentifier): <c>linux-arm64</c>, <c>win-x64</c>, <c>openbsd-x64</c>...</summary>
    public string? RuntimeIdentifier { get; init; }

    /// <summary>The GoOS property (not the GOOS environment variable, which MSBuild would also show as $(GoOS)).</summary>
    public string? GoOs { get; init; }

    /// <summary>The GoArch property.</summary>
    public string? GoArch { get; init; }

    /// <summary>The GoArm property: 5, 6 or 7 (Go 1.22 also takes ",softfloat"/",hardfloat").</summary>
    public string? GoArm { get; init; }

    /// <summary>The GoAmd64 property: v1 to v4.</summary>
    public string? GoAmd64 { get; init; }

    /// <summary>The Go386 property: sse2 or softfloat.</summary>
    public string? Go386 { get; init; }

    /// <summary>GOOS, GOARCH, GOARM, GOAMD64 and GO386 are read: they decide when nothing above does, as they do for go.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>GOOS of the machine building.</summary>
    public string HostGoOs { get; init; } = "linux";

    /// <summary>GOARCH of the machine building.</summary>
    public string HostGoArch { get; init; } = "amd64";
}

/// <summary>What go builds for, and what GoPack tells go to build for.</summary>
public sealed class GoTarget
{
    public string GoOs { get; init; } = "";

    public string GoArch { get; init; } = "";

    /// <summary>GOARM in effect for an arm target (set or inherited), else null.</summary>
    public string? GoArm { get; init; }

    /// <summary>GOAMD64 in effect for an amd64 target, else null (go's default, v1).</summary>
    public string? GoAmd64 { get; init; }

    /// <summary>GO386 in effect for a 386 target, else null (go's default, sse2).</summary>
    public string? Go386 { get; init; }

    /// <summary>
    /// Variables GoPack sets for go (GOOS, GOARCH, GOARM...): what a RuntimeIdentifier or a Go* property decided.
    /// Empty when the environment or the host decides, so go reads what it would read without GoPack.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>A musl RuntimeIdentifier: static binaries, cgo off.</summary>
    public bool Static { get; init; }

    /// <summary>Not the machine building: a cgo build needs a cross C compiler.</summary>
    public bool IsCrossCompiling { get; init; }

    /// <summary>".exe" for Windows, else "".</summary>
    public string ExecutableSuffix => GoOs == "windows" ? ".exe" : "";

    /// <summary>Where the target came from, for the log: "RuntimeIdentifier linux-arm64", "GOOS/GOARCH environment variables", "the machine building".</summary>
    public string Source { get; init; } = "";

    /// <summary>
    /// goreleaser's name for the target in archive names: <c>linux_amd64</c>, <c>linux_armv7</c>,
    /// <c>linux_amd64v3</c> (a GOAMD64 other than v1), <c>windows_arm64</c>; <c>linux_arm64_musl</c> for a musl RID, so
    /// that linux-arm64 and linux-musl-arm64 of one publish don't write the same archive.
    /// </summary>
    public string ArchiveSuffix =>
        GoOs + "_" + GoArch
        + (GoArch == "arm" && GoArm is not null ? "v" + GoArm.Split(',')[0] : "")
        + (GoArch == "amd64" && GoAmd64 is not null && GoAmd64 != "v1" ? GoAmd64 : "")
        + (Static ? "_musl" : "");

    /// <summary>"linux/arm64", "linux/arm (GOARM=7)".</summary>
    public override string ToString()
    {
        var variant = GoArch switch
        {
            "arm" when GoArm is not null => $" (GOARM={GoArm})",
            "amd64" when GoAmd64 is not null => $" (GOAMD64={GoAmd64})",
            "386" when Go386 is not null => $" (GO386={Go386})",
            _ => "",
        };
        return $"{GoOs}/{GoArch}{variant}";
    }
}

/// <summary>The outcome of <see cref="GoTargetResolver.Resolve"/>: a target, or an error with its code.</summary>
public sealed class GoTargetResult
{
    public GoTarget? Target { get; init; }

    public string? Error { get; init; }

    /// <summary>GOPACK0060 (unknown RID/OS/arch) or GOPACK0061 (contradictory or invalid settings).</summary>
    public string? ErrorCode { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();

    public bool Succeeded => Error is null;
}

/// <summary>
/// Decides GOOS/GOARCH and the processor variants (GOARM, GOAMD64, GO386) of a build:
/// <list type="number">
/// <item>GoOS/GoArch properties; with a RuntimeIdentifier they must agree with it (a different OS or processor is
/// GOPACK0061, never a silent choice of one);</item>
/// <item>the RuntimeIdentifier (<see cref="RuntimeIdentifierTable"/>); an unknown one is GOPACK0060, never a host build;</item>
/// <item>GOOS/GOARCH from the environment, which go reads itself;</item>
/// <item>the machine building.</item>
/// </list>
/// Variants: GoArm/GoAmd64/Go386 properties, else what the RID implies (linux-arm: GOARM=7), else the environment.
/// A variant property for another processor is ignored (a Directory.Build.props may set GoArm for every RID).
/// </summary>
public static class GoTargetResolver
{
    private static readonly Regex GoArmPattern = new("^[5-7](,(softfloat|hardfloat))?$", RegexOptions.CultureInvariant);
    private static readonly Regex GoAmd64Pattern = new("^v[1-4]$", RegexOptions.CultureInvariant);

    public static GoTargetResult Resolve(GoTargetOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var notes = new List<string>();
        var rid = Trim(options.RuntimeIdentifier);
        var osProperty = Trim(options.GoOs)?.ToLowerInvariant();
        var archProperty = Trim(options.GoArch)?.ToLowerInvariant();
        var variables = new List<KeyValuePair<string, string>>();

        RuntimeIdentifierMapping? mapping = null;
        if (rid is not null)
        {
            mapping = RuntimeIdentifierTable.Find(rid);
            if (mapping is null)
            {
                return Fail(GoPackErrors.UnknownRuntimeIdentifier,
                    $"The RuntimeIdentifier '{rid}' names no target Go can build for. Use one of: {RuntimeIdentifierTable.SupportedList()}. " +
                    "Or leave RuntimeIdentifier out and set GoOS and GoArch (Go's names, e.g. GoOS=linux GoArch=mips64le).");
            }
        }

        string goOs;
        string goArch;
        string source;
        var fromEnvironment = false;
        if (osProperty is not null || archProperty is not null)
        {
            if (mapping is not null)
            {
                var osDiffers = osProperty is not null && osProperty != mapping.GoOs;
                var archDiffers = archProperty is not null && archProperty != mapping.GoArch;
                if (osDiffers || archDiffers)
                {
                    return Fail(GoPackErrors.ContradictoryTarget,
                        $"RuntimeIdentifier '{rid}' means {mapping.GoOs}/{mapping.GoArch}, but " +
                        (osDiffers ? $"GoOS is '{osProperty}'" : "") + (osDiffers && archDiffers ? " and " : "") +
                        (archDiffers ? $"GoArch is '{archProperty}'" : "") +
                        ". Set only one of them: the RuntimeIdentifier (-r), or GoOS and GoArch without it.");
                }
            }

            goOs = osProperty ?? mapping?.GoOs ?? Env(options, "GOOS") ?? options.HostGoOs;
            goArch = archProperty ?? mapping?.GoArch ?? Env(options, "GOARCH") ?? options.HostGoArch;
            if (!RuntimeIdentifierTable.IsGoPort(goOs, goArch))
            {
                return Fail(GoPackErrors.UnknownRuntimeIdentifier,
                    $"Go does not build for {goOs}/{goArch} (GoOS '{osProperty ?? "(not set)"}', GoArch '{archProperty ?? "(not set)"}'). " +
                    $"Go's targets are: {string.Join(", ", RuntimeIdentifierTable.GoPorts.Select(p => p.GoOs + "/" + p.GoArch))}.");
            }

            source = mapping is not null ? $"RuntimeIdentifier {rid} and the GoOS/GoArch properties" : "GoOS/GoArch properties";
            variables.Add(Pair("GOOS", goOs));
            variables.Add(Pair("GOARCH", goArch));
        }
        else if (mapping is not null)
        {
            goOs = mapping.GoOs;
            goArch = mapping.GoArch;
            source = "RuntimeIdentifier " + rid;
            variables.Add(Pair("GOOS", goOs));
            variables.Add(Pair("GOARCH", goArch));
            var environmentOs = Env(options, "GOOS");
            var environmentArch = Env(options, "GOARCH");
            if ((environmentOs is not null && environmentOs != goOs) || (environmentArch is not null && environmentArch != goArch))
            {
                notes.Add($"RuntimeIdentifier {rid} builds for {goOs}/{goArch}; GOOS/GOARCH from the environment ({environmentOs ?? "-"}/{environmentArch ?? "-"}) are not used for this build.");
            }
        }
        else
        {
            var environmentOs = Env(options, "GOOS");
            var environmentArch = Env(options, "GOARCH");
            fromEnvironment = environmentOs is not null || environmentArch is not null;
            goOs = environmentOs ?? options.HostGoOs;
            goArch = environmentArch ?? options.HostGoArch;
            source = fromEnvironment ? "GOOS/GOARCH environment variables" : "the machine building";
        }

        var goArm = Variant(options.GoArm, "GoArm", "GOARM", "arm", mapping?.GoArm, GoArmPattern, "5, 6 or 7", options, goArch, variables, notes, out var armError);
        var goAmd64 = Variant(options.GoAmd64, "GoAmd64", "GOAMD64", "amd64", null, GoAmd64Pattern, "v1, v2, v3 or v4", options, goArch, variables, notes, out var amd64Error);
        var go386 = Variant(options.Go386, "Go386", "GO386", "386", null, new Regex("^(sse2|softfloat)$"), "sse2 or softfloat", options, goArch, variables, notes, out var i386Error);
        var variantError = armError ?? amd64Error ?? i386Error;
        if (variantError is not null)
        {
            return Fail(GoPackErrors.ContradictoryTarget, variantError);
        }

        return new GoTargetResult
        {
            Notes = notes,
            Target = new GoTarget
            {
                GoOs = goOs,
                GoArch = goArch,
                GoArm = goArm,
                GoAmd64 = goAmd64,
                Go386 = go386,
                Variables = variables,
                Static = mapping?.Static == true,
                IsCrossCompiling = goOs != options.HostGoOs || goArch != options.HostGoArch,
                Source = source,
            },
        };
    }

    private static string? Variant(
        string? property, string propertyName, string variableName, string arch, string? implied, Regex pattern, string allowed,
        GoTargetOptions options, string goArch, List<KeyValuePair<string, string>> variables, List<string> notes, out string? error)
    {
        error = null;
        var value = Trim(property)?.ToLowerInvariant();
        if (value is not null && !pattern.IsMatch(value))
        {
            error = $"{propertyName} is '{property}'; Go accepts {allowed}.";
            return null;
        }

        if (goArch != arch)
        {
            if (value is not null)
            {
                notes.Add($"{propertyName}={value} is ignored: the target processor is {goArch}, not {arch}.");
            }

            return null;
        }

        if (value is not null || implied is not null)
        {
            value ??= implied!;
            variables.Add(Pair(variableName, value));
            return value;
        }

        return Env(options, variableName);
    }

    private static KeyValuePair<string, string> Pair(string name, string value) => new(name, value);

    private static string? Env(GoTargetOptions options, string name) =>
        options.Environment is not null && options.Environment.TryGetValue(name, out var value) ? Trim(value) : null;

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private static GoTargetResult Fail(string code, string message) => new() { Error = message, ErrorCode = code };
}
