using System;
using System.Collections.Generic;
using GoPack.Sdk.Common;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Project;

/// <summary>A GoPack setting a seed platform's environment variable gives.</summary>
/// <param name="Value">Trimmed, never empty.</param>
/// <param name="Variable">Where it came from: "CC_GO_BINARY".</param>
public sealed record PlatformValue(string Value, string Variable)
{
    /// <summary>"CC_GO_BINARY environment variable", for messages.</summary>
    public string Source => Variable + " environment variable";
}

/// <summary>A Go version a platform variable asks for, and which source it is in the version order.</summary>
public sealed record PlatformGoVersion(string Value, GoVersionSource Kind, string Source);

/// <summary>Main packages a platform variable names, as GoMainPackage would, and how the build log names the choice.</summary>
public sealed record PlatformMainPackages(IReadOnlyList<string> Specs, string Source);

/// <summary>
/// The one place where the seed platforms' environment variables become GoPack settings, before the neutral logic
/// runs: each resolver takes a GoPack property and, when it is empty, the value this gives for it, in the platforms'
/// precedence, with the variable it came from. Which variables exist, the platforms that document them and what GoPack
/// does with each is <see cref="PlatformEnvironment"/>'s table (the README's); credentials are
/// <see cref="GitCredentials"/>' (they reach go only through its environment).
/// </summary>
public sealed class PlatformSettings
{
    private PlatformSettings()
    {
    }

    /// <summary>GoVersion's fallbacks: GOVERSION (Heroku, Scalingo), then RAILPACK_GO_VERSION.</summary>
    public IReadOnlyList<PlatformGoVersion> GoVersions { get; private set; } = Array.Empty<PlatformGoVersion>();

    /// <summary>GoMainPackage's fallbacks, in order: RAILPACK_GO_BIN (./cmd/NAME), CC_GO_PKG, GO_INSTALL_PACKAGE_SPEC (space-separated).</summary>
    public IReadOnlyList<PlatformMainPackages> MainPackages { get; private set; } = Array.Empty<PlatformMainPackages>();

    /// <summary>GoWorkspaceModule's: RAILPACK_GO_WORKSPACE_MODULE.</summary>
    public PlatformValue? WorkspaceModule { get; private set; }

    /// <summary>GoBuildTool's: CC_GO_BUILD_TOOL.</summary>
    public PlatformValue? BuildTool { get; private set; }

    /// <summary>GoBinary's: CC_GO_BINARY.</summary>
    public PlatformValue? Binary { get; private set; }

    /// <summary>GoBuildFlags': GO_BUILD_FLAGS (Vercel).</summary>
    public PlatformValue? BuildFlags { get; private set; }

    /// <summary>A GoLinkerSymbol item: GO_LINKER_SYMBOL=GO_LINKER_VALUE, only when both are set (Heroku's pair).</summary>
    public PlatformValue? LinkerSymbol { get; private set; }

    /// <summary>Why one of GO_LINKER_SYMBOL and GO_LINKER_VALUE is ignored; null when neither or both are set.</summary>
    public string? LinkerSymbolNote { get; private set; }

    /// <summary>GoTroubleshoot's: CC_TROUBLESHOOT, as written (the composer reads the switch).</summary>
    public PlatformValue? Troubleshoot { get; private set; }

    /// <summary>CgoEnabled's: CGO_ENABLED, as written (go reads only 1 and 0).</summary>
    public PlatformValue? CgoEnabled { get; private set; }

    /// <summary>GoRunCommand's: CC_RUN_COMMAND.</summary>
    public PlatformValue? RunCommand { get; private set; }

    /// <summary>A warning for each variable GoPack does not support that is set (<see cref="PlatformEnvironment.Warnings"/>).</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = Array.Empty<string>();

    public static PlatformSettings Read(IReadOnlyDictionary<string, string>? environment)
    {
        PlatformValue? Value(string variable) => Settings.Get(environment, variable) is string value ? new PlatformValue(value, variable) : null;

        var versions = new List<PlatformGoVersion>();
        foreach ((var variable, var kind) in new[] { ("GOVERSION", GoVersionSource.GoVersionEnvironment), ("RAILPACK_GO_VERSION", GoVersionSource.RailpackEnvironment) })
        {
            if (Value(variable) is { } version)
            {
                versions.Add(new PlatformGoVersion(version.Value, kind, version.Source));
            }
        }

        var mainPackages = new List<PlatformMainPackages>();
        if (Value("RAILPACK_GO_BIN") is { } railpackBin)
        {
            mainPackages.Add(new PlatformMainPackages(new[] { "./cmd/" + railpackBin.Value }, "RAILPACK_GO_BIN=" + railpackBin.Value));
        }

        if (Value("CC_GO_PKG") is { } ccPackage)
        {
            mainPackages.Add(new PlatformMainPackages(new[] { ccPackage.Value }, "CC_GO_PKG=" + ccPackage.Value));
        }

        if (Value("GO_INSTALL_PACKAGE_SPEC") is { } spec)
        {
            mainPackages.Add(new PlatformMainPackages(spec.Value.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries), "GO_INSTALL_PACKAGE_SPEC"));
        }

        var linkerSymbol = Value("GO_LINKER_SYMBOL");
        var linkerValue = Value("GO_LINKER_VALUE");
        return new PlatformSettings
        {
            GoVersions = versions,
            MainPackages = mainPackages,
            WorkspaceModule = Value("RAILPACK_GO_WORKSPACE_MODULE"),
            BuildTool = Value("CC_GO_BUILD_TOOL"),
            Binary = Value("CC_GO_BINARY"),
            BuildFlags = Value("GO_BUILD_FLAGS"),
            LinkerSymbol = linkerSymbol is not null && linkerValue is not null
                ? new PlatformValue(linkerSymbol.Value + "=" + linkerValue.Value, "GO_LINKER_SYMBOL/GO_LINKER_VALUE")
                : null,
            LinkerSymbolNote = (linkerSymbol is null) == (linkerValue is null)
                ? null
                : $"{(linkerSymbol ?? linkerValue)!.Variable} is ignored: it only works together with {(linkerSymbol is not null ? "GO_LINKER_VALUE" : "GO_LINKER_SYMBOL")}, as on Heroku.",
            Troubleshoot = Value("CC_TROUBLESHOOT"),
            CgoEnabled = Value("CGO_ENABLED"),
            RunCommand = Value("CC_RUN_COMMAND"),
            Warnings = PlatformEnvironment.Warnings(environment),
        };
    }
}
