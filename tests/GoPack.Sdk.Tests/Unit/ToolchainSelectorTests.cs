using GoPack.Sdk.Tasks;
using GoPack.Sdk.Tests.Infrastructure;
using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Toolchains.Download;
using GoPack.Sdk.Versions;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tests.Unit;

public sealed class ToolchainSelectorTests
{
    private static readonly GoToolchain System119 = Installed("/usr/lib/go-1.19", "1.19.8", "/usr/lib/go-*");
    private static readonly GoToolchain Path122 = Installed("/usr/local/go", "1.22.1", "PATH (/usr/local/go/bin/go)");
    private static readonly GoToolchain Cached1234 = CachedEntry("1.23.4");
    private static readonly GoToolchain Cached1225 = CachedEntry("1.22.5");

    [Theory]
    [InlineData(null, GoToolchainPolicy.Auto)]
    [InlineData("", GoToolchainPolicy.Auto)]
    [InlineData(" Auto ", GoToolchainPolicy.Auto)]
    [InlineData("local", GoToolchainPolicy.Local)]
    [InlineData("DOWNLOAD", GoToolchainPolicy.Download)]
    public void Policy_names_are_read_in_any_case(string? text, GoToolchainPolicy expected)
    {
        Assert.True(ToolchainSelector.TryParsePolicy(text, out var policy));
        Assert.Equal(expected, policy);
    }

    [Fact]
    public void An_unknown_policy_is_refused()
    {
        Assert.False(ToolchainSelector.TryParsePolicy("always", out _));
    }

    [Fact]
    public void Auto_uses_the_first_installed_toolchain_that_fits_in_the_locators_order()
    {
        var decision = Select(Request("ModGoLine", "1.19"), GoToolchainPolicy.Auto, installed: [System119, Path122]);

        Assert.Equal(ToolchainDecisionKind.UseInstalled, decision.Kind);
        Assert.Same(System119, decision.Toolchain);
        Assert.Equal("it is the first toolchain found that is Go 1.19 or newer", decision.Reason);
    }

    [Fact]
    public void Auto_skips_toolchains_too_old_for_a_minimum_and_takes_the_cache_after_installed_ones()
    {
        var decision = Select(Request("ModToolchainLine", "1.22.3", "go.mod toolchain line (go.mod:5)"), GoToolchainPolicy.Auto,
            installed: [System119], cached: [Cached1234, Cached1225]);

        Assert.Equal(ToolchainDecisionKind.UseInstalled, decision.Kind);
        Assert.Same(Cached1234, decision.Toolchain);
    }

    [Fact]
    public void Auto_prefers_an_installed_toolchain_over_the_cache_when_both_fit()
    {
        var decision = Select(Request("ModGoLine", "1.22"), GoToolchainPolicy.Auto, installed: [Path122], cached: [Cached1234]);

        Assert.Same(Path122, decision.Toolchain);
    }

    [Fact]
    public void A_pin_needs_that_exact_release()
    {
        var decision = Select(Request("GoVersionProperty", "1.22.5", "GoVersion property"), GoToolchainPolicy.Auto,
            installed: [Path122], cached: [Cached1234, Cached1225]);

        Assert.Same(Cached1225, decision.Toolchain);
        Assert.Equal("it is the first toolchain found that is Go 1.22.5", decision.Reason);
    }

    [Fact]
    public void Auto_downloads_the_newest_release_satisfying_a_minimum_when_nothing_fits()
    {
        var decision = Select(Request("ModToolchainLine", "1.23.4", "go.mod toolchain line (go.mod:5)"), GoToolchainPolicy.Auto, installed: [System119, Path122]);

        Assert.Equal(ToolchainDecisionKind.Download, decision.Kind);
        Assert.Equal(V("1.23.4"), decision.DownloadVersion);
        Assert.False(decision.DownloadExact);
        Assert.StartsWith("no installed toolchain fits Go 1.23.4 (from go.mod toolchain line (go.mod:5)) (found: Go 1.19.8 (/usr/lib/go-1.19, from /usr/lib/go-*), Go 1.22.1", decision.Reason);
        Assert.Equal("the newest stable Go 1.23.x that is 1.23.4 or newer", decision.DownloadDescription);
    }

    [Fact]
    public void Auto_downloads_exactly_a_pinned_release()
    {
        var decision = Select(Request("GoVersionProperty", "1.22.3", "GoVersion property"), GoToolchainPolicy.Auto, installed: [Path122]);

        Assert.Equal(ToolchainDecisionKind.Download, decision.Kind);
        Assert.True(decision.DownloadExact);
        Assert.Equal("Go 1.22.3", decision.DownloadDescription);
    }

