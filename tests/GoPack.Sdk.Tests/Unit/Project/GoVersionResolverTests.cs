using GoPack.Sdk.Modules;
using GoPack.Sdk.Project;
using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit.Project;

public sealed class GoVersionResolverTests
{
    private const string FullMod = "module example.com/app\n\n// +heroku goVersion go1.20\n\ngo 1.21\n\ntoolchain go1.21.4\n";
    private const string FullWork = "go 1.22\n\ntoolchain go1.22.5\n\nuse .\n";

    private static GoModFile Mod(string text) => GoModFile.Parse(text, "/src/app/go.mod");

    private static GoWorkFile Work(string text) => GoWorkFile.Parse(text, "/src/go.work");

    private static GoVersion V(string text) => GoVersion.Parse(text);

    [Fact]
    public void Each_source_in_order_with_its_description()
    {
        var all = Env.Of(("GOVERSION", "1.23.1"), ("RAILPACK_GO_VERSION", "1.24"));
        var railpackOnly = Env.Of(("RAILPACK_GO_VERSION", "1.24"));
        const string noComment = "module example.com/app\n\ngo 1.21\n\ntoolchain go1.21.4\n";
        const string workNoToolchain = "go 1.22\n\nuse .\n";

        AssertRequest(GoVersionResolver.Resolve("1.25.0", all, Mod(FullMod), Work(FullWork)), "1.25.0", GoVersionSource.GoVersionProperty, "GoVersion property");
        AssertRequest(GoVersionResolver.Resolve("", all, Mod(FullMod), Work(FullWork)), "1.23.1", GoVersionSource.GoVersionEnvironment, "GOVERSION environment variable");
        AssertRequest(GoVersionResolver.Resolve(null, railpackOnly, Mod(FullMod), Work(FullWork)), "1.24", GoVersionSource.RailpackEnvironment, "RAILPACK_GO_VERSION environment variable");
        AssertRequest(GoVersionResolver.Resolve(null, null, Mod(FullMod), Work(FullWork)), "1.20", GoVersionSource.PlatformComment, "go.mod // +heroku goVersion comment (go.mod:3)");
        AssertRequest(GoVersionResolver.Resolve(null, null, Mod(noComment), Work(FullWork)), "1.22.5", GoVersionSource.WorkToolchainLine, "go.work toolchain line (go.work:3)");
        AssertRequest(GoVersionResolver.Resolve(null, null, Mod(noComment), Work(workNoToolchain)), "1.21.4", GoVersionSource.ModToolchainLine, "go.mod toolchain line (go.mod:5)");
        AssertRequest(GoVersionResolver.Resolve(null, null, Mod("module m\n\ngo 1.21\n"), Work(workNoToolchain)), "1.22", GoVersionSource.WorkGoLine, "go.work go line (go.work:1)");
        AssertRequest(GoVersionResolver.Resolve(null, null, Mod("module m\n\ngo 1.21\n"), null), "1.21", GoVersionSource.ModGoLine, "go.mod go line (go.mod:3)");
        AssertRequest(GoVersionResolver.Resolve(null, null, Mod("module m\n"), null), GoVersionRequest.DefaultVersion, GoVersionSource.Default, "default");
        AssertRequest(GoVersionResolver.Resolve(null, null, (GoModFile?)null, null), GoVersionRequest.DefaultVersion, GoVersionSource.Default, "default");
    }

    private static void AssertRequest(GoVersionRequest request, string version, GoVersionSource kind, string source)
    {
        Assert.True(request.Succeeded, request.Error);
        Assert.Equal(version, request.Version!.ToString());
        Assert.Equal(kind, request.SourceKind);
        Assert.Equal(source, request.Source);
    }

    [Fact]
    public void Scalingo_comment_and_file_location()
    {
        var request = GoVersionResolver.Resolve(null, null, Mod("module m\n// +scalingo goVersion 1.21.3\ngo 1.21\n"), null);

        Assert.Equal("go.mod // +scalingo goVersion comment (go.mod:2)", request.Source);
        Assert.Equal("/src/app/go.mod", request.SourceFile);
        Assert.Equal(2, request.SourceLine);
        Assert.True(request.Exact);
    }

    [Fact]
    public void Description_for_the_build_log()
    {
        var request = GoVersionResolver.Resolve(null, null, Mod("module m\n\ngo 1.22\n\ntoolchain go1.22.3\n"), null);

        Assert.Equal("Go 1.22.3 (from go.mod toolchain line (go.mod:5))", request.ToString());
    }

