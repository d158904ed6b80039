using System.Runtime.CompilerServices;
using System.Xml.Linq;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Issue 12: the GoPack.Templates package, installed from the local feed as a user would (`dotnet new install
/// GoPack.Templates::&lt;version&gt;`), into a template hive of the test's own (--debug:custom-hive: the machine's
/// ~/.templateengine is never touched). Each template, created with a name that needs every transform (dots, a dash,
/// capitals), builds without a warning and passes its own tests out of the box, with a plain `dotnet build` and
/// `dotnet test` in the new folder.
/// </summary>
public sealed class TemplateTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private const string Name = "Acme.Orders-Api";

    // xunit makes an instance per test: the installation is one per environment (so one per run of the class).
    private static readonly ConditionalWeakTable<TestEnvironment, Lazy<(TestProject Root, string Hive)>> Installations = new();

    [Theory]
    [InlineData("gopack-service", 3)]
    [InlineData("gopack-lib", 2)]
    [InlineData("gopack-functions", 2)]
    [InlineData("gopack-workspace", 2)]
    public void A_template_from_the_local_feed_builds_and_passes_its_own_tests_out_of_the_box(string template, int tests)
    {
        var project = Create(template, template);

        var build = project.Dotnet("build");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("0 Warning(s)", build.Output);
        var test = project.Dotnet("test");
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains($"Passed!  - Failed: 0, Passed: {tests}, Skipped: 0, Total: {tests}, ", test.Output);

        // The module path and the Go package name are derived from the name, and valid for go.
        var goMod = template == "gopack-workspace" ? "service/go.mod" : "go.mod";
        Assert.StartsWith("module example.com/acme.orders-api", File.ReadAllText(project.Path(goMod)));
        if (template == "gopack-workspace")
        {
            // global.json names the SDK once, the project file has no version, the solution finds the project.
            Assert.Equal("<Project Sdk=\"GoPack.Sdk\" />", File.ReadAllText(project.ProjectFile).Trim());
            Assert.Contains($"\"GoPack.Sdk\": \"{environment.SdkVersion}\"", File.ReadAllText(project.Path("global.json")));
            var solution = XDocument.Load(project.Path(Name + ".slnx")).Descendants("Project").Single();
            Assert.Equal(Name + ".gocsproj", solution.Attribute("Path")!.Value);
            Assert.Equal("C#", solution.Attribute("Type")!.Value);
            Assert.Equal("Hello, Acme.Orders_Api!", project.RunOutput().Output.Trim());
        }
        else
        {
            Assert.Equal($"<Project Sdk=\"GoPack.Sdk/{environment.SdkVersion}\" />", File.ReadAllText(project.ProjectFile).Trim());
        }
        if (template == "gopack-lib") Assert.Contains("package acmeordersapi", File.ReadAllText(project.Path("greeting.go")));
        if (template is "gopack-service" or "gopack-functions") Assert.True(File.Exists(project.OutputFile()), build.Output);
        Assert.True(File.Exists(project.Path(".gitignore")));
    }

    [Fact]
    public void With_an_empty_SdkVersion_a_project_takes_the_version_from_the_repository_global_json()
    {
        var project = Create("gopack-lib", "versionless", "--SdkVersion", "");
        Assert.Equal("<Project Sdk=\"GoPack.Sdk\" />", File.ReadAllText(project.ProjectFile).Trim());
        project.WriteFile("global.json", $$"""{ "msbuild-sdks": { "GoPack.Sdk": "{{environment.SdkVersion}}" } }""" + "\n");

        var build = project.Dotnet("build");
        Assert.True(build.ExitCode == 0, build.ToString());
    }

    private TestProject Create(string template, string directory, params string[] options)
    {
        var (root, hive) = Installations.GetValue(environment, e => new(() => Install(e), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        var create = root.Dotnet(["new", template, "-n", Name, "-o", directory, "--debug:custom-hive", hive, .. options]);
        Assert.True(create.ExitCode == 0, create.ToString());
        return new TestProject(environment, root.Path(directory), Name);
    }

    private static (TestProject Root, string Hive) Install(TestEnvironment environment)
    {
        var root = environment.CreateProject("templates");
        var hive = root.Path(".template-hive");
        var version = Path.GetFileNameWithoutExtension(environment.TemplatesNupkgPath)["GoPack.Templates.".Length..];
        // From the feed by id and version, as `dotnet new install GoPack.Templates` from nuget.org.
        var install = root.Dotnet("new", "install", $"GoPack.Templates::{version}", "--add-source", environment.FeedDirectory, "--debug:custom-hive", hive);
        Assert.True(install.ExitCode == 0, install.ToString());
        foreach (var shortName in new[] { "gopack-service", "gopack-lib", "gopack-workspace", "gopack-functions" })
        {
            Assert.Contains(shortName, install.Output);
        }
        return (root, hive);
    }
}
