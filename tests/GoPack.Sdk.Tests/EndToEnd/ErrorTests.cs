using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

public sealed class ErrorTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void A_compile_error_is_an_msbuild_error_with_file_line_column_and_code()
    {
        var project = environment.CreateProject("broken").WriteHelloModule();
        project.WriteFile("main.go", """
            package main

            import "fmt"

            func main() {
            	fmt.Println("x")
            	foo()
            	var unused int
            }
            """);

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        var mainGo = project.Path("main.go");
        Assert.Contains($"{mainGo}(7,2): error GO1000: undefined: foo [{project.ProjectFile}]", build.Output);
        Assert.Contains($"{mainGo}(8,6): error GO1000: unused declared but not used", build.Output.Replace("\"", ""));
        Assert.Contains("2 Error(s)", build.Output);
        Assert.False(File.Exists(project.OutputFile()));
    }

    [Fact]
    public void A_go_mod_error_points_at_its_line_in_go_mod()
    {
        var project = environment.CreateProject("badmod").WriteHelloModule();
        project.WriteFile("go.mod", "module example.com/badmod\n\ngo 1.19\n\nbogus directive\n");

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{project.Path("go.mod")}(5): error GO2000: unknown directive: bogus", build.Output);
    }

    [Fact]
    public void A_brace_in_go_mod_or_go_work_fails_fast_with_GOPACK0005_at_its_line_and_never_starts_go()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("brace").WriteHelloModule();
        project.WriteFile("go.mod", "{\n");
        // Before the fix the tokenizer looped forever, eating memory: a minute is plenty for a build that fails at once.
        project.Timeout = TimeSpan.FromMinutes(1);

        var build = project.Build(go.GoRootProperty);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{project.Path("go.mod")}(1): error GOPACK0005: unknown directive: {{", build.Output);
        Assert.Contains("1 Error(s)", build.Output);

        project.WriteFile("go.mod", "module example.com/brace\n\ngo 1.19\n");
        project.WriteFile("go.work", "go 1.19\n\nuse .\n}\n");
        build = project.Build(go.GoRootProperty);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{project.Path("go.work")}(4): error GOPACK0005: unknown directive: }}", build.Output);
        Assert.Empty(go.Invocations);
    }

    [Fact]
    public void An_import_no_module_provides_is_a_module_error_at_the_import()
    {
        var project = environment.CreateProject("missingdep").WriteHelloModule();
        project.WriteFile("main.go", "package main\n\nimport \"example.com/missing/pkg\"\n\nfunc main() { pkg.Run() }\n");

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{project.Path("main.go")}(3,8): error GO2000: no required module provides package example.com/missing/pkg", build.Output);
    }

    [Fact]
    public void No_toolchain_is_GOPACK0001_naming_every_place_searched()
    {
        var project = environment.CreateProject("nogo").WriteHelloModule();
        var empty = Directory.CreateDirectory(Path.Combine(environment.Root, "empty-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        project.HideInstalledGo();

        var build = project.Build($"-p:GoToolchainSearchPaths={empty}/go-*", "-p:GoToolchainPolicy=local");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error GOPACK0001: No Go toolchain found.", build.Output);
        Assert.Contains("GoRoot property (not set)", build.Output);
        Assert.Contains("PATH", build.Output);
        Assert.Contains(empty, build.Output);
        Assert.Contains("set the GoRoot property", build.Output);
        Assert.Contains("1 Error(s)", build.Output);
    }

    [Fact]
    public void No_go_project_is_GOPACK0002_saying_what_was_looked_for()
    {
        var project = environment.CreateProject("empty").WriteProjectFile();
        project.WriteFile("README.md", "not go");

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{project.ProjectFile} : error GOPACK0002: No Go project found for '{project.Directory}'", build.Output);
        Assert.Contains("looked for go.mod and go.work", build.Output);
        Assert.Contains("for main.go in", build.Output);
        Assert.DoesNotContain("   at ", build.Output);
    }

    [Fact]
    public void A_missing_GoModuleDir_is_GOPACK0003()
    {
        var project = environment.CreateProject("nomoddir").WriteProjectFile("<PropertyGroup><GoModuleDir>does-not-exist</GoModuleDir></PropertyGroup>");

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error GOPACK0003: GoModuleDir 'does-not-exist", build.Output);
    }

    [Fact]
    public void A_design_time_build_of_a_broken_project_starts_no_go()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("designtime").WriteHelloModule();
        project.WriteFile("main.go", "package main\n\nfunc main() { broken( }\n");

        var build = project.Build(go.GoRootProperty, "-p:DesignTimeBuild=true");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(go.Invocations);
    }
}
