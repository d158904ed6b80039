using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Toolchains.Download;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit.Download;

public sealed class ToolchainCacheTests : IDisposable
{
    private static readonly GoArchivePlatform Linux = new("linux", "amd64");
    private readonly TempDirectory _temp = new("gopack-cache");

    public void Dispose() => _temp.Dispose();

    private string Root => _temp.Combine("toolchains");

    private string MakeEntry(string name, bool complete = true, string executable = "go")
    {
        var entry = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.Combine(entry, "bin"));
        File.WriteAllText(Path.Combine(entry, "bin", executable), "#!/bin/sh\n");
        File.WriteAllText(Path.Combine(entry, "VERSION"), name.Split('.')[0] + "\n");
        if (complete)
        {
            File.WriteAllText(Path.Combine(entry, ToolchainCache.CompleteMarkerFileName), "sha256=x\n");
        }

        return entry;
    }

    [Fact]
    public void The_default_root_is_under_the_users_profile()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(Path.Combine(home, ".gopack", "toolchains"), ToolchainCache.GetDefaultRoot());
        Assert.Equal(Path.Combine(home, ".gopack", "toolchains"), new ToolchainCache().Root);
        Assert.Equal(Path.Combine(home, ".gopack", "toolchains"), new ToolchainCache(" ").Root);
        Assert.Equal(Path.Combine("/home/u", ".gopack", "toolchains"), ToolchainCache.GetDefaultRoot("/home/u"));
        Assert.Throws<InvalidOperationException>(() => ToolchainCache.GetDefaultRoot(""));
    }

    [Fact]
    public void Entries_locks_and_paths_follow_the_layout()
    {
        var cache = new ToolchainCache(Root);
        var version = GoVersion.Parse("1.22.3");

        Assert.Equal(Root, cache.Root);
        Assert.Equal(Path.Combine(Root, "go1.22.3.linux-amd64"), cache.GetEntryPath(version, Linux));
        Assert.Equal(Path.Combine(Root, "go1.22.3.linux-armv6l"), cache.GetEntryPath(version, new GoArchivePlatform("linux", "arm")));
        Assert.Equal(Path.Combine(Root, "go1.20.windows-amd64"), cache.GetEntryPath(GoVersion.Parse("1.20.0"), new GoArchivePlatform("windows", "amd64")));
        Assert.Equal(Path.Combine(Root, ".locks", "go1.22.3.linux-amd64.lock"), cache.GetLockPath(version, Linux));
    }

    [Fact]
    public void A_relative_root_is_made_absolute()
    {
        Assert.Equal(Path.GetFullPath("relative-cache"), new ToolchainCache("relative-cache").Root);
    }

    [Fact]
    public void Find_returns_a_complete_entry_as_a_toolchain()
    {
        var entry = MakeEntry("go1.22.3.linux-amd64");
        var cache = new ToolchainCache(Root);

        var toolchain = cache.Find(GoVersion.Parse("1.22.3"), "linux", "amd64");

        Assert.NotNull(toolchain);
        Assert.Equal(entry, toolchain!.GoRoot);
        Assert.Equal(Path.Combine(entry, "bin", "go"), toolchain.GoExecutable);
        Assert.Equal(GoVersion.Parse("1.22.3"), toolchain.Version);
        Assert.Equal($"GoPack cache ({entry})", toolchain.Source);
    }

    [Fact]
    public void An_entry_without_its_marker_is_never_used()
    {
        MakeEntry("go1.22.3.linux-amd64", complete: false);
        var cache = new ToolchainCache(Root);

        Assert.Null(cache.Find(GoVersion.Parse("1.22.3"), Linux));
        Assert.Empty(cache.EnumerateInstalled(Linux));
        Assert.Empty(cache.EnumerateEntries());
        Assert.False(ToolchainCache.IsComplete(Path.Combine(Root, "go1.22.3.linux-amd64")));
    }

    [Fact]
    public void An_entry_without_bin_go_is_not_a_toolchain()
    {
        var entry = MakeEntry("go1.22.3.linux-amd64");
        File.Delete(Path.Combine(entry, "bin", "go"));
        var cache = new ToolchainCache(Root);

        Assert.Null(cache.Find(GoVersion.Parse("1.22.3"), Linux));
        Assert.Empty(cache.EnumerateInstalled(Linux));
    }

    [Fact]
    public void Find_matches_version_and_platform_exactly()
    {
        MakeEntry("go1.22.3.linux-amd64");
        MakeEntry("go1.20.linux-amd64");
        var cache = new ToolchainCache(Root);

        Assert.Null(cache.Find(GoVersion.Parse("1.22"), Linux));
        Assert.Null(cache.Find(GoVersion.Parse("1.22.4"), Linux));
        Assert.Null(cache.Find(GoVersion.Parse("1.22.3"), "linux", "arm64"));
        Assert.Null(cache.Find(GoVersion.Parse("1.22.3"), "darwin", "amd64"));
        Assert.NotNull(cache.Find(GoVersion.Parse("1.20.0"), Linux));
    }

    [Fact]
    public void Windows_entries_use_go_exe()
    {
        var entry = MakeEntry("go1.22.3.windows-amd64", executable: "go.exe");
        var cache = new ToolchainCache(Root);

        var toolchain = cache.Find(GoVersion.Parse("1.22.3"), "windows", "amd64");

        Assert.Equal(Path.Combine(entry, "bin", "go.exe"), toolchain?.GoExecutable);
    }

    [Fact]
    public void EnumerateInstalled_lists_complete_entries_of_the_platform_newest_first()
    {
        MakeEntry("go1.9.linux-amd64");
        MakeEntry("go1.10.linux-amd64");
        MakeEntry("go1.22.3.linux-amd64");
        MakeEntry("go1.21rc2.linux-amd64");
        MakeEntry("go1.21.0.linux-amd64");
        MakeEntry("go1.23.0.linux-amd64", complete: false);
        MakeEntry("go1.23.1.darwin-arm64");
        MakeEntry(".tmp-go1.23.2.linux-amd64-0123456789ab");
        MakeEntry("go1.20.0.linux-amd64");
        MakeEntry("not-a-toolchain");
        MakeEntry("go1.22.3.linux-amd64.old");
        Directory.CreateDirectory(Path.Combine(Root, ".locks"));
        File.WriteAllText(Path.Combine(Root, "go1.24.0.linux-amd64"), "a file, not an entry");
        var cache = new ToolchainCache(Root);

        var installed = cache.EnumerateInstalled(Linux).ToList();

        Assert.Equal(new[] { "go1.22.3", "go1.21.0", "go1.21rc2", "go1.10", "go1.9" }, installed.Select(t => t.Version!.ReleaseName));
        Assert.All(installed, t => Assert.Equal($"GoPack cache ({t.GoRoot})", t.Source));
        Assert.Equal(
            new[] { "go1.23.1.darwin-arm64", "go1.22.3.linux-amd64", "go1.21.0.linux-amd64", "go1.21rc2.linux-amd64", "go1.10.linux-amd64", "go1.9.linux-amd64" },
            cache.EnumerateEntries().Select(e => Path.GetFileName(e.Path)));
    }

    [Fact]
    public void EnumerateInstalled_without_a_platform_uses_the_host()
    {
        var host = GoArchivePlatform.Host();
        MakeEntry("go1.22.3." + host.Name, executable: host.ExecutableName);
        MakeEntry("go1.22.3.plan9-amd64");

        var toolchain = Assert.Single(new ToolchainCache(Root).EnumerateInstalled());

        Assert.Equal(Path.Combine(Root, "go1.22.3." + host.Name), toolchain.GoRoot);
    }

    [Fact]
    public void A_missing_root_has_nothing_installed()
    {
        var cache = new ToolchainCache(_temp.Combine("nowhere"));

        Assert.Empty(cache.EnumerateInstalled(Linux));
        Assert.Null(cache.Find(GoVersion.Parse("1.22.3"), Linux));
    }

    [Theory]
    [InlineData("go1.22.3.linux-amd64", "1.22.3", "linux-amd64")]
    [InlineData("go1.20.linux-armv6l", "1.20", "linux-armv6l")]
    [InlineData("go1.21rc2.windows-386", "1.21rc2", "windows-386")]
    public void Entry_names_are_read_back(string name, string version, string platform)
    {
        Assert.True(ToolchainCache.TryParseEntryName(name, out var v, out var p));
        Assert.Equal(GoVersion.Parse(version), v);
        Assert.Equal(platform, p!.Name);
    }

    [Theory]
    [InlineData("go1.20.0.linux-amd64")]
    [InlineData("go1.22.3")]
    [InlineData("1.22.3.linux-amd64")]
    [InlineData("go1.22.3.linux-amd64.tar.gz")]
    [InlineData("go1.22.3.linux-arm")]
    [InlineData(".tmp-go1.22.3.linux-amd64-abc")]
    public void Other_names_are_not_entries(string name)
    {
        Assert.False(ToolchainCache.TryParseEntryName(name, out _, out _));
    }
}
