using System.Text.Json;
using GoPack.Sdk.Tests.Infrastructure;
using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Toolchains.Download;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// A toolchain without a VERSION file (as distributions and development builds have) is asked its version with
/// `go env` through a real `dotnet build`, once: the answer is cached next to the GoPack toolchain cache.
/// </summary>
public sealed class ToolchainProbeTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void A_toolchain_without_VERSION_is_asked_once_and_listed_with_the_version_go_env_gives()
    {
        var fake = FakeGoToolchain.CreateToolchain(Path.Combine(NewDirectory("fakes"), "distro-go"), "1.23.4");
        File.Delete(Path.Combine(fake, "VERSION"));
        var invocations = Path.Combine(fake, FakeGoToolchain.InvocationLogName);
        var cache = NewDirectory("cache");
        var project = environment.CreateProject("probed").HideInstalledGo().WriteToolchainModule("go1.23.4");
        string[] arguments = ["-t:GoToolchainList", "-v:n", "-p:GoToolchainPolicy=local", $"-p:GoToolchainSearchPaths={fake}", $"-p:GoToolchainCache={cache}"];

        var first = project.Build(arguments);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains($"  * Go 1.23.4  {fake}", first.Output);
        Assert.Contains($"{fake} (go1.23.4, from `go env`)", first.Output);
        Assert.Contains($"A build would use Go 1.23.4 at {fake} (from {fake}): it is the first toolchain found that is Go 1.23.4 or newer.", first.Output);
        Assert.Equal(["env GOVERSION GOROOT GOOS GOARCH"], File.ReadAllLines(invocations));
        using (var probes = JsonDocument.Parse(File.ReadAllText(Path.Combine(cache, GoToolchainProbe.CacheFileName))))
        {
            Assert.Equal("go1.23.4", probes.RootElement.GetProperty("toolchains").GetProperty(Path.Combine(fake, "bin", "go")).GetProperty("goVersion").GetString());
        }


        var second = project.Build(arguments);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"  * Go 1.23.4  {fake}", second.Output);
        Assert.Single(File.ReadAllLines(invocations));
    }


    private string NewDirectory(string name) =>
        Directory.CreateDirectory(Path.Combine(environment.Root, "toolchains", name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;
}
