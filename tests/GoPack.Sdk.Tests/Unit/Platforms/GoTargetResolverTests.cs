using GoPack.Sdk.Platforms;

namespace GoPack.Sdk.Tests.Unit.Platforms;

public class GoTargetResolverTests
{
    [Theory]
    [InlineData("linux-x64", "linux", "amd64", null, false)]
    [InlineData("linux-arm64", "linux", "arm64", null, false)]
    [InlineData("linux-arm", "linux", "arm", "7", false)]
    [InlineData("linux-armv6", "linux", "arm", "6", false)]
    [InlineData("linux-x86", "linux", "386", null, false)]
    [InlineData("linux-musl-x64", "linux", "amd64", null, true)]
    [InlineData("linux-musl-arm64", "linux", "arm64", null, true)]
    [InlineData("linux-riscv64", "linux", "riscv64", null, false)]
    [InlineData("linux-loongarch64", "linux", "loong64", null, false)]
    [InlineData("linux-s390x", "linux", "s390x", null, false)]
    [InlineData("linux-ppc64le", "linux", "ppc64le", null, false)]
    [InlineData("win-x64", "windows", "amd64", null, false)]
    [InlineData("win-x86", "windows", "386", null, false)]
    [InlineData("win-arm64", "windows", "arm64", null, false)]
    [InlineData("osx-x64", "darwin", "amd64", null, false)]
    [InlineData("osx-arm64", "darwin", "arm64", null, false)]
    [InlineData("freebsd-x64", "freebsd", "amd64", null, false)]
    [InlineData("freebsd-arm64", "freebsd", "arm64", null, false)]
    [InlineData("browser-wasm", "js", "wasm", null, false)]
    [InlineData("wasi-wasm", "wasip1", "wasm", null, false)]
    // Go's targets .NET has no RID for, in .NET's or Go's spelling; RIDs from before .NET 8; any case.
    [InlineData("openbsd-x64", "openbsd", "amd64", null, false)]
    [InlineData("netbsd-arm64", "netbsd", "arm64", null, false)]
    [InlineData("wasip1-wasm", "wasip1", "wasm", null, false)]
    [InlineData("js-wasm", "js", "wasm", null, false)]
    [InlineData("linux-mips64le", "linux", "mips64le", null, false)]
    [InlineData("darwin-amd64", "darwin", "amd64", null, false)]
    [InlineData("windows-arm64", "windows", "arm64", null, false)]
    [InlineData("freebsd-armv6", "freebsd", "arm", "6", false)]
    [InlineData("plan9-x86", "plan9", "386", null, false)]
    [InlineData("aix-ppc64", "aix", "ppc64", null, false)]
    [InlineData("win10-x64", "windows", "amd64", null, false)]
    [InlineData("osx.13-arm64", "darwin", "arm64", null, false)]
    [InlineData("Linux-ARM64", "linux", "arm64", null, false)]
    public void Maps_runtime_identifiers_to_Go_targets(string rid, string goOs, string goArch, string? goArm, bool isStatic)
    {
        var mapping = RuntimeIdentifierTable.Find(rid);

        Assert.NotNull(mapping);
        Assert.Equal((goOs, goArch, goArm, isStatic), (mapping!.GoOs, mapping.GoArch, mapping.GoArm, mapping.Static));
    }

    [Theory]
    [InlineData("linux-foo")]
    [InlineData("plan9-arm64")]
    [InlineData("darwin-386")]
    [InlineData("windows-musl-x64")]
    [InlineData("x64")]
    [InlineData("linux-")]
    [InlineData("-x64")]
    [InlineData("android-arm64")]
    [InlineData("")]
    public void Knows_no_target_for_other_runtime_identifiers(string rid) => Assert.Null(RuntimeIdentifierTable.Find(rid));

