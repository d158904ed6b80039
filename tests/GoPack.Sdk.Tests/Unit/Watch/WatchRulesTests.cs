using GoPack.Watch;

namespace GoPack.Sdk.Tests.Unit.Watch;

public sealed class WatchRulesTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "repo", "svc");

    private static WatchList List(params string[] extra) => WatchList.Parse(new[]
    {
        "project=" + Path.Combine(Root, "svc.gocsproj"),
        "name=svc",
        "binary=" + Path.Combine(Root, "bin", "Debug", "svc"),
        "configuration=Debug",
        "runtime=",
        "root=" + Root,
        "root=" + Path.Combine(Root, "internal"),
        "exclude=" + Path.Combine(Root, "bin") + Path.DirectorySeparatorChar,
        "exclude=" + Path.Combine(Root, "obj") + Path.DirectorySeparatorChar,
        "embed=" + Path.Combine(Root, ".web", "static"),
        "some-future-key=ignored",
    }.Concat(extra));

    [Theory]
    [InlineData("main.go", true)]
    [InlineData("internal/api/handler.go", true)]
    [InlineData("go.mod", true)]
    [InlineData("go.sum", true)]
    [InlineData("go.work", true)]
    [InlineData("vendor/modules.txt", true)]
    [InlineData("native/lib.c", true)]
    [InlineData("asm_amd64.s", true)]
    [InlineData("Makefile", true)]
    [InlineData("svc.gocsproj", true)]
    [InlineData(".web/static/index.html", true)]
    [InlineData("main_test.go", false)]
    [InlineData("README.md", false)]
    [InlineData("bin/Debug/svc", false)]
    [InlineData("obj/Debug/svc.goinputs.cache", false)]
    [InlineData("testdata/input.go", false)]
    [InlineData("_scratch/main.go", false)]
    [InlineData(".git/HEAD", false)]
    [InlineData("node_modules/x/y.go", false)]
    [InlineData(".main.go.swp", false)]
    [InlineData("main.go~", false)]
    [InlineData("#main.go#", false)]
    [InlineData("../other/main.go", false)]
    public void Go_inputs_are_what_go_reads_to_build_the_program(string relative, bool expected)
    {
        Assert.Equal(expected, WatchRules.IsGoInput(List(), Path.Combine(Root, relative)));
    }

    [Fact]
    public void A_root_inside_another_is_watched_through_it_and_directories_end_with_a_separator()
    {
        var list = List();

        Assert.Equal([Root + Path.DirectorySeparatorChar], list.Roots);
        Assert.Equal("svc", list.Name);
        Assert.Equal([Path.Combine(Root, ".web", "static") + Path.DirectorySeparatorChar], list.EmbedDirectories);
    }

    [Fact]
    public void The_rebuild_is_a_quiet_msbuild_build_of_the_same_configuration_and_runtime_that_writes_the_list_again()
    {
        var arguments = List("runtime=linux-arm64", "configuration=Release").BuildArguments("/tmp/svc.gowatch");

        Assert.Equal("msbuild", arguments[0]);
        Assert.Equal(Path.Combine(Root, "svc.gocsproj"), arguments[1]);
        Assert.Contains("-t:Build", arguments);
        Assert.Contains("-p:Configuration=Release", arguments);
        Assert.Contains("-p:RuntimeIdentifier=linux-arm64", arguments);
        Assert.Contains("-p:_GoWatchListFile=/tmp/svc.gowatch", arguments);
        Assert.DoesNotContain(arguments, a => a.StartsWith("-p:RuntimeIdentifier", StringComparison.Ordinal) && a.EndsWith('='));
        Assert.DoesNotContain("-p:RuntimeIdentifier=", List().BuildArguments("x"));
    }
}
