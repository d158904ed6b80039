using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>Issue 7's small things, each through a real build: the PATH hooks see, a toolchain cache inside the module.</summary>
public sealed class SmallThingsTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void Hooks_see_the_go_bin_folder_once_on_PATH_even_when_it_is_already_first()
    {
        var project = environment.CreateProject("pathonce").WriteHelloModule();
        var goBin = Path.Combine(environment.RealGo.GoRoot, "bin");
        project.Environment["PATH"] = goBin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") + Path.PathSeparator + goBin + "/";
        var record = Path.Combine(project.Directory, "obj", "path.txt");

        var build = project.Build($"-p:GoPreBuildCommand=echo \"$PATH\" > '{record}'", $"-p:GoRoot={environment.RealGo.GoRoot}");

        Assert.True(build.ExitCode == 0, build.ToString());
        var entries = File.ReadAllText(record).Trim().Split(Path.PathSeparator);
        Assert.Equal(goBin, entries[0]);
        Assert.Single(entries, e => e.TrimEnd('/') == goBin);
    }

    [Fact]
    public void A_toolchain_cache_inside_the_module_is_invisible_to_go_build_and_to_the_inputs()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("cacheinside").WriteHelloModule("cache inside");
        // What a downloaded distribution holds: Go files that are no part of this module, some that don't compile.
        project.WriteFile("toolchains/go1.99.0.linux-amd64/test/bad.go", "package bad\n\nfunc broken( {\n");
        project.WriteFile("toolchains/go1.99.0.linux-amd64/src/fmt/print.go", "package fmt\n");

        var build = project.Build(go.GoRootProperty, "-p:GoToolchainCache=toolchains");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(File.Exists(project.Path("toolchains/go.mod")));
        Assert.Equal("cache inside", project.RunOutput().Output.Trim());

        // A file changing in the cache is no input of the project: nothing rebuilds.
        var before = go.Invocations.Count;
        project.WriteFile("toolchains/go1.99.0.linux-amd64/test/other.go", "package other\n");
        var noop = project.Build(go.GoRootProperty, "-p:GoToolchainCache=toolchains");
        Assert.True(noop.ExitCode == 0, noop.ToString());
        Assert.Equal(before, go.Invocations.Count);
    }

    [Fact]
    public void A_lint_and_test_only_Makefile_gets_no_GoBinary_advice()
    {
        var project = environment.CreateProject("lintonly").WriteProjectFile();
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"no make\") }\n");
        project.WriteFile("Makefile", "lint:\n\tgolangci-lint run\n\ntest:\n\tgo test ./...\n");

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("GoBinary", build.Output);
        Assert.DoesNotContain("warning", build.Output);
        Assert.Equal("no make", project.RunOutput().Output.Trim());
    }
}
