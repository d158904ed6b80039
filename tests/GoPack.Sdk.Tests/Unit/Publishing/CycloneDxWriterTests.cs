using System.Text;
using System.Text.Json;
using GoPack.Sdk.Publishing;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.Unit.Publishing;

public class CycloneDxWriterTests
{
    // What Go 1.19's `go version -m` prints for a vendored, a replaced and a locally replaced dependency.
    private const string VersionOutput = """
        /tmp/out/svc: go1.19.8
        	path	example.com/svc/cmd/svc
        	mod	example.com/svc	(devel)	
        	dep	example.com/greet	v1.2.3	
        	dep	golang.org/x/text	v0.3.7	h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=
        	dep	example.com/old	v1.0.0	
        	=>	example.com/fork	v1.0.1	h1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
        	dep	example.com/local	v0.1.0
        	=>	../local	(devel)	
        	
        	build	-compiler=gc
        	build	-ldflags="-s -w -X main.version=1.2.3"
        	build	-tags=netgo,osusergo
        	build	-trimpath=true
        	build	CGO_ENABLED=0
        	build	GOARCH=arm64
        	build	GOOS=linux
        	build	vcs=git
        	build	vcs.revision=0123456789abcdef0123456789abcdef01234567
        	build	vcs.time=2024-05-06T07:08:09Z
        	build	vcs.modified=false
        """;

    [Fact]
    public void Parses_go_version_m_output()
    {
        var info = GoBuildInfo.Parse(VersionOutput.Split('\n')).Single();

        Assert.Equal(("/tmp/out/svc", "go1.19.8", "example.com/svc/cmd/svc"), (info.File, info.GoVersion, info.PackagePath));
        Assert.Equal(new GoModuleInfo("example.com/svc", "(devel)", null), info.Main);
        Assert.Equal(4, info.Dependencies.Count);
        Assert.Equal(new GoModuleInfo("example.com/greet", "v1.2.3", null), info.Dependencies[0]);
        Assert.Equal("h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=", info.Dependencies[1].Sum);
        Assert.Equal(new GoModuleInfo("example.com/fork", "v1.0.1", "h1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="), info.Dependencies[2].Replacement);
        Assert.Equal("../local", info.Dependencies[3].Replacement!.Path);
        Assert.Equal("-s -w -X main.version=1.2.3", info.Setting("-ldflags"));
        Assert.Equal("netgo,osusergo", info.Setting("-tags"));
        Assert.Equal("arm64", info.Setting("GOARCH"));
    }

    [Fact]
    public void Parses_several_binaries_and_skips_what_is_not_build_info()
    {
        var lines = new[] { "a: go1.21.0", "\tpath\tx", "b.exe: go1.22.1", "\tmod\ty\tv1.0.0\t", "c: not a Go executable", "\tbuild\tGOOS=windows" };

        var infos = GoBuildInfo.Parse(lines);

        Assert.Equal(["a", "b.exe"], infos.Select(i => i.File));
        Assert.Equal("y", infos[1].Main!.Path);
        Assert.Empty(infos[1].Settings);
    }

    [Theory]
    [InlineData("example.com/svc", "v1.2.3", "pkg:golang/example.com/svc@v1.2.3")]
    [InlineData("github.com/Foo/Bar", "v2.0.0+incompatible", "pkg:golang/github.com/Foo/Bar@v2.0.0%2Bincompatible")]
    [InlineData("example.com/a b", null, "pkg:golang/example.com/a%20b")]
    public void Purls_percent_encode_segments_and_version(string path, string? version, string expected) =>
        Assert.Equal(expected, CycloneDxWriter.Purl(path, version));

    [Fact]
    public void Purl_qualifiers_are_sorted_and_empty_ones_left_out() =>
        Assert.Equal("pkg:golang/x.org/y@v1.0.0?goarch=arm64&goos=linux&type=module",
            CycloneDxWriter.Purl("x.org/y", "v1.0.0", [new("type", "module"), new("goos", "linux"), new("goarch", "arm64"), new("goarm", "")]));

