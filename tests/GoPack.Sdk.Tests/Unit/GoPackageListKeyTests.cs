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
    public void Kept_line_digests_give_the_same_key_read_only_files_whose_stamp_moved_and_forget_deleted_files()
    {
        using var tree = new TempTree();
        var main = tree.File("main.go", Main);
        var util = tree.File("util.go", "package main\n\nfunc util() {}\n");
        var kept = tree.Path("obj/list.lines");
        Directory.CreateDirectory(tree.Path("obj"));
        string Key(params string[] files)
        {
            var lines = LineDigests.Load(kept);
            var key = GoPackageListKey.Compute(files, ["go list ./..."], lines);
            lines.Save(kept);
            return key;
        }

        var first = Key(main, util);
        Assert.Equal(GoPackageListKey.Compute([main, util], ["go list ./..."]), first);
        Assert.Equal(first, Key(main, util));

        // A kept digest is taken by the file's stamp: a file whose stamp is as it was is not read again (here: its
        // content changed behind the stamp's back, which no editor does), one whose stamp moved is, older or newer.
        var stamp = File.GetLastWriteTimeUtc(util);
        File.WriteAllText(util, "package zzzz\n\nfunc util() {}\n");
        File.SetLastWriteTimeUtc(util, stamp);
        Assert.Equal(first, Key(main, util));
        File.SetLastWriteTimeUtc(util, stamp.AddDays(-3));
        var renamed = Key(main, util);
        Assert.NotEqual(first, renamed);
        Assert.Equal(GoPackageListKey.Compute([main, util], ["go list ./..."]), renamed);

        // A body edit (new stamp, same header) keeps the key; a deleted file leaves the kept lines.
        tree.File("main.go", Main.Replace("v1", "v2", StringComparison.Ordinal));
        Assert.Equal(renamed, Key(main, util));
        File.Delete(util);
        Key(main);
        Assert.DoesNotContain(util, File.ReadAllText(kept));
        Assert.Contains(main, File.ReadAllText(kept));

        // A damaged or foreign file is no digest at all: every file is read.
        File.WriteAllText(kept, "gopack-list-lines 1\n" + main + "\tnot-a-stamp\n garbage\n");
        Assert.Equal(GoPackageListKey.Compute([main], ["go list ./..."]), Key(main));
        File.WriteAllText(kept, "something else\n" + main + "\t1 2\tdeadbeef\n");
        Assert.Equal(GoPackageListKey.Compute([main], ["go list ./..."]), Key(main));
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
