using GoPack.Sdk.Functions;

namespace GoPack.Sdk.Tests.Unit.Functions;

public class FunctionRouteTests
{
    [Theory]
    [InlineData("api/hello.go", "/api/hello")]
    [InlineData("api/index.go", "/api|/api/index")]
    [InlineData("api/users/index.go", "/api/users|/api/users/index")]
    [InlineData("api/users/[id].go", "/api/users/:id")]
    [InlineData("api/[name].go", "/api/:name")]
    [InlineData("api/a/b/c/deep.go", "/api/a/b/c/deep")]
    [InlineData("api/users/[user-id].go", "/api/users/:user-id")]
    [InlineData("api/hello_linux.go", "/api/hello_linux")]
    public void A_file_path_gives_its_routes(string source, string expected)
    {
        (var routes, var error) = FunctionRoute.FromSource(source);

        Assert.Null(error);
        Assert.Equal(expected, string.Join("|", routes.Select(r => r.Pattern)));
    }

    [Fact]
    public void A_bracket_name_is_a_parameter()
    {
        var route = FunctionRoute.FromSource("api/users/[id].go").Routes.Single();

        Assert.True(route.IsDynamic);
        Assert.Equal(["id"], route.Parameters);
        Assert.Equal(["api", "users", ":id"], route.Segments);
        Assert.Equal("/api/users/:", route.Shape);
        Assert.Equal(FunctionRoute.FromSource("api/users/[name].go").Routes.Single().Shape, route.Shape);
    }

    [Theory]
    [InlineData("api/[team]/members.go", "the folder '[team]' can't be a route parameter")]
    [InlineData("api/posts/[...slug].go", "'[...slug]' is not a route parameter GoPack supports")]
    [InlineData("api/posts/[[...slug]].go", "'[[...slug]]' is not a route parameter GoPack supports")]
    [InlineData("api/posts/a[b].go", "'a[b]' is not a route parameter GoPack supports")]
    [InlineData("api/posts/[].go", "'[]' is not a route parameter GoPack supports")]
    public void Unsupported_brackets_are_refused_with_the_reason(string source, string expected)
    {
        (var routes, var error) = FunctionRoute.FromSource(source);

        Assert.Empty(routes);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Literal_segments_are_tried_before_parameters()
    {
        var routes = new[] { "api/[a].go", "api/users/[id].go", "api/users/me.go", "api/zeta.go", "api/x/[y].go", "api/[b].go" }
            .SelectMany(s => FunctionRoute.FromSource(s).Routes).ToList();

        routes.Sort(FunctionRoute.CompareForMatching);

        Assert.Equal(["/api/zeta", "/api/users/me", "/api/:a", "/api/:b", "/api/users/:id", "/api/x/:y"], routes.Select(r => r.Pattern));
    }
}