    [Theory]
    [InlineData("1.22.3", true, "1.22.3")]
    [InlineData("1.22.0", true, "1.22.0")]
    [InlineData("go1.22.3", true, "1.22.3")]
    [InlineData("1.22", false, "1.22")]
    [InlineData("go1.22", false, "1.22")]
    // Issue 7: a two-part choice names a line whatever the Go version (GOVERSION=1.19 is any 1.19.x); it was the
    // release go1.20 before Go 1.21's language versions, which made GoVersion=1.19 refuse an installed 1.19.8.
    [InlineData("1.20", false, "1.20")]
    [InlineData("go1.20", false, "1.20")]
    [InlineData("1.20.0", true, "1.20")]
    [InlineData("1.12.17", true, "1.12.17")]
    [InlineData("1.21rc1", true, "1.21rc1")]
    [InlineData(" 1.22 ", false, "1.22")]
    public void Exact_pins_versus_newest_patch(string text, bool exact, string normalized)
    {
        var request = GoVersionResolver.Resolve(text, null, (GoModFile?)null, null);

        Assert.Equal(exact, request.Exact);
        Assert.Equal(normalized, request.Version!.ToString());
        Assert.False(request.IsMinimum);
        Assert.False(request.IsDefault);
    }

    [Fact]
    public void Default_is_a_language_version_that_never_fails()
    {
        var request = GoVersionResolver.Resolve(null, Env.None, (GoModFile?)null, null);

        Assert.True(request.IsDefault);
        Assert.False(request.Exact);
        Assert.Null(request.CheckToolchain(V("1.19.8"), "/usr/lib/go-1.19"));
    }

    [Fact]
    public void Go_and_toolchain_lines_are_minimums()
    {
        Assert.True(GoVersionResolver.Resolve(null, null, Mod("module m\ngo 1.22.0\n"), null).IsMinimum);
        Assert.True(GoVersionResolver.Resolve(null, null, Mod("module m\ngo 1.22\ntoolchain go1.22.1\n"), null).IsMinimum);
        Assert.False(GoVersionResolver.Resolve(null, Env.Of(("GOVERSION", "1.22")), Mod("module m\ngo 1.22\n"), null).IsMinimum);
    }

    [Theory]
    [InlineData("banana", null, "GoVersion property: 'banana' is not a Go version")]
    [InlineData(null, "1.x", "GOVERSION environment variable: '1.x' is not a Go version")]
    public void Invalid_text_names_its_source(string? property, string? goversion, string expected)
    {
        var environment = goversion is null ? Env.None : Env.Of(("GOVERSION", goversion));

        var request = GoVersionResolver.Resolve(property, environment, Mod("module m\ngo 1.22\n"), null);

        Assert.False(request.Succeeded);
        Assert.Null(request.Version);
        Assert.StartsWith(expected, request.Error);
    }

    [Fact]
    public void An_invalid_pin_does_not_fall_through_to_the_next_source()
    {
        var request = GoVersionResolver.Resolve(null, Env.Of(("RAILPACK_GO_VERSION", "latest")), Mod("module m\ngo 1.22\n"), null);

        Assert.Equal(GoVersionSource.RailpackEnvironment, request.SourceKind);
        Assert.Contains("'latest'", request.Error);
    }

    [Fact]
    public void Invalid_go_line_names_the_file_and_line()
    {
        var request = GoVersionResolver.Resolve(null, null, Mod("module m\n\ngo 1.22.x\n"), null);

        Assert.Equal("go.mod go line (go.mod:3): '1.22.x' is not a Go version such as 1.22 or 1.22.3.", request.Error);
        Assert.Equal("/src/app/go.mod", request.SourceFile);
        Assert.Equal(3, request.SourceLine);
    }

    [Fact]
    public void Go_line_with_a_go_prefix_is_invalid_as_for_go()
    {
        Assert.False(GoVersionResolver.Resolve(null, null, Mod("module m\ngo go1.22\n"), null).Succeeded);
    }

    [Fact]
    public void Toolchain_default_falls_back_to_the_go_line()
    {
        var request = GoVersionResolver.Resolve(null, null, Mod("module m\ngo 1.22.1\ntoolchain default\n"), null);

        Assert.Equal(GoVersionSource.ModGoLine, request.SourceKind);
        Assert.Equal("1.22.1", request.Version!.ToString());
    }

    [Fact]
    public void Toolchain_custom_suffix_is_dropped_as_go_does()
    {
        var request = GoVersionResolver.Resolve(null, null, Mod("module m\ngo 1.22\ntoolchain go1.22.3-bigcorp\n"), null);

        Assert.Equal("1.22.3", request.Version!.ToString());
    }

    [Fact]
    public void Toolchain_without_go_prefix_is_an_error()
    {
        var request = GoVersionResolver.Resolve(null, null, Mod("module m\ngo 1.22\ntoolchain 1.22.3\n"), null);

        Assert.Contains("go.mod toolchain line (go.mod:3): '1.22.3' is not a toolchain name such as go1.22.3", request.Error);
    }

