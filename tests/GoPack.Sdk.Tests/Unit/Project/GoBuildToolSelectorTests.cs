using GoPack.Sdk.Project;

namespace GoPack.Sdk.Tests.Unit.Project;

public sealed class GoBuildToolSelectorTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private GoProjectInfo Detect(string? goBinary = null, IReadOnlyDictionary<string, string>? environment = null) =>
        GoProjectDetector.Detect(new GoProjectDetectorOptions { ProjectDirectory = _tree.Root, GoBinary = goBinary, Environment = environment });

    [Fact]
    public void Module_selects_gomod()
    {
        _tree.Module("", "example.com/app");

        var selection = GoBuildToolSelector.Select(Detect(), null, null, null);

        Assert.Equal(GoBuildTool.GoMod, selection.Tool);
        Assert.Equal("gomod", selection.ToolName);
        Assert.Equal("automatic: go.mod present", selection.Source);
        Assert.Null(selection.BinaryPath);
    }

    [Fact]
    public void Workspace_selects_gomod()
    {
        _tree.File("go.work", "go 1.22\n\nuse ./a\n");
        _tree.Module("a", "example.com/a");

        var selection = GoBuildToolSelector.Select(Detect(), null, null, null);

        Assert.Equal(GoBuildTool.GoMod, selection.Tool);
        Assert.Equal("automatic: go.work present", selection.Source);
    }

    [Fact]
    public void No_go_mod_selects_gobuild()
    {
        _tree.Main("");

        var selection = GoBuildToolSelector.Select(Detect(), null, null, null);

        Assert.Equal(GoBuildTool.GoBuild, selection.Tool);
        Assert.Equal("automatic: no go.mod", selection.Source);
    }

    [Fact]
    public void Makefile_binary_and_no_go_mod_select_makefile()
    {
        _tree.File("Makefile", "build:\n");
        var environment = Env.Of(("CC_GO_BINARY", "bin/myApp"));

        var selection = GoBuildToolSelector.Select(Detect(environment: environment), null, null, environment);

        Assert.True(selection.Succeeded, selection.Error);
        Assert.Equal(GoBuildTool.Makefile, selection.Tool);
        Assert.Equal(_tree.Path("bin/myApp"), selection.BinaryPath);
        Assert.Equal("CC_GO_BINARY environment variable", selection.BinarySource);
        Assert.Equal("automatic: CC_GO_BINARY environment variable set, Makefile present, no go.mod", selection.Source);
    }

    [Fact]
    public void GoBinary_property_wins_over_CC_GO_BINARY()
    {
        _tree.File("Makefile", "build:\n");
        var environment = Env.Of(("CC_GO_BINARY", "bin/env"));

        var selection = GoBuildToolSelector.Select(Detect("bin/prop", environment), null, "bin/prop", environment);

        Assert.Equal(_tree.Path("bin/prop"), selection.BinaryPath);
        Assert.Equal("GoBinary property", selection.BinarySource);
    }

    [Fact]
    public void Makefile_with_go_mod_is_not_selected_automatically()
    {
        _tree.File("Makefile", "build:\n");
        _tree.Module("", "example.com/app");

        Assert.Equal(GoBuildTool.GoMod, GoBuildToolSelector.Select(Detect("bin/app"), null, "bin/app", null).Tool);
    }

    [Fact]
    public void Makefile_without_binary_is_not_selected_automatically()
    {
        _tree.File("Makefile", "build:\n");
        _tree.Main("");

        Assert.Equal(GoBuildTool.GoBuild, GoBuildToolSelector.Select(Detect(), null, null, null).Tool);
    }

    [Fact]
    public void Property_wins_over_CC_GO_BUILD_TOOL_and_both_override_the_automatic_choice()
    {
        _tree.Module("", "example.com/app");
        var environment = Env.Of(("CC_GO_BUILD_TOOL", "gobuild"));

        var fromVariable = GoBuildToolSelector.Select(Detect(), null, null, environment);
        Assert.Equal(GoBuildTool.GoBuild, fromVariable.Tool);
        Assert.Equal("CC_GO_BUILD_TOOL environment variable", fromVariable.Source);

        var fromProperty = GoBuildToolSelector.Select(Detect(), "GoMod", null, environment);
        Assert.Equal(GoBuildTool.GoMod, fromProperty.Tool);
        Assert.Equal("GoBuildTool property", fromProperty.Source);
    }

    [Fact]
    public void Explicit_makefile_with_go_mod_is_allowed()
    {
        _tree.Module("", "example.com/app");
        _tree.File("Makefile", "build:\n");
        var environment = Env.Of(("CC_GO_BUILD_TOOL", "makefile"), ("CC_GO_BINARY", "out/app"));

        var selection = GoBuildToolSelector.Select(Detect(environment: environment), null, null, environment);

        Assert.Equal(GoBuildTool.Makefile, selection.Tool);
        Assert.Equal(_tree.Path("out/app"), selection.BinaryPath);
    }

    [Fact]
    public void Makefile_without_binary_is_a_clear_error()
    {
        _tree.File("Makefile", "build:\n");
        _tree.Main("");

        var selection = GoBuildToolSelector.Select(Detect(), null, null, Env.Of(("CC_GO_BUILD_TOOL", "makefile")));

        Assert.False(selection.Succeeded);
        Assert.StartsWith("CC_GO_BUILD_TOOL environment variable selects makefile, which needs the path of the binary", selection.Error);
        Assert.Contains("set GoBinary (or CC_GO_BINARY)", selection.Error);
    }

    [Fact]
    public void Makefile_tool_without_a_makefile_is_an_error()
    {
        _tree.Main("");

        var selection = GoBuildToolSelector.Select(Detect(), "makefile", "bin/app", null);

        Assert.Contains("has no Makefile", selection.Error);
    }

    [Fact]
    public void Gomod_without_go_mod_is_an_error()
    {
        _tree.Main("");

        Assert.Contains("go mod init", GoBuildToolSelector.Select(Detect(), "gomod", null, null).Error);
    }

    [Fact]
    public void Unknown_tool_is_an_error_naming_the_source()
    {
        _tree.Module("", "example.com/app");

        Assert.Equal(
            "CC_GO_BUILD_TOOL environment variable is 'bazel'; use gomod, gobuild or makefile.",
            GoBuildToolSelector.Select(Detect(), null, null, Env.Of(("CC_GO_BUILD_TOOL", "bazel"))).Error);
    }

    [Fact]
    public void Deprecated_goget_builds_with_a_warning()
    {
        _tree.Module("", "example.com/app");

        var selection = GoBuildToolSelector.Select(Detect(), null, null, Env.Of(("CC_GO_BUILD_TOOL", "goget")));

        Assert.True(selection.Succeeded);
        Assert.Equal(GoBuildTool.GoMod, selection.Tool);
        Assert.Contains(selection.Warnings, w => w.Contains("deprecated"));
    }

    [Theory]
    [InlineData("gomod", true, GoBuildTool.GoMod)]
    [InlineData(" GOBUILD ", true, GoBuildTool.GoBuild)]
    [InlineData("Makefile", true, GoBuildTool.Makefile)]
    [InlineData("make", false, GoBuildTool.GoMod)]
    [InlineData("", false, GoBuildTool.GoMod)]
    public void Parses_tool_names(string text, bool valid, GoBuildTool expected)
    {
        Assert.Equal(valid, GoBuildToolSelector.TryParse(text, out var tool));
        Assert.Equal(expected, tool);
    }
}