    [Fact]
    public void Every_DotNet_RID_is_a_Go_port_and_the_supported_list_names_them_all()
    {
        var list = RuntimeIdentifierTable.SupportedList();
        foreach (var mapping in RuntimeIdentifierTable.DotNet)
        {
            Assert.True(RuntimeIdentifierTable.IsGoPort(mapping.GoOs, mapping.GoArch), mapping.RuntimeIdentifier);
            Assert.Contains(mapping.RuntimeIdentifier, list);
        }

        Assert.Contains("openbsd-x64", list);
        Assert.Contains("linux-mips64le", list);
        Assert.DoesNotContain("linux-x64,", list.Substring(list.IndexOf("<os>-<arch>", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_runtime_identifier_sets_GOOS_GOARCH_and_the_variant_it_implies()
    {
        var target = Resolve(rid: "linux-arm").Target!;

        Assert.Equal("linux/arm (GOARM=7)", target.ToString());
        Assert.Equal(["GOOS=linux", "GOARCH=arm", "GOARM=7"], Variables(target));
        Assert.Equal("linux_armv7", target.ArchiveSuffix);
        Assert.True(target.IsCrossCompiling);
        Assert.Equal("", target.ExecutableSuffix);
    }

    [Fact]
    public void Windows_targets_get_the_exe_suffix_and_musl_targets_are_static()
    {
        Assert.Equal(".exe", Resolve(rid: "win-arm64").Target!.ExecutableSuffix);
        Assert.Equal("windows_arm64", Resolve(rid: "win-arm64").Target!.ArchiveSuffix);
        Assert.True(Resolve(rid: "linux-musl-x64").Target!.Static);
        Assert.Equal("linux_amd64_musl", Resolve(rid: "linux-musl-x64").Target!.ArchiveSuffix);
        Assert.False(Resolve(rid: "linux-musl-x64").Target!.IsCrossCompiling);
    }

    [Fact]
    public void Variant_properties_override_what_the_RID_implies_and_other_processors_ignore_them()
    {
        var arm = Resolve(rid: "linux-arm", goArm: "6").Target!;
        Assert.Equal("linux_armv6", arm.ArchiveSuffix);
        Assert.Contains("GOARM=6", Variables(arm));

        var amd64 = Resolve(rid: "linux-x64", goAmd64: "v3").Target!;
        Assert.Equal("linux_amd64v3", amd64.ArchiveSuffix);
        Assert.Contains("GOAMD64=v3", Variables(amd64));

        var ignored = Resolve(rid: "linux-arm64", goArm: "6", goAmd64: "v2");
        Assert.DoesNotContain(Variables(ignored.Target!), v => v.StartsWith("GOARM", StringComparison.Ordinal) || v.StartsWith("GOAMD64", StringComparison.Ordinal));
        Assert.Contains(ignored.Notes, n => n.Contains("GoArm=6 is ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void GoOS_and_GoArch_properties_choose_a_target_without_a_RID()
    {
        var target = Resolve(goOs: "openbsd", goArch: "amd64").Target!;

        Assert.Equal(["GOOS=openbsd", "GOARCH=amd64"], Variables(target));
        Assert.Equal("GoOS/GoArch properties", target.Source);
    }

    [Fact]
    public void The_environment_decides_when_nothing_else_does_and_go_reads_it_itself()
    {
        var environment = new Dictionary<string, string> { ["GOOS"] = "windows", ["GOARCH"] = "arm64", ["GOARM"] = "5" };

        var target = Resolve(environment: environment).Target!;

        Assert.Equal(("windows", "arm64", ".exe"), (target.GoOs, target.GoArch, target.ExecutableSuffix));
        Assert.Empty(target.Variables);
        Assert.Null(target.GoArm);
        Assert.Equal("GOOS/GOARCH environment variables", target.Source);
    }

    [Fact]
    public void A_RID_wins_over_the_environment_and_says_so()
    {
        var result = Resolve(rid: "linux-arm64", environment: new Dictionary<string, string> { ["GOOS"] = "windows" });

        Assert.Equal("linux", result.Target!.GoOs);
        Assert.Contains(result.Notes, n => n.Contains("not used", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_anything_the_host_is_the_target()
    {
        var target = Resolve().Target!;

        Assert.Equal(("linux", "amd64", false), (target.GoOs, target.GoArch, target.IsCrossCompiling));
        Assert.Equal("linux_amd64", target.ArchiveSuffix);
    }

    [Fact]
    public void An_unknown_RID_is_GOPACK0060_listing_the_supported_ones()
    {
        var result = Resolve(rid: "linux-amd65");

        Assert.Equal("GOPACK0060", result.ErrorCode);
        Assert.Contains("'linux-amd65'", result.Error);
        Assert.Contains("linux-x64, linux-arm64, linux-arm", result.Error);
        Assert.Contains("openbsd-x64", result.Error);
        Assert.Contains("GoOS and GoArch", result.Error);
    }

    [Fact]
    public void An_unknown_GoOS_GoArch_pair_is_GOPACK0060()
    {
        var result = Resolve(goOs: "windows", goArch: "s390x");

        Assert.Equal("GOPACK0060", result.ErrorCode);
        Assert.Contains("windows/s390x", result.Error);
    }

    [Theory]
    [InlineData("linux-x64", "windows", null, "GoOS is 'windows'")]
    [InlineData("linux-x64", null, "arm64", "GoArch is 'arm64'")]
    [InlineData("win-x64", "linux", "arm64", "GoOS is 'linux' and GoArch is 'arm64'")]
    public void Properties_that_contradict_the_RID_are_GOPACK0061(string rid, string? goOs, string? goArch, string expected)
    {
        var result = Resolve(rid: rid, goOs: goOs, goArch: goArch);

        Assert.Equal("GOPACK0061", result.ErrorCode);
        Assert.Contains(expected, result.Error);
        Assert.Contains("Set only one of them", result.Error);
    }

    [Fact]
    public void Properties_that_agree_with_the_RID_are_fine()
    {
        Assert.True(Resolve(rid: "linux-x64", goOs: "linux", goArch: "AMD64").Succeeded);
    }

    [Theory]
    [InlineData("8", null, null, "GoArm is '8'")]
    [InlineData(null, "v5", null, "GoAmd64 is 'v5'")]
    [InlineData(null, null, "sse9", "Go386 is 'sse9'")]
    public void Variant_values_go_rejects_are_GOPACK0061(string? goArm, string? goAmd64, string? go386, string expected)
    {
        var result = Resolve(rid: "linux-x64", goArm: goArm, goAmd64: goAmd64, go386: go386);

        Assert.Equal("GOPACK0061", result.ErrorCode);
        Assert.Contains(expected, result.Error);
    }

    private static GoTargetResult Resolve(
        string? rid = null, string? goOs = null, string? goArch = null, string? goArm = null, string? goAmd64 = null, string? go386 = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        GoTargetResolver.Resolve(new GoTargetOptions
        {
            RuntimeIdentifier = rid,
            GoOs = goOs,
            GoArch = goArch,
            GoArm = goArm,
            GoAmd64 = goAmd64,
            Go386 = go386,
            Environment = environment ?? new Dictionary<string, string>(),
            HostGoOs = "linux",
            HostGoArch = "amd64",
        });

    private static string[] Variables(GoTarget target) => target.Variables.Select(v => v.Key + "=" + v.Value).ToArray();
}

public class RuntimeIdentifierForTargetTests
{
    [Theory]
    [InlineData("linux", "amd64", null, false, "linux-x64")]
    [InlineData("linux", "arm64", null, true, "linux-musl-arm64")]
    [InlineData("linux", "arm", "7", false, "linux-arm")]
    [InlineData("linux", "arm", null, false, "linux-arm")]
    [InlineData("linux", "arm", "6", false, "linux-armv6")]
    [InlineData("linux", "arm", "5", false, "linux-armv5")]
    [InlineData("linux", "arm", "7,softfloat", false, "linux-arm")]
    [InlineData("windows", "386", null, false, "win-x86")]
    [InlineData("windows", "arm64", null, false, "win-arm64")]
    [InlineData("darwin", "arm64", null, false, "osx-arm64")]
    [InlineData("js", "wasm", null, false, "browser-wasm")]
    [InlineData("openbsd", "amd64", null, false, "openbsd-x64")]
    [InlineData("freebsd", "386", null, false, "freebsd-x86")]
    [InlineData("linux", "mips64le", null, false, "linux-mips64le")]
    public void A_go_target_has_the_portable_rid_of_nugets_runtimes_folders(string goos, string goarch, string? goarm, bool isStatic, string rid) =>
        Assert.Equal(rid, RuntimeIdentifierTable.ForTarget(goos, goarch, goarm, isStatic));
}