    [Fact]
    public void Resolves_from_a_detected_project()
    {
        using var tree = new TempTree();
        tree.File("go.work", "go 1.23\n\ntoolchain go1.23.2\n\nuse ./api\n");
        tree.Module("api", "example.com/api", "1.22");
        var project = GoProjectDetector.Detect(new GoProjectDetectorOptions { ProjectDirectory = tree.Path("api") });

        var request = GoVersionResolver.Resolve(null, null, project);

        Assert.Equal("go.work toolchain line (go.work:3)", request.Source);
        Assert.Equal(tree.Path("go.work"), request.SourceFile);
    }

    [Fact]
    public void Older_toolchain_error_names_both_versions_and_sources()
    {
        var request = GoVersionResolver.Resolve(null, null, Mod("module m\n\ntoolchain go1.22.3\n"), null);

        var error = request.CheckToolchain(V("1.19.8"), "/usr/lib/go-1.19");

        Assert.NotNull(error);
        Assert.StartsWith("go.mod toolchain line (go.mod:3) requires Go 1.22.3 or newer, but the toolchain found is Go 1.19.8 (/usr/lib/go-1.19).", error);
        Assert.Contains("predates toolchain switching", error);
        Assert.Contains("Install Go 1.22.3 or newer", error);
        Assert.Contains("GoRoot", error);
    }

    [Fact]
    public void Explicit_pin_error_asks_for_that_release()
    {
        var request = GoVersionResolver.Resolve("1.22.3", null, (GoModFile?)null, null);

        var error = request.CheckToolchain(V("1.21.5"), "PATH (/usr/bin/go)");

        Assert.Equal(
            "GoVersion property asks for Go 1.22.3, but the toolchain found is Go 1.21.5 (PATH (/usr/bin/go)). Install Go 1.22.3 (https://go.dev/dl/) or set GoRoot to a Go installation of that version.",
            error);
    }

    [Fact]
    public void Language_version_pin_error_mentions_the_newest_patch()
    {
        var request = GoVersionResolver.Resolve(null, Env.Of(("GOVERSION", "1.23")), (GoModFile?)null, null);

        Assert.Contains("asks for Go 1.23 (the newest 1.23.x)", request.CheckToolchain(V("1.22.9"), "x"));
    }

    [Fact]
    public void Go_1_21_and_newer_switch_toolchains_themselves_for_go_mod_lines()
    {
        var request = GoVersionResolver.Resolve(null, null, Mod("module m\n\ngo 1.23.0\n"), null);

        Assert.Null(request.CheckToolchain(V("1.21.5"), "x"));
        Assert.Null(request.CheckToolchain(V("1.21.5"), "x", "auto"));
        Assert.Null(request.CheckToolchain(V("1.21.5"), "x", "go1.21.5+auto"));
        Assert.Null(request.CheckToolchain(V("1.21.5"), "x", "path"));
        var local = request.CheckToolchain(V("1.21.5"), "x", "local");
        Assert.Contains("GOTOOLCHAIN=local", local);
        Assert.NotNull(request.CheckToolchain(V("1.20.14"), "x", "auto"));
    }

    [Fact]
    public void Properties_are_not_read_by_go_so_switching_does_not_help_them()
    {
        var request = GoVersionResolver.Resolve("1.23", null, (GoModFile?)null, null);

        Assert.NotNull(request.CheckToolchain(V("1.22.0"), "x", "auto"));
    }

    [Theory]
    [InlineData("1.21", "1.21.0", true)]
    [InlineData("1.21", "1.21.13", true)]
    [InlineData("1.21", "1.20.14", false)]
    [InlineData("1.21", "1.21rc2", true)]
    [InlineData("1.22.3", "1.22.3", true)]
    [InlineData("1.22.3", "1.23.0", true)]
    [InlineData("1.22.3", "1.22.2", false)]
    [InlineData("1.20", "1.20.0", true)]
    public void A_go_line_is_satisfied_by_that_release_or_newer(string goLine, string installed, bool satisfied)
    {
        var request = GoVersionResolver.Resolve(null, null, Mod($"module m\ngo {goLine}\n"), null);

        Assert.Equal(satisfied, request.IsSatisfiedBy(V(installed)));
        Assert.Equal(satisfied, request.CheckToolchain(V(installed), "x", "local") is null);
    }

    [Fact]
    public void Unknown_installed_version_is_left_to_go()
    {
        Assert.Null(GoVersionResolver.Resolve("1.99.0", null, (GoModFile?)null, null).CheckToolchain(null, "devel"));
    }

