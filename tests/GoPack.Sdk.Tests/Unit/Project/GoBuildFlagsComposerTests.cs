using GoPack.Sdk.Project;

namespace GoPack.Sdk.Tests.Unit.Project;

public sealed class GoBuildFlagsComposerTests
{
    private static GoBuildFlagsResult Compose(
        bool release = false,
        string? buildFlags = null,
        string? ldFlags = null,
        string? gcFlags = null,
        string? tags = null,
        string[]? symbols = null,
        string? troubleshoot = null,
        string? cgo = null,
        string? trimPath = null,
        string? strip = null,
        bool vendor = false,
        IReadOnlyDictionary<string, string>? environment = null,
        string? optimize = "true",
        string? debugDependencies = null,
        string? moduleRoot = "/src/svc",
        string[]? localModules = null)
    {
        var result = GoBuildFlagsComposer.Compose(new GoBuildFlagsOptions
        {
            Release = release,
            BuildFlags = buildFlags,
            LdFlags = ldFlags,
            GcFlags = gcFlags,
            Tags = tags,
            LinkerSymbols = symbols ?? Array.Empty<string>(),
            Troubleshoot = troubleshoot,
            CgoEnabled = cgo,
            TrimPath = trimPath,
            StripSymbols = strip,
            HasVendor = vendor,
            Environment = environment,
            // The other tests are about other flags: Debug's -N -l is tested on its own below.
            Optimize = optimize,
            DebugDependencies = debugDependencies,
            ModuleRoot = moduleRoot,
            LocalModuleDirectories = localModules ?? Array.Empty<string>(),
        });
        return result;
    }

