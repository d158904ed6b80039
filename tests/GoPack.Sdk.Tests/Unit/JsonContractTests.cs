using System.Text.Json;
using System.Text.Json.Serialization;
using GoPack.Sdk.Packages;
using GoPack.Sdk.Testing;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit;

/// <summary>
/// GoPack's JSON is written by serializers generated at compile time (the reflection-based one cost ~45–80 ms of a
/// build whenever a task that reads or writes JSON ran). The files must stay what the reflection serializer wrote with
/// the options GoPack used before: files an earlier build left in obj/ are read again, and the test host reads what
/// the tasks write. Each check reads the generated text back with the reflection serializer and those options and
/// writes it again: any difference in names, enum spelling, indentation or escaping shows.
/// </summary>
public sealed class JsonContractTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gopack-json-" + Guid.NewGuid().ToString("N"));

    public JsonContractTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertReflectionWritesTheSame<T>(string json, JsonSerializerOptions before)
    {
        var value = JsonSerializer.Deserialize<T>(json, before);
        Assert.Equal(JsonSerializer.Serialize(value, before), json);
    }

    [Fact]
    public void A_version_request_is_written_as_before_with_its_source_kind_by_name()
    {
        var before = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Converters = { new JsonStringEnumConverter() } };
        foreach (var request in new[]
                 {
                     GoVersionRequest.Default(),
                     GoVersionRequest.Create("1.22", GoVersionSource.GoVersionProperty, "GoVersion property"),
                     GoVersionRequest.Create("1.23.4", GoVersionSource.ModToolchainLine, "go.mod toolchain line (go.mod:5)", "/src/a \"b\"/go.mod", 5),
                 })
        {
            var json = request.ToJson();

            AssertReflectionWritesTheSame<GoVersionRequest.Wire>(json, before);
            Assert.Contains("\"sourceKind\":\"" + request.SourceKind + "\"", json);
        }
    }

    [Fact]
    public void The_package_list_is_written_as_before()
    {
        var file = Path.Combine(_dir, "p.gopackages.cache");
        GoPackageList.Write(file, new[]
        {
            new GoPackageInfo("example.com/m", "main", "/src/m", new[] { "static/index.html" }, new[] { "example.com/m/lib", "fmt" }),
            new GoPackageInfo("example.com/m/lib", "lib", "/src/m/lib <&>", Array.Empty<string>()),
        });
        var json = File.ReadAllText(file).TrimEnd('\n');

        AssertReflectionWritesTheSame<GoPackageList.Document>(json, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        Assert.StartsWith("{\"format\":2,\"packages\":[{\"importPath\":\"example.com/m\"", json);
    }

    [Fact]
    public void The_test_host_settings_are_written_as_before()
    {
        var settings = new GoTestHostSettings { ProjectFile = "/src/a.gocsproj", Patterns = new[] { "./..." }, Flags = new[] { "-tags=x y" }, CgoEnabled = true, TestTimeout = "10m" };

        AssertReflectionWritesTheSame<GoTestHostSettings>(settings.ToJson(), new JsonSerializerOptions { WriteIndented = true });
        Assert.Equal(settings.ToJson(), GoTestHostSettings.FromJson(settings.ToJson()).ToJson());
    }
}