    [Theory]
    [InlineData("1.22", "1.22.0", true)]
    [InlineData("1.22", "1.22.9", true)]
    [InlineData("1.22", "1.23.0", false)]
    [InlineData("1.22", "1.22rc1", false)]
    [InlineData("1.22.3", "1.22.3", true)]
    [InlineData("1.22.3", "1.22.4", false)]
    [InlineData("1.20", "1.20.0", true)]
    public void Matches_is_the_release_asked_for(string asked, string installed, bool matches)
    {
        Assert.Equal(matches, GoVersionResolver.Resolve(asked, null, (GoModFile?)null, null).Matches(V(installed)));
    }

    [Theory]
    [InlineData("1.19", "module m\ngo 1.21\n", true)]
    [InlineData("1.21", "module m\ngo 1.21.3\n", false)]
    [InlineData("1.21.1", "module m\ngo 1.21.3\n", true)]
    [InlineData("1.22", "module m\ngo 1.21\n", false)]
    [InlineData("1.19", "module m\n", false)]
    public void An_explicit_version_older_than_the_go_line_warns(string property, string mod, bool warns)
    {
        var request = GoVersionResolver.Resolve(property, null, Mod(mod), null);

        Assert.Equal(warns, request.Warning is not null);
        if (warns)
        {
            Assert.StartsWith($"GoVersion property asks for Go {property}, older than the Go ", request.Warning);
            Assert.Contains("go.mod go line (go.mod:2) requires", request.Warning);
            Assert.Contains("remove the GoVersion property", request.Warning);
        }
    }

    [Fact]
    public void A_comment_older_than_a_go_work_line_warns_with_its_own_advice()
    {
        var request = GoVersionResolver.Resolve(null, null, Mod("module m\n// +heroku goVersion go1.17\ngo 1.17\n"), Work("go 1.20\nuse .\n"));

        Assert.Contains("go.work go line (go.work:1) requires", request.Warning);
        Assert.Contains("Set `-p:GoVersion=1.20` (or newer), or remove the comment", request.Warning);
    }

    [Fact]
    public void Local_modules_and_vendored_go_lines_raise_the_minimum_and_say_which_decided()
    {
        var root = Directory.CreateTempSubdirectory("gopack-minimums-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "app", "vendor"));
            Directory.CreateDirectory(Path.Combine(root, "lib"));
            File.WriteAllText(Path.Combine(root, "app", "go.mod"), "module example.com/app\n\ngo 1.17\n\nreplace example.com/lib => ../lib\n");
            File.WriteAllText(Path.Combine(root, "lib", "go.mod"), "module example.com/lib\n\ngo 1.19\n");
            File.WriteAllText(Path.Combine(root, "app", "vendor", "modules.txt"),
                "# example.com/dep v1.0.0\n## explicit; go 1.20\nexample.com/dep\n# example.com/lib v0.0.0 => ../lib\n## explicit; go 1.19\n");
            var project = GoProjectDetector.Detect(new GoProjectDetectorOptions { ProjectDirectory = Path.Combine(root, "app"), Environment = Env.Of(("GOWORK", "off")) });

            var request = GoVersionResolver.Resolve(null, null, project);

            Assert.Equal("1.20", request.Version!.ToString());
            Assert.Equal(GoVersionSource.VendorGoLine, request.SourceKind);
            Assert.Equal("vendor/modules.txt go line of example.com/dep (vendor/modules.txt:2)", request.Source);
            Assert.True(request.IsMinimum);
            Assert.Equal(Path.Combine(root, "app", "vendor", "modules.txt"), request.SourceFile);

            File.Delete(Path.Combine(root, "app", "vendor", "modules.txt"));
            project = GoProjectDetector.Detect(new GoProjectDetectorOptions { ProjectDirectory = Path.Combine(root, "app"), Environment = Env.Of(("GOWORK", "off")) });
            request = GoVersionResolver.Resolve(null, null, project);

            Assert.Equal("../lib/go.mod go line of example.com/lib (../lib/go.mod:3)", request.Source);
            Assert.Equal(GoVersionSource.LocalModuleGoLine, request.SourceKind);

            var explicitOld = GoVersionResolver.Resolve("1.18", null, project);
            Assert.Contains("../lib/go.mod go line of example.com/lib (../lib/go.mod:3) requires", explicitOld.Warning);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Vendor_modules_txt_go_lines_are_read_and_anything_else_is_skipped()
    {
        var entries = VendorModules.ReadGoVersions("# a.com/x v1.0.0\r\n## explicit; go 1.20\r\na.com/x\n# b.com/y v2.0.0 => ../y\n## go 1.21.3; explicit\n## explicit\n#\n## go\n{garbage\n");

        Assert.Equal(new[] { new VendoredGoVersion("a.com/x", "1.20", 2), new VendoredGoVersion("b.com/y", "1.21.3", 5) }, entries);
        Assert.Empty(VendorModules.ReadGoVersions(""));
    }
}
