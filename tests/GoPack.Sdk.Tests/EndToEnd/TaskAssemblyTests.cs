using System.IO.Compression;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text.Json;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Which of the package's task assemblies MSBuild loads, and that each works: netstandard2.0 for Visual Studio's
/// MSBuild, net8.0 for `dotnet build`, and on .NET 10 on linux-x64 the net10.0 one precompiled (ReadyToRun) for it.
/// </summary>
public sealed class TaskAssemblyTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private static bool ThisMachineTakesThePrecompiledTasks =>
        Environment.Version.Major >= 10 && OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>
    /// A plain `dotnet build` on this machine loads the precompiled tasks in MSBuild's own process (MSBuild 18 would
    /// send an assembly precompiled for another machine to a task host, where it fails) and builds the project.
    /// </summary>
    [Fact]
    public void Dotnet_build_loads_the_task_assembly_made_for_this_machine_in_its_own_process()
    {
        var project = environment.CreateProject("thisassembly").WriteHelloModule("tasks for this machine");

        var build = project.Build("-v:d");

        Assert.True(build.ExitCode == 0, build.ToString());
        var expected = ThisMachineTakesThePrecompiledTasks ? "/tasks/net10.0/linux-x64/GoPack.Sdk.Tasks.dll" : "/tasks/net8.0/GoPack.Sdk.Tasks.dll";
        var taskSources = GoPackTaskSources(build);
        Assert.Contains(taskSources, l => l.Contains("\"DetectGo\"", StringComparison.Ordinal));
        Assert.All(taskSources, l => Assert.Contains(expected, l));
        Assert.DoesNotContain("out-of-process", build.Output, StringComparison.Ordinal);
        Assert.Equal("tasks for this machine", project.RunOutput().Output.Trim());
    }

    /// <summary>
    /// The precompiled assembly's code is the code that runs: parsing a go.mod through it compiles (next to) no method,
    /// where the same through the net8.0 assembly compiles dozens (the control: the probe sees the JIT). An assembly
    /// compiled against another .NET's framework would be taken as IL again (measured: net8.0's, under .NET 10).
    /// </summary>
    [Fact]
    public void The_precompiled_task_assembly_runs_without_just_in_time_compiling_on_this_machine()
    {
        if (!ThisMachineTakesThePrecompiledTasks) return; // elsewhere the package's net8.0 assembly is the one loaded
        var directory = environment.CreateProject("precompiled").Directory;
        using (var package = ZipFile.OpenRead(environment.NupkgPath))
        {
            foreach (var entry in new[] { "tasks/net10.0/linux-x64/GoPack.Sdk.Tasks.dll", "tasks/net8.0/GoPack.Sdk.Tasks.dll" })
            {
                var target = Path.Combine(directory, entry);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                package.GetEntry(entry)!.ExtractToFile(target);
            }
        }

        var precompiled = MethodsCompiledToParseAGoMod(Path.Combine(directory, "tasks/net10.0/linux-x64/GoPack.Sdk.Tasks.dll"));
        var intermediate = MethodsCompiledToParseAGoMod(Path.Combine(directory, "tasks/net8.0/GoPack.Sdk.Tasks.dll"));

        Assert.True(intermediate >= 20, $"the net8.0 assembly compiled {intermediate} methods: the probe does not see the JIT");
        Assert.True(precompiled <= 3, $"the precompiled assembly compiled {precompiled} methods (the net8.0 one {intermediate})");
    }

    /// <summary>The lines in which MSBuild says, at detailed verbosity, which assembly a GoPack task came from.</summary>
    private static List<string> GoPackTaskSources(ProcessResult build) =>
        build.Output.Split('\n').Where(l => l.Contains("task from assembly", StringComparison.Ordinal) && l.Contains("GoPack.Sdk.Tasks.dll", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// Loads the assembly as MSBuild does (a load context of its own, not collectible: ReadyToRun code is never used in
    /// a collectible one) and counts the methods this thread compiles while it parses a go.mod.
    /// </summary>
    private static long MethodsCompiledToParseAGoMod(string assemblyPath)
    {
        var context = new AssemblyLoadContext("GoPack task assembly " + assemblyPath, isCollectible: false);
        var parse = context.LoadFromAssemblyPath(assemblyPath).GetType("GoPack.Sdk.Modules.GoModFile", throwOnError: true)!
            .GetMethod("Parse", [typeof(string), typeof(string)])!.CreateDelegate<Func<string, string?, object>>();
        var before = JitInfo.GetCompiledMethodCount(currentThread: true);
        var mod = parse("module example.com/a\n\ngo 1.21\n\nrequire (\n\texample.com/b v1.2.3\n)\n\nreplace example.com/b => ../b\n", null);
        var compiled = JitInfo.GetCompiledMethodCount(currentThread: true) - before;
        Assert.NotNull(mod);
        return compiled;
    }

    /// <summary>
    /// Pointed at with GoPackTasksAssembly, each of the other assemblies builds a project under `dotnet build` too:
    /// netstandard2.0 (Visual Studio's: it finds System.Text.Json in the host, compiled against 8.0, given the
    /// framework's) and net8.0 (`dotnet build` on any other machine, and .NET 8 and 9 SDKs); each loads and does the
    /// JSON work of a build (the version request, go list's cached answer).
    /// </summary>
    [Theory]
    [InlineData("netstandard2.0")]
    [InlineData("net8.0")]
    public void Each_task_assembly_builds_a_project_under_dotnet_build(string framework)
    {
        var project = environment.CreateProject("assembly-" + framework);
        project.WriteFile("go.mod", "module example.com/vsassembly\n\ngo 1.19\n");
        project.WriteFile("cmd/api/main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"api\") }\n");
        project.WriteFile("cmd/worker/main.go", "package main\n\nfunc main() {}\n");
        project.WriteProjectFile("""
              <PropertyGroup>
                <GoPackTasksAssembly>$(GoPackSdkRoot)tasks/FRAMEWORK/GoPack.Sdk.Tasks.dll</GoPackTasksAssembly>
              </PropertyGroup>
            """.Replace("FRAMEWORK", framework, StringComparison.Ordinal));

        var build = project.Build("-v:d");

        Assert.True(build.ExitCode == 0, build.ToString());
        // MSBuild says at detailed verbosity which assembly each task came from: only the one given.
        var taskSources = GoPackTaskSources(build);
        Assert.Contains(taskSources, l => l.Contains("\"DetectGo\"", StringComparison.Ordinal));
        Assert.Contains(taskSources, l => l.Contains("\"ResolveGoMainPackages\"", StringComparison.Ordinal));
        Assert.All(taskSources, l => Assert.Contains($"/tasks/{framework}/GoPack.Sdk.Tasks.dll", l));
        // The JSON the tasks wrote and read: go list's answer, from which two binaries named after their folders came.
        using (var list = JsonDocument.Parse(File.ReadAllText(project.Path("obj/Debug/assembly-" + framework + ".gopackages.cache"))))
        {
            Assert.Equal(2, list.RootElement.GetProperty("packages").GetArrayLength());
        }

        Assert.Equal("api", ProcessRunner.Run(project.OutputFile(name: "api"), [], project.Directory).Output.Trim());
        Assert.True(File.Exists(project.OutputFile(name: "worker")));
    }
}
