using System;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Toolchains.Download;

/// <summary>
/// A GOOS/GOARCH pair and the names Go's binary distributions use for it: the <c>os-arch</c> part of
/// <c>go1.22.3.linux-amd64.tar.gz</c>, the archive format, and the name of the go executable inside.
/// </summary>
public sealed class GoArchivePlatform : IEquatable<GoArchivePlatform>
{
    /// <param name="goOs">GOOS, e.g. <c>linux</c>, <c>darwin</c>, <c>windows</c>, <c>freebsd</c>.</param>
    /// <param name="goArch">GOARCH, e.g. <c>amd64</c>, <c>arm64</c>, <c>386</c>, <c>arm</c>; the archive name <c>armv6l</c> is accepted for <c>arm</c>.</param>
    /// <exception cref="ArgumentException">A name is empty or has characters other than lower-case letters and digits.</exception>
    public GoArchivePlatform(string goOs, string goArch)
    {
        // These end up in file and directory names, so anything but Go's own alphabet is refused
        // rather than escaped: a feed saying os "../x" must not name a path.
        GoOs = Validate(goOs, nameof(goOs));
        var arch = Validate(goArch, nameof(goArch));
        GoArch = arch == "armv6l" ? "arm" : arch;
    }

    /// <summary>GOOS.</summary>
    public string GoOs { get; }

    /// <summary>GOARCH; <c>arm</c> for the <c>armv6l</c> archives.</summary>
    public string GoArch { get; }

    /// <summary>
    /// The architecture as written in archive names and in the feed's <c>arch</c> field: <c>armv6l</c> for
    /// linux/arm (built for ARMv6, so it also runs on ARMv7), GOARCH for everything else, including freebsd-arm.
    /// </summary>
    public string ArchiveArch => GoOs == "linux" && GoArch == "arm" ? "armv6l" : GoArch;

    public bool IsWindows => GoOs == "windows";

    /// <summary><c>.zip</c> for Windows, <c>.tar.gz</c> everywhere else, as Go publishes them.</summary>
    public string ArchiveExtension => IsWindows ? ".zip" : ".tar.gz";

    /// <summary><c>go.exe</c> on Windows, <c>go</c> elsewhere.</summary>
    public string ExecutableName => IsWindows ? "go.exe" : "go";

    /// <summary>The platform part of archive names: <c>linux-amd64</c>, <c>linux-armv6l</c>, <c>windows-386</c>.</summary>
    public string Name => GoOs + "-" + ArchiveArch;

    /// <summary>The platform of the machine the build runs on.</summary>
    /// <exception cref="PlatformNotSupportedException">Go has no name for this operating system or processor.</exception>
    public static GoArchivePlatform Host() => new GoArchivePlatform(GoHostPlatform.GoOs(), GoHostPlatform.GoArch());

    /// <summary>The platform for a .NET runtime identifier such as <c>linux-x64</c> or <c>win-arm64</c>; null when Go has none.</summary>
    public static GoArchivePlatform? FromRuntimeIdentifier(string rid)
    {
        var pair = GoHostPlatform.FromRuntimeIdentifier(rid);
        return pair is null ? null : new GoArchivePlatform(pair.Value.GoOs, pair.Value.GoArch);
    }

    /// <summary>Reads <see cref="Name"/> back: <c>linux-armv6l</c> gives linux/arm.</summary>
    public static bool TryParse(string? name, out GoArchivePlatform? platform)
    {
        platform = null;
        if (name is null)
        {
            return false;
        }

        var dash = name.IndexOf('-');
        if (dash <= 0 || dash == name.Length - 1)
        {
            return false;
        }

        var goOs = name.Substring(0, dash);
        var goArch = name.Substring(dash + 1);
        if (!IsValidName(goOs) || !IsValidName(goArch))
        {
            return false;
        }

        platform = new GoArchivePlatform(goOs, goArch);
        return true;
    }

    /// <summary>The archive Go publishes for <paramref name="version"/>: <c>go1.22.3.linux-amd64.tar.gz</c>, <c>go1.20.windows-amd64.zip</c>.</summary>
    public string GetArchiveFileName(GoVersion version) => GetToolchainName(version) + ArchiveExtension;

    /// <summary>The archive name without its extension, which is also the toolchain cache's entry name: <c>go1.22.3.linux-amd64</c>.</summary>
    public string GetToolchainName(GoVersion version)
    {
        if (version is null)
        {
            throw new ArgumentNullException(nameof(version));
        }

        return version.ReleaseName + "." + Name;
    }

    public bool Equals(GoArchivePlatform? other) =>
        other is not null && GoOs == other.GoOs && GoArch == other.GoArch;

    public override bool Equals(object? obj) => Equals(obj as GoArchivePlatform);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(GoOs) * 31 + StringComparer.Ordinal.GetHashCode(GoArch);

    public override string ToString() => Name;

    private static string Validate(string value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (!IsValidName(value))
        {
            throw new ArgumentException($"'{value}' is not a Go operating system or architecture name (lower-case letters and digits, such as linux or amd64).", parameterName);
        }

        return value;
    }

    private static bool IsValidName(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }

        return true;
    }
}
