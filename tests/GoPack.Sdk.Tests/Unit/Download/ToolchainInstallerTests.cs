using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using GoPack.Sdk.Tests.Infrastructure;
using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Toolchains.Download;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit.Download;

public sealed class ToolchainInstallerTests : IDisposable
{
    private const string ArchiveName = "go1.22.3.linux-amd64.tar.gz";
    private static readonly GoVersion Version = GoVersion.Parse("1.22.3");
    private static readonly GoArchivePlatform Linux = new("linux", "amd64");

    private readonly TempDirectory _temp = new("gopack-install");
    private readonly LoopbackServer _server = new();

    // Never the system proxy: these requests must reach the loopback server and nothing else.
    private readonly HttpClient _http = new(new HttpClientHandler { UseProxy = false });

    public ToolchainInstallerTests()
    {
        Cache = new ToolchainCache(_temp.Combine("toolchains"));
    }

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
        _temp.Dispose();
    }

    private ToolchainCache Cache { get; }

    private ToolchainInstaller Installer(RecordingProgress? progress = null) => new(Cache, progress, _http);

    /// <summary>What the cache root holds apart from lock files and the go.mod stopper: must stay empty after a failed install.</summary>
    private string[] CacheContent() =>
        Directory.Exists(Cache.Root)
            ? Directory.GetFileSystemEntries(Cache.Root).Select(p => Path.GetFileName(p)).Where(n => n != ToolchainCache.LocksDirectoryName && n != ToolchainCache.ModuleStopperFileName).ToArray()
            : Array.Empty<string>();

    [Fact]
    public async Task Install_downloads_verifies_and_installs_an_entry_with_its_marker()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve(ArchiveName, archive);
        var progress = new RecordingProgress();

        var toolchain = await Installer(progress).InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None);

        var entry = Path.Combine(Cache.Root, "go1.22.3.linux-amd64");
        Assert.Equal(entry, toolchain.GoRoot);
        Assert.Equal(Path.Combine(entry, "bin", "go"), toolchain.GoExecutable);
        Assert.Equal(Version, toolchain.Version);
        Assert.Equal($"GoPack cache ({entry})", toolchain.Source);
        Assert.StartsWith("go1.22.3\n", File.ReadAllText(Path.Combine(entry, "VERSION")));
        var marker = File.ReadAllText(Path.Combine(entry, ToolchainCache.CompleteMarkerFileName));
        Assert.Contains($"sha256={FakeGo.Sha256(archive)}\n", marker);
        Assert.Contains($"url={_server.Url(ArchiveName)}\n", marker);
        Assert.Contains("version=go1.22.3\n", marker);
        Assert.Equal(new[] { "go1.22.3.linux-amd64" }, CacheContent());
        Assert.Equal(1, _server.RequestCount(ArchiveName));
        Assert.Equal(toolchain, Cache.Find(Version, Linux));
    }

    [Fact]
    public async Task The_installed_go_is_executable()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve(ArchiveName, archive);

        var toolchain = await Installer().InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None);

        var process = Process.Start(new ProcessStartInfo(toolchain.GoExecutable, "version") { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal("go version go1.22.3 linux/amd64", output.Trim());
    }

    [Fact]
    public async Task Progress_ends_with_one_line_giving_version_size_source_and_time()
    {
        var archive = FakeGo.TarGz("go1.22.3", paddingBytes: 300_000);
        _server.Serve(ArchiveName, archive);
        var progress = new RecordingProgress();

        await Installer(progress).InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None);

        var url = _server.Url(ArchiveName);
        Assert.Equal($"Downloading go1.22.3 for linux-amd64 (0.3 MB) from {url}", progress.Messages[0]);
        // A fast download says nothing in between: progress is timed (every 2 s), not per chunk.
        Assert.Equal(3, progress.Messages.Count);
        Assert.Matches(new Regex(@"^Downloaded go1\.22\.3 \(0\.3 MB\) from " + Regex.Escape(url.ToString()) + @" in \d+\.\d s$"), progress.Messages[1]);
        Assert.Equal($"Installed go1.22.3.linux-amd64 in {Path.Combine(Cache.Root, "go1.22.3.linux-amd64")}", progress.Messages[2]);
        Assert.Equal((archive.Length, (long?)archive.Length), Assert.Single(progress.ProgressCalls));
    }

    [Fact]
    public async Task Progress_lines_give_percent_and_megabytes()
    {
        var archive = FakeGo.TarGz("go1.22.3", paddingBytes: 400_000);
        _server.Serve(ArchiveName, archive);
        var progress = new RecordingProgress();
        var installer = Installer(progress);
        installer.ProgressInterval = TimeSpan.Zero;

        await installer.InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None);

        var lines = progress.Messages.Where(m => m.StartsWith("Downloading go1.22.3:", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(@"^Downloading go1\.22\.3: \d{1,3}% \(\d+\.\d of 0\.4 MB\)$", line));
        Assert.Equal("Downloading go1.22.3: 100% (0.4 of 0.4 MB)", lines[^1]);
        var received = progress.ProgressCalls.Select(p => p.Received).ToArray();
        Assert.Equal(received.OrderBy(r => r), received);
        Assert.All(progress.ProgressCalls, p => Assert.Equal(archive.Length, p.Total));
    }

    [Fact]
    public async Task An_installed_toolchain_is_reused_without_the_network()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve(ArchiveName, archive);
        var first = await Installer().InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None);
        _server.Dispose();
        var progress = new RecordingProgress();

        var second = await Installer(progress).InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Empty(progress.Messages);
    }

    [Fact]
    public async Task Concurrent_installs_download_once_and_share_the_result()
    {
        var archive = FakeGo.TarGz("go1.22.3", paddingBytes: 100_000);
        // Slow enough that the second install finds the first one holding the lock.
        _server.Serve(ArchiveName, archive, delay: TimeSpan.FromMilliseconds(700));
        var progress = new RecordingProgress();
        var file = FakeGo.LinuxFile(archive);

        // Separate installers, as separate builds would have.
        var installs = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => Installer(progress).InstallAsync(file, _server.BaseUri, CancellationToken.None)))
            .ToArray();
        var results = await Task.WhenAll(installs).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, _server.RequestCount(ArchiveName));
        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Equal(new[] { "go1.22.3.linux-amd64" }, CacheContent());
        Assert.Contains(progress.Messages, m => m.StartsWith("Waiting for another build to download go1.22.3.linux-amd64", StringComparison.Ordinal));
        Assert.Contains(progress.Messages, m => m.StartsWith("Using go1.22.3.linux-amd64, installed by another build", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_sha256_installs_nothing_and_says_what_to_configure()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve(ArchiveName, archive);
        var file = FakeGo.LinuxFile(archive, sha256: new string('0', 64));

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() => Installer().InstallAsync(file, _server.BaseUri, CancellationToken.None));

        Assert.Equal(_server.Url(ArchiveName), e.Url);
        Assert.Contains(FakeGo.Sha256(archive), e.Message);
        Assert.Contains(new string('0', 64), e.Message);
        Assert.Contains(_server.Url(ArchiveName).ToString(), e.Message);
        Assert.Contains("nothing was installed", e.Message);
        Assert.Contains("GOPACK_GO_DOWNLOAD_BASE", e.Message);
        Assert.Contains("GoToolchainFeed", e.Message);
        // Issue 7: the download error no longer sends users to GoToolchainPolicy=local (which only fails the other
        // way for a toolchain that isn't installed); ResolveGoToolchain adds what builds without the download.
        Assert.DoesNotContain("GoToolchainPolicy=local", e.Message);
        Assert.Empty(CacheContent());
        Assert.Null(Cache.Find(Version, Linux));
    }

    [Fact]
    public async Task A_download_cut_off_midway_installs_nothing_and_the_next_install_succeeds()
    {
        var archive = FakeGo.TarGz("go1.22.3", paddingBytes: 200_000);
        _server.Serve(ArchiveName, archive, cutAfterBytes: archive.Length / 2);
        var file = FakeGo.LinuxFile(archive);

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() => Installer().InstallAsync(file, _server.BaseUri, CancellationToken.None));

        Assert.Equal(_server.Url(ArchiveName), e.Url);
        Assert.StartsWith($"Could not download go1.22.3 from {_server.Url(ArchiveName)}: ", e.Message);
        Assert.Empty(CacheContent());

        _server.Serve(ArchiveName, archive);
        var toolchain = await Installer().InstallAsync(file, _server.BaseUri, CancellationToken.None);

        Assert.True(ToolchainCache.IsComplete(toolchain.GoRoot));
        Assert.Equal(2, _server.RequestCount(ArchiveName));
    }

    [Fact]
    public async Task Leftovers_of_a_killed_install_are_cleaned_up_and_never_used()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve(ArchiveName, archive);
        // What a build killed at various points leaves: a partial download, a partial extraction, and (from a
        // tool that does not rename atomically) an entry without its marker.
        Directory.CreateDirectory(Cache.Root);
        File.WriteAllText(Path.Combine(Cache.Root, ".tmp-go1.22.3.linux-amd64-0123456789ab.tar.gz"), "partial");
        Directory.CreateDirectory(Path.Combine(Cache.Root, ".tmp-go1.22.3.linux-amd64-ba9876543210", "bin"));
        var incomplete = Path.Combine(Cache.Root, "go1.22.3.linux-amd64");
        Directory.CreateDirectory(Path.Combine(incomplete, "bin"));
        File.WriteAllText(Path.Combine(incomplete, "bin", "go"), "half-written");
        // Another entry's temporary files may belong to a live install: they are left alone.
        var other = Path.Combine(Cache.Root, ".tmp-go1.21.0.linux-amd64-0123456789ab.tar.gz");
        File.WriteAllText(other, "someone else's");
        Assert.Null(Cache.Find(Version, Linux));

        var toolchain = await Installer().InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None);

        Assert.Equal(FakeGo.Script("go1.22.3"), File.ReadAllText(toolchain.GoExecutable));
        Assert.Equal(new[] { ".tmp-go1.21.0.linux-amd64-0123456789ab.tar.gz", "go1.22.3.linux-amd64" }, CacheContent().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_missing_archive_names_the_URL_and_the_status()
    {
        var archive = FakeGo.TarGz("go1.22.3");

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() =>
            Installer().InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None));

        Assert.Equal(_server.Url(ArchiveName), e.Url);
        Assert.Contains($"Could not download go1.22.3 from {_server.Url(ArchiveName)}: the server answered 404", e.Message);
        Assert.Empty(CacheContent());
    }

    [Fact]
    public async Task A_server_error_status_is_a_download_error()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve(ArchiveName, archive, status: 503);

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() =>
            Installer().InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None));

        Assert.Contains("the server answered 503", e.Message);
    }

    [Fact]
    public async Task An_unreachable_server_names_the_URL()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        var baseUri = _server.BaseUri;
        _server.Dispose();

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() =>
            Installer().InstallAsync(FakeGo.LinuxFile(archive), baseUri, CancellationToken.None));

        Assert.Equal(new Uri(baseUri, ArchiveName), e.Url);
        Assert.StartsWith($"Could not download go1.22.3 from {new Uri(baseUri, ArchiveName)}: ", e.Message);
        Assert.IsAssignableFrom<HttpRequestException>(e.InnerException);
        Assert.Empty(CacheContent());
    }

    [Fact]
    public async Task A_stalled_download_times_out()
    {
        var archive = FakeGo.TarGz("go1.22.3", paddingBytes: 100_000);
        _server.Serve(ArchiveName, archive, stallAfterBytes: 1000);
        var installer = Installer();
        installer.StallTimeout = TimeSpan.FromMilliseconds(500);

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() =>
            installer.InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None));

        Assert.Contains("nothing was received for 0.5 s", e.Message);
        Assert.Empty(CacheContent());
    }

    [Fact]
    public async Task A_size_other_than_the_feeds_installs_nothing()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve(ArchiveName, archive);

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() =>
            Installer().InstallAsync(FakeGo.LinuxFile(archive, size: archive.Length + 1), _server.BaseUri, CancellationToken.None));

        Assert.Contains($"gave {archive.Length} bytes, but the Go release feed says {archive.Length + 1}", e.Message);
        Assert.Empty(CacheContent());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-hash")]
    [InlineData("zz20ea521bad8f6b7bc377b4824982e011c19af27df88a815e3586ea895f1b36")]
    public async Task Without_a_valid_sha256_nothing_is_downloaded(string sha256)
    {
        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve(ArchiveName, archive);
        var file = FakeGo.LinuxFile(archive) with { Sha256 = sha256 };

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() => Installer().InstallAsync(file, _server.BaseUri, CancellationToken.None));

        Assert.Contains("no valid SHA-256", e.Message);
        Assert.Equal(0, _server.TotalRequests);
    }

    [Fact]
    public async Task A_feed_file_name_that_is_a_path_is_refused()
    {
        var file = FakeGo.LinuxFile(FakeGo.TarGz()) with { FileName = "../../etc/go.tar.gz" };

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() => Installer().InstallAsync(file, _server.BaseUri, CancellationToken.None));

        Assert.Contains("not a plain file name", e.Message);
        Assert.Equal(0, _server.TotalRequests);
    }

    [Fact]
    public async Task A_verified_but_malicious_archive_is_refused_and_nothing_is_installed()
    {
        var archive = FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarFile("go/bin/go", "#!/bin/sh\n", FakeGo.Executable));
            writer.WriteEntry(FakeGo.TarFile("go/../../../evil", "evil"));
        });
        _server.Serve(ArchiveName, archive);

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() =>
            Installer().InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None));

        Assert.IsType<InvalidDataException>(e.InnerException);
        Assert.Contains("'go/../../../evil'", e.Message);
        Assert.Empty(CacheContent());
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_temp.Path), p => Path.GetFileName(p) == "evil");
    }

    [Fact]
    public async Task An_archive_without_bin_go_is_not_installed()
    {
        var archive = FakeGo.TarGz(writer => writer.WriteEntry(FakeGo.TarFile("go/VERSION", "go1.22.3\n")));
        _server.Serve(ArchiveName, archive);

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() =>
            Installer().InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None));

        Assert.Contains("has no go/bin/go", e.Message);
        Assert.Empty(CacheContent());
    }

    [Fact]
    public async Task Cancellation_is_not_a_download_error_and_installs_nothing()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve(ArchiveName, archive, delay: TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Installer().InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, cancellation.Token));

        Assert.Empty(CacheContent());
    }

    [Fact]
    public async Task A_Windows_zip_installs_with_go_exe()
    {
        var archive = FakeGo.Zip("go1.22.3");
        _server.Serve("go1.22.3.windows-amd64.zip", archive);
        var file = new GoReleaseFile("go1.22.3.windows-amd64.zip", "windows", "amd64", Version, FakeGo.Sha256(archive), archive.Length, "archive");

        var toolchain = await Installer().InstallAsync(file, _server.BaseUri, CancellationToken.None);

        Assert.Equal(Path.Combine(Cache.Root, "go1.22.3.windows-amd64", "bin", "go.exe"), toolchain.GoExecutable);
        Assert.Equal(toolchain, Cache.Find(Version, "windows", "amd64"));
    }

    [Fact]
    public async Task An_armv6l_archive_is_cached_under_its_archive_name()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve("go1.22.3.linux-armv6l.tar.gz", archive);
        var file = new GoReleaseFile("go1.22.3.linux-armv6l.tar.gz", "linux", "armv6l", Version, FakeGo.Sha256(archive), archive.Length, "archive");

        var toolchain = await Installer().InstallAsync(file, _server.BaseUri, CancellationToken.None);

        Assert.Equal(Path.Combine(Cache.Root, "go1.22.3.linux-armv6l"), toolchain.GoRoot);
        Assert.Equal(toolchain, Cache.Find(Version, "linux", "arm"));
    }

    [Fact]
    public async Task File_URLs_serve_an_offline_mirror()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        var mirror = Directory.CreateDirectory(_temp.Combine("mirror")).FullName;
        File.WriteAllBytes(Path.Combine(mirror, ArchiveName), archive);
        File.WriteAllText(Path.Combine(mirror, "dl.json"), FakeGo.FeedJson(FakeGo.ReleaseJson("go1.22.3", true,
            FakeGo.FileJson(ArchiveName, "linux", "amd64", "go1.22.3", FakeGo.Sha256(archive), archive.Length))));
        var source = GoDownloadSource.Parse(mirror);
        var installer = Installer();

        var feed = await installer.GetFeedAsync(source.FeedUri, CancellationToken.None);
        var file = feed.FindArchive(Version, Linux)!;
        var toolchain = await installer.InstallAsync(file, source.ArchiveBaseUri, CancellationToken.None);

        Assert.Equal(Version, toolchain.Version);
        Assert.Contains($"url={new Uri(Path.Combine(mirror, ArchiveName)).AbsoluteUri}", File.ReadAllText(Path.Combine(toolchain.GoRoot, ToolchainCache.CompleteMarkerFileName)));
    }

    [Fact]
    public async Task A_missing_file_in_an_offline_mirror_names_it()
    {
        var mirror = Directory.CreateDirectory(_temp.Combine("mirror")).FullName;
        var source = GoDownloadSource.Parse(mirror);

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() => Installer().GetFeedAsync(source.FeedUri, CancellationToken.None));

        Assert.Equal(source.FeedUri, e.Url);
        Assert.StartsWith($"Could not download the Go release feed from {source.FeedUri}", e.Message);
    }

    [Fact]
    public async Task The_feed_is_fetched_and_parsed_from_a_mirror_folder()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve("go/dl.json", FakeGo.FeedJson(
            FakeGo.ReleaseJson("go1.22.3", true, FakeGo.FileJson(ArchiveName, "linux", "amd64", "go1.22.3", FakeGo.Sha256(archive), archive.Length)),
            FakeGo.ReleaseJson("go1.22.2", true)));
        _server.Serve("go/" + ArchiveName, archive);
        var source = GoDownloadSource.Parse(_server.Url("go").ToString());

        var installer = Installer();
        var feed = await installer.GetFeedAsync(source.FeedUri, CancellationToken.None);
        var release = feed.SelectNewest(GoVersion.Parse("1.22"), exact: false, platform: Linux)!;
        var toolchain = await installer.InstallAsync(release.FindArchive(Linux)!, source.ArchiveBaseUri, CancellationToken.None);

        Assert.Equal(new[] { "go1.22.3", "go1.22.2" }, feed.Releases.Select(r => r.Version.ReleaseName));
        Assert.Equal(Version, toolchain.Version);
        Assert.Equal(1, _server.RequestCount("go/dl.json"));
        Assert.Equal(1, _server.RequestCount("go/" + ArchiveName));
    }

    [Fact]
    public async Task A_feed_that_is_not_JSON_is_a_download_error_naming_the_URL()
    {
        _server.Serve("dl.json", "<!DOCTYPE html><html><body>Sign in to the proxy</body></html>");

        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() => Installer().GetFeedAsync(_server.Url("dl.json"), CancellationToken.None));

        Assert.Equal(_server.Url("dl.json"), e.Url);
        Assert.Contains($"The Go release feed from {_server.Url("dl.json")} is not usable: The Go release feed is not valid JSON.", e.Message);
        Assert.IsType<FormatException>(e.InnerException);
    }

    [Fact]
    public async Task A_missing_feed_is_a_download_error_naming_the_URL()
    {
        var e = await Assert.ThrowsAsync<ToolchainDownloadException>(() => Installer().GetFeedAsync(_server.Url("dl.json"), CancellationToken.None));

        Assert.Contains($"Could not download the Go release feed from {_server.Url("dl.json")}: the server answered 404", e.Message);
        Assert.Contains("GoToolchainFeed", e.Message);
        Assert.DoesNotContain("GoToolchainPolicy=local", e.Message);
    }

    [Fact]
    public async Task A_lock_held_too_long_is_a_timeout()
    {
        var archive = FakeGo.TarGz("go1.22.3");
        _server.Serve(ArchiveName, archive);
        using var held = (await CrossProcessLock.AcquireAsync(Cache.GetLockPath(Version, Linux), TimeSpan.FromSeconds(5)));
        var installer = Installer();
        installer.LockTimeout = TimeSpan.FromMilliseconds(300);

        await Assert.ThrowsAsync<TimeoutException>(() => installer.InstallAsync(FakeGo.LinuxFile(archive), _server.BaseUri, CancellationToken.None));

        Assert.Equal(0, _server.TotalRequests);
    }
}
