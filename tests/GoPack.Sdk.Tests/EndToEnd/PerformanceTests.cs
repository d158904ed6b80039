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

    [Fact]
    public void Clutter_go_ignores_never_rebuilds_while_a_new_package_and_a_vendored_file_changed_with_an_older_stamp_do()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("tree");
        project.WriteFile("go.mod", "module example.com/tree\n\ngo 1.19\n\nrequire example.com/dep v1.0.0\n");
        project.WriteFile("vendor/modules.txt", "# example.com/dep v1.0.0\n## explicit\nexample.com/dep\n");
        project.WriteFile("vendor/example.com/dep/dep.go", "package dep\n\nfunc Hello() string { return \"dep v1\" }\n");
        project.WriteFile("main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/dep\"\n)\n\nfunc main() { fmt.Println(dep.Hello()) }\n");
        // What a repository holds beside a module and go never reads (broken Go files in the directories go skips; not
        // .git, whose presence makes go stamp VCS information).
        string[] clutter = ["node_modules/pkg/index.js", "node_modules/pkg/lib/util.c", ".cache/objects/ab/cd.go", "testdata/case/in.go", "_attic/old.go", "cmd/tool/testdata/x.go"];
        foreach (var file in clutter) project.WriteFile(file, "package broken(\n");
        project.WriteProjectFile();
        var expectBuild = go.BuildExpecting(project);
        void BuildExpecting(bool goRuns, string because) => expectBuild(goRuns, because);

        BuildExpecting(true, "first build");
        Assert.Equal("dep v1", project.RunOutput().Output.Trim());
        BuildExpecting(false, "no-op");

        foreach (var file in clutter) project.WriteFile(file, "package broken(\n// changed\n");
        project.WriteFile("node_modules/other/new.h", "int x;\n");
        BuildExpecting(false, "only files go ignores changed or appeared");

        project.WriteFile("internal/sub/sub.go", "package sub\n\nfunc Sub() {}\n");
        BuildExpecting(true, "a new package in a new directory");
        BuildExpecting(false, "no-op after the new package");

        // A vendored file go compiles, changed with an older stamp (as a checkout or tar -x leaves it).
        var vendored = project.Path("vendor/example.com/dep/dep.go");
        var stamp = File.GetLastWriteTimeUtc(vendored);
        project.WriteFile("vendor/example.com/dep/dep.go", "package dep\n\nfunc Hello() string { return \"dep v2\" }\n");
        File.SetLastWriteTimeUtc(vendored, stamp.AddDays(-1));
        BuildExpecting(true, "a vendored file changed with an older stamp");
        Assert.Equal("dep v2", project.RunOutput().Output.Trim());
        BuildExpecting(false, "no-op after the vendored change");

        project.WriteFile("vendor/example.com/dep/extra.go", "package dep\n\nfunc Extra() {}\n");
        BuildExpecting(true, "a vendored file added");
        BuildExpecting(false, "final no-op");

        // What Visual Studio sees: the module's own Go files as items; vendor/ in its up-to-date check, not as items.
        var beforeDesignTime = go.Invocations.Count;
        var designTime = project.Dotnet("msbuild", project.ProjectFile, "-t:CollectUpToDateCheckInputDesignTime", "-p:DesignTimeBuild=true",
            go.GoRootProperty, "-getItem:GoCompile", "-getTargetResult:CollectUpToDateCheckInputDesignTime");
        Assert.True(designTime.ExitCode == 0, designTime.ToString());
        using var json = JsonDocument.Parse(designTime.Output[designTime.Output.IndexOf('{')..]);
        var goCompile = json.RootElement.GetProperty("Items").GetProperty("GoCompile").EnumerateArray()
            .Select(i => i.GetProperty("FullPath").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { project.Path("internal/sub/sub.go"), project.Path("main.go") }, goCompile);
        var upToDateInputs = json.RootElement.GetProperty("TargetResults").GetProperty("CollectUpToDateCheckInputDesignTime").GetProperty("Items")
            .EnumerateArray().Select(i => i.GetProperty("FullPath").GetString()!).ToList();
        Assert.Contains(project.Path("vendor/example.com/dep/extra.go"), upToDateInputs);
        Assert.Contains(project.Path("main.go"), upToDateInputs);
        Assert.DoesNotContain(upToDateInputs, p => clutter.Any(c => p == project.Path(c)));
        Assert.True(go.Invocations.Count == beforeDesignTime, "a design-time build started go");
    }
}
