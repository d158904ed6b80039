using System.Runtime.InteropServices;
using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Toolchains.Download;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit.Download;

public sealed class GoArchivePlatformTests
{
    [Theory]
    [InlineData("linux", "amd64", "1.22.3", "go1.22.3.linux-amd64.tar.gz")]
    [InlineData("linux", "arm64", "1.22.3", "go1.22.3.linux-arm64.tar.gz")]
    [InlineData("linux", "386", "1.22.3", "go1.22.3.linux-386.tar.gz")]
    [InlineData("linux", "arm", "1.22.3", "go1.22.3.linux-armv6l.tar.gz")]
    [InlineData("darwin", "arm64", "1.22.3", "go1.22.3.darwin-arm64.tar.gz")]
    [InlineData("darwin", "amd64", "1.21rc2", "go1.21rc2.darwin-amd64.tar.gz")]
    [InlineData("windows", "amd64", "1.22.3", "go1.22.3.windows-amd64.zip")]
    [InlineData("windows", "386", "1.20", "go1.20.windows-386.zip")]
    [InlineData("windows", "arm64", "1.21.0", "go1.21.0.windows-arm64.zip")]
    [InlineData("freebsd", "amd64", "1.20.0", "go1.20.freebsd-amd64.tar.gz")]
    [InlineData("freebsd", "arm", "1.22.3", "go1.22.3.freebsd-arm.tar.gz")]
    public void Archive_file_names_follow_Go(string goos, string goarch, string version, string expected)
    {
        var platform = new GoArchivePlatform(goos, goarch);

        Assert.Equal(expected, platform.GetArchiveFileName(GoVersion.Parse(version)));
        Assert.Equal(expected.Substring(0, expected.Length - platform.ArchiveExtension.Length), platform.GetToolchainName(GoVersion.Parse(version)));
    }

    [Fact]
    public void Windows_uses_zip_and_go_exe_everything_else_tar_gz_and_go()
    {
        var windows = new GoArchivePlatform("windows", "amd64");
        var linux = new GoArchivePlatform("linux", "amd64");

        Assert.Equal((true, ".zip", "go.exe"), (windows.IsWindows, windows.ArchiveExtension, windows.ExecutableName));
        Assert.Equal((false, ".tar.gz", "go"), (linux.IsWindows, linux.ArchiveExtension, linux.ExecutableName));
    }

    [Fact]
    public void Armv6l_is_read_as_arm_and_written_back_only_for_linux()
    {
        var fromArchiveName = new GoArchivePlatform("linux", "armv6l");

        Assert.Equal("arm", fromArchiveName.GoArch);
        Assert.Equal("armv6l", fromArchiveName.ArchiveArch);
        Assert.Equal("linux-armv6l", fromArchiveName.Name);
        Assert.Equal(new GoArchivePlatform("linux", "arm"), fromArchiveName);
        Assert.Equal("arm", new GoArchivePlatform("freebsd", "arm").ArchiveArch);
    }

    [Theory]
    [InlineData("linux-x64", "linux-amd64")]
    [InlineData("linux-musl-arm64", "linux-arm64")]
    [InlineData("linux-arm", "linux-armv6l")]
    [InlineData("linux-x86", "linux-386")]
    [InlineData("win-x64", "windows-amd64")]
    [InlineData("win-x86", "windows-386")]
    [InlineData("win-arm64", "windows-arm64")]
    [InlineData("osx-arm64", "darwin-arm64")]
    [InlineData("osx-x64", "darwin-amd64")]
    [InlineData("freebsd-x64", "freebsd-amd64")]
    public void Runtime_identifiers_map_to_archive_platforms(string rid, string expected)
    {
        Assert.Equal(expected, GoArchivePlatform.FromRuntimeIdentifier(rid)?.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("linux")]
    [InlineData("tizen-x64")]
    [InlineData("linux-sparc")]
    public void Unknown_runtime_identifiers_give_null(string rid)
    {
        Assert.Null(GoArchivePlatform.FromRuntimeIdentifier(rid));
    }

    [Fact]
    public void Host_is_GoHostPlatform()
    {
        var host = GoArchivePlatform.Host();

        Assert.Equal(GoHostPlatform.GoOs(), host.GoOs);
        Assert.Equal(GoHostPlatform.GoArch(), host.GoArch);
        Assert.Equal(OperatingSystem.IsWindows() ? ".zip" : ".tar.gz", host.ArchiveExtension);
        Assert.Equal(RuntimeInformation.OSArchitecture == Architecture.X64 ? "amd64" : host.GoArch, host.GoArch);
    }

    [Theory]
    [InlineData("", "amd64")]
    [InlineData("linux", "")]
    [InlineData("../x", "amd64")]
    [InlineData("linux", "amd64/../..")]
    [InlineData("Linux", "amd64")]
    [InlineData("linux", "amd 64")]
    public void Names_that_could_form_paths_are_refused(string goos, string goarch)
    {
        Assert.Throws<ArgumentException>(() => new GoArchivePlatform(goos, goarch));
    }

    [Theory]
    [InlineData("linux-amd64", "linux", "amd64")]
    [InlineData("linux-armv6l", "linux", "arm")]
    [InlineData("windows-386", "windows", "386")]
    public void TryParse_reads_platform_names(string name, string goos, string goarch)
    {
        Assert.True(GoArchivePlatform.TryParse(name, out var platform));
        Assert.Equal((goos, goarch), (platform!.GoOs, platform.GoArch));
        Assert.Equal(name, platform.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("linux")]
    [InlineData("linux-")]
    [InlineData("-amd64")]
    [InlineData("linux-amd64-extra")]
    [InlineData("Linux-amd64")]
    public void TryParse_refuses_other_text(string? name)
    {
        Assert.False(GoArchivePlatform.TryParse(name, out _));
    }
}
