using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// The edit-and-build loop: an edit inside a function runs go build (and vet beside it) but not go list, whose answer
/// it can't change; an edit to what go list reports (package clause, build constraint, //go:embed) lists again.
/// </summary>
public sealed class EditBuildTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void A_function_body_edit_reuses_the_package_list_and_a_header_change_lists_again()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("edit");
        project.WriteFile("go.mod", "module example.com/edit\n\ngo 1.19\n");
        void WriteApp(string say, string embed = "") => project.WriteFile("cmd/app/main.go", embed.Length == 0
            ? $"package main\n\nimport \"fmt\"\n\nfunc main() {{\n\tfmt.Println(\"{say}\")\n}}\n"
            : $"package main\n\nimport (\n\t_ \"embed\"\n\t\"fmt\"\n)\n\n//go:embed {embed}\nvar greeting string\n\nfunc main() {{\n\tfmt.Println(\"{say}\" + greeting)\n}}\n");
        WriteApp("v1");
        project.WriteFile("cmd/tool/tool.go", "package tool\n\n// N is one.\nfunc N() int { return 1 }\n");
        project.WriteProjectFile();
        int Lists() => go.Invocations.Count(i => i.StartsWith("list ", StringComparison.Ordinal));

        void Build(string because, int lists, string output, string binary = "edit")
        {
            var result = project.Build(go.GoRootProperty);
            Assert.True(result.ExitCode == 0, because + ": " + result);
            Assert.True(Lists() == lists, $"{because}: expected {lists} go list runs, saw {Lists()}:\n{string.Join("\n", go.Invocations)}");
            Assert.Equal(output, ProcessRunner.Run(project.OutputFile(name: binary), [], project.Directory).Output.Trim());
        }

        Build("first build", 1, "v1");
        WriteApp("v2");
        Build("an edit inside main()", 1, "v2");
        Assert.Equal(2, go.Builds.Count);
        Assert.Equal(2, go.Invocations.Count(i => i.StartsWith("vet ", StringComparison.Ordinal)));

        // cmd/tool becomes a command: the project ships two binaries named after their packages, which only go list can tell.
        project.WriteFile("cmd/tool/tool.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"tool\") }\n");
        Build("a package clause changed", 2, "v2", binary: "app");
        Assert.Equal("tool", ProcessRunner.Run(project.OutputFile(name: "tool"), [], project.Directory).Output.Trim());

        // Excluded by a build constraint, cmd/tool is no package any more.
        project.WriteFile("cmd/tool/tool.go", "//go:build ignore\n\npackage main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"tool\") }\n");
        Build("a build constraint was added", 3, "v2");

        // //go:embed: go list names the embedded file; a later body edit reuses that answer, and the embedded file
        // still counts as an input.
        project.WriteFile("cmd/app/greeting.txt", "hello");
        WriteApp("", "greeting.txt");
        Build("a //go:embed line was added", 4, "hello");
        WriteApp("say: ", "greeting.txt");
        Build("an edit inside main() of the embedding file", 4, "say: hello");
        project.WriteFile("cmd/app/greeting.txt", "bonjour");
        Build("the embedded file changed", 4, "say: bonjour");
    }

    [Fact]
    public void A_module_whose_programs_import_every_package_builds_with_one_go_command_and_a_package_none_imports_is_still_compiled()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("onecommand");
        project.WriteFile("go.mod", "module example.com/one\n\ngo 1.19\n");
        project.WriteFile("cmd/app/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/one/lib\"\n)\n\nfunc main() { fmt.Println(lib.Say()) }\n");
        void WriteLib(string body) => project.WriteFile("lib/lib.go", "package lib\n\n" + body + "\n");
        WriteLib("func Say() string { return \"v1\" }");
        project.WriteProjectFile();
        // `go build` without -o compiles every package as a check; the link step is `go build -o DIR <programs>`.
        int Compiles() => go.Invocations.Count(i => i.StartsWith("build ", StringComparison.Ordinal) && !i.Contains(" -o "));
        int Links() => go.Invocations.Count(i => i.StartsWith("build ", StringComparison.Ordinal) && i.Contains(" -o "));

        var first = project.Build(go.GoRootProperty);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("v1", ProcessRunner.Run(project.OutputFile(name: "onecommand"), [], project.Directory).Output.Trim());
        Assert.Equal((0, 1), (Compiles(), Links()));

        // A broken package the program imports: the link step compiles it and reports go's error where it is.
        WriteLib("func Say() string { return 1 }");
        var broken = project.Build(go.GoRootProperty);
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains(Path.Combine("lib", "lib.go") + "(3,", broken.Output);

        // A package no program imports, broken: only the compile of every package sees it, and it runs again.
        WriteLib("func Say() string { return \"v2\" }");
        project.WriteFile("extra/extra.go", "package extra\n\nfunc N() int { return \"one\" }\n");
        var orphan = project.Build(go.GoRootProperty);
        Assert.NotEqual(0, orphan.ExitCode);
        Assert.Contains(Path.Combine("extra", "extra.go") + "(3,", orphan.Output);
        Assert.Equal(1, Compiles());

        project.WriteFile("extra/extra.go", "package extra\n\nfunc N() int { return 1 }\n");
        var fixedBuild = project.Build(go.GoRootProperty);
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.ToString());
        Assert.Equal("v2", ProcessRunner.Run(project.OutputFile(name: "onecommand"), [], project.Directory).Output.Trim());
        Assert.Equal(2, Compiles());
    }
}
