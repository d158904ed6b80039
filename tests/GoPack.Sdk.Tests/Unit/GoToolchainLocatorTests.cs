using System.Runtime.InteropServices;
using GoPack.Sdk.Tasks;
using GoPack.Sdk.Toolchains;

namespace GoPack.Sdk.Tests.Unit;

public sealed class GoToolchainLocatorTests : IDisposable
{
    private static readonly bool OnWindows = OperatingSystem.IsWindows();
    private static readonly string GoFile = OnWindows ? "go.exe" : "go";
    private static readonly string NoGo = OnWindows ? @"(no bin\go.exe)" : "(no bin/go)";

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "gopack-locator-" + Guid.NewGuid().ToString("N"));

    public GoToolchainLocatorTests() => Directory.CreateDirectory(_temp);

    public void Dispose()
    {
        // Recursive delete removes symlinks themselves rather than what they point at.
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public void Candidates_come_in_order_GoRoot_property_GOROOT_PATH_then_search_locations()
    {
        var property = FakeGoRoot("property", "go1.22.3");
        var environment = FakeGoRoot("environment", "go1.21.0");
        var onPath = FakeGoRoot("onpath", "go1.20.14");
        var first = FakeGoRoot("first", "go1.19.8");
        var second = FakeGoRoot("second", "go1.18");
        var locator = Locator(new GoToolchainLocatorOptions
        {
            GoRootProperty = property,
            GoRootEnvironment = environment,
            PathEnvironment = PathOf(Path.Combine(onPath, "bin")),
            SearchLocations = new[] { first, second },
        });

        var candidates = locator.EnumerateCandidates().ToList();

        Assert.Equal(new[] { property, environment, onPath, first, second }, candidates.Select(c => c.GoRoot));
        Assert.Equal(
            new[] { "GoRoot property", "GOROOT environment variable", $"PATH ({Path.Combine(onPath, "bin", GoFile)})", first, second },
            candidates.Select(c => c.Source));
        Assert.Equal(new[] { "1.22.3", "1.21.0", "1.20.14", "1.19.8", "1.18" }, candidates.Select(c => c.Version!.ToString()));
        Assert.All(candidates, c => Assert.Equal(Path.Combine(c.GoRoot, "bin", GoFile), c.GoExecutable));
        Assert.Equal(
            new[]
            {
                $"GoRoot property={property} (go1.22.3)",
                $"GOROOT={environment} (go1.21.0)",
                $"PATH: {Path.Combine(onPath, "bin", GoFile)} (go1.20.14)",
                $"{first} (go1.19.8)",
                $"{second} (go1.18)",
            },
            locator.SearchedPlaces);
    }

    [Fact]
    public void Nothing_set_and_nothing_installed_records_every_place_and_why()
    {
        var missing = Path.Combine(_temp, "missing");
        var empty = Directory.CreateDirectory(Path.Combine(_temp, "empty")).FullName;
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { missing, empty, Path.Combine(_temp, "go-*") } });

        Assert.Empty(locator.EnumerateCandidates());

        Assert.Equal(
            new[]
            {
                "GoRoot property (not set)",
                "GOROOT (not set)",
                "PATH (not set)",
                $"{missing} (missing)",
                $"{empty} {NoGo}",
                $"{Path.Combine(_temp, "go-*")} (no matches)",
            },
            locator.SearchedPlaces);
    }

    [Fact]
    public void Blank_settings_count_as_not_set()
    {
        var locator = Locator(new GoToolchainLocatorOptions { GoRootProperty = "  ", GoRootEnvironment = "", PathEnvironment = " " });

        Assert.Empty(locator.EnumerateCandidates());

        Assert.Equal(new[] { "GoRoot property (not set)", "GOROOT (not set)", "PATH (not set)" }, locator.SearchedPlaces);
    }

    [Fact]
    public void Explicit_roots_without_a_go_are_skipped_with_the_reason()
    {
        var noGo = Directory.CreateDirectory(Path.Combine(_temp, "nogo")).FullName;
        File.WriteAllText(Path.Combine(noGo, "VERSION"), "go1.22.3\n");
        var missing = Path.Combine(_temp, "missing");
        var fallback = FakeGoRoot("fallback", "go1.21.5");
        var locator = Locator(new GoToolchainLocatorOptions
        {
            GoRootProperty = noGo,
            GoRootEnvironment = missing,
            SearchLocations = new[] { fallback },
        });

        var only = Assert.Single(locator.EnumerateCandidates());

        Assert.Equal(fallback, only.GoRoot);
        Assert.Contains($"GoRoot property={noGo} {NoGo}", locator.SearchedPlaces);
        Assert.Contains($"GOROOT={missing} (missing)", locator.SearchedPlaces);
    }

    [Fact]
    public void Explicit_root_is_made_absolute_and_loses_its_trailing_separator()
    {
        var root = FakeGoRoot("root", "go1.22.3");

        var only = Assert.Single(Locator(new GoToolchainLocatorOptions { GoRootProperty = root + Path.DirectorySeparatorChar }).EnumerateCandidates());

        Assert.Equal(root, only.GoRoot);
    }

    [Fact]
    public void Wildcard_matches_come_newest_first_by_version_not_by_name()
    {
        var go19 = FakeGoRoot("lib/go-1.19", "go1.19.8");
        var go9 = FakeGoRoot("lib/go-1.9", "go1.9.7");
        var go10 = FakeGoRoot("lib/go-1.10", "go1.10.8");
        var broken = Directory.CreateDirectory(Path.Combine(_temp, "lib", "go-1.22")).FullName;
        Directory.CreateDirectory(Path.Combine(_temp, "lib", "other-1.30"));
        var pattern = Path.Combine(_temp, "lib", "go-*");
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { pattern } });

        var candidates = locator.EnumerateCandidates().ToList();

        Assert.Equal(new[] { go19, go10, go9 }, candidates.Select(c => c.GoRoot));
        Assert.All(candidates, c => Assert.Equal(pattern, c.Source));
        Assert.Contains($"{broken} {NoGo}", locator.SearchedPlaces);
        Assert.DoesNotContain(locator.SearchedPlaces, p => p.Contains("other-1.30"));
    }

    [Fact]
    public void Wildcard_match_without_VERSION_has_no_version_and_sorts_by_its_name_then_last()
    {
        var named = FakeGoRoot("sdk/go1.21.0", version: null);
        var versioned = FakeGoRoot("sdk/go1.20.3", "go1.20.3");
        var newest = FakeGoRoot("sdk/go1.22.1", "go1.22.1");
        var nameless = FakeGoRoot("sdk/gotip", version: null);
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { Path.Combine(_temp, "sdk", "go*") } });

        var candidates = locator.EnumerateCandidates().ToList();

        Assert.Equal(new[] { newest, named, versioned, nameless }, candidates.Select(c => c.GoRoot));
        Assert.Null(candidates[1].Version);
        Assert.Null(candidates[3].Version);
        Assert.Contains($"{nameless} (unknown version)", locator.SearchedPlaces);
    }

    [Fact]
    public void Wildcard_under_a_missing_directory_has_no_matches()
    {
        var pattern = Path.Combine(_temp, "nowhere", "go-*");
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { pattern } });

        Assert.Empty(locator.EnumerateCandidates());

        Assert.Contains($"{pattern} (no matches)", locator.SearchedPlaces);
    }

    [Fact]
    public void Wildcard_before_the_last_segment_is_reported_not_expanded()
    {
        var pattern = Path.Combine(_temp, "go-*", "libexec");
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { pattern } });

        Assert.Empty(locator.EnumerateCandidates());

        Assert.Contains($"{pattern} (wildcards are only supported in the last segment)", locator.SearchedPlaces);
    }

    [Fact]
    public void Tilde_in_a_search_location_is_the_home_directory()
    {
        var home = Directory.CreateDirectory(Path.Combine(_temp, "home")).FullName;
        var sdk = FakeGoRoot("home/sdk/go1.22.3", "go1.22.3");

        var withHome = Locator(new GoToolchainLocatorOptions { HomeDirectory = home, SearchLocations = new[] { "~/sdk/go*" } });
        var withoutHome = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { "~/sdk/go*" } });

        Assert.Equal(sdk, Assert.Single(withHome.EnumerateCandidates()).GoRoot);
        Assert.Equal("~/sdk/go*", Assert.Single(withHome.EnumerateCandidates()).Source);
        Assert.Empty(withoutHome.EnumerateCandidates());
        Assert.Contains("~/sdk/go* (home directory unknown)", withoutHome.SearchedPlaces);
    }

    [Fact]
    public void Go_on_PATH_through_a_symlink_has_the_links_target_as_GoRoot()
    {
        if (OnWindows)
        {
            return; // creating symlinks needs a privilege Windows runners rarely have; the netstandard2.0 path does not resolve them anyway
        }

        var root = FakeGoRoot("lib/go-1.19", "go1.19.8");
        var usrBin = Directory.CreateDirectory(Path.Combine(_temp, "usr", "bin")).FullName;
        var link = Path.Combine(usrBin, "go");
        File.CreateSymbolicLink(link, Path.Combine(root, "bin", "go"));
        var locator = Locator(new GoToolchainLocatorOptions { PathEnvironment = PathOf(usrBin) });

        var only = Assert.Single(locator.EnumerateCandidates());

        Assert.Equal(root, only.GoRoot);
        Assert.Equal(Path.Combine(root, "bin", "go"), only.GoExecutable);
        Assert.Equal($"PATH ({link})", only.Source);
        Assert.Equal("1.19.8", only.Version!.ToString());
        Assert.Contains($"PATH: {link} -> {Path.Combine(root, "bin", "go")} (go1.19.8)", locator.SearchedPlaces);
    }

    [Fact]
    public void Go_on_PATH_through_a_relative_symlink_chain_is_resolved_to_the_end()
    {
        if (OnWindows)
        {
            return; // see Go_on_PATH_through_a_symlink_has_the_links_target_as_GoRoot
        }

        var root = FakeGoRoot("Cellar/go/1.22.3/libexec", "go1.22.3");
        var optBin = Directory.CreateDirectory(Path.Combine(_temp, "opt", "bin")).FullName;
        var pathBin = Directory.CreateDirectory(Path.Combine(_temp, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(optBin, "go"), Path.Combine("..", "..", "Cellar", "go", "1.22.3", "libexec", "bin", "go"));
        File.CreateSymbolicLink(Path.Combine(pathBin, "go"), Path.Combine("..", "opt", "bin", "go"));

        var only = Assert.Single(Locator(new GoToolchainLocatorOptions { PathEnvironment = PathOf(pathBin) }).EnumerateCandidates());

        Assert.Equal(root, only.GoRoot);
    }

    [Fact]
    public void Every_go_on_PATH_is_a_candidate_in_PATH_order_and_relative_entries_are_ignored()
    {
        var first = FakeGoRoot("first", "go1.20.1");
        var second = FakeGoRoot("second", "go1.22.3");
        var noGoHere = Directory.CreateDirectory(Path.Combine(_temp, "nothing")).FullName;
        var relative = FakeGoRoot("relative", "go1.23.0");
        var path = string.Join(
            Path.PathSeparator,
            "",
            noGoHere,
            Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(relative, "bin")),
            Path.Combine(first, "bin"),
            Path.Combine(second, "bin"));
        var locator = Locator(new GoToolchainLocatorOptions { PathEnvironment = path });

        Assert.Equal(new[] { first, second }, locator.EnumerateCandidates().Select(c => c.GoRoot));
    }

    [Fact]
    public void PATH_without_go_is_recorded()
    {
        var noGoHere = Directory.CreateDirectory(Path.Combine(_temp, "nothing")).FullName;
        var locator = Locator(new GoToolchainLocatorOptions { PathEnvironment = PathOf(noGoHere) });

        Assert.Empty(locator.EnumerateCandidates());

        Assert.Contains($"PATH (no {GoFile} found)", locator.SearchedPlaces);
    }

    [Fact]
    public void Go_on_PATH_whose_parent_is_not_a_GOROOT_is_skipped()
    {
        // Like Arch's /usr/bin/go or a version manager's shim: bin/go exists but /usr is no GOROOT.
        var usr = Directory.CreateDirectory(Path.Combine(_temp, "usr")).FullName;
        var usrBin = Directory.CreateDirectory(Path.Combine(usr, "bin")).FullName;
        File.WriteAllText(Path.Combine(usrBin, GoFile), "");
        var locator = Locator(new GoToolchainLocatorOptions { PathEnvironment = PathOf(usrBin) });

        Assert.Empty(locator.EnumerateCandidates());

        Assert.Contains(locator.SearchedPlaces, p => p.StartsWith($"PATH: {Path.Combine(usrBin, GoFile)} (cannot tell its GOROOT", StringComparison.Ordinal));
    }

    [Fact]
    public void Go_on_PATH_with_pkg_tool_but_no_VERSION_is_a_GOROOT_of_unknown_version()
    {
        var root = FakeGoRoot("devel", version: null);
        Directory.CreateDirectory(Path.Combine(root, "pkg", "tool"));

        var only = Assert.Single(Locator(new GoToolchainLocatorOptions { PathEnvironment = PathOf(Path.Combine(root, "bin")) }).EnumerateCandidates());

        Assert.Equal(root, only.GoRoot);
        Assert.Null(only.Version);
    }

    [Fact]
    public void The_same_GoRoot_reached_several_ways_is_returned_once_for_the_first_way()
    {
        var root = FakeGoRoot("go", "go1.22.3");
        var other = FakeGoRoot("other", "go1.21.0");
        var locator = Locator(new GoToolchainLocatorOptions
        {
            GoRootProperty = root,
            GoRootEnvironment = root + Path.DirectorySeparatorChar,
            PathEnvironment = PathOf(Path.Combine(root, "bin")),
            SearchLocations = new[] { root, other, Path.Combine(_temp, "o*") },
        });

        var candidates = locator.EnumerateCandidates().ToList();

        Assert.Equal(new[] { root, other }, candidates.Select(c => c.GoRoot));
        Assert.Equal("GoRoot property", candidates[0].Source);
        Assert.Contains($"GOROOT={root}{Path.DirectorySeparatorChar} (same toolchain as GoRoot property)", locator.SearchedPlaces);
        Assert.Contains($"PATH: {Path.Combine(root, "bin", GoFile)} (same toolchain as GoRoot property)", locator.SearchedPlaces);
        Assert.Contains($"{root} (same toolchain as GoRoot property)", locator.SearchedPlaces);
        Assert.Contains($"{other} (same toolchain as {other})", locator.SearchedPlaces);
    }

    [Fact]
    public void A_symlinked_GoRoot_and_its_target_are_one_toolchain()
    {
        if (OnWindows)
        {
            return; // see Go_on_PATH_through_a_symlink_has_the_links_target_as_GoRoot
        }

        // Debian-style /usr/lib/go -> go-1.19 next to the /usr/lib/go-* wildcard.
        var real = FakeGoRoot("lib/go-1.19", "go1.19.8");
        var link = Path.Combine(_temp, "lib", "go");
        Directory.CreateSymbolicLink(link, real);
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { Path.Combine(_temp, "lib", "go-*"), link } });

        var only = Assert.Single(locator.EnumerateCandidates());

        Assert.Equal(real, only.GoRoot);
        Assert.Contains($"{link} (same toolchain as {Path.Combine(_temp, "lib", "go-*")})", locator.SearchedPlaces);
    }

    [Fact]
    public void Windows_mode_looks_for_go_exe_and_splits_PATH_on_semicolons()
    {
        var windowsRoot = FakeGoRoot("win", "go1.22.3", executable: "go.exe");
        var unixRoot = FakeGoRoot("unix", "go1.22.3", executable: "go");
        var onPath = FakeGoRoot("onpath", "go1.21.4", executable: "go.exe");
        var locator = Locator(new GoToolchainLocatorOptions
        {
            IsWindows = true,
            GoRootProperty = unixRoot,
            PathEnvironment = $"\"{Path.Combine(onPath, "bin")}\";;{Path.Combine(unixRoot, "bin")}",
            SearchLocations = new[] { windowsRoot },
        });

        var candidates = locator.EnumerateCandidates().ToList();

        Assert.Equal(new[] { onPath, windowsRoot }, candidates.Select(c => c.GoRoot));
        Assert.Equal(Path.Combine(onPath, "bin", "go.exe"), candidates[0].GoExecutable);
        Assert.Equal(Path.Combine(windowsRoot, "bin", "go.exe"), candidates[1].GoExecutable);
        Assert.Contains($@"GoRoot property={unixRoot} (no bin\go.exe)", locator.SearchedPlaces);
    }

    [Fact]
    public void Unix_mode_ignores_go_exe()
    {
        if (OnWindows)
        {
            return; // on Windows the fake's go.exe is the real thing
        }

        var windowsRoot = FakeGoRoot("win", "go1.22.3", executable: "go.exe");
        var locator = Locator(new GoToolchainLocatorOptions { IsWindows = false, SearchLocations = new[] { windowsRoot } });

        Assert.Empty(locator.EnumerateCandidates());
        Assert.Contains($"{windowsRoot} (no bin/go)", locator.SearchedPlaces);
    }

    [Theory]
    [InlineData("go1.19.8\n", "1.19.8")]
    [InlineData("go1.22.3\ntime 2024-05-01T19:53:41Z\n", "1.22.3")]
    [InlineData("go1.21rc2", "1.21rc2")]
    [InlineData("  go1.20  \r\n", "1.20")]
    [InlineData("devel go1.23-2b0f2f8 Tue Jun 4 17:30:00 2024 +0000\n", null)]
    [InlineData("", null)]
    [InlineData("not a version", null)]
    public void Version_comes_from_the_first_line_of_VERSION(string content, string? expected)
    {
        var root = FakeGoRoot("go", version: null);
        File.WriteAllText(Path.Combine(root, "VERSION"), content);

        var only = Assert.Single(Locator(new GoToolchainLocatorOptions { GoRootProperty = root }).EnumerateCandidates());

        Assert.Equal(expected, only.Version?.ToString());
    }

    [Fact]
    public void Missing_VERSION_gives_a_null_version()
    {
        var root = FakeGoRoot("go", version: null);
        var locator = Locator(new GoToolchainLocatorOptions { GoRootProperty = root });

        var only = Assert.Single(locator.EnumerateCandidates());

        Assert.Null(only.Version);
        Assert.Contains($"GoRoot property={root} (unknown version)", locator.SearchedPlaces);
    }

    [Fact]
    public void Enumeration_is_lazy_and_each_enumeration_starts_a_new_record()
    {
        var first = FakeGoRoot("first", "go1.22.3");
        var second = FakeGoRoot("second", "go1.21.0");
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { first, second } });

        Assert.Empty(locator.SearchedPlaces);
        Assert.Equal(first, locator.EnumerateCandidates().First().GoRoot);
        Assert.Equal(new[] { "GoRoot property (not set)", "GOROOT (not set)", "PATH (not set)", $"{first} (go1.22.3)" }, locator.SearchedPlaces);

        Assert.Equal(2, locator.EnumerateCandidates().Count());
        Assert.Equal(5, locator.SearchedPlaces.Count);
    }

    [Fact]
    public void Default_search_locations_on_Unix()
    {
        var locator = new GoToolchainLocator(new GoToolchainLocatorOptions { IsWindows = false, HomeDirectory = "/home/me" });

        Assert.Equal(
            new[]
            {
                "/usr/local/go",
                "/usr/lib/go-*",
                "/usr/lib/go",
                Path.Combine("/home/me", "sdk", "go*"),
                "/opt/homebrew/opt/go/libexec",
                "/usr/local/opt/go/libexec",
            },
            locator.DefaultSearchLocations);
    }

    [Fact]
    public void Default_search_locations_on_Unix_without_a_home_skip_sdk()
    {
        var locator = new GoToolchainLocator(new GoToolchainLocatorOptions { IsWindows = false });

        Assert.DoesNotContain(locator.DefaultSearchLocations, l => l.Contains("sdk"));
        Assert.Equal(5, locator.DefaultSearchLocations.Count);
    }

    [Fact]
    public void Default_search_locations_on_Windows()
    {
        var locator = new GoToolchainLocator(new GoToolchainLocatorOptions
        {
            IsWindows = true,
            ProgramFiles = @"C:\Program Files",
            HomeDirectory = @"C:\Users\me",
        });

        Assert.Equal(
            new[] { Path.Combine(@"C:\Program Files", "Go"), @"C:\Go", Path.Combine(@"C:\Users\me", "sdk", "go*") },
            locator.DefaultSearchLocations);
    }

    [Fact]
    public void Search_locations_replace_the_defaults()
    {
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = Array.Empty<string>() });

        Assert.Empty(locator.EnumerateCandidates());

        Assert.Equal(new[] { "GoRoot property (not set)", "GOROOT (not set)", "PATH (not set)" }, locator.SearchedPlaces);
    }

    [Fact]
    public void Options_from_the_environment_read_GOROOT_and_PATH()
    {
        var options = GoToolchainLocatorOptions.FromEnvironment(TaskEnvironment.Snapshot());

        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), options.PathEnvironment);
        Assert.Equal(Environment.GetEnvironmentVariable("GOROOT"), options.GoRootEnvironment);
        Assert.Equal(OnWindows, options.IsWindows);
        Assert.Null(options.GoRootProperty);
        Assert.Null(options.SearchLocations);
    }

    [Fact]
    public void Options_from_a_Windows_environment_take_the_64_bit_Program_Files_and_the_user_profile()
    {
        // A 32-bit MSBuild sees ProgramFiles as "Program Files (x86)"; the Go installer uses the 64-bit folder.
        var options = GoToolchainLocatorOptions.FromEnvironment(new Dictionary<string, string>
        {
            ["ProgramFiles"] = @"C:\Program Files (x86)",
            ["ProgramW6432"] = @"C:\Program Files",
            ["USERPROFILE"] = @"C:\Users\me",
            ["HOME"] = "/not/used/on/windows",
            ["GOROOT"] = "  ",
        }, isWindows: true);

        Assert.True(options.IsWindows);
        Assert.Equal(@"C:\Program Files", options.ProgramFiles);
        Assert.Equal(@"C:\Users\me", options.HomeDirectory);
        Assert.Null(options.GoRootEnvironment);
        Assert.Equal(@"C:\Program Files (x86)", GoToolchainLocatorOptions.FromEnvironment(new Dictionary<string, string> { ["ProgramFiles"] = @"C:\Program Files (x86)" }, isWindows: true).ProgramFiles);
    }

    [Fact]
    public void Options_from_a_Unix_environment_take_HOME_and_no_Program_Files()
    {
        var options = GoToolchainLocatorOptions.FromEnvironment(new Dictionary<string, string> { ["HOME"] = "/home/me", ["ProgramFiles"] = "x", ["GOROOT"] = "/opt/go" }, isWindows: false);

        Assert.Equal("/home/me", options.HomeDirectory);
        Assert.Null(options.ProgramFiles);
        Assert.Equal("/opt/go", options.GoRootEnvironment);
    }

    [Fact]
    public void A_candidate_without_VERSION_is_asked_through_the_probe()
    {
        var root = FakeGoRoot("distro", version: null);
        var probe = new FakeProbe(_ => GoToolchainProbeResult.Success("go1.23.4", root, "linux", "amd64"));
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { root }, Probe = probe.Probe, HostGoOs = "linux", HostGoArch = "amd64" });

        var only = Assert.Single(locator.EnumerateCandidates());

        Assert.Equal("1.23.4", only.Version!.ToString());
        Assert.Equal(new[] { Path.Combine(root, "bin", GoFile) }, probe.Asked);
        Assert.Contains($"{root} (go1.23.4, from `go env`)", locator.SearchedPlaces);
    }

    [Fact]
    public void A_candidate_with_VERSION_is_never_probed()
    {
        var root = FakeGoRoot("release", "go1.22.3");
        var probe = new FakeProbe(_ => throw new InvalidOperationException("a VERSION file must be enough"));
        var locator = Locator(new GoToolchainLocatorOptions { GoRootProperty = root, SearchLocations = new[] { root }, Probe = probe.Probe });

        Assert.Equal("1.22.3", Assert.Single(locator.EnumerateCandidates()).Version!.ToString());
        Assert.Empty(probe.Asked);
    }

    [Fact]
    public void A_toolchain_reached_several_ways_is_probed_once()
    {
        var root = FakeGoRoot("distro", version: null);
        Directory.CreateDirectory(Path.Combine(root, "pkg", "tool"));
        var probe = new FakeProbe(_ => GoToolchainProbeResult.Success("go1.23.4", root, "linux", "amd64"));
        var locator = Locator(new GoToolchainLocatorOptions
        {
            GoRootEnvironment = root,
            PathEnvironment = PathOf(Path.Combine(root, "bin")),
            SearchLocations = new[] { root },
            Probe = probe.Probe,
        });

        Assert.Single(locator.EnumerateCandidates());
        Assert.Single(probe.Asked);
    }

    [Fact]
    public void A_failing_probe_skips_the_candidate_with_the_reason()
    {
        var broken = FakeGoRoot("broken", version: null);
        var fallback = FakeGoRoot("fallback", "go1.21.5");
        var probe = new FakeProbe(_ => GoToolchainProbeResult.Failed("`go env GOVERSION GOROOT GOOS GOARCH` did not answer within 5 s"));
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { broken, fallback }, Probe = probe.Probe });

        var only = Assert.Single(locator.EnumerateCandidates());

        Assert.Equal(fallback, only.GoRoot);
        Assert.Contains($"{broken} (skipped: no VERSION file, and asking it failed: `go env GOVERSION GOROOT GOOS GOARCH` did not answer within 5 s)", locator.SearchedPlaces);
    }

    [Fact]
    public void A_probed_toolchain_for_another_platform_is_skipped()
    {
        var foreign = FakeGoRoot("foreign", version: null);
        var native = FakeGoRoot("native", version: null);
        var probe = new FakeProbe(go => go.StartsWith(foreign, StringComparison.Ordinal)
            ? GoToolchainProbeResult.Success("go1.23.4", foreign, "linux", "arm64")
            : GoToolchainProbeResult.Success("go1.22.3", native, "linux", "amd64"));
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { foreign, native }, Probe = probe.Probe, HostGoOs = "linux", HostGoArch = "amd64" });

        var only = Assert.Single(locator.EnumerateCandidates());

        Assert.Equal(native, only.GoRoot);
        Assert.Contains($"{foreign} (skipped: `go env` says it is go1.23.4 for linux/arm64, not for this machine's linux/amd64)", locator.SearchedPlaces);
    }

    [Fact]
    public void A_toolchain_whose_pkg_tool_is_for_another_platform_is_skipped_without_running_it()
    {
        // Like a linux-arm64 archive unpacked on an amd64 machine: its VERSION file is fine, its tools are not.
        var foreign = FakeGoRoot("foreign", "go1.23.4");
        Directory.CreateDirectory(Path.Combine(foreign, "pkg", "tool", "linux_arm64"));
        var native = FakeGoRoot("native", "go1.22.3");
        Directory.CreateDirectory(Path.Combine(native, "pkg", "tool", "linux_amd64"));
        var probe = new FakeProbe(_ => throw new InvalidOperationException("nothing needs running"));
        var options = new GoToolchainLocatorOptions { SearchLocations = new[] { foreign, native }, Probe = probe.Probe, HostGoOs = "linux", HostGoArch = "amd64" };
        var locator = Locator(options);

        var only = Assert.Single(locator.EnumerateCandidates());

        Assert.Equal(native, only.GoRoot);
        Assert.Contains($"{foreign} (skipped: its pkg/tool has linux/arm64 tools, not this machine's linux/amd64)", locator.SearchedPlaces);
        Assert.Equal(2, Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { foreign, native } }).EnumerateCandidates().Count());
    }

    [Fact]
    public void A_probed_development_build_has_an_unknown_version_and_says_what_go_env_printed()
    {
        var root = FakeGoRoot("devel", version: null);
        const string devel = "devel go1.24-2b0f2f8 Tue Jun 4 17:30:00 2024 +0000";
        var locator = Locator(new GoToolchainLocatorOptions { GoRootProperty = root, Probe = new FakeProbe(_ => GoToolchainProbeResult.Success(devel, root, "linux", "amd64")).Probe });

        var only = Assert.Single(locator.EnumerateCandidates());

        Assert.Null(only.Version);
        Assert.Contains($"GoRoot property={root} (unknown version: {devel}, from `go env`)", locator.SearchedPlaces);
    }

    [Fact]
    public void A_probe_naming_another_GOROOT_is_noted_but_the_candidate_keeps_its_own()
    {
        var root = FakeGoRoot("wrapper", version: null);
        var elsewhere = Path.Combine(_temp, "real-go");
        var locator = Locator(new GoToolchainLocatorOptions { SearchLocations = new[] { root }, Probe = new FakeProbe(_ => GoToolchainProbeResult.Success("go1.23.4", elsewhere, "linux", "amd64")).Probe });

        var only = Assert.Single(locator.EnumerateCandidates());

        Assert.Equal(root, only.GoRoot);
        Assert.Contains($"{root} (go1.23.4, from `go env`, which names GOROOT {elsewhere})", locator.SearchedPlaces);
    }

    [Fact]
    public void Go_version_wrappers_on_PATH_come_after_go_on_PATH_newest_first_and_use_their_sdk_folder()
    {
        var home = Directory.CreateDirectory(Path.Combine(_temp, "home")).FullName;
        var onPath = FakeGoRoot("onpath", "go1.20.14");
        var goBin = Directory.CreateDirectory(Path.Combine(home, "go", "bin")).FullName;
        foreach (var name in new[] { "go1.21.0", "go1.22.3", "go1.21rc2", "go1.19.tar.gz", "go1.22", "gotip", "go1.x" })
        {
            File.WriteAllText(Path.Combine(goBin, name), "#!/bin/sh\n");
        }

        var sdk22 = FakeGoRoot("home/sdk/go1.22.3", "go1.22.3");
        var sdk21 = FakeGoRoot("home/sdk/go1.21.0", "go1.21.0");
        var locator = Locator(new GoToolchainLocatorOptions
        {
            IsWindows = false,
            HomeDirectory = home,
            PathEnvironment = PathOf(goBin, Path.Combine(onPath, "bin")),
            SearchLocations = new[] { "~/sdk/go*" },
        });

        var candidates = locator.EnumerateCandidates().ToList();

        Assert.Equal(new[] { onPath, sdk22, sdk21 }, candidates.Select(c => c.GoRoot));
        Assert.Equal($"PATH go1.22.3 wrapper ({Path.Combine(goBin, "go1.22.3")})", candidates[1].Source);
        Assert.Equal(Path.Combine(sdk22, "bin", "go"), candidates[1].GoExecutable);
        Assert.Equal("1.22.3", candidates[1].Version!.ToString());
        Assert.Contains($"PATH: {Path.Combine(goBin, "go1.22.3")} -> {sdk22} (go1.22.3)", locator.SearchedPlaces);
        Assert.Contains($"PATH: {Path.Combine(goBin, "go1.21rc2")} (not downloaded: run `go1.21rc2 download`)", locator.SearchedPlaces);
        Assert.Contains($"{sdk22} (same toolchain as PATH go1.22.3 wrapper ({Path.Combine(goBin, "go1.22.3")}))", locator.SearchedPlaces);
        Assert.DoesNotContain(locator.SearchedPlaces, p => p.Contains("gotip") || p.Contains("go1.19.tar.gz") || p.Contains("go1.x") || p.Contains(Path.Combine(goBin, "go1.22 ")));
        Assert.Equal(
            new[] { "go1.22.3", "go1.21.0", "go1.21rc2" },
            locator.SearchedPlaces.Where(p => p.StartsWith($"PATH: {goBin}", StringComparison.Ordinal)).Select(p => Path.GetFileName(p.Split(' ')[1])));
    }

    [Fact]
    public void A_wrapper_whose_sdk_folder_has_no_go_is_not_downloaded()
    {
        var home = Directory.CreateDirectory(Path.Combine(_temp, "home")).FullName;
        var goBin = Directory.CreateDirectory(Path.Combine(home, "go", "bin")).FullName;
        File.WriteAllText(Path.Combine(goBin, "go1.22.3"), "");

        // `go1.22.3 download` killed half way leaves the folder without bin/go.
        Directory.CreateDirectory(Path.Combine(home, "sdk", "go1.22.3", "src"));
        var locator = Locator(new GoToolchainLocatorOptions { IsWindows = false, HomeDirectory = home, PathEnvironment = PathOf(goBin) });

        Assert.Empty(locator.EnumerateCandidates());

        Assert.Contains("PATH (no go found)", locator.SearchedPlaces);
        Assert.Contains($"PATH: {Path.Combine(goBin, "go1.22.3")} (not downloaded: run `go1.22.3 download`)", locator.SearchedPlaces);
    }

    [Fact]
    public void A_wrapper_without_a_home_directory_is_recorded()
    {
        var goBin = Directory.CreateDirectory(Path.Combine(_temp, "bin")).FullName;
        File.WriteAllText(Path.Combine(goBin, "go1.22.3"), "");
        var locator = Locator(new GoToolchainLocatorOptions { IsWindows = false, PathEnvironment = PathOf(goBin) });

        Assert.Empty(locator.EnumerateCandidates());

        Assert.Contains($"PATH: {Path.Combine(goBin, "go1.22.3")} (home directory unknown, so is the SDK folder it runs)", locator.SearchedPlaces);
    }

    [Fact]
    public void Windows_mode_takes_go_version_exe_wrappers_only()
    {
        var home = Directory.CreateDirectory(Path.Combine(_temp, "home")).FullName;
        var goBin = Directory.CreateDirectory(Path.Combine(home, "go", "bin")).FullName;
        File.WriteAllText(Path.Combine(goBin, "go1.22.3.exe"), "");
        File.WriteAllText(Path.Combine(goBin, "go1.21.0"), "");
        var sdk = FakeGoRoot("home/sdk/go1.22.3", "go1.22.3", executable: "go.exe");
        FakeGoRoot("home/sdk/go1.21.0", "go1.21.0", executable: "go.exe");
        var locator = Locator(new GoToolchainLocatorOptions { IsWindows = true, HomeDirectory = home, PathEnvironment = goBin });

        var only = Assert.Single(locator.EnumerateCandidates());

        Assert.Equal(sdk, only.GoRoot);
        Assert.Equal(Path.Combine(sdk, "bin", "go.exe"), only.GoExecutable);
        Assert.Equal($"PATH go1.22.3 wrapper ({Path.Combine(goBin, "go1.22.3.exe")})", only.Source);
    }

    [Fact]
    public void A_wrapper_sdk_without_VERSION_is_probed_like_any_candidate()
    {
        var home = Directory.CreateDirectory(Path.Combine(_temp, "home")).FullName;
        var goBin = Directory.CreateDirectory(Path.Combine(home, "go", "bin")).FullName;
        File.WriteAllText(Path.Combine(goBin, "go1.22.3"), "");
        var sdk = FakeGoRoot("home/sdk/go1.22.3", version: null);
        var probe = new FakeProbe(_ => GoToolchainProbeResult.Success("go1.22.3", sdk, "linux", "amd64"));
        var locator = Locator(new GoToolchainLocatorOptions { IsWindows = false, HomeDirectory = home, PathEnvironment = PathOf(goBin), Probe = probe.Probe });

        Assert.Equal("1.22.3", Assert.Single(locator.EnumerateCandidates()).Version!.ToString());
        Assert.Equal(new[] { Path.Combine(sdk, "bin", "go") }, probe.Asked);
    }

    [Fact]
    public void Options_from_the_environment_know_this_machines_platform()
    {
        var options = GoToolchainLocatorOptions.FromEnvironment(TaskEnvironment.Snapshot());

        Assert.Equal(GoHostPlatform.GoOs(), options.HostGoOs);
        Assert.Equal(GoHostPlatform.GoArch(), options.HostGoArch);
        Assert.Null(options.Probe);
    }

    [Fact]
    public void Null_options_are_rejected() =>
        Assert.Throws<ArgumentNullException>(() => new GoToolchainLocator(null!));

    private static GoToolchainLocator Locator(GoToolchainLocatorOptions options)
    {
        // Tests must never find the machine's real Go, so every test names its own search locations.
        options.SearchLocations ??= Array.Empty<string>();
        return new GoToolchainLocator(options);
    }

    private sealed class FakeProbe(Func<string, GoToolchainProbeResult> answer)
    {
        public List<string> Asked { get; } = new();

        public GoToolchainProbeResult Probe(string go)
        {
            Asked.Add(go);
            return answer(go);
        }
    }

    private static string PathOf(params string[] directories) => string.Join(Path.PathSeparator, directories);

    // A directory laid out like a GOROOT as far as the locator looks: bin/go (bin/go.exe on Windows) and VERSION.
    private string FakeGoRoot(string relative, string? version, string? executable = null)
    {
        var root = Path.Combine(_temp, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.WriteAllText(Path.Combine(root, "bin", executable ?? GoFile), "not really go");
        if (version is not null)
        {
            File.WriteAllText(Path.Combine(root, "VERSION"), version + "\ntime 2024-05-01T19:53:41Z\n");
        }

        return root;
    }
}

