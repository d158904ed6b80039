using GoPack.Sdk.Tests.Infrastructure;
using GoPack.Sdk.Toolchains.Download;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Issue 7's version rules through real builds, offline: the machine's Go is hidden and only the real installed Go
/// (named by GoToolchainSearchPaths), fake toolchains and a feed that does not exist are visible. Every error's or
/// warning's advice is followed, and the build that follows it is checked.
/// </summary>
public sealed class GoVersionRulesTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private string Installed => environment.RealGo.Version!.ToString();

    private string InstalledLine => $"{environment.RealGo.Version!.Major}.{environment.RealGo.Version.Minor}";

    [Fact]
    public void A_language_version_from_a_property_the_environment_or_with_a_go_prefix_uses_the_installed_patch_offline()
    {
        var project = environment.CreateProject("line").HideInstalledGo().WriteHelloModule("line");

        var build = project.Build([.. Offline(), $"-p:GoVersion={InstalledLine}"]);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("warning", build.Output);
        Assert.Equal("line", project.RunOutput().Output.Trim());

        project.Environment["GOVERSION"] = InstalledLine;
        foreach (var arguments in new[] { Array.Empty<string>(), [$"-p:GoVersion=go{InstalledLine}"], ["-p:GoToolchainPolicy=local"] })
        {
            var resolve = project.Build(["-t:ResolveGoToolchain", "-v:n", .. Offline(), .. arguments]);

            Assert.True(resolve.ExitCode == 0, resolve.ToString());
            Assert.Contains($"Go {Installed} at {environment.RealGo.GoRoot}", resolve.Output);
            Assert.Contains($"it is the first toolchain found of the Go {InstalledLine} line", resolve.Output);
            Assert.DoesNotContain("warning", resolve.Output);
        }
    }

    [Fact]
    public void An_older_line_from_a_scalingo_comment_with_vendor_builds_offline_with_the_installed_go_and_a_warning_whose_advice_silences_it()
    {
        var project = environment.CreateProject("legacy").HideInstalledGo().WriteProjectFile();
        project.WriteFile("go.mod", "// +scalingo goVersion go1.17\nmodule example.com/legacy\n\ngo 1.17\n\nrequire example.com/dep v1.0.0\n");
        project.WriteFile("vendor/modules.txt", "# example.com/dep v1.0.0\n## explicit; go 1.17\nexample.com/dep\n");
        project.WriteFile("vendor/example.com/dep/dep.go", "package dep\n\nfunc Hello() string { return \"vendored\" }\n");
        project.WriteFile("main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/dep\"\n)\n\nfunc main() { fmt.Println(dep.Hello()) }\n");

        using var feed = new LoopbackServer();
        string[] offline = [.. Offline(), $"-p:GoToolchainFeed={feed.BaseUrl}"];
        var auto = project.Build(offline);

        Assert.True(auto.ExitCode == 0, auto.ToString());
        Assert.Equal(1, feed.TotalRequests);
        Assert.Contains($"{project.Path("go.mod")}(1): warning GOPACK0017: go.mod // +scalingo goVersion comment (go.mod:1) asks for Go 1.17, " +
            "but no Go 1.17.x is installed and the download failed.", auto.Output);
        Assert.Contains($"Building with Go {Installed} ({environment.RealGo.GoRoot}), the newest installed Go", auto.Output);
        Assert.Contains("(The download: GoPack needs the newest stable Go 1.17.x", auto.Output);
        Assert.Contains($"the server answered 404", auto.Output);
        Assert.Equal("vendored", project.RunOutput().Output.Trim());

        // The failed download is remembered: later builds warn without going to the network; GoToolchainInstall tries again.
        var again = project.Build(offline);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("An earlier build's download failed; `dotnet build -t:GoToolchainInstall` or `dotnet clean` tries again.", again.Output);
        Assert.Equal(1, feed.TotalRequests);
        project.Build([.. offline, "-t:GoToolchainInstall"]);
        Assert.Equal(2, feed.TotalRequests);

        var local = project.Build([.. Offline(), "-t:ResolveGoToolchain", "-p:GoToolchainPolicy=local"]);

        Assert.True(local.ExitCode == 0, local.ToString());
        Assert.Contains("warning GOPACK0017:", local.Output);
        Assert.Contains("GoToolchainPolicy=local keeps GoPack from downloading it", local.Output);

        // The warning's advice: `-p:GoVersion=<the installed version>`.
        var silenced = project.Build([.. Offline(), $"-p:GoVersion={Installed}", "--no-incremental"]);

        Assert.True(silenced.ExitCode == 0, silenced.ToString());
        Assert.DoesNotContain("warning", silenced.Output);
        Assert.Equal("vendored", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void A_pin_that_is_not_installed_names_the_installed_version_under_both_policies_and_that_value_builds()
    {
        var project = environment.CreateProject("pin").HideInstalledGo().WriteHelloModule("pinned");

        var local = project.Build([.. Offline(), "-p:GoVersion=1.17.13", "-p:GoToolchainPolicy=local"]);

        Assert.NotEqual(0, local.ExitCode);
        Assert.Contains($"{project.ProjectFile} : error GOPACK0013: GoVersion property asks for Go 1.17.13, but the toolchain found is Go {Installed}", local.Output);
        Assert.Contains($"set `-p:GoVersion={Installed}` to build with the installed Go {Installed}", local.Output);

        var auto = project.Build([.. Offline(), "-p:GoVersion=1.17.13"]);

        Assert.NotEqual(0, auto.ExitCode);
        Assert.Contains("error GOPACK0030: GoPack needs Go 1.17.13", auto.Output);
        Assert.Contains($"To build without the download, set `-p:GoVersion={Installed}`", auto.Output);
        Assert.DoesNotContain("GoToolchainPolicy=local", auto.Output);

        var followed = project.Build([.. Offline(), $"-p:GoVersion={Installed}"]);

        Assert.True(followed.ExitCode == 0, followed.ToString());
        Assert.Equal("pinned", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void A_toolchain_line_that_cannot_be_downloaded_is_GOPACK0030_at_go_mod_and_its_mirror_advice_works()
    {
        var project = environment.CreateProject("needsnewer").HideInstalledGo().WriteToolchainModule("go1.23.4");
        var cache = NewDirectory("cache");

        var offline = project.Build([.. Offline(cache), "-t:ResolveGoToolchain"]);

        Assert.NotEqual(0, offline.ExitCode);
        Assert.Contains($"{project.Path("go.mod")}(5): error GOPACK0030: GoPack needs the newest stable Go 1.23.x that is 1.23.4 or newer", offline.Output);
        Assert.Contains("set the GoToolchainFeed property or the GOPACK_GO_DOWNLOAD_BASE environment variable", offline.Output);
        Assert.Contains("install Go 1.23.4 or newer", offline.Output);
        Assert.DoesNotContain("GoToolchainPolicy=local", offline.Output);

        // The advice: a mirror folder holding dl.json and the archive.
        var archive = ToolchainArchive.Fake(NewDirectory("mirror"), "1.23.4");
        using var server = new LoopbackServer()
            .ServeFile(archive.FileName, archive.Path)
            .Serve(GoDownloadSource.MirrorFeedFileName, ToolchainArchive.FeedJson(archive));
        var mirrored = project.Build(["-t:ResolveGoToolchain", .. Offline(cache), $"-p:GoToolchainFeed={server.BaseUrl}"]);

        Assert.True(mirrored.ExitCode == 0, mirrored.ToString());
        Assert.Contains("Downloaded Go 1.23.4 (", mirrored.Output);
    }

    [Fact]
    public void An_explicit_version_older_than_the_go_line_warns_before_go_starts_and_removing_it_lets_the_go_line_decide()
    {
        var fakes = NewDirectory("fakes");
        FakeGoToolchain.CreateToolchain(Path.Combine(fakes, "go-1.21.5"), "1.21.5");
        var project = environment.CreateProject("belowmin").HideInstalledGo().WriteHelloModule("below");
        project.WriteFile("go.mod", "module example.com/belowmin\n\ngo 1.21\n");
        string[] local = ["-t:ResolveGoToolchain", "-v:n", .. Offline(), "-p:GoToolchainPolicy=local", $"-p:GoToolchainSearchPaths={environment.RealGo.GoRoot}%3B{fakes}/go-*"];

        var warned = project.Build([.. local, $"-p:GoVersion={InstalledLine}"]);

        Assert.True(warned.ExitCode == 0, warned.ToString());
        Assert.Contains($"{project.ProjectFile} : warning GOPACK0018: GoVersion property asks for Go {InstalledLine}, older than the Go 1.21 that go.mod go line (go.mod:3) requires", warned.Output);
        Assert.Contains("remove the GoVersion property so that the go line decides", warned.Output);
        // Said by DetectGo, before any toolchain is chosen or go started.
        Assert.True(warned.Output.IndexOf("GOPACK0018", StringComparison.Ordinal) < warned.Output.IndexOf($"Go {Installed} at ", StringComparison.Ordinal));

        var followed = project.Build(local);

        Assert.True(followed.ExitCode == 0, followed.ToString());
        Assert.DoesNotContain("GOPACK0018", followed.Output);
        Assert.Contains("Go 1.21.5 at", followed.Output);
    }

    [Fact]
    public void A_vendored_go_line_newer_than_go_mod_decides_the_toolchain_and_the_log_says_which()
    {
        var fakes = NewDirectory("fakes");
        FakeGoToolchain.CreateToolchain(Path.Combine(fakes, "go-1.20.3"), "1.20.3");
        var project = environment.CreateProject("vendormin").HideInstalledGo().WriteHelloModule();
        project.WriteFile("go.mod", "module example.com/vendormin\n\ngo 1.17\n\nrequire example.com/dep v1.0.0\n");
        project.WriteFile("vendor/modules.txt", "# example.com/dep v1.0.0\n## explicit; go 1.20\nexample.com/dep\n");
        string[] arguments = ["-t:ResolveGoToolchain", "-v:n", .. Offline(), "-p:GoToolchainPolicy=local"];

        var chosen = project.Build([.. arguments, $"-p:GoToolchainSearchPaths={environment.RealGo.GoRoot}%3B{fakes}/go-*"]);

        Assert.True(chosen.ExitCode == 0, chosen.ToString());
        Assert.Contains("Go 1.20 (from vendor/modules.txt go line of example.com/dep (vendor/modules.txt:2))", chosen.Output);
        Assert.Contains("Go 1.20.3 at", chosen.Output);

        var tooOld = project.Build(arguments);

        Assert.NotEqual(0, tooOld.ExitCode);
        Assert.Contains($"{project.Path("vendor/modules.txt")}(2): error GOPACK0013: vendor/modules.txt go line of example.com/dep (vendor/modules.txt:2) requires Go 1.20 or newer", tooOld.Output);
    }

    [Fact]
    public void A_project_that_asks_for_no_version_says_so_once_and_builds_with_the_installed_go()
    {
        var project = environment.CreateProject("noversion").HideInstalledGo().WriteHelloModule("no version");
        project.WriteFile("go.mod", "module example.com/noversion\n");

        var build = project.Build([.. Offline(), "-v:n"]);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("built with gomod; no particular Go version", build.Output);
        Assert.Contains($"Go {Installed} at {environment.RealGo.GoRoot} (from {environment.RealGo.GoRoot}); the project asks for no particular Go version: the first toolchain found is used", build.Output);
        Assert.DoesNotContain("(from default)", build.Output);
        Assert.Equal("no version", project.RunOutput().Output.Trim());
    }

    /// <summary>The real Go as the only installed toolchain, an empty cache, and a feed that does not exist: offline.</summary>
    private string[] Offline(string? cache = null) =>
    [
        $"-p:GoToolchainSearchPaths={environment.RealGo.GoRoot}",
        $"-p:GoToolchainCache={cache ?? NewDirectory("cache")}",
        $"-p:GoToolchainFeed={Path.Combine(environment.Root, "no-such-mirror")}",
    ];

    private string NewDirectory(string name) =>
        Directory.CreateDirectory(Path.Combine(environment.Root, "toolchains", name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;
}
