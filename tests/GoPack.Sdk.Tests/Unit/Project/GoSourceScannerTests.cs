using GoPack.Sdk.Project;

namespace GoPack.Sdk.Tests.Unit.Project;

public sealed class GoSourceScannerTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("package main\n", "main")]
    [InlineData("\uFEFFpackage main\n", "main")]
    [InlineData("// Copyright 2024\n// License: MIT\n\n// Package x does things.\npackage x\n", "x")]
    [InlineData("/* block\n comment */\npackage lib_2 // trailing\n", "lib_2")]
    [InlineData("//go:build linux && amd64\n\npackage main\n", "main")]
    [InlineData("//go:build !ignore\n\npackage main\n", "main")]
    [InlineData("//go:build ignore || linux\n\npackage main\n", "main")]
    [InlineData("package\tmain\n", "main")]
    [InlineData("package /* odd */ main\n", "main")]
    public void Reads_the_package_clause(string text, string expected)
    {
        Assert.Equal(expected, GoSourceScanner.ParsePackageClause(text));
    }

    [Theory]
    [InlineData("//go:build ignore\n\npackage main\n")]
    [InlineData("//go:build ignore && linux\n\npackage main\n")]
    [InlineData("// +build ignore\n\npackage main\n")]
    [InlineData("")]
    [InlineData("// only a comment\n")]
    [InlineData("packagemain\n")]
    [InlineData("func main() {}\n")]
    [InlineData("/* unterminated\npackage main\n")]
    public void Ignored_or_missing_package_clause_is_null(string text)
    {
        Assert.Null(GoSourceScanner.ParsePackageClause(text));
    }

    [Theory]
    [InlineData("main.go", true)]
    [InlineData("main_test.go", false)]
    [InlineData("_skip.go", false)]
    [InlineData(".hidden.go", false)]
    [InlineData("main.gox", false)]
    [InlineData("README.md", false)]
    public void Buildable_file_names_follow_go(string name, bool buildable)
    {
        Assert.Equal(buildable, GoSourceScanner.IsBuildableGoFileName(name));
    }

    [Fact]
    public void A_directory_is_main_only_through_buildable_files()
    {
        _tree.Library("lib", "lib");
        _tree.File("lib/lib_test.go", "package main\n");
        _tree.File("lib/_old.go", "package main\n");
        _tree.File("lib/gen.go", "//go:build ignore\n\npackage main\n");
        _tree.Library("app", "main", "util.go");

        Assert.False(GoSourceScanner.IsMainPackageDirectory(_tree.Path("lib")));
        Assert.Equal(new[] { "lib" }, GoSourceScanner.PackageNames(_tree.Path("lib")));
        Assert.True(GoSourceScanner.IsMainPackageDirectory(_tree.Path("app")));
        Assert.False(GoSourceScanner.IsMainPackageDirectory(_tree.Path("missing")));
    }

    [Fact]
    public void Finds_main_packages_as_go_walks_dot_dot_dot()
    {
        _tree.Main("");
        _tree.Main("cmd/api");
        _tree.Main("tools/gen");
        _tree.Library("internal/store", "store");
        _tree.Main("vendor/example.com/tool");
        _tree.Main("testdata/fixture");
        _tree.Main(".hidden/x");
        _tree.Main("_old/x");
        _tree.Main("nested");
        _tree.Module("nested", "example.com/nested");

        IReadOnlyList<string> found = GoSourceScanner.FindMainPackageDirectories(_tree.Root);

        Assert.Equal(new[] { ".", "./cmd/api", "./tools/gen" }, found);
    }

    [Fact]
    public void Main_package_files_exclude_tests_and_other_packages()
    {
        _tree.Main("");
        _tree.Library("", "main", "util.go");
        _tree.File("main_test.go", "package main\n");
        _tree.File("gen.go", "//go:build ignore\n\npackage main\n");

        Assert.Equal(new[] { "main.go", "util.go" }, GoSourceScanner.MainPackageFiles(_tree.Root).Select(Path.GetFileName));
    }
}
