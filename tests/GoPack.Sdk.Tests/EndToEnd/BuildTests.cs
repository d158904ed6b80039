using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

public sealed class BuildTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void Build_produces_a_binary_that_runs_and_reports_it_like_a_csharp_project()
    {
        var project = environment.CreateProject("svc").WriteHelloModule("hello from svc");

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"svc -> {project.OutputFile()}", build.Output);
        Assert.Contains("0 Warning(s)", build.Output);
        var run = project.RunOutput();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("hello from svc", run.Output.Trim());
    }

    [Fact]
    public void The_sample_service_builds_and_answers_http()
    {
        var project = environment.CopySample("hello");

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        // A plain build stamps nothing: dotnet publish does (PublishTests).
        Assert.Equal("hello dev, commit none, built at unknown", project.RunOutput("Debug", "--version").Output.Trim());
        var selfTest = project.RunOutput("Debug", "-selftest");
        Assert.True(selfTest.ExitCode == 0, selfTest.ToString());
        Assert.Equal("selftest: 200 ok", selfTest.Output.Trim());
    }

    [Fact]
    public void Debug_keeps_symbols_and_disables_optimizations_for_debuggers_and_release_trims_and_strips()
    {
        var project = environment.CreateProject("flags").WriteHelloModule();

        var debug = project.Build("-v:n");
        var release = project.Build("-c", "Release", "-v:n");

        Assert.True(debug.ExitCode == 0, debug.ToString());
        Assert.True(release.ExitCode == 0, release.ToString());
        var debugInfo = GoVersionM(project.OutputFile("Debug"));
        var releaseInfo = GoVersionM(project.OutputFile("Release"));
        Assert.DoesNotContain("-trimpath", debugInfo);
        Assert.DoesNotContain("-ldflags", debugInfo);
        // What delve needs in the project's own code: no optimizations, no inlining (which packages: the test below).
        Assert.Contains("build\t-gcflags=\"./...=-N -l\"", debugInfo);
        Assert.DoesNotContain("-gcflags", releaseInfo);
        Assert.Contains("CGO_ENABLED=0", debugInfo);
        Assert.Contains("-trimpath=true", releaseInfo);
        // With -trimpath, go leaves -ldflags out of the build info: the command line shows it.
        Assert.Contains("-trimpath \"-ldflags=-s -w\" example.com/svc", release.Output);
        Assert.DoesNotContain("-ldflags", debug.Output);
        Assert.Contains("CGO_ENABLED=0", releaseInfo);
        // The symbol table is gone from the release binary only.
        Assert.Equal(0, Go("tool", "nm", project.OutputFile("Debug")).ExitCode);
        Assert.Contains("no symbols", Go("tool", "nm", project.OutputFile("Release")).Output);

        // Optimize, as for C#, decides it whatever the configuration.
        var optimized = project.Build("-p:Optimize=true");
        Assert.True(optimized.ExitCode == 0, optimized.ToString());
        Assert.DoesNotContain("-gcflags", GoVersionM(project.OutputFile("Debug")));
    }

    [Fact]
    public void CgoEnabled_property_and_CGO_ENABLED_environment_turn_cgo_on()
    {
        var project = environment.CreateProject("cgo").WriteHelloModule();

        var byProperty = project.Build("-p:CgoEnabled=true");
        Assert.True(byProperty.ExitCode == 0, byProperty.ToString());
        Assert.Contains("CGO_ENABLED=1", GoVersionM(project.OutputFile()));

        project.Environment["CGO_ENABLED"] = "1";
        var byEnvironment = project.Build("-c", "Release");
        Assert.True(byEnvironment.ExitCode == 0, byEnvironment.ToString());
        Assert.Contains("CGO_ENABLED=1", GoVersionM(project.OutputFile("Release")));

        // The property wins over the environment.
        var propertyWins = project.Build("-c", "Release", "-p:CgoEnabled=false");
        Assert.True(propertyWins.ExitCode == 0, propertyWins.ToString());
        Assert.Contains("CGO_ENABLED=0", GoVersionM(project.OutputFile("Release")));
    }

    /// <summary>
    /// Which packages a Debug build gives -N -l, read from the binary: a small function compiled with -l (no inlining)
    /// keeps its symbol, one compiled with go's optimizations is inlined into its callers and gone. main.greeting is the
    /// module's, example.com/lib.twice a local replace module's beside it (../lib), fmt.(*fmt).init the standard
    /// library's.
    /// </summary>
    [Fact]
    public void Debug_compiles_the_projects_own_packages_for_the_debugger_and_leaves_the_standard_library_optimized()
    {
        var root = environment.CreateProject("debugged");
        root.WriteFile("lib/go.mod", "module example.com/lib\n\ngo 1.19\n")
            .WriteFile("lib/lib.go", "package lib\n\nfunc twice(n int) int { return n * 2 }\n\n// Sum doubles and adds.\nfunc Sum(ns ...int) int {\n\ts := 0\n\tfor _, n := range ns {\n\t\ts += twice(n)\n\t}\n\treturn s\n}\n");
        var project = new TestProject(environment, root.Path("svc"), "svc")
            .WriteFile("go.mod", "module example.com/svc\n\ngo 1.19\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n")
            .WriteFile("main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/lib\"\n)\n\nfunc greeting() string { return \"sum\" }\n\nfunc main() {\n\tfmt.Println(greeting(), lib.Sum(1, 2, 3))\n}\n")
            .WriteProjectFile();

        // Which of the three probes keep their symbol: the module's, the local module's, the standard library's.
        (bool Module, bool Local, bool Standard) NotInlined(params string[] arguments)
        {
            var build = project.Build(arguments);
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Equal("sum 12", project.RunOutput().Output.Trim());
            var symbols = Symbols(project.OutputFile());
            return (symbols.Contains("main.greeting"), symbols.Contains("example.com/lib.twice"), symbols.Contains("fmt.(*fmt).init"));
        }

        // The control: optimized, go inlines all three. First, so that the Debug build after it takes DetectGo's kept
        // answers (the local module's folder among them) into a flags computation of its own.
        Assert.Equal((false, false, false), NotInlined("-p:Optimize=true"));
        Assert.Equal((true, true, false), NotInlined());
        // GoDebugDependencies: every package, as dlv debug builds.
        Assert.Equal((true, true, true), NotInlined("-p:GoDebugDependencies=true"));
        Assert.Contains("build\t-gcflags=\"all=-N -l\"", GoVersionM(project.OutputFile()));
    }

    [Fact]
    public void A_bare_main_go_without_go_mod_builds()
    {
        var project = environment.CreateProject("bare")
            .WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(greeting()) }\n")
            .WriteFile("greeting.go", "package main\n\nfunc greeting() string { return \"bare hello\" }\n")
            .WriteProjectFile();

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("bare hello", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void Normal_verbosity_shows_the_go_command_and_its_environment_minimal_shows_only_the_result()
    {
        var project = environment.CreateProject("verbosity").WriteHelloModule();

        var normal = project.Build("-v:n");
        Assert.True(normal.ExitCode == 0, normal.ToString());
        // Debug: no optimizations for debuggers, quoted as a shell would need it; go writes into a private folder first.
        Assert.Matches(@"CGO_ENABLED=0 GOROOT=\S+ GOTOOLCHAIN=local \S+/bin/go build -o \S+/obj/Debug/gobin/\.gopack-\w+/ ""-gcflags=./...=-N -l"" example\.com/svc", normal.Output);

        project.Path("main.go").Touch();
        var minimal = project.Build("-v:m");
        Assert.True(minimal.ExitCode == 0, minimal.ToString());
        Assert.DoesNotContain("bin/go build", minimal.Output);
        Assert.Contains($"verbosity -> {project.OutputFile()}", minimal.Output);
    }

    [Fact]
    public void Clean_removes_what_the_build_produced()
    {
        var project = environment.CreateProject("clean").WriteHelloModule();
        var sources = TreeSnapshot.Take(project.Directory);
        Assert.Equal(0, project.Build().ExitCode);
        Assert.True(File.Exists(project.OutputFile()));

        var clean = project.Dotnet("clean", project.ProjectFile);

        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(File.Exists(project.OutputFile()));
        Assert.Empty(Directory.EnumerateFiles(project.Path("obj"), "*.goinputs.cache", SearchOption.AllDirectories));
        TreeSnapshotAssert.Unchanged(project.Directory, sources);
    }

    [Fact]
    public void The_package_holds_the_sdk_the_targets_the_tasks_the_test_host_the_watch_runner_the_tools_source_and_the_default_container_base_and_nothing_else()
    {
        var entries = TestEnvironment.PackageEntries(environment.NupkgPath);

        Assert.Contains("Sdk/Sdk.props", entries);
        Assert.Contains("Sdk/Sdk.targets", entries);
        Assert.Contains("targets/GoPack.Build.targets", entries);
        Assert.Contains("tasks/netstandard2.0/GoPack.Sdk.Tasks.dll", entries);
        Assert.Contains("tasks/net8.0/GoPack.Sdk.Tasks.dll", entries);
        Assert.Contains("tasks/net10.0/linux-x64/GoPack.Sdk.Tasks.dll", entries);
        Assert.Contains("tasks/net10.0/linux-x64/ICSharpCode.SharpZipLib.dll", entries);
        Assert.Equal(["tools/functions-analyzer/go.mod", "tools/functions-analyzer/main.go"], entries.Where(e => e.StartsWith("tools/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("testhost/GoPack.TestHost.dll", entries);
        Assert.Contains("testhost/GoPack.TestHost.runtimeconfig.json", entries);
        Assert.Contains("testhost/Microsoft.Testing.Platform.dll", entries);
        Assert.Contains("containers/ca-certificates.crt", entries);
        Assert.Contains("containers/zoneinfo.tar", entries);
        Assert.Equal(["watch/GoPack.Watch.dll", "watch/GoPack.Watch.runtimeconfig.json"], entries.Where(e => e.StartsWith("watch/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var unexpected = entries.Where(e =>
            !e.StartsWith("Sdk/", StringComparison.Ordinal) && !e.StartsWith("targets/", StringComparison.Ordinal) &&
            !e.StartsWith("tasks/", StringComparison.Ordinal) && !e.StartsWith("tools/", StringComparison.Ordinal) &&
            !e.StartsWith("containers/", StringComparison.Ordinal) && !e.StartsWith("watch/", StringComparison.Ordinal) &&
            !e.StartsWith("testhost/", StringComparison.Ordinal) && e != "GoPack.Sdk.nuspec" && e != "[Content_Types].xml" &&
            !e.StartsWith("_rels/", StringComparison.Ordinal) && !e.StartsWith("package/services/", StringComparison.Ordinal));
        Assert.Empty(unexpected);
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.Build", StringComparison.OrdinalIgnoreCase));

        using var archive = System.IO.Compression.ZipFile.OpenRead(environment.NupkgPath);
        using var nuspec = new StreamReader(archive.GetEntry("GoPack.Sdk.nuspec")!.Open());
        Assert.Contains("<packageType name=\"MSBuildSdk\" />", nuspec.ReadToEnd());
    }

    /// <summary>The binary's symbol names (go tool nm).</summary>
    private HashSet<string> Symbols(string binary)
    {
        var result = Go("tool", "nm", binary);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 3).Select(f => f[2]).ToHashSet(StringComparer.Ordinal);
    }

    private string GoVersionM(string binary)
    {
        var result = Go("version", "-m", binary);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    private ProcessResult Go(params string[] arguments) =>
        ProcessRunner.Run(environment.RealGo.GoExecutable, arguments, environment.Root);
}
