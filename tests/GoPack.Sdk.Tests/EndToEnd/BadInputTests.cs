using System.Text;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Bad input gives a GOPACK (or go) error with a code, at the file and line where there is one: never a stack trace,
/// a flood of output, a half-written binary or a build that "succeeds" without one. Each project's source tree is
/// hashed before and after: a failed build writes nothing into it either.
/// </summary>
public sealed class BadInputTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void Broken_go_mod_bytes_and_sizes_are_errors_at_their_line_with_bounded_output_and_no_stack_trace()
    {
        var go = new CountingGo(environment);

        // Bytes that are not UTF-8 in the module path: go says GO2000 with no line; GoPack says where, before go starts.
        var utf8 = environment.CreateProject("utf8").WriteHelloModule();
        File.WriteAllBytes(utf8.Path("go.mod"), Encoding.Latin1.GetBytes("module example.com/caf\xe9\n\ngo 1.19\n"));
        var utf8Build = Failing(utf8, go.GoRootProperty);
        Assert.Contains($"{utf8.Path("go.mod")}(1): error GOPACK0005: invalid UTF-8 at column 23: save the file as UTF-8", utf8Build.Output);
        Assert.Empty(go.Invocations);

        // A 1 MB line: go quotes it in its error, which reached the console twice in full (2 MB).
        var huge = environment.CreateProject("hugeline").WriteHelloModule();
        huge.WriteFile("go.mod", "module example.com/svc\n\ngo 1.19\n" + new string('a', 1_000_000) + "\n");
        var hugeBuild = Failing(huge, go.GoRootProperty);
        Assert.Contains($"{huge.Path("go.mod")}(4): error GO2000: unknown directive: aaaa", hugeBuild.Output);
        Assert.Contains("more characters)", hugeBuild.Output);
        Assert.True(hugeBuild.Output.Length < 64 * 1024, $"{hugeBuild.Output.Length} characters of output");

        // A 1 MB module path ends up on go's command line: past the OS's limit for one argument.
        var path = environment.CreateProject("hugepath").WriteHelloModule();
        path.WriteFile("go.mod", "module example.com/" + new string('p', 1_000_000) + "\n\ngo 1.19\n");
        var pathBuild = Failing(path, go.GoRootProperty);
        Assert.True(pathBuild.Output.Length < 64 * 1024, $"{pathBuild.Output.Length} characters of output");

        // A go.mod that can't be read. Root reads any file, so there it is a directory in the file's place.
        var unreadable = environment.CreateProject("unreadable").WriteHelloModule();
        if (Environment.UserName == "root" || OperatingSystem.IsWindows())
        {
            File.Delete(unreadable.Path("go.mod"));
            Directory.CreateDirectory(unreadable.Path("go.mod"));
            unreadable.WriteFile("go.work", "go 1.19\n\nuse .\n");
            Assert.Contains("go.mod: is a directory", Failing(unreadable, go.GoRootProperty).Output);
        }
        else
        {
            File.SetUnixFileMode(unreadable.Path("go.mod"), UnixFileMode.None);
            Assert.Contains("error GOPACK0005:", Failing(unreadable, go.GoRootProperty).Output);
        }
    }

    [Fact]
    public void Unknown_settings_and_contradictory_versions_are_said_before_go_starts()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("settings").WriteHelloModule();
        var before = TreeSnapshot.Take(project.Directory);

        var tool = Failing(project, go.GoRootProperty, "-p:GoBuildTool=bazel");
        Assert.Contains("error GOPACK0007:", tool.Output);
        Assert.Contains("bazel", tool.Output);

        var rid = Failing(project, go.GoRootProperty, "-r", "linux-z80");
        Assert.Contains("error GOPACK0060:", rid.Output);
        Assert.Empty(go.Invocations);

        // Two version sources that disagree: the property wins, and the log says which lost.
        project.Environment["GOVERSION"] = "1.18";
        project.WriteFile("go.mod", "// +heroku goVersion go1.17\nmodule example.com/svc\n\ngo 1.19\n");
        var versions = project.Build(go.GoRootProperty, $"-p:GoVersion={environment.RealGo.Version}", "-v:n");
        Assert.True(versions.ExitCode == 0, versions.ToString());
        Assert.Contains($"Go {environment.RealGo.Version} (from GoVersion property)", versions.Output);
        Assert.Contains("GoVersion property wins over GOVERSION environment variable (1.18) and go.mod // +heroku goVersion comment (1.17)", versions.Output);
        project.Environment.Remove("GOVERSION");
        project.WriteFile("go.mod", "module example.com/svc\n\ngo 1.19\n");
        before = TreeSnapshot.Take(project.Directory);
        Assert.Equal(0, project.Build(go.GoRootProperty).ExitCode);
        TreeSnapshotAssert.Unchanged(project.Directory, before);
    }

    [Fact]
    public void A_go_that_is_not_go_crashes_or_cannot_start_is_a_clear_error_and_leaves_no_binary()
    {
        if (OperatingSystem.IsWindows()) return; // shell-script toolchains and file modes
        var project = environment.CreateProject("notgo").WriteHelloModule();
        var before = TreeSnapshot.Take(project.Directory);

        // A VERSION file beside a program that prints garbage: it built "successfully" as a library with no binary.
        var garbage = FakeGo("garbage", "echo 'hello, I am not go'\nexit 0");
        var notGo = Failing(project, "-p:GoRoot=" + garbage);
        Assert.Contains("error GOPACK0150:", notGo.Output);
        Assert.Contains("it printed: hello, I am not go", notGo.Output);
        Assert.DoesNotContain("library", notGo.Output);

        // A toolchain that crashes (or that the system kills) mid-build.
        var crashing = FakeGo("crashing", "kill -SEGV $$");
        var crash = Failing(project, "-p:GoRoot=" + crashing);
        Assert.Contains("go was killed by signal 11 (SIGSEGV)", crash.Output);
        Assert.Contains("reinstall Go there or choose another toolchain with GoRoot", crash.Output);

        // A go without its execute bit: ToolTask's MSB6003 came with a stack trace.
        var noexec = FakeGo("noexec", "exit 0");
        File.SetUnixFileMode(Path.Combine(noexec, "bin", "go"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var start = Failing(project, "-p:GoRoot=" + noexec);
        Assert.Contains("error GOPACK0004:", start.Output);
        Assert.Contains("could not be started", start.Output);

        Assert.False(File.Exists(project.OutputFile()));
        TreeSnapshotAssert.Unchanged(project.Directory, before);

        // The real Go builds the same project: nothing the broken ones left is taken as valid.
        Assert.Equal(0, project.Build().ExitCode);
        Assert.Equal("hello from go", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void A_project_in_a_folder_named_with_spaces_unicode_semicolon_percent_and_dollar_paren_builds_tests_and_runs()
    {
        var project = environment.CreateProject("odd", "my app ü;%41 $(HOME) & 'q'");
        project.WriteHelloModule("odd path ok");
        project.WriteFile("calc/calc.go", "package calc\n\nfunc Add(a, b int) int { return a + b }\n");
        project.WriteFile("calc/calc_test.go", "package calc\n\nimport \"testing\"\n\nfunc TestAdd(t *testing.T) {\n\tif Add(1, 2) != 3 {\n\t\tt.Fatal(\"no\")\n\t}\n}\n");
        var before = TreeSnapshot.Take(project.Directory);

        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"odd -> {project.OutputFile()}", build.Output);
        Assert.Equal("odd path ok", project.RunOutput().Output.Trim());

        var test = project.Dotnet("test", project.ProjectFile);
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("Passed!", test.Output);

        // No folder next to it named after the unescaped path ("my app ü;A ..."): the binary went there once.
        Assert.Single(Directory.EnumerateDirectories(Path.GetDirectoryName(project.Directory)!, "my app *"));
        TreeSnapshotAssert.Unchanged(project.Directory, before);
    }

    private static ProcessResult Failing(TestProject project, params string[] arguments)
    {
        var result = project.Build(arguments);
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.DoesNotMatch(@"(?m)^\s+at [\w.<>`]+\(", result.Output); // no .NET stack trace
        Assert.DoesNotContain("MSB4018", result.Output);                // a task that crashed
        Assert.DoesNotContain("MSB6003", result.Output);                // a tool that could not start, with a stack trace
        return result;
    }

    /// <summary>A GOROOT with the real VERSION file and a bin/go script of <paramref name="body"/>.</summary>
    private string FakeGo(string name, string body)
    {
        var root = Path.Combine(environment.Root, "fake-go-" + name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.Copy(Path.Combine(environment.RealGo.GoRoot, "VERSION"), Path.Combine(root, "VERSION"));
        var script = Path.Combine(root, "bin", "go");
        File.WriteAllText(script, "#!/bin/sh\n" + body + "\n");
        script.MakeExecutable();
        return root;
    }
}
