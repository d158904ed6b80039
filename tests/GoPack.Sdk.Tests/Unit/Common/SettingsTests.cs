using GoPack.Sdk.Common;

namespace GoPack.Sdk.Tests.Unit.Common;

public sealed class SettingsTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["GOVERSION"] = "1.21", ["GOROOT"] = "/usr/lib/go-1.19" };

    [Theory]
    // $(GoVersion) without a property: MSBuild reads the variable GOVERSION, which is not the property.
    [InlineData("1.21", "GOVERSION", null)]
    [InlineData("/usr/lib/go-1.19", "GOROOT", null)]
    // A property of its own wins, whatever the variable says.
    [InlineData("1.22", "GOVERSION", "1.22")]
    [InlineData(" 1.22 ", "GOVERSION", "1.22")]
    [InlineData("/opt/go", "GOROOT", "/opt/go")]
    // No variable: the property is the property.
    [InlineData("amd64", "GOARCH", "amd64")]
    [InlineData("", "GOVERSION", null)]
    [InlineData(null, "GOARCH", null)]
    public void A_property_that_only_echoes_its_environment_variable_is_not_set(string? value, string variable, string? expected) =>
        Assert.Equal(expected, Settings.OwnProperty(value, variable, Environment));
}
