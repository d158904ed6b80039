using GoPack.Sdk.Project;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit.Versions;

/// <summary>DetectGo hands the request on as one JSON value; the toolchain tasks must read back exactly what it decided.</summary>
public sealed class GoVersionRequestTests
{
    public static TheoryData<GoVersionRequest> Requests() => new()
    {
        GoVersionRequest.Default(),
        GoVersionRequest.Create("1.19", GoVersionSource.GoVersionEnvironment, "GOVERSION environment variable"),
        GoVersionRequest.Create("1.22.3", GoVersionSource.GoVersionProperty, "GoVersion property"),
        GoVersionRequest.Create("1.21rc1", GoVersionSource.RailpackEnvironment, "RAILPACK_GO_VERSION environment variable"),
        GoVersionRequest.Create("1.23.4", GoVersionSource.ModToolchainLine, "go.mod toolchain line (go.mod:5)", "/src/a;b%20 c/go.mod", 5),
        GoVersionRequest.Create("1.20", GoVersionSource.VendorGoLine, "vendor/modules.txt go line of example.com/dep (vendor/modules.txt:2)", "/src/vendor/modules.txt", 2),
        GoVersionRequest.Create("1.17", GoVersionSource.PlatformComment, "go.mod // +scalingo goVersion comment", "/src/go.mod", 1),
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_request_survives_the_trip_between_tasks_whole(GoVersionRequest request)
    {
        var back = GoVersionRequest.FromJson(request.ToJson());

        Assert.Equal(
            (request.Version, request.SourceKind, request.Source, request.SourceFile, request.SourceLine, request.IsLine, request.Exact, request.IsMinimum, request.IsDefault, request.ToString()),
            (back.Version, back.SourceKind, back.Source, back.SourceFile, back.SourceLine, back.IsLine, back.Exact, back.IsMinimum, back.IsDefault, back.ToString()));
    }

    [Fact]
    public void What_the_resolver_decides_is_what_is_handed_on()
    {
        var request = GoVersionResolver.Resolve("go1.22", null, (GoPack.Sdk.Modules.GoModFile?)null, null);

        var back = GoVersionRequest.FromJson(request.ToJson());

        Assert.True(back.IsLine);
        Assert.Equal("Go 1.22 (from GoVersion property)", back.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.22")]
    [InlineData("{\"sourceKind\":\"GoVersionProperty\"}")]
    [InlineData("{\"version\":\"1.22\",\"sourceKind\":\"NoSuchSource\"}")]
    public void Anything_else_is_a_FormatException(string json) =>
        Assert.Throws<FormatException>(() => GoVersionRequest.FromJson(json));
}
