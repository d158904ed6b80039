using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Clever Cloud's documented workspace (seed 001): go.work uses ./httpServer and ./checker, two library modules, and
/// the program is cmd/main.go, outside every module, deployed with CC_GO_PKG=cmd/main.go. go builds it with
/// `go build cmd/main.go`; so must GoPack, whichever way the program is named.
/// </summary>
public sealed class WorkspaceProgramTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void A_program_outside_the_workspace_modules_warns_as_a_library_and_builds_from_every_setting_that_names_it()
    {
        var project = environment.CreateProject("cleverws").WriteProjectFile();
        project.WriteFile("go.work", "go 1.19\n\nuse (\n\t./httpServer\n\t./checker\n)\n");
        project.WriteFile("httpServer/go.mod", "module example.com/httpServer\n\ngo 1.19\n");
        project.WriteFile("httpServer/server.go", "package httpServer\n\nfunc Name() string { return \"http\" }\n");
        project.WriteFile("checker/go.mod", "module example.com/checker\n\ngo 1.19\n");
        project.WriteFile("checker/checker.go", "package checker\n\nfunc Check() bool { return true }\n");
        project.WriteFile("cmd/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/checker\"\n\t\"example.com/httpServer\"\n)\n\nfunc main() { fmt.Println(httpServer.Name(), checker.Check()) }\n");

        var library = project.Build();

        Assert.True(library.ExitCode == 0, library.ToString());
        Assert.Contains("warning GOPACK0011: No go.work module has a main package in its root or its cmd/ directory, so the project is built as a library", library.Output);
        Assert.Contains("cmd/main.go is package main outside every module (go builds it with `go build cmd/main.go`): set GoMainPackage=cmd/main.go (or CC_GO_PKG) to build it.", library.Output);
        Assert.False(File.Exists(project.OutputFile()));

        // The warning's advice, then the other settings that name the same program.
        foreach (var (arguments, variable) in new[] { (new[] { "-p:GoMainPackage=cmd/main.go" }, (string?)null), (new[] { "-p:GoMainPackage=./cmd" }, null), ([], "cmd/main.go") })
        {
            if (variable is null) project.Environment.Remove("CC_GO_PKG");
            else project.Environment["CC_GO_PKG"] = variable;
            File.Delete(project.OutputFile());

            var build = project.Build(arguments);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.DoesNotContain("warning", build.Output);
            Assert.Contains($"cleverws -> {project.OutputFile()}", build.Output);
            Assert.Equal("http true", project.RunOutput().Output.Trim());
        }
    }
}