    [Fact]
    public void A_language_version_property_downloads_its_line_with_a_newer_toolchain_as_fallback_and_downloads_the_newest_patch()
    {
        var request = Request("GoVersionProperty", "1.22", "GoVersion property");

        // Issue 7: GoVersion=1.22 is the 1.22 line; a newer toolchain is the fallback when the line can't be downloaded
        // (it was used at once before, so GoVersion=1.22 never gave a 1.22.x while a 1.23 was installed).
        var newer = Select(request, GoToolchainPolicy.Auto, cached: [Cached1234]);
        Assert.Equal(ToolchainDecisionKind.Download, newer.Kind);
        Assert.Same(Cached1234, newer.Fallback);
        Assert.Same(Cached1234, Select(request, GoToolchainPolicy.Local, cached: [Cached1234]).Toolchain);
        var download = Select(request, GoToolchainPolicy.Auto, installed: [System119]);
        Assert.Equal(ToolchainDecisionKind.Download, download.Kind);
        Assert.True(download.DownloadExact);
        Assert.Equal("the newest stable Go 1.22.x", download.DownloadDescription);
    }

    [Fact]
    public void A_default_request_never_downloads_when_any_toolchain_is_installed()
    {
        var decision = Select(Default(), GoToolchainPolicy.Auto, installed: [System119]);

        Assert.Same(System119, decision.Toolchain);
        // Issue 7: the log line already says the project asks for no particular version; the reason no longer repeats it.
        Assert.Equal("the first toolchain found is used", decision.Reason);
        Assert.Same(Cached1225, Select(null, GoToolchainPolicy.Auto, cached: [Cached1225]).Toolchain);
    }

    [Fact]
    public void A_default_request_with_nothing_installed_downloads_the_default_version_under_auto()
    {
        var decision = Select(Default(), GoToolchainPolicy.Auto);

        Assert.Equal(ToolchainDecisionKind.Download, decision.Kind);
        Assert.Equal(V(GoVersionRequest.DefaultVersion), decision.DownloadVersion);
        Assert.True(decision.DownloadExact);
        Assert.Equal($"no Go toolchain is installed (the project asks for no particular version; the default is Go {GoVersionRequest.DefaultVersion})", decision.Reason);
        Assert.Equal(ToolchainDecisionKind.Download, Select(null, GoToolchainPolicy.Auto).Kind);
    }

    [Fact]
    public void Local_never_downloads_and_names_both_versions_and_sources()
    {
        var decision = Select(Request("ModToolchainLine", "1.23.4", "go.mod toolchain line (go.mod:5)"), GoToolchainPolicy.Local, installed: [System119]);

        Assert.Equal(ToolchainDecisionKind.Error, decision.Kind);
        Assert.Equal(GoPackErrors.ToolchainTooOld, decision.ErrorCode);
        Assert.StartsWith("go.mod toolchain line (go.mod:5) requires Go 1.23.4 or newer, but the toolchain found is Go 1.19.8 (/usr/lib/go-1.19, from /usr/lib/go-*).", decision.ErrorMessage);
        Assert.Contains("GoToolchainPolicy=local keeps GoPack from downloading Go; set GoToolchainPolicy=auto to let it download the newest stable Go 1.23.x that is 1.23.4 or newer", decision.ErrorMessage);
    }

    [Fact]
    public void Local_lists_the_other_toolchains_found()
    {
        var decision = Select(Request("GoVersionProperty", "1.24.0", "GoVersion property"), GoToolchainPolicy.Local, installed: [System119], cached: [Cached1234]);

        Assert.Contains($"Also found: Go 1.23.4 ({Cached1234.GoRoot}, from GoPack cache).", decision.ErrorMessage);
    }

    [Fact]
    public void Local_with_nothing_installed_is_GOPACK0001_naming_every_place_searched()
    {
        var decision = Select(Request("ModGoLine", "1.19"), GoToolchainPolicy.Local, searched: ["GoRoot property (not set)", "PATH (no go found)"], cacheRoot: "/home/me/.gopack/toolchains");

        Assert.Equal(GoPackErrors.ToolchainNotFound, decision.ErrorCode);
        Assert.StartsWith("No Go toolchain found. GoPack looked in: GoRoot property (not set); PATH (no go found); GoPack cache /home/me/.gopack/toolchains (no toolchains for this platform).", decision.ErrorMessage);
        Assert.Contains("set the GoRoot property", decision.ErrorMessage);
    }