public class GoHostPlatformTests
{
    [Fact]
    public void GoOs_maps_dotnet_platforms()
    {
        Assert.Equal("linux", GoHostPlatform.GoOs(OSPlatform.Linux));
        Assert.Equal("darwin", GoHostPlatform.GoOs(OSPlatform.OSX));
        Assert.Equal("windows", GoHostPlatform.GoOs(OSPlatform.Windows));
        Assert.Equal("freebsd", GoHostPlatform.GoOs(OSPlatform.FreeBSD));
        Assert.Equal("freebsd", GoHostPlatform.GoOs(OSPlatform.Create("FREEBSD")));
    }

    [Fact]
    public void GoOs_rejects_an_unknown_platform() =>
        Assert.Throws<PlatformNotSupportedException>(() => GoHostPlatform.GoOs(OSPlatform.Create("PLAN9FROMOUTERSPACE")));

    [Fact]
    public void GoOs_of_this_machine_matches_the_running_OS()
    {
        var expected = OperatingSystem.IsWindows() ? "windows"
            : OperatingSystem.IsMacOS() ? "darwin"
            : OperatingSystem.IsFreeBSD() ? "freebsd"
            : "linux";

        Assert.Equal(expected, GoHostPlatform.GoOs());
    }

    [Theory]
    [InlineData(Architecture.X64, "amd64")]
    [InlineData(Architecture.X86, "386")]
    [InlineData(Architecture.Arm64, "arm64")]
    [InlineData(Architecture.Arm, "arm")]
    [InlineData(Architecture.Armv6, "arm")]
    [InlineData(Architecture.S390x, "s390x")]
    [InlineData(Architecture.Ppc64le, "ppc64le")]
    [InlineData(Architecture.LoongArch64, "loong64")]
    [InlineData(Architecture.RiscV64, "riscv64")]
    [InlineData(Architecture.Wasm, "wasm")]
    public void GoArch_maps_dotnet_architectures(Architecture architecture, string expected) =>
        Assert.Equal(expected, GoHostPlatform.GoArch(architecture));

