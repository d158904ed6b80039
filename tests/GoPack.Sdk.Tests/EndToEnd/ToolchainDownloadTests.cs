using GoPack.Sdk.Tests.Infrastructure;
using GoPack.Sdk.Toolchains.Download;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Toolchain choice and download through real `dotnet build`s on a machine whose Go is hidden (no go on PATH, no
/// GOROOT, GoToolchainSearchPaths replacing the usual places): a real Go archive served from a loopback mirror, and
/// fake toolchains for Go versions the machine doesn't have.
/// </summary>
public sealed class ToolchainDownloadTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private const string Hello = "hello from a downloaded go";

    [Fact]
    public void A_machine_without_go_downloads_verifies_and_installs_the_requested_go_builds_and_then_builds_offline_from_the_cache()
    {
        var archive = ToolchainArchive.OfRealGo(environment);
        var cache = NewDirectory("cache");
        var entry = Path.Combine(cache, archive.Platform.GetToolchainName(archive.Version));
        var project = environment.CreateProject("dlgo").HideInstalledGo().WriteHelloModule(Hello);
        string mirrorUrl;

        using (var server = Mirror(archive))
        {
            mirrorUrl = server.BaseUrl;
            var build = project.Build([.. DownloadArguments(archive, cache, mirrorUrl), "-v:n"]);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Contains($"Downloaded Go {archive.Version} (", build.Output);
            Assert.Contains($"GOROOT={entry} ", build.Output);
            Assert.Contains($"{entry}/bin/go build", build.Output);
            Assert.Contains($"dlgo -> {project.OutputFile()}", build.Output);
            Assert.Equal(1, server.RequestCount(GoDownloadSource.MirrorFeedFileName));
            Assert.Equal(1, server.RequestCount(archive.FileName));
        }

        Assert.True(File.Exists(Path.Combine(entry, ToolchainCache.CompleteMarkerFileName)));
        Assert.Equal(Hello, project.RunOutput().Output.Trim());

        // The mirror is gone: a changed source builds with the cached toolchain alone.
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"offline\") }\n");
        var offline = project.Build([.. DownloadArguments(archive, cache, mirrorUrl), "-v:n"]);

        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.DoesNotContain("Downloaded Go", offline.Output);
        Assert.Contains($"Go {archive.Version} at {entry} (from GoPack cache)", offline.Output);
        Assert.Equal("offline", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void A_wrong_sha256_is_GOPACK0030_naming_the_url_and_leaves_the_cache_empty()
    {
        var archive = ToolchainArchive.OfRealGo(environment);
        var cache = NewDirectory("cache");
        var project = environment.CreateProject("badsha").HideInstalledGo().WriteHelloModule();
        using var server = new LoopbackServer()
            .ServeFile(archive.FileName, archive.Path)
            .Serve(GoDownloadSource.MirrorFeedFileName, ToolchainArchive.FeedJson((archive, new string('0', 64))));

        var build = project.Build(DownloadArguments(archive, cache, server.BaseUrl));

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error GOPACK0030:", build.Output);
        Assert.Contains($"The SHA-256 of {archive.FileName} downloaded from {server.BaseUrl}{archive.FileName} is {archive.Sha256}", build.Output);
        Assert.Contains("nothing was installed", build.Output);
        Assert.Contains("set the GoToolchainFeed property or the GOPACK_GO_DOWNLOAD_BASE environment variable", build.Output);
        Assert.Empty(CacheContent(cache));
    }

    [Fact]
    public void A_server_dying_mid_download_is_GOPACK0030_and_the_next_build_succeeds()
    {
        var archive = ToolchainArchive.OfRealGo(environment);
        var cache = NewDirectory("cache");
        var project = environment.CreateProject("cut").HideInstalledGo().WriteHelloModule(Hello);
        using var server = Mirror(archive);
        server.CutNextDownloadAfter(archive.FileName, Math.Min(4 * 1024 * 1024, archive.Size / 2));

        var failed = project.Build(DownloadArguments(archive, cache, server.BaseUrl));

        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("error GOPACK0030:", failed.Output);
        Assert.Contains($"from {server.BaseUrl}{archive.FileName}", failed.Output);
        Assert.Empty(CacheContent(cache));

        var retried = project.Build(DownloadArguments(archive, cache, server.BaseUrl));

        Assert.True(retried.ExitCode == 0, retried.ToString());
        Assert.Contains($"Downloaded Go {archive.Version} (", retried.Output);
        Assert.Equal(2, server.RequestCount(archive.FileName));
        Assert.Equal(Hello, project.RunOutput().Output.Trim());
    }

    [Fact]
    public async Task Two_builds_started_together_download_once()
    {
        var archive = ToolchainArchive.OfRealGo(environment);
        var cache = NewDirectory("cache");
        var first = environment.CreateProject("together1").HideInstalledGo().WriteHelloModule("first");
        var second = environment.CreateProject("together2").HideInstalledGo().WriteHelloModule("second");
        using var server = Mirror(archive);
        var arguments = DownloadArguments(archive, cache, server.BaseUrl);

        var builds = await Task.WhenAll(Task.Run(() => first.Build(arguments)), Task.Run(() => second.Build(arguments)));

        Assert.All(builds, build => Assert.True(build.ExitCode == 0, build.ToString()));
        Assert.Equal(1, server.RequestCount(archive.FileName));
        Assert.Single(builds, build => build.Output.Contains($"Downloaded Go {archive.Version} ("));
        Assert.Equal("first", first.RunOutput().Output.Trim());
        Assert.Equal("second", second.RunOutput().Output.Trim());
    }

    [Fact]
    public void Local_policy_with_only_the_installed_go_refuses_a_newer_toolchain_line_naming_both_versions_and_sources()
    {
        var project = environment.CreateProject("toonew").HideInstalledGo().WriteToolchainModule("go1.23.4");

        var build = project.Build("-t:ResolveGoToolchain", "-p:GoToolchainPolicy=local",
            $"-p:GoToolchainSearchPaths={environment.RealGo.GoRoot}", $"-p:GoToolchainCache={NewDirectory("cache")}");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error GOPACK0013: go.mod toolchain line (go.mod:5) requires Go 1.23.4 or newer, " +
            $"but the toolchain found is Go {environment.RealGo.Version} ({environment.RealGo.GoRoot}).", build.Output);
        Assert.Contains("GoToolchainPolicy=local keeps GoPack from downloading Go", build.Output);
    }

    [Fact]
    public void Local_policy_chooses_a_fitting_toolchain_from_the_search_paths_without_starting_it()
    {
        var fakes = NewDirectory("fakes");
        var fake = FakeGoToolchain.CreateToolchain(Path.Combine(fakes, "go-1.23.4"), "1.23.4");
        var project = environment.CreateProject("fake").HideInstalledGo().WriteToolchainModule("go1.23.4");
        // %3B: a plain ';' would end the -p switch's value.
        string[] arguments = ["-p:GoToolchainPolicy=local", $"-p:GoToolchainSearchPaths={environment.RealGo.GoRoot}%3B{fakes}/go-*", $"-p:GoToolchainCache={NewDirectory("cache")}"];

        var list = project.Build(["-t:GoToolchainList", .. arguments]);
        var resolve = project.Build(["-t:ResolveGoToolchain", "-v:n", .. arguments]);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains($"    Go {environment.RealGo.Version}  {environment.RealGo.GoRoot}", list.Output);
        Assert.Contains($"  * Go 1.23.4  {fake} (from {fakes}/go-*)", list.Output);
        Assert.Contains($"A build would use Go 1.23.4 at {fake} (from {fakes}/go-*): it is the first toolchain found that is Go 1.23.4 or newer.", list.Output);
        Assert.True(resolve.ExitCode == 0, resolve.ToString());
        Assert.Contains($"Go 1.23.4 at {fake} (from {fakes}/go-*); the project asks for Go 1.23.4 (from go.mod toolchain line (go.mod:5))", resolve.Output);
        Assert.False(File.Exists(Path.Combine(fake, FakeGoToolchain.InvocationLogName)));
    }

    [Fact]
    public void Auto_policy_downloads_what_a_toolchain_line_needs_with_GoToolchainInstall_and_GoToolchainList_shows_it()
    {
        var archive = ToolchainArchive.Fake(NewDirectory("fake-mirror"), "1.23.4");
        var cache = NewDirectory("cache");
        var entry = Path.Combine(cache, archive.Platform.GetToolchainName(archive.Version));
        using var server = Mirror(archive);
        var project = environment.CreateProject("install").HideInstalledGo().WriteToolchainModule("go1.23.4");
        project.Environment[GoDownloadSource.EnvironmentVariable] = server.BaseUrl;
        string[] arguments = [$"-p:GoToolchainSearchPaths={environment.RealGo.GoRoot}", $"-p:GoToolchainCache={cache}"];

        var before = project.Build(["-t:GoToolchainList", .. arguments]);

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("GoToolchainPolicy=auto", before.Output);
        Assert.Contains($"A build would download the newest stable Go 1.23.x that is 1.23.4 or newer into {cache}: no installed toolchain fits", before.Output);
        Assert.Contains($"Downloads: feed {server.BaseUrl}dl.json, archives {server.BaseUrl}.", before.Output);
        Assert.Equal(0, server.TotalRequests);

        var install = project.Build(["-t:GoToolchainInstall", .. arguments]);

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains($"Downloaded Go 1.23.4 (", install.Output);
        Assert.Contains($"install: Go 1.23.4 at {entry} (from GoPack cache)", install.Output);
        Assert.Equal(1, server.RequestCount(archive.FileName));

        var after = project.Build(["-t:GoToolchainList", .. arguments]);

        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains($"  * Go 1.23.4  {entry} (from GoPack cache)", after.Output);
        Assert.Contains($"A build would use Go 1.23.4 at {entry} (from GoPack cache)", after.Output);
        Assert.Equal(2, server.TotalRequests);
    }


    private string[] DownloadArguments(ToolchainArchive archive, string cache, string mirrorUrl) =>
    [
        $"-p:GoVersion={archive.Version}",
        "-p:GoToolchainPolicy=download",
        $"-p:GoToolchainFeed={mirrorUrl}",
        $"-p:GoToolchainCache={cache}",
        $"-p:GoToolchainSearchPaths={NewDirectory("no-go-here")}",
    ];

    private static LoopbackServer Mirror(ToolchainArchive archive) => new LoopbackServer()
        .ServeFile(archive.FileName, archive.Path)
        .Serve(GoDownloadSource.MirrorFeedFileName, ToolchainArchive.FeedJson(archive));

    private string NewDirectory(string name) =>
        Directory.CreateDirectory(Path.Combine(environment.Root, "toolchains", name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>Everything in the cache but its lock files and go.mod stopper: entries, partial downloads and extractions.</summary>
    private static IReadOnlyList<string> CacheContent(string cache) =>
        Directory.Exists(cache)
            ? Directory.EnumerateFileSystemEntries(cache).Where(e => Path.GetFileName(e) != ToolchainCache.LocksDirectoryName && Path.GetFileName(e) != ToolchainCache.ModuleStopperFileName).ToList()
            : [];
}

internal static class ToolchainTestProjectExtensions
{
    /// <summary>A stdlib-only module whose go.mod has a toolchain line on line 5.</summary>
    public static TestProject WriteToolchainModule(this TestProject project, string toolchain)
    {
        project.WriteFile("go.mod", $"module example.com/svc\n\ngo 1.21\n\ntoolchain {toolchain}\n");
        project.WriteFile("main.go", "package main\n\nfunc main() {}\n");
        return project.WriteProjectFile();
    }
}