    [Fact]
    public void Debug_disables_optimizations_for_debuggers_and_builds_static_binaries()
    {
        var result = Compose(optimize: null);

        Assert.True(result.Succeeded);
        // The module's packages, by folder: the standard library and required modules stay as go compiles them.
        Assert.Equal(new[] { "-gcflags=./...=-N -l" }, result.Arguments);
        Assert.False(result.CgoEnabled);
        Assert.StartsWith("default", result.CgoSource);
        Assert.False(result.Troubleshoot);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Release_trims_paths_and_strips_symbols()
    {
        Assert.Equal(new[] { "-trimpath", "-ldflags=-s -w" }, Compose(release: true, optimize: null).Arguments);
    }

    [Fact]
    public void Optimize_overrides_the_configuration_and_GoGcFlags_for_all_packages_join_the_debug_flags()
    {
        Assert.Equal(new[] { "-trimpath", "-gcflags=./...=-N -l", "-ldflags=-s -w" }, Compose(release: true, optimize: "false").Arguments);
        Assert.Empty(Compose(optimize: "true").Arguments);
        // go takes the last -gcflags that matches a package: GoGcFlags for all packages first, then again with -N -l.
        Assert.Equal(new[] { "-gcflags=all=-m", "-gcflags=./...=-N -l -m" }, Compose(optimize: null, gcFlags: "all=-m").Arguments);
        // GoBuildFlags replaces the defaults as a whole, the debug flags with them.
        Assert.Equal(new[] { "-v" }, Compose(optimize: null, buildFlags: "-v").Arguments);
        Assert.StartsWith("Optimize: ", Compose(optimize: "maybe").Error);
    }

    [Fact]
    public void Debug_gives_local_modules_outside_the_module_their_own_pattern()
    {
        var result = Compose(optimize: null, localModules: new[] { "/src/lib/", "/src/svc/tools/", "/src/svc/", "/shared/x y/" });

        // go matches ./ and ../ patterns against package folders; tools/ is below the module, so ./... has it.
        Assert.Equal(new[] { "-gcflags=./...=-N -l", "-gcflags=../lib/...=-N -l", "-gcflags=../../shared/x y/...=-N -l" }, result.Arguments);
        Assert.Empty(result.Notes);
    }

    [Theory]
    [InlineData("/src/a=b/")]
    [InlineData("/src/odd.../")]
    public void Debug_with_a_local_module_no_pattern_can_name_compiles_every_package_so(string directory)
    {
        var result = Compose(optimize: null, localModules: new[] { directory });

        Assert.Equal(new[] { "-gcflags=all=-N -l" }, result.Arguments);
        Assert.Contains(result.Notes, n => n.Contains("Debug compiles every package with -N -l") && n.Contains(directory));
    }

    [Fact]
    public void GoDebugDependencies_compiles_every_package_for_the_debugger()
    {
        Assert.Equal(new[] { "-gcflags=all=-N -l" }, Compose(optimize: null, debugDependencies: "true").Arguments);
        Assert.Equal(new[] { "-gcflags=all=-N -l -m" }, Compose(optimize: null, debugDependencies: "true", gcFlags: "all=-m").Arguments);
        Assert.Equal(new[] { "-gcflags=./...=-N -l" }, Compose(optimize: null, debugDependencies: "false").Arguments);
        // Nothing to debug in an optimized build.
        Assert.Empty(Compose(optimize: "true", debugDependencies: "true").Arguments);
        Assert.StartsWith("GoDebugDependencies: ", Compose(optimize: null, debugDependencies: "maybe").Error);
    }

    [Fact]
    public void Debug_keeps_minus_N_minus_l_on_the_command_line_packages_beside_plain_GoGcFlags()
    {
        // Plain flags are for the packages go build is given (the project's own): go would take them instead of -N -l.
        Assert.Equal(new[] { "-gcflags=./...=-N -l", "-gcflags=-N -l -m" }, Compose(optimize: null, gcFlags: "-m").Arguments);
        Assert.Equal(new[] { "-gcflags=all=-N -l", "-gcflags=-N -l -m" }, Compose(optimize: null, debugDependencies: "true", gcFlags: "-m").Arguments);
        Assert.Equal(new[] { "-gcflags=./...=-N -l", "-gcflags=-l -N" }, Compose(optimize: null, gcFlags: "-l -N").Arguments);
        // A setting for exactly the module's pattern joins Debug's; another pattern follows it as given (go: the last wins).
        Assert.Equal(new[] { "-gcflags=./...=-N -l -m" }, Compose(optimize: null, gcFlags: "./...=-m").Arguments);
        Assert.Equal(new[] { "-gcflags=./...=-N -l", "-gcflags=example.com/x=-m" }, Compose(optimize: null, gcFlags: "example.com/x=-m").Arguments);
    }

    [Fact]
    public void GoTrimPath_and_GoStripSymbols_override_the_configuration()
    {
        Assert.Equal(new[] { "-ldflags=-s -w" }, Compose(release: true, trimPath: "false").Arguments);
        Assert.Equal(new[] { "-trimpath" }, Compose(strip: "false", trimPath: "true").Arguments);
        Assert.Contains("GoStripSymbols", Compose(strip: "sometimes").Error);
    }

    [Fact]
    public void GoBuildFlags_replaces_the_defaults_like_vercel()
    {
        var result = Compose(release: true, buildFlags: "-ldflags '-s -w' -v");

        Assert.Equal(new[] { "-ldflags=-s -w", "-v" }, result.Arguments);
        Assert.Contains(result.Notes, n => n.Contains("GoBuildFlags property replaces"));
    }

    [Fact]
    public void GO_BUILD_FLAGS_is_used_when_the_property_is_empty_and_the_property_wins()
    {
        var environment = Env.Of(("GO_BUILD_FLAGS", "-ldflags=-w"));

        Assert.Equal(new[] { "-ldflags=-w" }, Compose(release: true, environment: environment).Arguments);
        Assert.Equal(new[] { "-a" }, Compose(release: true, buildFlags: "-a", environment: environment).Arguments);
    }

    [Fact]
    public void Explicit_trimpath_in_the_override_is_kept()
    {
        Assert.Equal(new[] { "-trimpath" }, Compose(release: true, buildFlags: "-trimpath").Arguments);
    }

    [Fact]
    public void Ldflags_from_every_setting_merge_into_one_flag()
    {
        var result = Compose(
            buildFlags: "--ldflags \"-s\"",
            ldFlags: "-extldflags=-static",
            symbols: new[] { "main.version=1.2.3" },
            environment: Env.Of(("GO_LINKER_SYMBOL", "main.commit"), ("GO_LINKER_VALUE", "abc123")));

        Assert.Equal(new[] { "-ldflags=-s -extldflags=-static -X main.version=1.2.3 -X main.commit=abc123" }, result.Arguments);
    }

    [Fact]
    public void Release_defaults_and_GoLdFlags_add_up()
    {
        Assert.Equal(new[] { "-trimpath", "-ldflags=-s -w -linkmode=external" }, Compose(release: true, ldFlags: "-linkmode=external").Arguments);
    }

    [Fact]
    public void Symbol_values_are_quoted_the_way_go_splits_ldflags()
    {
        var result = Compose(symbols: new[] { "main.msg=hello world", "main.q=it's here", "main.plain=x" });

        Assert.Equal(new[] { "-ldflags=-X 'main.msg=hello world' -X \"main.q=it's here\" -X main.plain=x" }, result.Arguments);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("say \"hi\"", "'say \"hi\"'")]
    [InlineData("both ' and \"", null)]
    public void Quote_flag_element(string element, string? expected)
    {
        Assert.Equal(expected, GoBuildFlagsComposer.QuoteFlagElement(element));
    }

    [Fact]
    public void Symbol_with_both_quotes_and_a_space_is_an_error()
    {
        Assert.Contains("cannot express", Compose(symbols: new[] { "main.x=a ' b \"" }).Error);
    }

    [Theory]
    [InlineData("no-equals")]
    [InlineData("=value")]
    public void Malformed_symbol_is_an_error(string symbol)
    {
        Assert.Contains("must be importpath.name=value", Compose(symbols: new[] { symbol }).Error);
    }

    [Fact]
    public void Symbol_with_an_empty_value_is_allowed()
    {
        Assert.Equal(new[] { "-ldflags=-X main.suffix=" }, Compose(symbols: new[] { "main.suffix=" }).Arguments);
    }

    [Fact]
    public void Linker_symbol_variables_need_each_other()
    {
        var result = Compose(environment: Env.Of(("GO_LINKER_SYMBOL", "main.version")));

        Assert.Empty(result.Arguments);
        Assert.Contains(result.Notes, n => n.StartsWith("GO_LINKER_SYMBOL is ignored"));
    }

    [Fact]
    public void Tags_from_the_override_and_GoTags_merge()
    {
        Assert.Equal(new[] { "-tags=a,b,c,d" }, Compose(buildFlags: "-tags a,b", tags: "c; a d").Arguments);
    }

    [Fact]
    public void Gcflags_with_a_package_pattern()
    {
        Assert.Equal(new[] { "-gcflags=all=-N -l" }, Compose(gcFlags: "all=-N -l").Arguments);
    }

    [Fact]
    public void Gcflags_with_different_patterns_stay_separate_and_the_plain_one_comes_last()
    {
        var result = Compose(buildFlags: "-gcflags=-m", gcFlags: "all=-N -l");

        Assert.Equal(new[] { "-gcflags=all=-N -l", "-gcflags=-m" }, result.Arguments);
        Assert.Contains(result.Notes, n => n.Contains("several package patterns"));
    }

    [Fact]
    public void Ldflags_for_all_packages_absorb_the_plain_ones()
    {
        Assert.Equal(new[] { "-ldflags=all=-s -w -X main.v=1" }, Compose(buildFlags: "-ldflags='all=-s -w'", symbols: new[] { "main.v=1" }).Arguments);
    }

    [Theory]
    [InlineData("m", "missing =<value>")]
    [InlineData("=-m", "missing <pattern>")]
    public void Gcflags_without_a_value_after_a_pattern_are_an_error(string value, string expected)
    {
        var result = Compose(gcFlags: value);

        Assert.StartsWith("GoGcFlags property: -gcflags", result.Error);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void Vendor_modules_add_mod_vendor()
    {
        var result = Compose(vendor: true);

        Assert.Equal(new[] { "-mod=vendor" }, result.Arguments);
        Assert.Contains(result.Notes, n => n.Contains("vendor/modules.txt"));
    }

    [Fact]
    public void GOFLAGS_or_the_override_choosing_mod_wins_over_vendor()
    {
        var fromGoflags = Compose(vendor: true, environment: Env.Of(("GOFLAGS", "-v -mod=mod")));
        Assert.Empty(fromGoflags.Arguments);
        Assert.Contains(fromGoflags.Notes, n => n.Contains("GOFLAGS already chooses -mod"));

        Assert.Equal(new[] { "-mod=readonly" }, Compose(vendor: true, buildFlags: "-mod readonly").Arguments);
    }

    [Fact]
    public void Output_flag_in_the_override_is_dropped()
    {
        var result = Compose(buildFlags: "-o bin/x -v");

        Assert.Equal(new[] { "-v" }, result.Arguments);
        Assert.Contains(result.Notes, n => n.StartsWith("-o bin/x"));
    }

    [Theory]
    [InlineData("GoTroubleshoot", "-race (GoTroubleshoot property)")]
    [InlineData("CC_TROUBLESHOOT", "-race (CC_TROUBLESHOOT environment variable)")]
    public void Troubleshoot_adds_x_and_race_and_turns_cgo_on(string setting, string cgoSource)
    {
        var result = setting == "GoTroubleshoot"
            ? Compose(troubleshoot: "true")
            : Compose(environment: Env.Of(("CC_TROUBLESHOOT", "true")));

        Assert.Equal(new[] { "-x", "-race" }, result.Arguments);
        Assert.True(result.CgoEnabled);
        Assert.True(result.Troubleshoot);
        Assert.Equal(cgoSource, result.CgoSource);
        Assert.Contains(result.Notes, n => n.StartsWith("CGO_ENABLED=1 because -race") && n.Contains("C compiler"));
    }

    [Fact]
    public void GoTroubleshoot_false_wins_over_CC_TROUBLESHOOT()
    {
        var result = Compose(troubleshoot: "false", environment: Env.Of(("CC_TROUBLESHOOT", "true")));

        Assert.Empty(result.Arguments);
        Assert.False(result.Troubleshoot);
    }

    [Fact]
    public void Unreadable_CC_TROUBLESHOOT_is_a_note_not_an_error()
    {
        var result = Compose(environment: Env.Of(("CC_TROUBLESHOOT", "please")));

        Assert.True(result.Succeeded);
        Assert.Contains(result.Notes, n => n.StartsWith("CC_TROUBLESHOOT is ignored"));
    }

    [Fact]
    public void Troubleshoot_with_cgo_explicitly_off_leaves_race_out()
    {
        var result = Compose(troubleshoot: "true", environment: Env.Of(("CGO_ENABLED", "0")));

        Assert.Equal(new[] { "-x" }, result.Arguments);
        Assert.False(result.CgoEnabled);
        Assert.Equal("CGO_ENABLED environment variable", result.CgoSource);
        Assert.Contains(result.Notes, n => n.StartsWith("-race is left out"));
    }

    [Fact]
    public void Race_in_the_override_with_cgo_off_is_an_error()
    {
        var result = Compose(buildFlags: "-race", cgo: "false");

        Assert.Equal("GoBuildFlags property has -race, which needs cgo, but the CgoEnabled property turns cgo off. Remove one of them.", result.Error);
    }

    [Fact]
    public void Race_in_the_override_turns_cgo_on()
    {
        var result = Compose(buildFlags: "-race");

        Assert.Equal(new[] { "-race" }, result.Arguments);
        Assert.True(result.CgoEnabled);
        Assert.Equal("-race (GoBuildFlags property)", result.CgoSource);
    }

    [Theory]
    [InlineData("true", null, true, "CgoEnabled property")]
    [InlineData(null, "1", true, "CGO_ENABLED environment variable")]
    [InlineData(null, "0", false, "CGO_ENABLED environment variable")]
    [InlineData("false", "1", false, "CgoEnabled property")]
    [InlineData("", "1", true, "CGO_ENABLED environment variable")]
    public void Cgo_from_property_then_environment(string? property, string? variable, bool enabled, string source)
    {
        var result = Compose(cgo: property, environment: variable is null ? null : Env.Of(("CGO_ENABLED", variable)));

        Assert.Equal(enabled, result.CgoEnabled);
        Assert.Equal(source, result.CgoSource);
    }

    [Fact]
    public void Invalid_cgo_settings()
    {
        Assert.Equal("CgoEnabled: 'maybe' is not true or false.", Compose(cgo: "maybe").Error);

        var variable = Compose(environment: Env.Of(("CGO_ENABLED", "yes")));
        Assert.False(variable.CgoEnabled);
        Assert.Contains(variable.Notes, n => n.StartsWith("CGO_ENABLED is 'yes'"));
    }

    [Fact]
    public void Unbalanced_quotes_name_the_source()
    {
        Assert.StartsWith("GO_BUILD_FLAGS environment variable can't be read: Unterminated ' quote", Compose(environment: Env.Of(("GO_BUILD_FLAGS", "-ldflags '-s"))).Error);
    }

    [Fact]
    public void A_flag_missing_its_value_is_an_error()
    {
        Assert.Equal("GoBuildFlags property: -ldflags needs a value.", Compose(buildFlags: "-v -ldflags").Error);
    }

    [Fact]
    public void GOFLAGS_flags_replaced_on_the_command_line_are_noted()
    {
        var result = Compose(release: true, environment: Env.Of(("GOFLAGS", "-ldflags=-X=main.a=b")));

        Assert.Contains(result.Notes, n => n.StartsWith("GOFLAGS sets -ldflags") && n.Contains("GoLdFlags"));
    }

    [Fact]
    public void Everything_together_in_a_stable_order()
    {
        var result = Compose(
            release: true,
            ldFlags: "-linkmode=internal",
            gcFlags: "-m",
            tags: "netgo,osusergo",
            symbols: new[] { "main.version=2.0.0" },
            troubleshoot: "true",
            vendor: true);

        Assert.Equal(
            new[] { "-mod=vendor", "-trimpath", "-x", "-race", "-tags=netgo,osusergo", "-gcflags=-m", "-ldflags=-s -w -linkmode=internal -X main.version=2.0.0" },
            result.Arguments);
        Assert.True(result.CgoEnabled);
    }
}

public class GoBuildFlagsComposerPublishTests
{
    [Fact]
    public void BuildVcs_adds_its_flag_after_trimpath_unless_the_flags_or_GOFLAGS_choose()
    {
        Assert.Equal(["-trimpath", "-buildvcs=false", "-ldflags=-s -w"], Compose(buildVcs: false).Arguments);
        Assert.Contains("-buildvcs=true", Compose(buildVcs: true).Arguments);
        Assert.DoesNotContain(Compose().Arguments, a => a.StartsWith("-buildvcs", StringComparison.Ordinal));
        Assert.Equal(["-buildvcs=auto"], Compose(buildVcs: true, buildFlags: "-buildvcs=auto").Arguments);
        Assert.DoesNotContain(Compose(buildVcs: true, environment: new Dictionary<string, string> { ["GOFLAGS"] = "-buildvcs=false" }).Arguments,
            a => a.StartsWith("-buildvcs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_static_target_turns_cgo_off_whatever_CGO_ENABLED_and_troubleshooting_say()
    {
        var result = Compose(staticTarget: true, troubleshoot: "true", environment: new Dictionary<string, string> { ["CGO_ENABLED"] = "1" });

        Assert.False(result.CgoEnabled);
        Assert.Contains("linux-musl", result.CgoSource);
        Assert.DoesNotContain("-race", result.Arguments);
        Assert.Contains(result.Notes, n => n.Contains("CGO_ENABLED=1 is not used", StringComparison.Ordinal));
    }

    [Fact]
    public void The_CgoEnabled_property_still_decides_on_a_static_target_so_the_task_can_reject_the_contradiction()
    {
        var result = Compose(staticTarget: true, cgo: "true");

        Assert.True(result.CgoEnabled);
        Assert.Equal("CgoEnabled property", result.CgoSource);
    }

    private static GoBuildFlagsResult Compose(
        bool? buildVcs = null, bool staticTarget = false, string? buildFlags = null, string? troubleshoot = null, string? cgo = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        GoBuildFlagsComposer.Compose(new GoBuildFlagsOptions
        {
            Release = true,
            BuildFlags = buildFlags,
            Troubleshoot = troubleshoot,
            CgoEnabled = cgo,
            BuildVcs = buildVcs,
            StaticTarget = staticTarget,
            Environment = environment ?? new Dictionary<string, string>(),
        });
}

public class GoBuildFlagsComposerBuildModeTests
{
    [Fact]
    public void A_c_library_turns_cgo_on_over_CGO_ENABLED_0_and_leaves_buildmode_to_the_link_step()
    {
        var result = Compose(GoBuildMode.CShared, environment: new Dictionary<string, string> { ["CGO_ENABLED"] = "0" });

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.CgoEnabled);
        Assert.Equal("GoBuildMode=c-shared (a C library needs cgo)", result.CgoSource);
        Assert.Contains("CGO_ENABLED=0 is not used: GoBuildMode=c-shared builds a C library, which needs cgo.", result.Notes);
        Assert.DoesNotContain(result.Arguments, a => a.StartsWith("-buildmode", StringComparison.Ordinal));
    }

    [Fact]
    public void A_c_archive_with_CgoEnabled_true_keeps_the_property_as_the_reason()
    {
        var result = Compose(GoBuildMode.CArchive, cgo: "true");

        Assert.True(result.CgoEnabled);
        Assert.Equal("CgoEnabled property", result.CgoSource);
    }

    [Fact]
    public void A_c_library_with_cgo_turned_off_or_a_musl_target_is_GOPACK0131()
    {
        var off = Compose(GoBuildMode.CShared, cgo: "false");
        var musl = Compose(GoBuildMode.CArchive, staticTarget: true);

        Assert.Equal(GoPackErrors.InvalidBuildMode, off.ErrorCode);
        Assert.Contains("Remove CgoEnabled=false", off.Error);
        Assert.Equal(GoPackErrors.InvalidBuildMode, musl.ErrorCode);
        Assert.Contains("Use the glibc RuntimeIdentifier", musl.Error);
    }

    [Fact]
    public void A_program_keeps_the_default_static_build()
    {
        var result = Compose(GoBuildMode.Pie);

        Assert.False(result.CgoEnabled);
        Assert.Equal(GoPackErrors.InvalidFlags, Compose(GoBuildMode.Exe, buildFlags: "-tags 'x").ErrorCode);
    }

    private static GoBuildFlagsResult Compose(
        GoBuildMode mode, string? cgo = null, bool staticTarget = false, string? buildFlags = null, IReadOnlyDictionary<string, string>? environment = null) =>
        GoBuildFlagsComposer.Compose(new GoBuildFlagsOptions
        {
            BuildMode = mode,
            CgoEnabled = cgo,
            StaticTarget = staticTarget,
            BuildFlags = buildFlags,
            Environment = environment ?? new Dictionary<string, string>(),
        });
}