    [Fact]
    public void GoArch_rejects_an_unknown_architecture() =>
        Assert.Throws<PlatformNotSupportedException>(() => GoHostPlatform.GoArch((Architecture)12345));

    [Fact]
    public void GoArch_of_this_machine_is_the_OS_architecture() =>
        Assert.Equal(GoHostPlatform.GoArch(RuntimeInformation.OSArchitecture), GoHostPlatform.GoArch());

    [Theory]
    [InlineData("linux-x64", "linux", "amd64")]
    [InlineData("linux-arm64", "linux", "arm64")]
    [InlineData("linux-arm", "linux", "arm")]
    [InlineData("linux-x86", "linux", "386")]
    [InlineData("linux-musl-x64", "linux", "amd64")]
    [InlineData("linux-musl-arm64", "linux", "arm64")]
    [InlineData("linux-musl-arm", "linux", "arm")]
    [InlineData("linux-s390x", "linux", "s390x")]
    [InlineData("linux-ppc64le", "linux", "ppc64le")]
    [InlineData("linux-loongarch64", "linux", "loong64")]
    [InlineData("linux-riscv64", "linux", "riscv64")]
    [InlineData("linux-bionic-arm64", "android", "arm64")]
    [InlineData("android-arm64", "android", "arm64")]
    [InlineData("win-x64", "windows", "amd64")]
    [InlineData("win-x86", "windows", "386")]
    [InlineData("win-arm64", "windows", "arm64")]
    [InlineData("win10-x64", "windows", "amd64")]
    [InlineData("win7-x86", "windows", "386")]
    [InlineData("osx-x64", "darwin", "amd64")]
    [InlineData("osx-arm64", "darwin", "arm64")]
    [InlineData("osx.13-arm64", "darwin", "arm64")]
    [InlineData("osx.10.15-x64", "darwin", "amd64")]
    [InlineData("ios-arm64", "ios", "arm64")]
    [InlineData("freebsd-x64", "freebsd", "amd64")]
    [InlineData("freebsd.14-arm64", "freebsd", "arm64")]
    [InlineData("illumos-x64", "illumos", "amd64")]
    [InlineData("solaris-x64", "solaris", "amd64")]
    [InlineData("browser-wasm", "js", "wasm")]
    [InlineData("wasi-wasm", "wasip1", "wasm")]
    [InlineData(" Linux-X64 ", "linux", "amd64")]
    public void FromRuntimeIdentifier_maps_known_RIDs(string rid, string goOs, string goArch) =>
        Assert.Equal((goOs, goArch), GoHostPlatform.FromRuntimeIdentifier(rid));

    [Theory]
    [InlineData("")]
    [InlineData("x64")]
    [InlineData("linux")]
    [InlineData("linux-")]
    [InlineData("-x64")]
    [InlineData("linux-mips")]
    [InlineData("tizen-x64")]
    [InlineData("ubuntu.22.04-x64")]
    [InlineData("winrt-x64")]
    [InlineData("any")]
    [InlineData("unix-x64")]
    public void FromRuntimeIdentifier_returns_null_for_unknown_RIDs(string rid) =>
        Assert.Null(GoHostPlatform.FromRuntimeIdentifier(rid));

    [Fact]
    public void FromRuntimeIdentifier_returns_null_for_null() =>
        Assert.Null(GoHostPlatform.FromRuntimeIdentifier(null!));
}
