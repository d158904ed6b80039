using System.Text.Json;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// The netstandard2.0 task assembly is the one Visual Studio's MSBuild loads. Pointed at with GoPackTasksAssembly, it
/// builds a project under `dotnet build` too: it loads, finds System.Text.Json in the host (compiled against 8.0, given
/// the framework's), and does the JSON work of a build (the version request, go list's cached answer).
/// </summary>
public sealed class TaskAssemblyTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void The_netstandard2_0_task_assembly_builds_a_project_under_dotnet_build()
    {
        var project = environment.CreateProject("vsassembly");
        project.WriteFile("go.mod", "module example.com/vsassembly\n\ngo 1.19\n");
        project.WriteFile("cmd/api/main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"api\") }\n");
        project.WriteFile("cmd/worker/main.go", "package main\n\nfunc main() {}\n");
        project.WriteProjectFile("""
              <PropertyGroup>
                <GoPackTasksAssembly>$(GoPackSdkRoot)tasks/netstandard2.0/GoPack.Sdk.Tasks.dll</GoPackTasksAssembly>
              </PropertyGroup>
            """);

        var build = project.Build("-v:d");

        Assert.True(build.ExitCode == 0, build.ToString());
        // MSBuild says at detailed verbosity which assembly each task came from: only the netstandard2.0 one.
        var taskSources = build.Output.Split('\n').Where(l => l.Contains("task from assembly", StringComparison.Ordinal) && l.Contains("GoPack.Sdk.Tasks.dll", StringComparison.Ordinal)).ToList();
        Assert.Contains(taskSources, l => l.Contains("\"DetectGo\"", StringComparison.Ordinal));
        Assert.Contains(taskSources, l => l.Contains("\"ResolveGoMainPackages\"", StringComparison.Ordinal));
        Assert.All(taskSources, l => Assert.Contains("/tasks/netstandard2.0/GoPack.Sdk.Tasks.dll", l));
        // The JSON the tasks wrote and read: go list's answer, from which two binaries named after their folders came.
        using (var list = JsonDocument.Parse(File.ReadAllText(project.Path("obj/Debug/vsassembly.gopackages.cache"))))
        {
            Assert.Equal(2, list.RootElement.GetProperty("packages").GetArrayLength());
        }

        Assert.Equal("api", ProcessRunner.Run(project.OutputFile(name: "api"), [], project.Directory).Output.Trim());
        Assert.True(File.Exists(project.OutputFile(name: "worker")));
    }
}
