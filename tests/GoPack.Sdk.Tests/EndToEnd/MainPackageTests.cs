using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>Which main packages a build ships, and under what names, for each layout the seed platforms build.</summary>
public sealed class MainPackageTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private static string MainGo(string message) => $"package main\n\nimport \"fmt\"\n\nfunc main() {{ fmt.Println(\"{message}\") }}\n";

    private TestProject CmdProject(string name)
    {
        var project = environment.CreateProject(name);
        project.WriteFile("go.mod", $"module example.com/{name}\n\ngo 1.19\n");
        project.WriteFile("cmd/api/main.go", MainGo("api"));
        project.WriteFile("cmd/worker/main.go", MainGo("worker"));
        project.WriteFile("internal/lib/lib.go", "package lib\n\nfunc Answer() int { return 42 }\n");
        return project.WriteProjectFile();
    }

    private ProcessResult RunBinary(TestProject project, string name) =>
        ProcessRunner.Run(project.OutputFile(name: name), [], project.Directory);

    [Fact]
    public void Every_main_package_under_cmd_becomes_its_own_binary()
    {
        var project = CmdProject("monorepo");
        // GetTargetPath before any build (a referencing project, an IDE) must not fail for lack of a package list.
        var early = project.Dotnet("msbuild", project.ProjectFile, "-t:GetTargetPath", "-p:GoMainPackage=./cmd/api");
        Assert.True(early.ExitCode == 0, early.ToString());

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("api", RunBinary(project, "api").Output.Trim());
        Assert.Equal("worker", RunBinary(project, "worker").Output.Trim());
        Assert.Contains($"monorepo -> {project.OutputFile(name: "api")}", build.Output);
        Assert.Contains($"monorepo -> {project.OutputFile(name: "worker")}", build.Output);
        Assert.False(File.Exists(project.OutputFile()));

        var clean = project.Dotnet("clean", project.ProjectFile);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(File.Exists(project.OutputFile(name: "api")));
        Assert.False(File.Exists(project.OutputFile(name: "worker")));
        Assert.False(Directory.Exists(project.Path("obj/Debug/gobin")));
    }

    [Fact]
    public void GetTargetPath_answers_from_this_builds_package_list_never_a_missing_or_stale_one()
    {
        // One main package under cmd/: the binary is named after the project.
        var project = environment.CreateProject("fresh");
        project.WriteFile("go.mod", "module example.com/fresh\n\ngo 1.19\n");
        project.WriteFile("cmd/api/main.go", MainGo("api"));
        project.WriteProjectFile();

        // No build yet, no obj/: a referencing project asks first. The answer is go list's, not a guess.
        var missing = GetTargetPath(project);
        Assert.Equal(project.OutputFile(), missing);
        Assert.True(File.Exists(project.Path("obj/Debug/fresh.gopackages.cache")));

        // A second command appears: two binaries named after their folders, and the first one is the target path.
        // The package list on disk is now stale; GetTargetPath must not read it as it is.
        project.WriteFile("cmd/worker/main.go", MainGo("worker"));
        Assert.Equal(project.OutputFile(name: "api"), GetTargetPath(project));

        // And back: the list follows again, without a build in between.
        File.Delete(project.Path("cmd/worker/main.go"));
        Assert.Equal(project.OutputFile(), GetTargetPath(project));
        Assert.False(File.Exists(project.OutputFile()));
    }

    private static string GetTargetPath(TestProject project)
    {
        var result = project.Dotnet("msbuild", project.ProjectFile, "-t:GetTargetPath", "-getTargetResult:GetTargetPath");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Output.Substring(result.Output.IndexOf('{')));
        var items = json.RootElement.GetProperty("TargetResults").GetProperty("GetTargetPath").GetProperty("Items");
        return Assert.Single(items.EnumerateArray()).GetProperty("Identity").GetString()!;
    }

    [Fact]
    public void GoMainPackage_picks_one_command_and_names_it_after_the_project()
    {
        var project = CmdProject("pickone");

        var build = project.Build("-p:GoMainPackage=./cmd/worker");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("worker", project.RunOutput().Output.Trim());
        Assert.False(File.Exists(project.OutputFile(name: "api")));
    }

    [Fact]
    public void RAILPACK_GO_BIN_picks_a_command_and_GoBinaryNaming_railpack_names_it_out()
    {
        var project = CmdProject("railpack");
        project.Environment["RAILPACK_GO_BIN"] = "api";

        var build = project.Build("-p:GoBinaryNaming=railpack");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("api", RunBinary(project, "out").Output.Trim());
    }

    [Fact]
    public void CC_GO_PKG_with_clevercloud_naming_uses_the_package_base_name()
    {
        var project = CmdProject("clever");
        project.Environment["CC_GO_PKG"] = "cmd/worker/main.go";

        var build = project.Build("-p:GoBinaryNaming=clevercloud");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("worker", RunBinary(project, "main").Output.Trim());
    }

    [Fact]
    public void GO_INSTALL_PACKAGE_SPEC_and_the_heroku_install_comment_choose_packages()
    {
        var byEnvironment = CmdProject("herokuenv");
        byEnvironment.Environment["GO_INSTALL_PACKAGE_SPEC"] = "./cmd/api";
        var build = byEnvironment.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("api", byEnvironment.RunOutput().Output.Trim());

        var byComment = CmdProject("herokucomment");
        byComment.WriteFile("go.mod", "module example.com/herokucomment\n\n// +heroku install ./cmd/worker\n\ngo 1.19\n");
        build = byComment.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("worker", byComment.RunOutput().Output.Trim());
    }

    [Fact]
    public void A_main_package_that_does_not_exist_or_is_not_main_is_GOPACK0010()
    {
        var project = CmdProject("missing");

        var missing = project.Build("-p:GoMainPackage=./cmd/nope");
        var notMain = project.Build("-p:GoMainPackage=./internal/lib");

        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("error GOPACK0010: './cmd/nope' (from GoMainPackage property) matches no package", missing.Output);
        Assert.Contains("Main packages: ./cmd/api, ./cmd/worker.", missing.Output);
        Assert.NotEqual(0, notMain.ExitCode);
        Assert.Contains("is package lib, not a main package", notMain.Output);
    }

    [Fact]
    public void A_library_module_compiles_every_package_and_ships_nothing()
    {
        var project = environment.CreateProject("uuidlike");
        project.WriteFile("go.mod", "module example.com/uuidlike\n\ngo 1.19\n");
        project.WriteFile("uuid.go", "package uuid\n\nfunc New() string { return \"x\" }\n");
        project.WriteFile("internal/rand/rand.go", "package rand\n\nfunc Byte() byte { return 4 }\n");
        project.WriteProjectFile();

        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("uuidlike -> library: every package compiled, no binary", build.Output);
        Assert.False(Directory.Exists(project.Path("bin/Debug")) && Directory.EnumerateFiles(project.Path("bin/Debug")).Any());

        project.WriteFile("internal/rand/rand.go", "package rand\n\nfunc Byte() byte { return notDefined }\n");
        var broken = project.Build();
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains($"{project.Path("internal/rand/rand.go")}(3,27): error GO1000: undefined: notDefined", broken.Output);
    }

    [Fact]
    public void A_broken_library_package_fails_the_build_even_if_no_main_imports_it()
    {
        var project = CmdProject("brokenlib");
        project.WriteFile("internal/lib/lib.go", "package lib\n\nfunc Answer() int { return \"not an int\" }\n");

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("internal/lib/lib.go(3,28): error GO1000:", build.Output);
    }

    [Fact]
    public void A_workspace_builds_the_module_RAILPACK_GO_WORKSPACE_MODULE_names_or_the_first_with_a_main()
    {
        var project = environment.CreateProject("ws");
        project.WriteFile("go.work", "go 1.19\n\nuse (\n\t./shared\n\t./api\n\t./admin\n)\n");
        project.WriteFile("shared/go.mod", "module example.com/shared\n\ngo 1.19\n");
        project.WriteFile("shared/shared.go", "package shared\n\nfunc Greeting() string { return \"hello from shared\" }\n");
        foreach (var module in new[] { "api", "admin" })
        {
            project.WriteFile($"{module}/go.mod", $"module example.com/{module}\n\ngo 1.19\n\nrequire example.com/shared v0.0.0\n");
            project.WriteFile($"{module}/main.go", $"package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/shared\"\n)\n\nfunc main() {{ fmt.Println(\"{module}:\", shared.Greeting()) }}\n");
        }
        project.WriteProjectFile();

        var first = project.Build();
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("api: hello from shared", project.RunOutput().Output.Trim());

        project.Environment["RAILPACK_GO_WORKSPACE_MODULE"] = "admin";
        var chosen = project.Build();
        Assert.True(chosen.ExitCode == 0, chosen.ToString());
        Assert.Equal("admin: hello from shared", project.RunOutput().Output.Trim());

        // A change in a workspace module the main one depends on rebuilds.
        project.WriteFile("shared/shared.go", "package shared\n\nfunc Greeting() string { return \"changed\" }\n");
        var changed = project.Build();
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal("admin: changed", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void Embedded_files_are_build_inputs()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("embed");
        project.WriteFile("go.mod", "module example.com/embed\n\ngo 1.19\n");
        project.WriteFile("main.go", "package main\n\nimport (\n\t_ \"embed\"\n\t\"fmt\"\n)\n\n//go:embed static/message.txt\nvar message string\n\n//go:embed static/sub/other.txt\nvar other string\n\nfunc main() { fmt.Print(message, other) }\n");
        project.WriteFile("static/message.txt", "first\n");
        project.WriteFile("static/sub/other.txt", "other\n");
        project.WriteProjectFile();
        Assert.Equal(0, project.Build(go.GoRootProperty).ExitCode);
        Assert.Equal("first\nother", project.RunOutput().Output.Trim());

        // Two embedded files, nothing changed: no go at all, not even once after go list learned the embed set.
        var settled = go.Invocations.Count;
        Assert.Equal(0, project.Build(go.GoRootProperty).ExitCode);
        Assert.Equal(settled, go.Invocations.Count);

        project.WriteFile("static/sub/other.txt", "changed\n");
        var rebuilt = project.Build(go.GoRootProperty);

        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Equal("first\nchanged", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void A_file_added_to_an_embedded_directory_rebuilds()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("embeddir");
        project.WriteFile("go.mod", "module example.com/embeddir\n\ngo 1.19\n");
        project.WriteFile("main.go", "package main\n\nimport (\n\t\"embed\"\n\t\"fmt\"\n)\n\n//go:embed static\nvar static embed.FS\n\nfunc main() {\n\tentries, _ := static.ReadDir(\"static\")\n\tfmt.Println(len(entries))\n}\n");
        project.WriteFile("static/one.txt", "1");
        project.WriteProjectFile();
        Assert.Equal(0, project.Build(go.GoRootProperty).ExitCode);
        Assert.Equal("1", project.RunOutput().Output.Trim());
        var settled = go.Builds.Count;
        Assert.Equal(0, project.Build(go.GoRootProperty).ExitCode);
        Assert.Equal(settled, go.Builds.Count);

        project.WriteFile("static/two.txt", "2");
        var rebuilt = project.Build(go.GoRootProperty);

        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Equal("2", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void Dotnet_run_builds_and_runs_the_binary_with_arguments()
    {
        var project = environment.CreateProject("runme");
        project.WriteFile("go.mod", "module example.com/runme\n\ngo 1.19\n");
        project.WriteFile("main.go", "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"strings\"\n)\n\nfunc main() { fmt.Println(\"args:\", strings.Join(os.Args[1:], \",\")) }\n");
        project.WriteProjectFile();

        var run = project.Dotnet("run", "--project", project.ProjectFile, "--", "a", "b c");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("args: a,b c", run.Output);
    }
}
