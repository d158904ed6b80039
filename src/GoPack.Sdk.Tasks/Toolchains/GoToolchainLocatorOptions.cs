using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using GoPack.Sdk.Common;

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

    /// <summary>
    /// Options filled from the build's environment (TaskEnvironment.Snapshot in a task); the caller still sets
    /// <see cref="GoRootProperty"/>, <see cref="SearchLocations"/> and <see cref="Probe"/>. Blank variables count as unset.
    /// </summary>
    /// <param name="isWindows">Null: this machine. Set by tests of the other OS's rules.</param>
    public static GoToolchainLocatorOptions FromEnvironment(IReadOnlyDictionary<string, string> environment, bool? isWindows = null)
    {
        if (environment is null)
        {
            throw new ArgumentNullException(nameof(environment));
        }

        var options = new GoToolchainLocatorOptions
        {
            IsWindows = isWindows ?? RuntimeInformation.IsOSPlatform(OSPlatform.Windows),
            GoRootEnvironment = Settings.Get(environment, "GOROOT"),
            PathEnvironment = environment.TryGetValue("PATH", out var path) ? path : null,
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

        // Without HOME (a service account, a stripped CI environment) the OS still knows the user's profile folder.
        options.HomeDirectory = Settings.Get(environment, options.IsWindows ? "USERPROFILE" : "HOME")
            ?? Settings.Trimmed(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        if (options.IsWindows)
        {
            // A 32-bit MSBuild (Visual Studio before 2022) sees "Program Files (x86)" as %ProgramFiles%, but the Go
            // installer puts the 64-bit Go in the real Program Files, which ProgramW6432 names.
            options.ProgramFiles = Settings.Get(environment, "ProgramW6432") ?? Settings.Get(environment, "ProgramFiles");
        }

        return options;
    }
}
