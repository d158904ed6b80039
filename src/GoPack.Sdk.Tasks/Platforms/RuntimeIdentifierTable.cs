using System;
using System.Collections.Generic;
using System.Linq;

namespace GoPack.Sdk.Platforms;

/// <summary>One row of <see cref="RuntimeIdentifierTable"/>: a runtime identifier and the Go target it means.</summary>
/// <param name="RuntimeIdentifier">The .NET spelling, e.g. <c>linux-musl-arm64</c>.</param>
/// <param name="GoOs">GOOS.</param>
/// <param name="GoArch">GOARCH.</param>
/// <param name="GoArm">GOARM the RID implies (linux-arm is ARMv7, as .NET's linux-arm is), or null.</param>
/// <param name="Static">A musl RID: the binary must not link a C library, so cgo stays off.</param>
public sealed record RuntimeIdentifierMapping(string RuntimeIdentifier, string GoOs, string GoArch, string? GoArm = null, bool Static = false);

/// <summary>
/// The runtime identifiers GoPack understands: .NET's portable RIDs that Go can build for, and the
/// <c>&lt;os&gt;-&lt;arch&gt;</c> forms of the targets Go knows and .NET doesn't (<c>openbsd-x64</c>, <c>wasip1-wasm</c>,
/// <c>linux-mips64le</c>...). The README's RID table is this table.
/// </summary>
public static class RuntimeIdentifierTable
{
    /// <summary>.NET's runtime identifiers, in the README's order.</summary>
    public static IReadOnlyList<RuntimeIdentifierMapping> DotNet { get; } = new[]
    {
        new RuntimeIdentifierMapping("linux-x64", "linux", "amd64"),
        new RuntimeIdentifierMapping("linux-arm64", "linux", "arm64"),
        new RuntimeIdentifierMapping("linux-arm", "linux", "arm", GoArm: "7"),
        new RuntimeIdentifierMapping("linux-armv6", "linux", "arm", GoArm: "6"),
        new RuntimeIdentifierMapping("linux-x86", "linux", "386"),
        new RuntimeIdentifierMapping("linux-riscv64", "linux", "riscv64"),
        new RuntimeIdentifierMapping("linux-loongarch64", "linux", "loong64"),
        new RuntimeIdentifierMapping("linux-s390x", "linux", "s390x"),
        new RuntimeIdentifierMapping("linux-ppc64le", "linux", "ppc64le"),
        new RuntimeIdentifierMapping("linux-musl-x64", "linux", "amd64", Static: true),
        new RuntimeIdentifierMapping("linux-musl-arm64", "linux", "arm64", Static: true),
        new RuntimeIdentifierMapping("linux-musl-arm", "linux", "arm", GoArm: "7", Static: true),
        new RuntimeIdentifierMapping("linux-musl-x86", "linux", "386", Static: true),
        new RuntimeIdentifierMapping("linux-musl-riscv64", "linux", "riscv64", Static: true),
        new RuntimeIdentifierMapping("linux-musl-loongarch64", "linux", "loong64", Static: true),
        new RuntimeIdentifierMapping("linux-musl-s390x", "linux", "s390x", Static: true),
        new RuntimeIdentifierMapping("linux-musl-ppc64le", "linux", "ppc64le", Static: true),
        new RuntimeIdentifierMapping("win-x64", "windows", "amd64"),
        new RuntimeIdentifierMapping("win-x86", "windows", "386"),
        new RuntimeIdentifierMapping("win-arm64", "windows", "arm64"),
        new RuntimeIdentifierMapping("osx-x64", "darwin", "amd64"),
        new RuntimeIdentifierMapping("osx-arm64", "darwin", "arm64"),
        new RuntimeIdentifierMapping("freebsd-x64", "freebsd", "amd64"),
        new RuntimeIdentifierMapping("freebsd-arm64", "freebsd", "arm64"),
        new RuntimeIdentifierMapping("illumos-x64", "illumos", "amd64"),
        new RuntimeIdentifierMapping("solaris-x64", "solaris", "amd64"),
        new RuntimeIdentifierMapping("browser-wasm", "js", "wasm"),
        new RuntimeIdentifierMapping("wasi-wasm", "wasip1", "wasm"),
    };

    /// <summary>
    /// Every GOOS/GOARCH pair of `go tool dist list` (Go 1.22), except the ones that need a C toolchain for every
    /// binary (android, ios). A pair the toolchain in use doesn't know (wasip1 before Go 1.21) is go's own error.
    /// </summary>
    public static IReadOnlyList<(string GoOs, string GoArch)> GoPorts { get; } = new[]
    {
        ("aix", "ppc64"),
        ("darwin", "amd64"), ("darwin", "arm64"),
        ("dragonfly", "amd64"),
        ("freebsd", "386"), ("freebsd", "amd64"), ("freebsd", "arm"), ("freebsd", "arm64"), ("freebsd", "riscv64"),
        ("illumos", "amd64"),
        ("js", "wasm"),
        ("linux", "386"), ("linux", "amd64"), ("linux", "arm"), ("linux", "arm64"), ("linux", "loong64"), ("linux", "mips"),
        ("linux", "mips64"), ("linux", "mips64le"), ("linux", "mipsle"), ("linux", "ppc64"), ("linux", "ppc64le"),
        ("linux", "riscv64"), ("linux", "s390x"),
        ("netbsd", "386"), ("netbsd", "amd64"), ("netbsd", "arm"), ("netbsd", "arm64"),
        ("openbsd", "386"), ("openbsd", "amd64"), ("openbsd", "arm"), ("openbsd", "arm64"), ("openbsd", "ppc64"),
        ("openbsd", "riscv64"),
        ("plan9", "386"), ("plan9", "amd64"), ("plan9", "arm"),
        ("solaris", "amd64"),
        ("wasip1", "wasm"),
        ("windows", "386"), ("windows", "amd64"), ("windows", "arm"), ("windows", "arm64"),
    };