    [Fact]
    public void Local_uses_a_fitting_toolchain_from_the_search_paths_or_the_cache()
    {
        var fake = Installed("/opt/go-1.23.4", "1.23.4", "/opt/go-*");

        Assert.Same(fake, Select(Request("ModToolchainLine", "1.23.4"), GoToolchainPolicy.Local, installed: [System119, fake]).Toolchain);
        Assert.Same(Cached1234, Select(Request("ModToolchainLine", "1.23.4"), GoToolchainPolicy.Local, installed: [System119], cached: [Cached1234]).Toolchain);
    }

    [Fact]
    public void Download_policy_ignores_installed_toolchains_and_uses_the_exact_release_from_the_cache()
    {
        var exact = Installed("/usr/local/go", "1.23.4", "/usr/local/go");

        var decision = Select(Request("ModToolchainLine", "1.23.4"), GoToolchainPolicy.Download, installed: [exact], cached: [Cached1234]);

        Assert.Same(Cached1234, decision.Toolchain);
        Assert.StartsWith("GoToolchainPolicy=download uses GoPack's own toolchains, and the cache has Go 1.23.4", decision.Reason);
    }

    [Fact]
    public void Download_policy_downloads_exactly_the_named_release_even_for_a_minimum()
    {
        var exact = Installed("/usr/local/go", "1.23.4", "/usr/local/go");

        var decision = Select(Request("ModToolchainLine", "1.23.4"), GoToolchainPolicy.Download, installed: [exact], cached: [CachedEntry("1.23.5")]);

        Assert.Equal(ToolchainDecisionKind.Download, decision.Kind);
        Assert.Equal(V("1.23.4"), decision.DownloadVersion);
        Assert.True(decision.DownloadExact);
    }

    [Fact]
    public void Download_policy_takes_the_newest_cached_patch_of_a_language_version_without_the_network()
    {
        var decision = Select(Request("ModGoLine", "1.22"), GoToolchainPolicy.Download, cached: [Cached1234, CachedEntry("1.22.7"), Cached1225]);

        Assert.Equal("1.22.7", decision.Toolchain!.Version!.ToString());

        var download = Select(Request("ModGoLine", "1.22"), GoToolchainPolicy.Download, cached: [Cached1234]);
        Assert.Equal(ToolchainDecisionKind.Download, download.Kind);
        Assert.Equal("the newest stable Go 1.22.x", download.DownloadDescription);
    }

    [Fact]
    public void Download_policy_with_a_default_request_uses_any_cached_toolchain_else_downloads_the_default()
    {
        Assert.Same(Cached1234, Select(Default(), GoToolchainPolicy.Download, installed: [System119], cached: [Cached1234]).Toolchain);

        var download = Select(Default(), GoToolchainPolicy.Download, installed: [System119]);
        Assert.Equal(ToolchainDecisionKind.Download, download.Kind);
        Assert.Equal(V(GoVersionRequest.DefaultVersion), download.DownloadVersion);
    }

    [Theory]
    [InlineData(GoToolchainPolicy.Auto)]
    [InlineData(GoToolchainPolicy.Local)]
    [InlineData(GoToolchainPolicy.Download)]
    public void An_explicit_GoRoot_is_used_as_is_whatever_the_policy(GoToolchainPolicy policy)
    {
        var goRoot = Installed("/custom/go", "1.22.1", GoToolchainLocator.GoRootPropertySource);

        var decision = Select(Request("ModGoLine", "1.21"), policy, installed: [Path122], cached: [Cached1234], goRoot: goRoot);

        Assert.Same(goRoot, decision.Toolchain);
        Assert.Equal("the GoRoot property names it", decision.Reason);
    }

    [Fact]
    public void An_explicit_GoRoot_that_does_not_fit_is_an_error_even_when_another_toolchain_would()
    {
        var goRoot = Installed("/custom/go", "1.19.8", GoToolchainLocator.GoRootPropertySource);

        var decision = Select(Request("ModGoLine", "1.22.0", "go.mod go line (go.mod:3)"), GoToolchainPolicy.Auto, cached: [Cached1234], goRoot: goRoot);

        Assert.Equal(GoPackErrors.ToolchainTooOld, decision.ErrorCode);
        Assert.StartsWith("go.mod go line (go.mod:3) requires Go 1.22.0 or newer, but the toolchain found is Go 1.19.8 (/custom/go, from the GoRoot property).", decision.ErrorMessage);
        Assert.EndsWith("The GoRoot property is used as is; remove it to let GoPack choose or download a toolchain that fits.", decision.ErrorMessage);
    }

