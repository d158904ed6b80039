using GoPack.Sdk.Common;

namespace GoPack.Sdk.Tests.Unit.Common;

public sealed class PathsTests
{
    [Theory]
    [InlineData("/src/app", "/src/app", ".")]
    [InlineData("/src/app/", "/src/app", ".")]
    [InlineData("/src/app", "/src/app/cmd/api", "cmd/api")]
    [InlineData("/src/app", "/src/lib/go.mod", "../lib/go.mod")]
    [InlineData("/src/app/sub", "/other", "../../../other")]
    [InlineData("/", "/src", "src")]
    [InlineData("/src/a#b%20", "/src/a#b%20/c d", "c d")]
    [InlineData("/src/app", "/src/application", "../application")]
    public void Relative_walks_up_with_dot_dot_and_keeps_names_as_they_are(string root, string path, string expected)
    {
        Assert.Equal(expected, Paths.Relative(root, path));
    }

    [Theory]
    [InlineData("/src/app", "/src/app", ".")]
    [InlineData("/src/app", "/src/app/cmd/api", "./cmd/api")]
    [InlineData("/src/app", "/src/lib", null)]
    [InlineData("/src/app", "/src/application", null)]
    [InlineData("/src/app", "/src/app/..x", "./..x")]
    public void RelativeGoPath_is_go_s_dot_slash_form_below_the_root_only(string root, string path, string? expected)
    {
        Assert.Equal(expected, Paths.RelativeGoPath(root, path));
    }
}
