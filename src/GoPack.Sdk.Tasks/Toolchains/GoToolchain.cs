namespace GoPack.Sdk.Toolchains
{
    /// <summary>An installed Go toolchain, found without running it.</summary>
    /// <param name="GoRoot">The toolchain's root directory (the one holding bin/, src/ and VERSION).</param>
    /// <param name="GoExecutable">The full path of bin/go (bin\go.exe on Windows).</param>
    /// <param name="Version">From the first line of $GOROOT/VERSION; null when that file is missing or unreadable (e.g. a development build).</param>
    /// <param name="Source">Where it was found, for messages: "GoRoot property", "PATH (/usr/bin/go)", "/usr/lib/go-*".</param>
    public sealed record GoToolchain(string GoRoot, string GoExecutable, GoVersion? Version, string Source);
}