    [Fact]
    public void An_explicit_GoRoot_that_is_no_Go_installation_is_GOPACK0001()
    {
        var decision = Select(Request("ModGoLine", "1.19"), GoToolchainPolicy.Auto, installed: [System119],
            searched: ["GoRoot property=/nope (missing)", "GOROOT (not set)"], goRootProperty: "/nope");

        Assert.Equal(GoPackErrors.ToolchainNotFound, decision.ErrorCode);
        Assert.StartsWith("The GoRoot property names '/nope', which is not a Go installation: GoRoot property=/nope (missing).", decision.ErrorMessage);
    }

    [Fact]
    public void A_toolchain_of_unknown_version_fits_anything()
    {
        var devel = new GoToolchain("/src/go", "/src/go/bin/go", null, "/src/go");

        var decision = Select(Request("ModToolchainLine", "1.30.0"), GoToolchainPolicy.Local, installed: [devel]);

        Assert.Same(devel, decision.Toolchain);
        Assert.Contains("its version is unknown", decision.Reason);
    }

    [Fact]
    public void A_user_GOTOOLCHAIN_that_allows_switching_lets_go_1_21_or_newer_fetch_a_go_mod_minimum_itself()
    {
        var request = Request("ModToolchainLine", "1.23.4", "go.mod toolchain line (go.mod:5)");

        var switching = Select(request, GoToolchainPolicy.Auto, installed: [Path122], goToolchain: "auto");
        Assert.Same(Path122, switching.Toolchain);
        Assert.Contains("GOTOOLCHAIN=auto lets it switch", switching.Reason);

        // go 1.19 predates switching, and GOTOOLCHAIN=local (what GoPack sets when it is unset) forbids it.
        Assert.Equal(ToolchainDecisionKind.Download, Select(request, GoToolchainPolicy.Auto, installed: [System119], goToolchain: "auto").Kind);
        Assert.Equal(ToolchainDecisionKind.Download, Select(request, GoToolchainPolicy.Auto, installed: [Path122], goToolchain: "local").Kind);
        Assert.Equal(ToolchainDecisionKind.Download, Select(request, GoToolchainPolicy.Auto, installed: [Path122]).Kind);

        // A property is GoPack's alone: go never reads it, so it can't switch for it.
        Assert.Equal(ToolchainDecisionKind.Download, Select(Request("GoVersionProperty", "1.23.4", "GoVersion property"), GoToolchainPolicy.Auto, installed: [Path122], goToolchain: "auto").Kind);
    }

    [Fact]
    public void The_release_for_a_download_is_picked_from_the_feed_for_the_host_platform()
    {
        var feed = GoReleaseFeed.Parse(FeedJson(
            ("go1.24rc1", false, true), ("go1.23.5", true, true), ("go1.23.4", true, true), ("go1.22.9", true, false), ("go1.22.8", true, true), ("go1.22.3", true, true)));
        var linux = new GoArchivePlatform("linux", "amd64");

        string Pick(GoVersionRequest request, GoToolchainPolicy policy)
        {
            var decision = Select(request, policy);
            return ToolchainSelector.SelectRelease(feed, decision, linux)?.Version.ReleaseName ?? "none";
        }

        // go1.22.9 has no linux archive in this feed, so the newest 1.22.x for linux is 1.22.8.
        Assert.Equal("go1.22.8", Pick(Request("GoVersionProperty", "1.22"), GoToolchainPolicy.Auto));
        Assert.Equal("go1.22.3", Pick(Request("GoVersionProperty", "1.22.3"), GoToolchainPolicy.Auto));
        Assert.Equal("go1.22.8", Pick(Request("ModGoLine", "1.22.3"), GoToolchainPolicy.Auto));
        Assert.Equal("go1.23.5", Pick(Request("ModToolchainLine", "1.23.1"), GoToolchainPolicy.Auto));
        Assert.Equal("go1.23.4", Pick(Request("ModToolchainLine", "1.23.4"), GoToolchainPolicy.Download));
        Assert.Equal("none", Pick(Request("GoVersionProperty", "1.21.0"), GoToolchainPolicy.Auto));
        // Release candidates only when named.
        Assert.Equal("none", Pick(Request("GoVersionProperty", "1.24"), GoToolchainPolicy.Auto));
        Assert.Equal("go1.24rc1", Pick(Request("GoVersionProperty", "1.24rc1"), GoToolchainPolicy.Auto));
    }

