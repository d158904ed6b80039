using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace GoPack.Sdk.Toolchains;

/// <summary>
/// Everything <see cref="GoToolchainLocator"/> reads from its surroundings, passed in so that the
/// search can be tested, and driven from MSBuild properties, without touching the real machine.
/// </summary>
public sealed class GoToolchainLocatorOptions
{
    /// <summary>The MSBuild <c>GoRoot</c> property.</summary>
    public string? GoRootProperty { get; set; }

    /// <summary>The <c>GOROOT</c> environment variable.</summary>
    public string? GoRootEnvironment { get; set; }

    /// <summary>The <c>PATH</c> environment variable.</summary>
    public string? PathEnvironment { get; set; }

    /// <summary>Look for <c>go.exe</c>, split PATH on <c>;</c>, and use the Windows install places.</summary>
    public bool IsWindows { get; set; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>$HOME (%USERPROFILE% on Windows), where <c>golang.org/dl</c> puts toolchains: <c>~/sdk/go1.22.3</c>.</summary>
    public string? HomeDirectory { get; set; }

    /// <summary>%ProgramFiles%, where the Windows installer puts Go.</summary>
    public string? ProgramFiles { get; set; }

    /// <summary>
    /// When not null, replaces <see cref="GoToolchainLocator.DefaultSearchLocations"/>. The last segment of
    /// an entry may hold <c>*</c> wildcards (<c>/usr/lib/go-*</c>), and a leading <c>~</c> stands for
    /// <see cref="HomeDirectory"/>.
    /// </summary>
    public IReadOnlyList<string>? SearchLocations { get; set; }

    /// <summary>
    /// Asks a candidate's go for its version and platform (normally <see cref="GoToolchainProbe.Probe"/>); only
    /// candidates without a $GOROOT/VERSION file are asked. Null: never start a process, and such candidates
    /// have an unknown version.
    /// </summary>
    public Func<string, GoToolchainProbeResult>? Probe { get; set; }

    /// <summary>
    /// GOOS and GOARCH of this machine; when both are set, a toolchain built for another platform is skipped
    /// (told by its pkg/tool/&lt;goos&gt;_&lt;goarch&gt; folder, or by what <see cref="Probe"/> says).
    /// </summary>
    public string? HostGoOs { get; set; }

    /// <inheritdoc cref="HostGoOs"/>
    public string? HostGoArch { get; set; }

    /// <summary>Options filled from this process's environment; the caller still sets <see cref="GoRootProperty"/> and <see cref="SearchLocations"/>.</summary>
    public static GoToolchainLocatorOptions FromEnvironment()
    {
        var options = new GoToolchainLocatorOptions
        {
            GoRootEnvironment = Environment.GetEnvironmentVariable("GOROOT"),
            PathEnvironment = Environment.GetEnvironmentVariable("PATH"),
        };

        try
        {
            options.HostGoOs = GoHostPlatform.GoOs();
            options.HostGoArch = GoHostPlatform.GoArch();
        }
        catch (PlatformNotSupportedException)
        {
            // Go has no name for this machine, so no toolchain can be told to be for another one.
        }

        if (options.IsWindows)
        {
            options.HomeDirectory = Environment.GetEnvironmentVariable("USERPROFILE");
            // A 32-bit MSBuild sees "Program Files (x86)" as %ProgramFiles%, but the Go installer
            // puts the 64-bit Go in the real Program Files, which ProgramW6432 names.
            options.ProgramFiles = Environment.GetEnvironmentVariable("ProgramW6432")
                ?? Environment.GetEnvironmentVariable("ProgramFiles");
        }
        else
        {
            options.HomeDirectory = Environment.GetEnvironmentVariable("HOME");
        }

        return options;
    }
}
