using GoPack.Sdk.Packages;
using GoPack.Sdk.Tests.Unit.Project;

namespace GoPack.Sdk.Tests.Unit;

/// <summary>go list's key changes with whatever can change go list's answer, and only an edit that can't keeps it.</summary>
public sealed class GoPackageListKeyTests
{
    private const string Main = "package main\n\nimport (\n\t\"fmt\"\n)\n\nfunc main() {\n\tfmt.Println(\"v1\")\n}\n";

    [Fact]
    public void A_function_body_edit_keeps_the_key()
    {
        using var tree = new TempTree();
        var main = tree.File("main.go", Main);
        var mod = tree.File("go.mod", "module example.com/m\n\ngo 1.19\n");
        var before = GoPackageListKey.Compute([main, mod], ["go list ./..."]);

        tree.File("main.go", Main.Replace("v1", "v2 is a longer answer", StringComparison.Ordinal));
        Assert.Equal(before, GoPackageListKey.Compute([main, mod], ["go list ./..."]));
        // The order the build lists its sources in doesn't matter; a setting does.
        Assert.Equal(before, GoPackageListKey.Compute([mod, main, main], ["go list ./..."]));
        Assert.NotEqual(before, GoPackageListKey.Compute([main, mod], ["go list -tags=x ./..."]));
    }

    [Theory]
    [InlineData("package main", "package other")]
    [InlineData("package main\n", "//go:build ignore\n\npackage main\n")]
    [InlineData("package main\n", "// +build linux\n\npackage main\n")]
    [InlineData("\t\"fmt\"\n", "\t\"fmt\"\n\t_ \"embed\"\n")]
    [InlineData("\t\"fmt\"\n", "\t\"fmt\"\n\t\"C\"\n")]
    [InlineData("func main() {", "//go:embed static\nvar static string\n\nfunc main() {")]
    [InlineData("package main", "package\nother")]
    public void A_header_change_changes_the_key(string from, string to)
    {
        using var tree = new TempTree();
        var main = tree.File("main.go", Main);
        var before = GoPackageListKey.Compute([main], []);
        tree.File("main.go", Main.Replace(from, to, StringComparison.Ordinal));
        Assert.NotEqual(before, GoPackageListKey.Compute([main], []));
    }

    [Fact]
    public void Any_change_to_another_source_or_to_the_file_list_changes_the_key()
    {
        using var tree = new TempTree();
        var main = tree.File("main.go", Main);
        var mod = tree.File("go.mod", "module example.com/m\n\ngo 1.19\n");
        var asm = tree.File("f_amd64.s", "TEXT ·f(SB),0,$0\n");
        var before = GoPackageListKey.Compute([main, mod, asm], []);

        tree.File("f_amd64.s", "//go:build ignore\nTEXT ·f(SB),0,$0\n");
        Assert.NotEqual(before, GoPackageListKey.Compute([main, mod, asm], []));
        tree.File("f_amd64.s", "TEXT ·f(SB),0,$0\n");
        Assert.Equal(before, GoPackageListKey.Compute([main, mod, asm], []));

        tree.File("go.mod", "module example.com/renamed\n\ngo 1.19\n");
        Assert.NotEqual(before, GoPackageListKey.Compute([main, mod, asm], []));
        tree.File("go.mod", "module example.com/m\n\ngo 1.19\n");

        var added = tree.File("util.go", "package main\n");
        Assert.NotEqual(before, GoPackageListKey.Compute([main, mod, asm, added], []));
        Assert.NotEqual(before, GoPackageListKey.Compute([main, mod], []));
    }

    [Fact]
    public void The_significant_lines_are_the_header_and_directives_not_the_code()
    {
        var lines = GoPackageListKey.SignificantLines("\uFEFF// Package x does y.\npackage x\n\nimport \"embed\"\n\n//go:embed a.txt\nvar a string\n\nfunc F() int {\n\treturn 1\n}\n").ToArray();
        Assert.Equal(["package x", "import \"embed\"", "//go:embed a.txt"], lines);
    }
}