    [Fact]
    public void Cache_entries_are_candidates_named_after_the_cache()
    {
        using var temp = new Download.TempDirectory("gopack-selector");
        var cache = new ToolchainCache(temp.Path);
        var platform = new GoArchivePlatform("linux", "amd64");
        var entry = cache.GetEntryPath(V("1.23.4"), platform);
        Directory.CreateDirectory(Path.Combine(entry, "bin"));
        File.WriteAllText(Path.Combine(entry, "bin", "go"), "#!/bin/sh\n");
        File.WriteAllText(Path.Combine(entry, ToolchainCache.CompleteMarkerFileName), "version=go1.23.4\n");
        // An entry without its marker is an interrupted install and never a candidate.
        Directory.CreateDirectory(Path.Combine(cache.GetEntryPath(V("1.24.0"), platform), "bin"));

        var cached = Assert.Single(cache.EnumerateInstalled(platform));
        var decision = Select(Request("ModToolchainLine", "1.23.4"), GoToolchainPolicy.Local, installed: [System119], cached: [cached]);

        Assert.Same(cached, decision.Toolchain);
        Assert.Equal($"GoPack cache ({entry})", cached.Source);
        Assert.Equal("GoPack cache", ToolchainSelector.ShortSource(cached));
    }

    [Theory]
    [InlineData("GoVersionProperty", "1.19")]
    [InlineData("GoVersionProperty", "go1.19")]
    [InlineData("GoVersionEnvironment", "1.19")]
    [InlineData("PlatformComment", "1.19")]
    public void A_language_version_from_any_choice_is_satisfied_by_an_installed_patch_of_its_line(string kind, string text)
    {
        foreach (var policy in new[] { GoToolchainPolicy.Auto, GoToolchainPolicy.Local })
        {
            var decision = Select(Request(kind, text), policy, installed: [System119, Path122]);

            Assert.Same(System119, decision.Toolchain);
            Assert.Null(decision.Warning);
            Assert.Equal("it is the first toolchain found of the Go 1.19 line", decision.Reason);
        }
    }

    [Fact]
    public void An_older_line_than_anything_installed_downloads_its_line_and_falls_back_to_the_newest_newer_toolchain()
    {
        var request = Request("PlatformComment", "1.17", "go.mod // +scalingo goVersion comment (go.mod:1)");

        var auto = Select(request, GoToolchainPolicy.Auto, installed: [System119, Path122]);

        Assert.Equal(ToolchainDecisionKind.Download, auto.Kind);
        Assert.Equal("the newest stable Go 1.17.x", auto.DownloadDescription);
        Assert.Same(Path122, auto.Fallback);
        Assert.Contains("go.mod // +scalingo goVersion comment (go.mod:1) asks for Go 1.17, but no Go 1.17.x is installed and the download failed.", auto.Warning);
        Assert.Contains("Building with Go 1.22.1 (/usr/local/go), the newest installed Go", auto.Warning);
        Assert.Contains("set `-p:GoVersion=1.22.1`", auto.Warning);

        var local = Select(request, GoToolchainPolicy.Local, installed: [System119, Path122]);

        Assert.Equal(ToolchainDecisionKind.UseInstalled, local.Kind);
        Assert.Same(Path122, local.Toolchain);
        Assert.Contains("no Go 1.17.x is installed and GoToolchainPolicy=local keeps GoPack from downloading it", local.Warning);

        var goRoot = Select(request, GoToolchainPolicy.Auto, goRoot: System119);
        Assert.Same(System119, goRoot.Toolchain);
        Assert.Contains("the GoRoot property names another Go", goRoot.Warning);
    }

    [Fact]
    public void The_newest_release_of_an_older_line_is_downloaded_not_its_first()
    {
        var feed = GoReleaseFeed.Parse(FeedJson(("go1.19.8", true, true), ("go1.17.13", true, true), ("go1.17.2", true, true), ("go1.17", true, true)));
        var decision = Select(Request("GoVersionProperty", "1.17"), GoToolchainPolicy.Auto, installed: [System119]);

        Assert.Equal("go1.17.13", ToolchainSelector.SelectRelease(feed, decision, new GoArchivePlatform("linux", "amd64"))!.Version.ReleaseName);
        Assert.Equal("go1.17", ToolchainSelector.SelectRelease(feed, Select(Request("GoVersionProperty", "1.17.0"), GoToolchainPolicy.Auto, installed: [System119]), new GoArchivePlatform("linux", "amd64"))!.Version.ReleaseName);
    }