    // .NET's names for operating systems and processors, where they differ from Go's.
    private static readonly Dictionary<string, string> OsAliases = new(StringComparer.Ordinal)
    {
        ["win"] = "windows",
        ["osx"] = "darwin",
        ["macos"] = "darwin",
        ["browser"] = "js",
        ["wasi"] = "wasip1",
    };

    private static readonly Dictionary<string, string> ArchAliases = new(StringComparer.Ordinal)
    {
        ["x64"] = "amd64",
        ["x86"] = "386",
        ["loongarch64"] = "loong64",
    };

    /// <summary>ARM versions spelled into the processor part: <c>linux-armv6</c>, <c>freebsd-armv7</c>.</summary>
    private static readonly Dictionary<string, string> ArmVersions = new(StringComparer.Ordinal)
    {
        ["armv5"] = "5",
        ["armv6"] = "6",
        ["armv7"] = "7",
    };

    /// <summary>
    /// The Go target of <paramref name="runtimeIdentifier"/>: a .NET RID of the table, an <c>&lt;os&gt;-&lt;arch&gt;</c>
    /// pair in .NET's or Go's names (<c>openbsd-x64</c>, <c>darwin-amd64</c>, <c>linux-armv6</c>), or a versioned RID
    /// from before .NET 8 (<c>win10-x64</c>, <c>osx.13-arm64</c>); null when Go has no such target.
    /// </summary>
    public static RuntimeIdentifierMapping? Find(string? runtimeIdentifier)
    {
        var rid = (runtimeIdentifier ?? "").Trim().ToLowerInvariant();
        if (rid.Length == 0)
        {
            return null;
        }

        var known = DotNet.FirstOrDefault(m => m.RuntimeIdentifier == rid);
        if (known is not null)
        {
            return known;
        }

        var dash = rid.LastIndexOf('-');
        if (dash <= 0 || dash == rid.Length - 1)
        {
            return null;
        }

        var os = rid.Substring(0, dash);
        var arch = rid.Substring(dash + 1);
        var isStatic = false;
        if (os.EndsWith("-musl", StringComparison.Ordinal))
        {
            os = os.Substring(0, os.Length - "-musl".Length);
            isStatic = true;
        }

        os = Unversioned(os);
        if (OsAliases.TryGetValue(os, out var goOs))
        {
            os = goOs;
        }

        string? goArm = null;
        if (ArmVersions.TryGetValue(arch, out var armVersion))
        {
            arch = "arm";
            goArm = armVersion;
        }
        else if (ArchAliases.TryGetValue(arch, out var goArch))
        {
            arch = goArch;
        }

        if (isStatic && os != "linux")
        {
            return null;
        }

        return GoPorts.Contains((os, arch))
            ? new RuntimeIdentifierMapping(rid, os, arch, goArm ?? (os == "linux" && arch == "arm" ? "7" : null), isStatic)
            : null;
    }

    /// <summary>
    /// The portable runtime identifier of a Go target, for NuGet's runtimes/&lt;rid&gt;/native/ folders: the table's .NET RID
    /// when there is one (linux/arm with GOARM=7 is linux-arm, a static linux build linux-musl-*), else the target in
    /// .NET's names (openbsd/amd64 → openbsd-x64, linux/arm with GOARM=5 → linux-armv5).
    /// </summary>
    public static string ForTarget(string goOs, string goArch, string? goArm, bool isStatic)
    {
        var arm = goArch == "arm" ? (goArm ?? "7").Split(',')[0] : null;
        var known = DotNet.FirstOrDefault(m => m.GoOs == goOs && m.GoArch == goArch && m.Static == isStatic && (arm is null || m.GoArm == arm));
        if (known is not null)
        {
            return known.RuntimeIdentifier;
        }

        var os = OsAliases.FirstOrDefault(a => a.Value == goOs && a.Key != "macos").Key ?? goOs;
        var processor = arm is not null
            ? "armv" + arm
            : ArchAliases.FirstOrDefault(a => a.Value == goArch).Key ?? goArch;
        return os + (isStatic ? "-musl-" : "-") + processor;
    }

    /// <summary>Whether Go builds for <paramref name="goOs"/>/<paramref name="goArch"/> (GoOS/GoArch properties).</summary>
    public static bool IsGoPort(string goOs, string goArch) => GoPorts.Contains((goOs, goArch));

    /// <summary>The error text's list: every .NET RID, then the Go-only forms.</summary>
    public static string SupportedList()
    {
        var dotNet = string.Join(", ", DotNet.Select(m => m.RuntimeIdentifier));
        var goOnly = GoPorts
            .Where(p => !DotNet.Any(m => m.GoOs == p.GoOs && m.GoArch == p.GoArch && !m.Static))
            .Select(p => $"{p.GoOs}-{(p.GoArch == "amd64" ? "x64" : p.GoArch == "386" ? "x86" : p.GoArch)}");
        return $"{dotNet}; and Go's other targets as <os>-<arch>: {string.Join(", ", goOnly)}";
    }

    // "win10" → "win", "osx.13" → "osx", "freebsd.14" → "freebsd": the RIDs .NET used before version 8.
    private static string Unversioned(string os)
    {
        var dot = os.IndexOf('.');
        if (dot > 0)
        {
            os = os.Substring(0, dot);
        }

        if (os.StartsWith("win", StringComparison.Ordinal) && os.Length > 3 && os.Substring(3).All(char.IsDigit))
        {
            return "win";
        }

        return os;
    }
}
