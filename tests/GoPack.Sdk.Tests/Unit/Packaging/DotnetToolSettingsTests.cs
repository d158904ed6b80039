using System.Xml.Linq;
using GoPack.Sdk.Packaging;

namespace GoPack.Sdk.Tests.Unit.Packaging;

/// <summary>The DotnetToolSettings.xml shapes .NET 10's SDK writes for RID-specific tools (read back as XML).</summary>
public sealed class DotnetToolSettingsTests
{
    [Fact]
    public void A_rid_package_runs_the_binary_as_an_executable()
    {
        var document = XDocument.Parse(DotnetToolSettings.ForExecutable("go-hello", "gotool").ToString());

        Assert.Equal("2", document.Root!.Attribute("Version")!.Value);
        var command = document.Root.Element("Commands")!.Elements("Command").Single();
        Assert.Equal("go-hello", command.Attribute("Name")!.Value);
        Assert.Equal("gotool", command.Attribute("EntryPoint")!.Value);
        Assert.Equal("executable", command.Attribute("Runner")!.Value);
        Assert.Null(document.Root.Element("RuntimeIdentifierPackages"));
    }

    [Fact]
    public void The_pointing_package_names_the_command_and_one_package_per_rid_in_order()
    {
        var document = DotnetToolSettings.ForRuntimeIdentifierPackages("go-hello", new Dictionary<string, string>
        {
            ["linux-x64"] = "gotool.linux-x64",
            ["win-arm64"] = "gotool.win-arm64",
        });

        var command = document.Root!.Element("Commands")!.Elements("Command").Single();
        Assert.Equal("go-hello", command.Attribute("Name")!.Value);
        Assert.Null(command.Attribute("EntryPoint"));
        Assert.Equal(
            [("linux-x64", "gotool.linux-x64"), ("win-arm64", "gotool.win-arm64")],
            document.Root.Element("RuntimeIdentifierPackages")!.Elements("RuntimeIdentifierPackage")
                .Select(e => (e.Attribute("RuntimeIdentifier")!.Value, e.Attribute("Id")!.Value)));
    }

    [Fact]
    public void A_tool_without_a_command_or_a_rid_package_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DotnetToolSettings.ForExecutable(" ", "gotool"));
        Assert.Throws<ArgumentException>(() => DotnetToolSettings.ForRuntimeIdentifierPackages("go-hello", []));
    }
}
