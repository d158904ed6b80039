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
}
