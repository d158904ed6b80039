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
}
