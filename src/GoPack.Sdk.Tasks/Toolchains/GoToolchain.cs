using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Toolchains;

/// <summary>An installed Go toolchain, found without running it when it has a VERSION file.</summary>
/// <param name="GoRoot">The toolchain's root directory (the one holding bin/, src/ and VERSION).</param>
/// <param name="GoExecutable">The full path of bin/go (bin\go.exe on Windows).</param>
/// <param name="Version">
/// From the first line of $GOROOT/VERSION, or, when that file is missing and the locator has a probe, from
/// <c>go env GOVERSION</c>; null when neither names a release (e.g. a development build).
/// </param>
/// <param name="Source">Where it was found, for messages: "GoRoot property", "PATH (/usr/bin/go)", "/usr/lib/go-*", "PATH go1.22.3 wrapper (/home/me/go/bin/go1.22.3)".</param>
public sealed record GoToolchain(string GoRoot, string GoExecutable, GoVersion? Version, string Source);
