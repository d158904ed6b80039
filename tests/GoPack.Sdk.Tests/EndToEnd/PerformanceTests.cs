using System.Text.Json;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Issue 14: what GoPack skips to be fast must not change what a build does. No timing here (bench/run.sh measures);
/// these tests prove each shortcut is taken and that what it skips still happens when it matters.
/// </summary>
public sealed class PerformanceTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void The_restore_pass_evaluates_restore_alone_yet_runs_Directory_Build_targets_hooks_and_GoRestoreDependsOn()
    {
        var root = environment.CreateProject("restorepass");
        // A repository's Directory.Build.targets hooking Restore (as C# repositories do): it must still run, and it
        // records whether the restore pass had Microsoft.Common.targets (CommonTargetsPath) and GoPack's targets.
        root.WriteFile("Directory.Build.targets", """
            <Project>
              <Target Name="RecordRestorePass" BeforeTargets="Restore">
                <WriteLinesToFile File="$(MSBuildProjectDirectory)/obj/restore-pass.txt" Overwrite="true"
                                  Lines="common=$(CommonTargetsPath),gopack=$(GoPackTasksAssembly)" />
              </Target>
            </Project>
            """);
        var lean = new TestProject(environment, root.Path("lean"), "lean").WriteHelloModule("lean restore");
        // A project whose restore needs GoPack (GoRestoreDependsOn naming a target that depends on DetectGo) gets the
        // whole evaluation.
        var full = new TestProject(environment, root.Path("full"), "full").WriteHelloModule("full restore");
        full.WriteProjectFile("""
              <PropertyGroup><GoRestoreDependsOn>WriteModulePath</GoRestoreDependsOn></PropertyGroup>
              <Target Name="WriteModulePath" DependsOnTargets="DetectGo">
                <WriteLinesToFile File="$(MSBuildProjectDirectory)/obj/module-path.txt" Lines="$(GoModulePath)" Overwrite="true" />
              </Target>
            """);

        var leanBuild = lean.Build();
        var fullBuild = full.Build();

        Assert.True(leanBuild.ExitCode == 0, leanBuild.ToString());
        Assert.Equal("lean restore", lean.RunOutput().Output.Trim());
        Assert.Equal("common=,gopack=", File.ReadAllText(lean.Path("obj/restore-pass.txt")).Trim());

        Assert.True(fullBuild.ExitCode == 0, fullBuild.ToString());
        Assert.Equal("full restore", full.RunOutput().Output.Trim());
        Assert.Equal("example.com/svc", File.ReadAllText(full.Path("obj/module-path.txt")).Trim());
        var record = File.ReadAllText(full.Path("obj/restore-pass.txt")).Trim();
        Assert.DoesNotContain("common=,", record);
        Assert.Contains("GoPack.Sdk.Tasks.dll", record);
    }

    [Fact]
    public void Kept_task_answers_are_taken_on_a_no_op_build_and_follow_go_mod_with_an_older_stamp_the_environment_and_GoCacheTaskAnswers()
    {
        var project = new TestProject(environment, environment.CreateProject("answers").Path("svc"), "svc").WriteHelloModule("kept answers", module: "example.com/first");
        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        foreach (var task in new[] { "detectgo", "toolchain", "target", "buildflags", "mainpackages" })
        {
            Assert.True(File.Exists(project.Path($"obj/Debug/svc.{task}.answers")), task);
        }

        var noop = project.Build("-v:d");
        Assert.True(noop.ExitCode == 0, noop.ToString());
        foreach (var task in new[] { "DetectGo", "ResolveGoToolchain", "ResolveGoTarget", "ComputeGoBuildFlags", "ResolveGoMainPackages" })
        {
            Assert.Contains($"{task}: answers from ", noop.Output);
        }

        // What DetectGo says, after the build (properties read once its target ran).
        Dictionary<string, string> Detected(params string[] arguments)
        {
            var result = project.Dotnet(["msbuild", project.ProjectFile, "-t:DetectGo", "-getProperty:GoModulePath", "-getProperty:GoRequestedVersion", .. arguments]);
            Assert.True(result.ExitCode == 0, result.ToString());
            using var json = JsonDocument.Parse(result.Output);
            return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        }

        Assert.Equal("example.com/first", Detected()["GoModulePath"]);

        // A branch switch that brings go.mod back with an older time stamp and the same size.
        project.WriteFile("go.mod", "module example.com/secnd\n\ngo 1.19\n");
        File.SetLastWriteTimeUtc(project.Path("go.mod"), DateTime.UtcNow.AddDays(-2));
        Assert.Equal("example.com/secnd", Detected()["GoModulePath"]);

        project.Environment["GOVERSION"] = "1.19.8";
        Assert.Equal("1.19.8", Detected()["GoRequestedVersion"]);
        project.Environment.Remove("GOVERSION");
        Assert.Equal("1.19", Detected()["GoRequestedVersion"]);

        // The switch: nothing kept, nothing taken, the same answers.
        File.Delete(project.Path("obj/Debug/svc.detectgo.answers"));
        Assert.Equal("example.com/secnd", Detected("-p:GoCacheTaskAnswers=false")["GoModulePath"]);
        Assert.False(File.Exists(project.Path("obj/Debug/svc.detectgo.answers")));

        var rebuilt = project.Build();
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Equal("kept answers", project.RunOutput().Output.Trim());

        // dotnet clean takes them away with the rest of obj/.
        var clean = project.Dotnet("clean", project.ProjectFile);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Empty(Directory.GetFiles(project.Path("obj/Debug"), "*.answers"));
    }
}
