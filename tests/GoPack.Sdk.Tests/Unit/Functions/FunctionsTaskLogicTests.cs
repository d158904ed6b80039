using GoPack.Sdk.Functions;
using GoPack.Sdk.Tasks;
using GoPack.Sdk.Tests.Unit.Project;

namespace GoPack.Sdk.Tests.Unit.Functions;

public class FunctionsTaskLogicTests
{
    [Theory]
    [InlineData("-trimpath\n-tags=a,b", null, "a,b")]
    [InlineData("-tags=a\n-tags=b", null, "b")]
    [InlineData("-trimpath", "-mod=vendor -tags=x,y", "x,y")]
    [InlineData("-trimpath", "-tags z", "z")]
    [InlineData("-tags=flag", "-tags=env", "flag")]
    [InlineData("", "", null)]
    public void The_analyzer_gets_the_tags_go_build_uses(string flagLines, string? goflags, string? expected)
    {
        Assert.Equal(expected, GoAnalyzeFunctions.Tags(flagLines, goflags));
    }

    [Theory]
    [InlineData("1.19.8", "1.19")]
    [InlineData("1.22.0", "1.22")]
    [InlineData("go1.21rc2", "1.21")]
    [InlineData("1.20", "1.20")]
    [InlineData("", "1.16")]
    public void The_temporary_go_mod_asks_for_the_toolchain_s_language_version(string toolchain, string expected)
    {
        Assert.Equal(expected, ResolveGoFunctions.LanguageVersion(toolchain));
    }

    [Fact]
    public void The_analyzer_is_kept_per_toolchain_and_source()
    {
        using var tree = new TempTree();
        var source = tree.Dir("source");
        tree.File("source/main.go", "package main\n");
        var cache = tree.Path("cache");

        var path = FunctionsAnalyzerTool.GetPath(cache, source, "1.19.8", "/usr/lib/go-1.19");

        Assert.StartsWith(Path.Combine(cache, "functions-analyzer") + Path.DirectorySeparatorChar, path);
        Assert.Equal(path, FunctionsAnalyzerTool.GetPath(cache, source, "1.19.8", "/usr/lib/go-1.19"));
        Assert.NotEqual(path, FunctionsAnalyzerTool.GetPath(cache, source, "1.19.9", "/usr/lib/go-1.19"));
        Assert.NotEqual(path, FunctionsAnalyzerTool.GetPath(cache, source, "1.19.8", "/opt/go"));
        tree.File("source/main.go", "package main\n\nfunc main() {}\n");
        Assert.NotEqual(path, FunctionsAnalyzerTool.GetPath(cache, source, "1.19.8", "/usr/lib/go-1.19"));
        Assert.Equal(Path.Combine("/home/u", ".gopack", "tools"), FunctionsAnalyzerTool.DefaultCacheDirectory("/home/u"));
    }

    [Fact]
    public void An_analysis_of_another_format_is_refused()
    {
        Assert.Throws<FormatException>(() => FunctionAnalysis.Parse("{\"version\": 2, \"files\": []}"));
        Assert.Throws<FormatException>(() => FunctionAnalysis.Parse("not json"));
        Assert.Single(FunctionAnalysis.Parse("{\"version\": 1, \"files\": [{\"path\": \"api/x.go\", \"handler\": {\"name\": \"H\"}}]}").Files);
    }
}
