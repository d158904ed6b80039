using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Issue 7: verbs on the wrong kind of project, and what the .NET tools show. `dotnet run` on a library is a GOPACK
/// error like a C# class library's, the terminal logger's result line is the binary TargetPath and `dotnet run`
/// use, and no fake .NET target framework labels a Go project, while `dotnet run` and design-time builds still get
/// the one they require.
/// </summary>
public sealed class VerbTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void Dotnet_run_on_a_library_is_GOPACK0019_and_its_OutputType_is_Library()
    {
        var project = environment.CreateProject("cron").WriteProjectFile();
        project.WriteFile("go.mod", "module example.com/cron\n\ngo 1.19\n");
        project.WriteFile("cron.go", "package cron\n\nfunc Next() int { return 1 }\n");

        var run = project.Dotnet("run", "--project", project.ProjectFile);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error GOPACK0019: cron is a Go library (no main package in", run.Output);
        Assert.Contains("Set GoMainPackage to the main package to run", run.Output);
        Assert.DoesNotContain("Unhandled exception", run.Output);
        Assert.DoesNotContain("An error occurred trying to start process", run.Output);

        var outputType = project.Dotnet("msbuild", project.ProjectFile, "-t:ResolveGoMainPackages", "-getProperty:OutputType");
        Assert.Equal("Library", outputType.Output.Trim());
    }

    [Fact]
    public void Several_binaries_show_the_first_in_the_terminal_loggers_result_line_without_a_framework_label_and_dotnet_run_runs_it()
    {
        var project = environment.CreateProject("multi").WriteProjectFile();
        project.WriteFile("go.mod", "module example.com/multi\n\ngo 1.19\n");
        project.WriteFile("cmd/api/main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"api\") }\n");
        project.WriteFile("cmd/worker/main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"worker\") }\n");
        var sources = TreeSnapshot.Take(project.Directory);

        var build = project.Build("-tl:on");

        Assert.True(build.ExitCode == 0, build.ToString());
        var result = build.Output.Split('\n').Single(l => l.Contains("multi") && l.Contains("succeeded"));
        Assert.Contains("bin/Debug/api", result);
        Assert.DoesNotContain("worker", result);
        Assert.DoesNotContain("netstandard", build.Output);

        var targetPath = project.Dotnet("msbuild", project.ProjectFile, "-t:GetTargetPath", "-getProperty:TargetPath", "-getProperty:TargetFramework");
        Assert.Contains($"\"TargetPath\": \"{project.OutputFile(name: "api")}\"", targetPath.Output);
        Assert.Contains("\"TargetFramework\": \"\"", targetPath.Output);

        var run = project.Dotnet("run", "--project", project.ProjectFile);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("api", run.Output.Trim());

        // Visual Studio's design-time builds still get the placeholder its project system requires.
        var designTime = project.Dotnet("msbuild", project.ProjectFile, "-p:DesignTimeBuild=true", "-getProperty:TargetFramework");
        Assert.Equal("netstandard2.0", designTime.Output.Trim());
        TreeSnapshotAssert.Unchanged(project.Directory, sources);
    }
}
