using System;
using System.Globalization;
using System.Runtime.InteropServices;

namespace GoPack.Sdk.Toolchains;

/// <summary>Translates .NET's names for operating systems and processors into Go's GOOS and GOARCH.</summary>
public static class GoHostPlatform
{
    // OSPlatform.FreeBSD and friends are missing from netstandard2.0; these are the names .NET uses.
    private static readonly (OSPlatform Platform, string GoOs)[] KnownPlatforms =
    {
        (OSPlatform.Windows, "windows"),
        (OSPlatform.Linux, "linux"),
        (OSPlatform.OSX, "darwin"),
        (OSPlatform.Create("FREEBSD"), "freebsd"),
        (OSPlatform.Create("ILLUMOS"), "illumos"),
        (OSPlatform.Create("SOLARIS"), "solaris"),
    };

    /// <summary>GOOS of the machine the build runs on.</summary>
    /// <exception cref="PlatformNotSupportedException">Go has no name for this operating system, as far as GoPack knows.</exception>
    public static string GoOs()
    {
        foreach ((var platform, var goOs) in KnownPlatforms)
        {
            if (RuntimeInformation.IsOSPlatform(platform))
            {
                return goOs;
            }
        }

        throw new PlatformNotSupportedException($"GoPack does not know Go's name (GOOS) for the operating system '{RuntimeInformation.OSDescription}'.");
    }

    /// <exception cref="PlatformNotSupportedException">Go has no name for <paramref name="platform"/>, as far as GoPack knows.</exception>
    public static string GoOs(OSPlatform platform)
    {
        foreach ((var known, var goOs) in KnownPlatforms)
        {
            if (known == platform)
            {
                return goOs;
            }
        }

        throw new PlatformNotSupportedException($"GoPack does not know Go's name (GOOS) for the operating system '{platform}'.");
    }

    /// <summary>
    /// GOARCH of the machine the build runs on. This is the operating system's architecture rather than
    /// this process's, because an x64 MSBuild emulated on an arm64 machine still finds an arm64 Go there.
    /// </summary>
    public static string GoArch() => GoArch(RuntimeInformation.OSArchitecture);

    /// <exception cref="PlatformNotSupportedException">Go has no name for <paramref name="architecture"/>, as far as GoPack knows.</exception>
    public static string GoArch(Architecture architecture)
    {
        // Matched by name so that architectures newer than netstandard2.0's enum (S390x, LoongArch64, ...)
        // are still understood when the net8.0 build of this assembly meets them.
        var goArch = GoArchFromDotNetName(architecture.ToString());
        return goArch ?? throw new PlatformNotSupportedException($"GoPack does not know Go's name (GOARCH) for the processor architecture '{architecture}'.");
    }

    /// <summary>
    /// GOOS and GOARCH for a .NET runtime identifier such as <c>linux-x64</c>, <c>linux-musl-arm64</c>,
    /// <c>win-x86</c> or <c>osx-arm64</c>; null when Go has no equivalent or the RID is not understood.
    /// </summary>
    public static (string GoOs, string GoArch)? FromRuntimeIdentifier(string rid)
    {
        if (rid is null)
        {
            return null;
        }

        var text = rid.Trim().ToLowerInvariant();
        var lastDash = text.LastIndexOf('-');
        if (lastDash <= 0 || lastDash == text.Length - 1)
        {
            return null;
        }

        var goOs = GoOsFromRidOperatingSystem(text.Substring(0, lastDash));
        var goArch = GoArchFromRidArchitecture(text.Substring(lastDash + 1));
        return goOs is null || goArch is null ? null : (goOs, goArch);
    }

    private static string? GoOsFromRidOperatingSystem(string os)
    {
        switch (os)
        {
            // musl and glibc are the same GOOS: Go's binaries do not link a C library unless cgo is used.
            case "linux":
            case "linux-musl":
                return "linux";

            // Bionic is Android's C library.
            case "linux-bionic":
            case "android":
                return "android";
            case "browser":
                return "js";
            case "wasi":
                return "wasip1";
        }

        // Versioned RIDs from before .NET 8's portable ones: win10-x64, osx.13-arm64, freebsd.14-x64.
        var dot = os.IndexOf('.');
        var family = dot < 0 ? os : os.Substring(0, dot);
        if (family.StartsWith("win", StringComparison.Ordinal) && IsAllDigits(family.Substring(3)))
        {
            return "windows";
        }

        switch (family)
        {
            case "osx":
                return "darwin";
            case "ios":
                return "ios";
            case "freebsd":
                return "freebsd";
            case "illumos":
                return "illumos";
            case "solaris":
                return "solaris";
            default:
                return null;
        }
    }

    private static string? GoArchFromRidArchitecture(string architecture)
    {
        switch (architecture)
        {
            case "x64":
                return "amd64";
            case "x86":
                return "386";
            case "arm64":
                return "arm64";
            case "arm":
            case "armel":
            case "armv6":
                return "arm";
            case "s390x":
                return "s390x";
            case "ppc64le":
                return "ppc64le";
            case "loongarch64":
                return "loong64";
            case "riscv64":
                return "riscv64";
            case "wasm":
                return "wasm";
            default:
                return null;
        }
    }

    private static string? GoArchFromDotNetName(string name) =>
        GoArchFromRidArchitecture(name.ToLower(CultureInfo.InvariantCulture));

    private static bool IsAllDigits(string text)
    {
        foreach (var c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }
}