    [Fact]
    public void A_pin_stays_exact_and_its_errors_name_the_installed_version_that_builds()
    {
        var request = Request("GoVersionProperty", "1.17.13", "GoVersion property");

        var local = Select(request, GoToolchainPolicy.Local, installed: [System119]);

        Assert.Equal(GoPackErrors.ToolchainTooOld, local.ErrorCode);
        Assert.Contains("GoVersion property asks for Go 1.17.13, but the toolchain found is Go 1.19.8", local.ErrorMessage);
        Assert.Contains("set `-p:GoVersion=1.19.8` to build with the installed Go 1.19.8 (/usr/lib/go-1.19)", local.ErrorMessage);

        var auto = Select(request, GoToolchainPolicy.Auto, installed: [System119]);

        Assert.Equal(ToolchainDecisionKind.Download, auto.Kind);
        Assert.Null(auto.Fallback);
        Assert.Equal("To build without the download, set `-p:GoVersion=1.19.8` to build with the installed Go 1.19.8 (/usr/lib/go-1.19).", auto.OfflineAdvice);
    }

    [Fact]
    public void A_newer_line_than_installed_stays_an_error_under_local_naming_what_builds()
    {
        var decision = Select(Request("GoVersionProperty", "1.22", "GoVersion property"), GoToolchainPolicy.Local, installed: [System119]);

        Assert.Equal(GoPackErrors.ToolchainTooOld, decision.ErrorCode);
        Assert.Null(decision.Warning);
        Assert.Contains("`-p:GoVersion=1.19.8`", decision.ErrorMessage);
    }

    [Fact]
    public void A_go_mod_minimum_newer_than_installed_names_what_to_install_never_the_local_policy()
    {
        var decision = Select(Request("ModToolchainLine", "1.23.4", "go.mod toolchain line (go.mod:5)"), GoToolchainPolicy.Auto, installed: [System119]);

        Assert.Equal(ToolchainDecisionKind.Download, decision.Kind);
        Assert.Null(decision.Fallback);
        Assert.Contains("install Go 1.23.4 or newer", decision.OfflineAdvice);
        Assert.DoesNotContain("GoToolchainPolicy=local", decision.OfflineAdvice);
    }

    [Theory]
    [InlineData("1.20", false, "the newest stable Go 1.20.x")]
    [InlineData("1.21.0", false, "the newest stable Go 1.21.x")]
    [InlineData("1.21.3", false, "the newest stable Go 1.21.x that is 1.21.3 or newer")]
    [InlineData("1.21.3", true, "Go 1.21.3")]
    public void Download_descriptions_do_not_repeat_the_line(string version, bool exact, string expected)
    {
        Assert.Equal(expected, ToolchainSelector.DescribeDownload(V(version), exact));
    }

    private static ToolchainDecision Select(
        GoVersionRequest? request,
        GoToolchainPolicy policy,
        GoToolchain[]? installed = null,
        GoToolchain[]? cached = null,
        string[]? searched = null,
        string? cacheRoot = null,
        GoToolchain? goRoot = null,
        string? goRootProperty = null,
        string? goToolchain = null) =>
        ToolchainSelector.Select(new ToolchainSelectionInput
        {
            Request = request,
            Installed = installed ?? [],
            Cached = cached ?? [],
            Policy = policy,
            GoRootToolchain = goRoot,
            GoRootProperty = goRootProperty ?? goRoot?.GoRoot,
            GoToolchainEnvironment = goToolchain,
            SearchedPlaces = searched ?? [],
            CacheRoot = cacheRoot,
        });

    private static GoVersionRequest Request(string kind, string version, string? source = null) =>
        GoVersionRequest.Create(version, Enum.Parse<GoVersionSource>(kind), source ?? kind);

    private static GoVersionRequest Default() => GoVersionRequest.Default();

    private static GoVersion V(string text) => GoVersion.Parse(text);

    private static GoToolchain Installed(string root, string version, string source) =>
        new(root, root + "/bin/go", V(version), source);

    private static GoToolchain CachedEntry(string version)
    {
        var root = $"/home/me/.gopack/toolchains/go{version}.linux-amd64";
        return new GoToolchain(root, root + "/bin/go", V(version), $"GoPack cache ({root})");
    }

    private static string FeedJson(params (string Release, bool Stable, bool HasLinux)[] releases) =>
        "[" + string.Join(",", releases.Select(r =>
        {
            string file(string os, string arch) =>
                $$"""{"filename":"{{r.Release}}.{{os}}-{{arch}}.tar.gz","os":"{{os}}","arch":"{{arch}}","version":"{{r.Release}}","sha256":"{{new string('a', 64)}}","size":1,"kind":"archive"}""";
            var files = r.HasLinux ? file("linux", "amd64") + "," + file("darwin", "arm64") : file("darwin", "arm64");
            return $$"""{"version":"{{r.Release}}","stable":{{(r.Stable ? "true" : "false")}},"files":[{{files}}]}""";
        })) + "]";
}

