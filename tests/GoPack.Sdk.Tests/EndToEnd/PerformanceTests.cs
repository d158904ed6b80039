using System.Text.Json;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Issue 14: what GoPack skips to be fast must not change what a build does. No timing here (bench/run.sh measures);
/// these tests prove each shortcut is taken and that what it skips still happens when it matters.
/// </summary>
public sealed class PerformanceTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    /// <summary>The tasks that keep their answers in obj/ (GoCacheTaskAnswers).</summary>
    private static readonly string[] AnswerKeepingTasks = ["DetectGo", "ResolveGoToolchain", "ResolveGoTarget", "ComputeGoBuildFlags", "ResolveGoMainPackages"];

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
        foreach (var task in AnswerKeepingTasks)
        {
            Assert.Contains($"{task}: answers from ", noop.Output);
        }

        // A cd, a nested shell or another terminal tab changes only the shell's bookkeeping: still no change. Any other
        // variable is one.
        project.Environment["OLDPWD"] = "/somewhere/else";
        project.Environment["SHLVL"] = "7";
        project.Environment["TERM_SESSION_ID"] = "w9t9p9:" + Guid.NewGuid();
        var moved = project.Build("-v:d");
        Assert.True(moved.ExitCode == 0, moved.ToString());
        foreach (var task in AnswerKeepingTasks)
        {
            Assert.Contains($"{task}: answers from ", moved.Output);
        }
        project.Environment["MY_BUILD_SETTING"] = "1";
        var changed = project.Build("-v:d");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.DoesNotContain("DetectGo: answers from ", changed.Output);
        foreach (var name in new[] { "OLDPWD", "SHLVL", "TERM_SESSION_ID", "MY_BUILD_SETTING" }) project.Environment.Remove(name);

        // dotnet run and dotnet test give the tasks another environment (dotnet build sets MSBuildExtensionsPath,
        // MSBuildSDKsPath and DOTNET_HOST_PATH in its own process, dotnet run doesn't; the test infrastructure starts
        // every dotnet without the ones this suite's own dotnet test set): each keeps its own answers beside the
        // build's, and a build between them takes the build's.
        foreach (var verb in new[] { "run", "test" })
        {
            var other = verb == "run" ? project.Dotnet("run", "--project", project.ProjectFile) : project.Dotnet("test", project.ProjectFile);
            Assert.True(other.ExitCode == 0, other.ToString());
            var after = project.Build("-v:d");
            Assert.True(after.ExitCode == 0, after.ToString());
            foreach (var task in AnswerKeepingTasks)
            {
                Assert.True(after.Output.Contains($"{task}: answers from ", StringComparison.Ordinal), $"after dotnet {verb}, {task} worked its answers out again:\n{after}");
            }
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
    public void An_edit_that_leaves_every_package_clause_and_import_keeps_the_package_list_and_the_main_package_answers_and_a_deleted_list_is_listed_again()
    {
        var project = new TestProject(environment, environment.CreateProject("editlist").Path("svc"), "svc").WriteHelloModule("first");
        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        var list = project.Path("obj/Debug/svc.gopackages.cache");
        var listed = File.GetLastWriteTimeUtc(list);

        // A function body changes: go list need not run, the list keeps its stamp, ResolveGoMainPackages keeps its answers.
        project.WriteHelloModule("second");
        var edit = project.Build("-v:d");
        Assert.True(edit.ExitCode == 0, edit.ToString());
        Assert.Equal("second", project.RunOutput().Output.Trim());
        Assert.Contains("go list not run", edit.Output);
        Assert.Contains("ResolveGoMainPackages: answers from ", edit.Output);
        Assert.Equal(listed, File.GetLastWriteTimeUtc(list));

        // The next build is a no-op: the key file, newer than the sources, is what _GoListPackages compares.
        var noop = project.Build("-v:d");
        Assert.True(noop.ExitCode == 0, noop.ToString());
        Assert.Contains("Skipping target \"_GoListPackages\"", noop.Output);

        // The key reads only files whose stamp moved (the digests of the others are kept by stamp): a file that gains
        // an import is read again, and go list runs.
        Assert.Contains(project.Path("main.go"), File.ReadAllText(project.Path("obj/Debug/svc.gopackages.cache.lines")));
        project.WriteFile("main.go", File.ReadAllText(project.Path("main.go")).Replace("import \"fmt\"", "import (\n\t\"fmt\"\n\t_ \"os\"\n)", StringComparison.Ordinal));
        var imported = project.Build("-v:d");
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.DoesNotContain("go list not run", imported.Output);
        Assert.NotEqual(listed, File.GetLastWriteTimeUtc(list));

        // The list deleted by hand (its key left behind): listed again, never built as a library without binaries.
        File.Delete(list);
        project.WriteHelloModule("third");
        var relisted = project.Build("-v:d");
        Assert.True(relisted.ExitCode == 0, relisted.ToString());
        Assert.DoesNotContain("go list not run", relisted.Output);
        Assert.True(File.Exists(list));
        Assert.Equal("third", project.RunOutput().Output.Trim());

        // dotnet clean takes the list, its key and the kept digests.
        var clean = project.Dotnet("clean", project.ProjectFile);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Empty(Directory.GetFiles(project.Path("obj/Debug"), "svc.gopackages.*"));
    }

    /// <summary>
    /// A GOROOT (a folder of its own) whose go runs <paramref name="buildAndVet"/>, a shell script given the folder, for
    /// go build and go vet, and the real go for the rest; the script calls the real go as <c>real "$@"</c>.
    /// </summary>
    private string GoWrappingBuildAndVet(string name, Func<string, string> buildAndVet)
    {
        var root = Path.Combine(environment.Root, name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.Copy(Path.Combine(environment.RealGo.GoRoot, "VERSION"), Path.Combine(root, "VERSION"));
        var script = Path.Combine(root, "bin", "go");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            real() { GOROOT='{{environment.RealGo.GoRoot}}' '{{environment.RealGo.GoExecutable}}' "$@"; }
            case "$1" in
            build|vet)
            {{buildAndVet(root)}}
              ;;
            *) real "$@" ;;
            esac

            """);
        script.MakeExecutable();
        return root;
    }

    [Fact]
    public void Under_dotnet_build_m_compiling_go_commands_never_outnumber_GoMaxConcurrentCommands_the_first_go_build_runs_alone_and_a_first_vet_follows_go_build()
    {
        if (OperatingSystem.IsWindows()) return; // the go below is a shell script
        // A go whose build and vet take half a second and note each start and end, and any moment another of them was
        // running (a directory made while one runs: mkdir is atomic); the rest is the real go.
        var root = GoWrappingBuildAndVet("slot-go", root => $"""
            if mkdir '{root}/running' 2>/dev/null; then own=1; else own=; echo "$1 $PWD" >> '{root}/overlaps'; fi
            echo "start $1 $PWD" >> '{root}/events'
            sleep 0.5
            real "$@"; status=$?
            echo "end $1 $PWD" >> '{root}/events'
            if [ -n "$own" ]; then rmdir '{root}/running'; fi
            exit $status
            """);
        var overlaps = Path.Combine(root, "overlaps");
        var events = Path.Combine(root, "events");
        var solution = environment.CreateProject("slots");
        var projects = Enumerable.Range(1, 4)
            .Select(i => new TestProject(environment, solution.Path($"svc{i}"), $"svc{i}").WriteHelloModule($"service {i}", $"example.com/svc{i}"))
            .ToList();
        solution.WriteFile("all.proj", """
            <Project>
              <ItemGroup><P Include="svc*/*.gocsproj" /></ItemGroup>
              <Target Name="Build"><MSBuild Projects="@(P)" BuildInParallel="true" /></Target>
            </Project>
            """);
        // The default is the number of cores (the test infrastructure lifts the limit for every other test).
        solution.Environment["GoMaxConcurrentCommands"] = null;
        var settings = solution.Dotnet("msbuild", projects[0].ProjectFile, "-getProperty:GoMaxConcurrentCommands");
        Assert.True(settings.ExitCode == 0, settings.ToString());
        Assert.Equal(Environment.ProcessorCount.ToString(), settings.Output.Trim());

        ProcessResult BuildAll(string limit, params string[] more) =>
            solution.Dotnet(["build", solution.Path("all.proj"), "-m", "-p:GoRoot=" + root, "-p:GoMaxConcurrentCommands=" + limit, .. more]);

        // Two slots, and a go nobody ran yet (a folder of its own): its first go build runs alone, the others wait for
        // it and then take what it left in go's cache (no other build starts before it ended).
        var gated = BuildAll("2", "-v:n");
        Assert.True(gated.ExitCode == 0, gated.ToString());
        var gatedLog = File.ReadAllLines(events);
        var firstStart = Array.FindIndex(gatedLog, l => l.StartsWith("start build ", StringComparison.Ordinal));
        var firstEnd = Array.IndexOf(gatedLog, "end build " + gatedLog[firstStart]["start build ".Length..]);
        var secondStart = Array.FindIndex(gatedLog, firstStart + 1, l => l.StartsWith("start build ", StringComparison.Ordinal));
        Assert.True(firstEnd > firstStart && secondStart > firstEnd, "a go build started beside the first one:\n" + string.Join("\n", gatedLog));
        Assert.Contains("Waiting for the first go build of this toolchain and these flags", gated.Output);
        foreach (var project in projects)
        {
            Assert.Equal($"service {project.Name[3..]}", project.RunOutput().Output.Trim());
            Directory.Delete(project.Path("bin"), recursive: true);
            Directory.Delete(project.Path("obj"), recursive: true);
        }
        File.Delete(events);
        if (File.Exists(overlaps)) File.Delete(overlaps);

        var limited = BuildAll("1", "-v:n");
        Assert.True(limited.ExitCode == 0, limited.ToString());
        for (var i = 0; i < projects.Count; i++) Assert.Equal($"service {i + 1}", projects[i].RunOutput().Output.Trim());
        Assert.False(File.Exists(overlaps), "go commands ran together under GoMaxConcurrentCommands=1: " + (File.Exists(overlaps) ? File.ReadAllText(overlaps) : ""));
        Assert.Contains("(GoMaxConcurrentCommands=1)", limited.Output);
        // A first build's vet starts after its go build ended: run beside it, both would compile every dependency.
        var log = File.ReadAllLines(events);
        foreach (var project in projects)
        {
            var lastBuildEnd = Array.FindLastIndex(log, l => l == "end build " + project.Directory);
            var vetStart = Array.FindIndex(log, l => l == "start vet " + project.Directory);
            Assert.True(lastBuildEnd >= 0 && vetStart > lastBuildEnd, $"{project.Name}: vet did not follow go build:\n" + string.Join("\n", log));
        }

        // The same without a limit: they do run together, so the check above can fail.
        foreach (var project in projects)
        {
            Directory.Delete(project.Path("bin"), recursive: true);
            Directory.Delete(project.Path("obj"), recursive: true);
        }
        var unlimited = BuildAll("0");
        Assert.True(unlimited.ExitCode == 0, unlimited.ToString());
        Assert.True(File.Exists(overlaps), "no go commands ran together without a limit:\n" + string.Join("\n", File.ReadAllLines(events)));
    }

    [Fact]
    public void A_first_build_that_compiles_every_package_before_linking_runs_vet_beside_the_link()
    {
        if (OperatingSystem.IsWindows()) return; // the go below is a shell script
        // A go that notes when each command starts and ends and takes a second over every link and vet; the compile of
        // every package (go build without -o) runs at once. The rest is the real go.
        var root = GoWrappingBuildAndVet("vet-link-go", root => $"""
            kind=$1
            case " $* " in *" -o "*) kind=link ;; esac
            echo "start $kind" >> '{root}/events'
            if [ "$kind" != build ]; then sleep 1; fi
            real "$@"; status=$?
            echo "end $kind" >> '{root}/events'
            exit $status
            """);
        var events = Path.Combine(root, "events");
        // A package no program imports: GoBuild compiles every package in one go command, then links the program.
        var project = environment.CreateProject("vet-link").WriteProjectFile();
        project.WriteFile("go.mod", "module example.com/vetlink\n\ngo 1.19\n");
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"linked\") }\n");
        project.WriteFile("util/util.go", "package util\n\nimport \"fmt\"\n\nfunc Say() { fmt.Printf(\"%d\\n\", \"text\") }\n");

        // No vet ran yet: vet waits for the compile of every package (what it reads), then runs beside the link.
        var first = project.Build("-p:GoRoot=" + root);
        Assert.True(first.ExitCode == 0, first.ToString());
        var log = File.ReadAllLines(events);
        var order = string.Join("\n", log);
        Assert.True(Array.IndexOf(log, "start vet") > Array.IndexOf(log, "end build") && Array.IndexOf(log, "end build") >= 0, "vet started before every package was compiled:\n" + order);
        Assert.True(Array.IndexOf(log, "start vet") < Array.IndexOf(log, "end link"), "vet did not run beside the link:\n" + order);
        // Its findings are reported as those of a vet run after the build, and the program is the one built.
        var finding = Path.Combine(project.Directory, "util", "util.go") + "(5,14): warning GOVET-printf";
        Assert.True(first.Output.Contains(finding, StringComparison.Ordinal), first.ToString());
        Assert.Equal("linked", project.RunOutput().Output.Trim());

        // Nothing changed: no go command starts, and the vet warning is not repeated (vet's stamp was written).
        File.Delete(events);
        var again = project.Build("-p:GoRoot=" + root);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.False(File.Exists(events), "a no-op build ran go:\n" + (File.Exists(events) ? File.ReadAllText(events) : ""));
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