    [Fact]
    public void H1_hashes_become_the_hex_of_their_SHA256()
    {
        Assert.Equal("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", CycloneDxWriter.H1ToHex("h1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
        Assert.Null(CycloneDxWriter.H1ToHex("h2:AAEC"));
        Assert.Null(CycloneDxWriter.H1ToHex("h1:not base64!"));
        Assert.Null(CycloneDxWriter.H1ToHex("h1:AAEC"));
    }

    [Fact]
    public void A_devel_main_module_gets_the_pseudo_version_of_its_commit() =>
        Assert.Equal("v0.0.0-20240506070809-0123456789ab", CycloneDxWriter.PseudoVersion("0123456789abcdef0123456789abcdef01234567", "2024-05-06T07:08:09Z"));

    [Fact]
    public void Writes_a_valid_CycloneDX_15_SBOM_of_the_main_module_and_every_dependency()
    {
        var json = Write();
        Assert.Empty(CycloneDxSchema.Errors(json));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal("1.5", root.GetProperty("specVersion").GetString());
        Assert.Equal("2024-05-06T07:08:09Z", root.GetProperty("metadata").GetProperty("timestamp").GetString());
        var main = root.GetProperty("metadata").GetProperty("component");
        Assert.Equal("application", main.GetProperty("type").GetString());
        Assert.Equal("v0.0.0-20240506070809-0123456789ab", main.GetProperty("version").GetString());
        Assert.Equal("pkg:golang/example.com/svc@v0.0.0-20240506070809-0123456789ab?goarch=arm64&goos=linux&type=module", main.GetProperty("purl").GetString());
        var properties = main.GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("name").GetString() + "=" + p.GetProperty("value").GetString()).ToList();
        Assert.Contains("cdx:gomod:build:env:GOVERSION=go1.19.8", properties);
        Assert.Contains("cdx:gomod:build:env:CGO_ENABLED=0", properties);
        Assert.Contains("cdx:gomod:build:env:GOOS=linux", properties);
        Assert.Contains("cdx:gomod:build:env:GOARCH=arm64", properties);
        Assert.Contains("cdx:gomod:build:tag=netgo", properties);
        Assert.Contains("cdx:gomod:build:tag=osusergo", properties);
        Assert.Contains("cdx:gomod:build:vcs.revision=0123456789abcdef0123456789abcdef01234567", properties);
        Assert.Contains("cdx:gomod:binary:hash:SHA-256=" + new string('a', 64), properties);

        var components = root.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        // Vendored: no hash in the build info, so it comes from go.sum.
        var greet = components["example.com/greet"];
        Assert.Equal(("library", "v1.2.3", "required"), (greet.GetProperty("type").GetString(), greet.GetProperty("version").GetString(), greet.GetProperty("scope").GetString()));
        Assert.Equal("pkg:golang/example.com/greet@v1.2.3?goarch=arm64&goos=linux&type=module", greet.GetProperty("purl").GetString());
        Assert.Equal("pkg:golang/example.com/greet@v1.2.3?type=module", greet.GetProperty("bom-ref").GetString());
        Assert.Equal(new string('1', 64), greet.GetProperty("hashes")[0].GetProperty("content").GetString());
        Assert.Equal("SHA-256", greet.GetProperty("hashes")[0].GetProperty("alg").GetString());
        // Replaced: the replacement is what was linked.
        Assert.False(components.ContainsKey("example.com/old"));
        Assert.Equal("v1.0.1", components["example.com/fork"].GetProperty("version").GetString());
        Assert.Contains("example.com/old@v1.0.0", components["example.com/fork"].GetProperty("properties").GetRawText());
        // Replaced by a directory: no version or hash to claim.
        Assert.False(components["example.com/local"].TryGetProperty("version", out _));
        Assert.Contains("../local", components["example.com/local"].GetProperty("properties").GetRawText());
        Assert.Equal("go1.19.8", components["std"].GetProperty("version").GetString());

        var dependsOn = root.GetProperty("dependencies")[0].GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Equal(components.Count, dependsOn.Count);
        Assert.Equal(main.GetProperty("bom-ref").GetString(), root.GetProperty("dependencies")[0].GetProperty("ref").GetString());
    }

    [Fact]
    public void The_same_inputs_give_the_same_bytes_and_serial_number_and_others_another_one()
    {
        var first = Write();
        Assert.Equal(first, Write());
        Assert.DoesNotContain("\r", first);
        var serial = JsonDocument.Parse(first).RootElement.GetProperty("serialNumber").GetString();
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", serial);
        Assert.NotEqual(serial, JsonDocument.Parse(Write(fallback: "9.9.9", buildInfo: VersionOutput.Replace("vcs.revision", "vcs.x"))).RootElement.GetProperty("serialNumber").GetString());
    }

    [Fact]
    public void Without_VCS_information_the_main_module_has_the_project_version_and_no_timestamp()
    {
        var json = Write(fallback: "2.3.4", buildInfo: VersionOutput.Replace("vcs.revision", "other"), timestamp: false);
        Assert.Empty(CycloneDxSchema.Errors(json));
        var metadata = JsonDocument.Parse(json).RootElement.GetProperty("metadata");

        Assert.Equal("2.3.4", metadata.GetProperty("component").GetProperty("version").GetString());
        Assert.False(metadata.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public void The_schema_rejects_what_CycloneDX_forbids()
    {
        // The schema test data must be able to fail: a wrong hash, an unknown member, a missing name.
        var json = Write();
        Assert.NotEmpty(CycloneDxSchema.Errors(json.Replace("\"alg\": \"SHA-256\"", "\"alg\": \"SHA256\"")));
        Assert.NotEmpty(CycloneDxSchema.Errors(json.Replace("\"bomFormat\"", "\"unknown\": 1, \"bomFormat\"")));
        Assert.NotEmpty(CycloneDxSchema.Errors(json.Replace("\"name\": \"example.com/greet\",", "")));
        Assert.NotEmpty(CycloneDxSchema.Errors(json.Replace("\"timestamp\": \"2024-05-06T07:08:09Z\"", "\"timestamp\": \"yesterday\"")));
        Assert.NotEmpty(CycloneDxSchema.Errors(json.Replace("urn:uuid:", "uuid:")));
    }

    private static string Write(string? fallback = null, string buildInfo = VersionOutput, bool timestamp = true) =>
        Encoding.UTF8.GetString(CycloneDxWriter.Write(new SbomOptions
        {
            BuildInfo = GoBuildInfo.Parse(buildInfo.Split('\n')).Single(),
            BinaryName = "svc",
            BinarySha256 = new string('a', 64),
            GoSum = CycloneDxWriter.ParseGoSum(
            [
                "example.com/greet v1.2.3 h1:ERERERERERERERERERERERERERERERERERERERERERE=",
                "example.com/greet v1.2.3/go.mod h1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            ]),
            FallbackVersion = fallback,
            Timestamp = timestamp ? DateTimeOffset.Parse("2024-05-06T07:08:09Z") : null,
            ToolVersion = "1.0.0",
        }));
}