/// <summary>The ResolveGoToolchain and GoToolchainList tasks in-process, with a file:// mirror instead of the network.</summary>
public sealed class ResolveGoToolchainTaskTests : IDisposable
{
    private readonly Download.TempDirectory _temp = new("gopack-resolve-task");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Download_policy_installs_from_a_file_mirror_logs_what_it_does_then_reuses_the_cache()
    {
        if (OperatingSystem.IsWindows()) return; // the fake toolchain is a tar.gz with a shell script
        var mirror = WriteMirror("go1.22.3");
        var engine = new RecordingBuildEngine();

        var task = NewTask(engine, mirror);
        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        var entry = Path.Combine(_temp.Path, "cache", "go1.22.3." + GoArchivePlatform.Host().Name);
        Assert.Equal(entry, task.ResolvedGoRoot);
        Assert.Equal("1.22.3", task.Version);
        Assert.Equal($"GoPack cache ({entry})", task.Source);
        Assert.True(File.Exists(task.GoExecutable));
        // The installer's own lines at normal verbosity, one line that a plain `dotnet build` shows.
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.Normal && m.Message!.StartsWith("Getting Go 1.22.3 from file://", StringComparison.Ordinal));
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.Normal && m.Message!.StartsWith("Downloading go1.22.3 for " + GoArchivePlatform.Host().Name, StringComparison.Ordinal));
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.Normal && m.Message == $"Installed go1.22.3.{GoArchivePlatform.Host().Name} in {entry}");
        Assert.Single(engine.Messages, m => m.Importance == MessageImportance.High);
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.High && m.Message!.StartsWith("Downloaded Go 1.22.3 (", StringComparison.Ordinal) && m.Message.Contains(entry));
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.Normal && m.Message!.StartsWith($"Go 1.22.3 at {entry} (from GoPack cache); the project asks for Go 1.22.3 (from GoVersion property)", StringComparison.Ordinal));

        // The mirror is gone: the second run must not need it.
        Directory.Delete(mirror, recursive: true);
        var again = new RecordingBuildEngine();
        var second = NewTask(again, mirror);
        Assert.True(second.Execute(), string.Join("\n", again.Errors.Select(e => e.Message)));
        Assert.Equal(entry, second.ResolvedGoRoot);
        Assert.DoesNotContain(again.Messages, m => m.Message!.StartsWith("Downloaded", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_sha256_is_GOPACK0030_with_the_url_and_what_to_configure_and_installs_nothing()
    {
        if (OperatingSystem.IsWindows()) return;
        var mirror = WriteMirror("go1.22.3", sha256: new string('0', 64));
        var engine = new RecordingBuildEngine();

        Assert.False(NewTask(engine, mirror).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(GoPackErrors.ToolchainDownloadFailed, error.Code);
        Assert.Contains("The SHA-256 of go1.22.3.", error.Message);
        Assert.Contains(new Uri(Path.Combine(mirror, "go1.22.3." + GoArchivePlatform.Host().Name + ".tar.gz")).AbsoluteUri, error.Message);
        Assert.Contains("set the GoToolchainFeed property or the GOPACK_GO_DOWNLOAD_BASE environment variable", error.Message);
        Assert.Empty(new ToolchainCache(Path.Combine(_temp.Path, "cache")).EnumerateEntries());
    }

    [Fact]
    public void A_release_missing_from_the_feed_is_GOPACK0031_listing_what_the_feed_has()
    {
        if (OperatingSystem.IsWindows()) return;
        var mirror = WriteMirror("go1.22.3");
        var engine = new RecordingBuildEngine();
        var task = NewTask(engine, mirror);
        task.VersionRequest = GoVersionRequest.Create("1.24.1", GoVersionSource.GoVersionProperty, "GoVersion property").ToJson();

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(GoPackErrors.ToolchainNotAvailable, error.Code);
        Assert.Contains("GoPack needs Go 1.24.1", error.Message);
        Assert.Contains("lists no such release with an archive for " + GoArchivePlatform.Host().Name, error.Message);
        Assert.Contains("newest stable releases listed: go1.22.3", error.Message);
    }

    [Fact]
    public void An_unreachable_feed_is_GOPACK0030_naming_it()
    {
        var engine = new RecordingBuildEngine();
        var missing = Path.Combine(_temp.Path, "no-mirror");

        Assert.False(NewTask(engine, missing).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(GoPackErrors.ToolchainDownloadFailed, error.Code);
        Assert.Contains(new Uri(Path.Combine(missing, "dl.json")).AbsoluteUri, error.Message);
        Assert.Contains("GoToolchainPolicy=download uses GoPack's own toolchains", error.Message);
    }

    [Fact]
    public void An_unknown_policy_and_a_bad_feed_are_property_errors()
    {
        var engine = new RecordingBuildEngine();
        var task = NewTask(engine, "/tmp");
        task.Policy = "sometimes";
        Assert.False(task.Execute());
        Assert.Equal(GoPackErrors.InvalidProperty, Assert.Single(engine.Errors).Code);

        var feedEngine = new RecordingBuildEngine();
        var badFeed = NewTask(feedEngine, "ftp://mirror/go");
        Assert.False(badFeed.Execute());
        var error = Assert.Single(feedEngine.Errors);
        Assert.Equal(GoPackErrors.InvalidProperty, error.Code);
        Assert.StartsWith("The GoToolchainFeed property is not usable: 'ftp://mirror/go' is not a Go download location", error.Message);
    }

    [Fact]
    public void A_design_time_build_never_downloads()
    {
        var engine = new RecordingBuildEngine();
        var task = NewTask(engine, Path.Combine(_temp.Path, "no-mirror"));
        task.DesignTimeBuild = true;

        Assert.True(task.Execute());

        Assert.Empty(engine.Errors);
        Assert.Equal("", task.GoExecutable);
        Assert.Contains(engine.Messages, m => m.Message!.StartsWith("A build would download Go 1.22.3", StringComparison.Ordinal));
    }

    [Fact]
    public void GoToolchainList_says_what_a_build_would_download_without_downloading()
    {
        var engine = new RecordingBuildEngine();
        var task = new GoToolchainList
        {
            BuildEngine = engine,
            ProjectFile = Path.Combine(_temp.Path, "svc.gocsproj"),
            SearchPaths = Path.Combine(_temp.Path, "nothing-here"),
            Policy = "download",
            Feed = Path.Combine(_temp.Path, "no-mirror"),
            Cache = "cache",
            VersionRequest = GoVersionRequest.Create("1.22.3", GoVersionSource.GoVersionProperty, "GoVersion property").ToJson(),
        };

        Assert.True(task.Execute());

        var output = string.Join("\n", engine.Messages.Where(m => m.Importance == MessageImportance.High).Select(m => m.Message));
        Assert.Contains("Go toolchains for svc.gocsproj: it asks for Go 1.22.3 (from GoVersion property); GoToolchainPolicy=download;", output);
        // A relative cache is taken from the project's folder, not from wherever dotnet was started.
        Assert.Contains($"GoPack cache {Path.Combine(_temp.Path, "cache")}:", output);
        Assert.Contains($"A build would download Go 1.22.3 into {Path.Combine(_temp.Path, "cache")}: GoToolchainPolicy=download uses GoPack's own toolchains", output);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "cache")));
    }

    private ResolveGoToolchain NewTask(IBuildEngine engine, string feed) => new()
    {
        BuildEngine = engine,
        ProjectFile = Path.Combine(_temp.Path, "svc.gocsproj"),
        SearchPaths = Path.Combine(_temp.Path, "nothing-here"),
        Policy = "download",
        Feed = feed,
        Cache = Path.Combine(_temp.Path, "cache"),
        VersionRequest = GoVersionRequest.Create("1.22.3", GoVersionSource.GoVersionProperty, "GoVersion property").ToJson(),
    };

    /// <summary>A folder holding dl.json and a small tar.gz shaped like Go's for the host platform.</summary>
    private string WriteMirror(string release, string? sha256 = null)
    {
        var mirror = Directory.CreateDirectory(Path.Combine(_temp.Path, "mirror")).FullName;
        var host = GoArchivePlatform.Host();
        var fileName = $"{release}.{host.Name}.tar.gz";
        var archive = Download.FakeGo.TarGz(release, paddingBytes: 256 * 1024);
        File.WriteAllBytes(Path.Combine(mirror, fileName), archive);
        var json = Download.FakeGo.FeedJson(Download.FakeGo.ReleaseJson(release, true,
            Download.FakeGo.FileJson(fileName, host.GoOs, host.ArchiveArch, release, sha256 ?? Download.FakeGo.Sha256(archive), archive.Length)));
        File.WriteAllText(Path.Combine(mirror, GoDownloadSource.MirrorFeedFileName), json);
        return mirror;
    }
}
