using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Proves with a go that logs its own invocations (CountingGo) when a build starts go and when it doesn't.
/// </summary>
public sealed class IncrementalTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void A_no_op_build_does_not_start_go_and_every_kind_of_change_rebuilds()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("incr").WriteHelloModule("v1");
        project.WriteFile("util.go", "package main\n\nfunc unused() {}\n");
        var builds = 0;

        void BuildExpecting(bool goRuns, string because, params string[] arguments)
        {
            var before = go.Invocations.Count;
            var result = project.Build([go.GoRootProperty, .. arguments]);
            Assert.True(result.ExitCode == 0, because + ": " + result);
            if (goRuns) builds++;
            Assert.True(go.Builds.Count == builds, $"{because}: expected {builds} go builds, saw {go.Builds.Count}:\n{string.Join("\n", go.Invocations)}\n{result.Output}");
            // Not even `go list` may run when nothing changed.
            if (!goRuns) Assert.True(go.Invocations.Count == before, $"{because}: go was started:\n{string.Join("\n", go.Invocations.Skip(before))}");
        }

        BuildExpecting(true, "first build");
        BuildExpecting(false, "nothing changed");
        BuildExpecting(false, "nothing changed, again");

        project.Path("main.go").Touch();
        BuildExpecting(true, "touched main.go");
        BuildExpecting(false, "no-op after touching main.go");

        project.Path("go.mod").Touch();
        BuildExpecting(true, "touched go.mod");

        project.WriteFile("go.sum", "");
        BuildExpecting(true, "added go.sum");

        BuildExpecting(true, "a Go property changed", "-p:GoTags=netgo");
        BuildExpecting(false, "same property again", "-p:GoTags=netgo");
        BuildExpecting(true, "property back to default");

        project.Environment["GOFLAGS"] = "-mod=mod";
        BuildExpecting(true, "GOFLAGS set in the environment");
        BuildExpecting(false, "GOFLAGS unchanged");
        project.Environment.Remove("GOFLAGS");
        BuildExpecting(true, "GOFLAGS removed");

        File.Delete(project.Path("util.go"));
        BuildExpecting(true, "a source file was deleted");

        // A _test.go file doesn't change the binary; go vet, which reads test files too, checks it.
        project.WriteFile("main_test.go", "package main\n\nimport \"testing\"\n\nfunc TestNothing(t *testing.T) {}\n");
        var beforeTestFile = go.Invocations.Count;
        var testFileBuild = project.Build(go.GoRootProperty);
        Assert.True(testFileBuild.ExitCode == 0, testFileBuild.ToString());
        Assert.Equal(["vet"], go.Invocations.Skip(beforeTestFile).Select(i => i.Split(' ')[0]));
        BuildExpecting(false, "no-op after a new _test.go file");

        BuildExpecting(true, "configuration changed", "-c", "Release");
        BuildExpecting(false, "release no-op", "-c", "Release");

        File.Delete(project.OutputFile());
        BuildExpecting(true, "the binary was deleted");

        BuildExpecting(true, "--no-incremental", "--no-incremental");
        BuildExpecting(true, "-t:Rebuild", "-t:Rebuild");

        BuildExpecting(false, "design-time build", "-p:DesignTimeBuild=true");
        Assert.Equal("v1", project.RunOutput().Output.Trim());
    }

    /// <summary>A value other than the default for every @(GoInputsCacheValue) the SDK declares.</summary>
    private static readonly Dictionary<string, string> ChangedSetting = new()
    {
        ["GoMainPackage"] = "./cmd/other",
        ["GoWorkspaceModule"] = "api",
        ["GoBinaryName"] = "other",
        ["GoBinaryNaming"] = "railpack",
        ["GoMakeTarget"] = "all",
        ["CgoEnabled"] = "false",
        ["GoTrimPath"] = "true",
        ["GoStripSymbols"] = "true",
        ["Optimize"] = "true",
        ["GoDebugDependencies"] = "true",
        ["GoBuildFlags"] = "-v",
        ["GoLdFlags"] = "-w",
        ["GoGcFlags"] = "-N",
        ["GoTags"] = "netgo",
        ["GoTroubleshoot"] = "false",
        ["GoBuildMode"] = "pie",
        ["GoPreBuildCommand"] = "true",
        ["GoPostBuildCommand"] = "true",
        ["GoFunctions"] = "false",
    };

    [Fact]
    public void Every_build_setting_changes_the_inputs_cache()
    {
        // Each setting in an evaluation of its own (its own obj/ folder), all in one MSBuild run: no go is started.
        var settings = Unit.InputsCacheTests.CacheValues().Select(v => v.Name).Distinct().ToList();
        var missing = settings.Where(s => !ChangedSetting.ContainsKey(s)).ToList();
        Assert.True(missing.Count == 0, "Give these build settings a changed value here: " + string.Join(", ", missing));
        var project = environment.CreateProject("settings").WriteHelloModule();
        var calls = new List<string> { "base", "again" }.Concat(settings)
            .Select(name => $"""<MSBuild Projects="settings.gocsproj" Targets="_GoWriteInputsCache" Properties="IntermediateOutputPath=obj/{name}/{(ChangedSetting.TryGetValue(name, out var value) ? $";{name}={value}" : "")}" />""");
        project.WriteFile("driver.proj", $"<Project><Target Name=\"Build\">{string.Join("\n", calls)}</Target></Project>");

        var run = project.Dotnet("msbuild", project.Path("driver.proj"));

        Assert.True(run.ExitCode == 0, run.ToString());
        string Cache(string name) => File.ReadAllText(project.Path($"obj/{name}/settings.goinputs.cache"));
        Assert.Equal(Cache("base"), Cache("again"));
        var unchanged = settings.Where(name => Cache(name) == Cache("base")).ToList();
        Assert.True(unchanged.Count == 0, "These settings don't change the inputs cache: " + string.Join(", ", unchanged));
    }

    [Fact]
    public void A_change_with_an_older_time_stamp_rebuilds_and_a_no_op_after_it_starts_nothing()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("oldstamp").WriteHelloModule("v1");
        project.WriteFile("util.go", "package main\n\nfunc unused() {}\n");
        project.WriteFile("assets/banner.txt", "banner v1");
        project.WriteFile("embed.go", "package main\n\nimport _ \"embed\"\n\n//go:embed assets/banner.txt\nvar banner string\n");
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var expectBuild = go.BuildExpecting(project);
        void BuildExpecting(bool goRuns, string because) => expectBuild(goRuns, because);

        BuildExpecting(true, "first build");
        BuildExpecting(false, "no-op");

        // What tar -x, cp -p, rsync -a and unzip do: new content, a time stamp older than the binary.
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"v2\")\n}\n");
        File.SetLastWriteTimeUtc(project.Path("main.go"), old);
        BuildExpecting(true, "main.go changed with an older time stamp");
        Assert.Equal("v2", project.RunOutput().Output.Trim());
        BuildExpecting(false, "no-op after the old-stamp change");

        File.SetLastWriteTimeUtc(project.Path("util.go"), old);
        BuildExpecting(true, "only the stamp of util.go went back in time");
        BuildExpecting(false, "no-op");

        File.SetLastWriteTimeUtc(project.Path("go.mod"), old);
        BuildExpecting(true, "go.mod's stamp went back in time");

        File.WriteAllText(project.Path("assets/banner.txt"), "banner v2, longer");
        File.SetLastWriteTimeUtc(project.Path("assets/banner.txt"), old);
        BuildExpecting(true, "an embedded file changed with an older time stamp");
        BuildExpecting(false, "final no-op");

        // A folder embedded with all: takes its dot files too; one changed is a change like any embedded file.
        project.WriteFile("static/.well-known/security.txt", "Contact: a");
        project.WriteFile("static/index.html", "<p>hi</p>");
        project.WriteFile("static.go", "package main\n\nimport \"embed\"\n\n//go:embed all:static\nvar static embed.FS\n");
        BuildExpecting(true, "a folder embedded with all:");
        BuildExpecting(false, "no-op");
        File.WriteAllText(project.Path("static/.well-known/security.txt"), "Contact: b");
        File.SetLastWriteTimeUtc(project.Path("static/.well-known/security.txt"), old);
        BuildExpecting(true, "an embedded dot file changed with an older time stamp");
        BuildExpecting(false, "no-op after it");
    }

    [Fact]
    public void A_failed_build_keeps_failing_until_the_code_is_fixed()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("fail").WriteHelloModule("before");
        Assert.Equal(0, project.Build(go.GoRootProperty).ExitCode);
        var before = File.GetLastWriteTimeUtc(project.OutputFile());

        project.WriteFile("main.go", "package main\n\nfunc main() {\n\tundefinedThing()\n}\n");
        var first = project.Build(go.GoRootProperty);
        var second = project.Build(go.GoRootProperty);

        Assert.NotEqual(0, first.ExitCode);
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("error GO1000: undefined: undefinedThing", second.Output);
        Assert.Equal(3, go.Builds.Count);
        Assert.Equal(before, File.GetLastWriteTimeUtc(project.OutputFile()));

        project.WriteHelloModule("after");
        var fixedBuild = project.Build(go.GoRootProperty);
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.ToString());
        Assert.Equal("after", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void A_failure_outside_the_sources_still_reruns_go_after_an_environment_change()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("envfail").WriteHelloModule("ok");
        Assert.Equal(0, project.Build(go.GoRootProperty).ExitCode);

        // An invalid GOFLAGS fails go itself; the binary from before must not count as up to date afterwards.
        project.Environment["GOFLAGS"] = "-notaflag";
        var before = go.Invocations.Count;
        var broken = project.Build(go.GoRootProperty);
        Assert.NotEqual(0, broken.ExitCode);
        var afterFirstFailure = go.Invocations.Count;
        Assert.True(afterFirstFailure > before, "the changed environment did not start go");
        var stillBroken = project.Build(go.GoRootProperty);
        Assert.NotEqual(0, stillBroken.ExitCode);
        Assert.True(go.Invocations.Count > afterFirstFailure, "the failed build was taken as up to date");
        Assert.Contains("-notaflag", stillBroken.Output);
    }
}
