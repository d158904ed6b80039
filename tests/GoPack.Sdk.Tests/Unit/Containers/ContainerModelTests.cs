using System.Text.Json.Nodes;
using GoPack.Sdk.Containers;

namespace GoPack.Sdk.Tests.Unit.Containers;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("alpine", "docker.io", "library/alpine", null, null)]
    [InlineData("alpine:3.20", "docker.io", "library/alpine", "3.20", null)]
    [InlineData("ghcr.io/org/app:v1", "ghcr.io", "org/app", "v1", null)]
    [InlineData("localhost:5000/base", "localhost:5000", "base", null, null)]
    [InlineData("127.0.0.1:5000/a/b:t@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "127.0.0.1:5000", "a/b", "t", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("index.docker.io/user/app", "docker.io", "user/app", null, null)]
    public void Parses_like_docker(string text, string registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);
        Assert.Equal(new ImageReference(registry, repository, tag, digest), reference);
    }

    [Theory]
    [InlineData("Upper/Case")]
    [InlineData("a//b")]
    [InlineData("app:-bad")]
    [InlineData("app@sha256:short")]
    [InlineData("")]
    public void Refuses_what_registries_refuse(string text) => Assert.Throws<FormatException>(() => ImageReference.Parse(text));

    [Theory]
    [InlineData("My.Service", "my.service")]
    [InlineData("svc api", "svc-api")]
    [InlineData("_svc", null)]
    public void A_project_name_becomes_a_repository_as_the_dotnet_sdk_makes_it(string name, string? expected) =>
        Assert.Equal(expected, ImageReference.RepositoryFromProjectName(name));
}

public sealed class ContainerSettingsParserTests
{
    private static ContainerSettings Parse(ContainerSettingsInput input)
    {
        var errors = new List<ContainerSettingsError>();
        var settings = ContainerSettingsParser.Parse(input with { Repository = input.Repository ?? "svc", BinaryNames = input.BinaryNames.Count == 0 ? ["svc"] : input.BinaryNames }, errors);
        Assert.Empty(errors);
        return settings!;
    }

    [Fact]
    public void Defaults_are_kos_the_binary_as_entrypoint_as_nonroot_in_the_root_directory()
    {
        var settings = Parse(new ContainerSettingsInput());

        Assert.Equal(["/ko-app/svc"], settings.Config.Entrypoint);
        Assert.Null(settings.Config.Cmd);
        Assert.Equal("65532:65532", settings.Config.User);
        Assert.Equal("/", settings.Config.WorkingDirectory);
        Assert.Equal(["latest"], settings.Tags);
        Assert.Equal(ContainerImageFormat.Oci, settings.Format);
        Assert.Contains(new KeyValuePair<string, string>("KO_DATA_PATH", "/var/run/ko"), settings.Config.Environment);
        Assert.DoesNotContain(settings.Config.Environment, e => e.Key == "PORT");
    }

    [Fact]
    public void App_command_instruction_and_legacy_entrypoint_follow_the_dotnet_sdk()
    {
        var defaultArgs = Parse(new ContainerSettingsInput { AppCommandInstruction = "DefaultArgs", AppCommandArgs = ["--serve"], DefaultArgs = ["--port", "80"] });
        Assert.Null(defaultArgs.Config.Entrypoint);
        Assert.Equal(["/ko-app/svc", "--serve", "--port", "80"], defaultArgs.Config.Cmd);

        var legacy = Parse(new ContainerSettingsInput { Entrypoint = ["/bin/sh", "-c"], EntrypointArgs = ["exec /ko-app/svc"] });
        Assert.Equal(["/bin/sh", "-c"], legacy.Config.Entrypoint);
        Assert.Equal(["exec /ko-app/svc"], legacy.Config.Cmd);

        var custom = Parse(new ContainerSettingsInput { AppCommand = ["/ko-app/tool", "run"], ImageFormat = "Docker", Family = "scratch", Tags = ["1.0", "1.0", " latest "] });
        Assert.Equal(["/ko-app/tool", "run"], custom.Config.Entrypoint);
        Assert.Equal(ContainerImageFormat.Docker, custom.Format);
        Assert.Equal(ContainerFamily.Scratch, custom.Family);
        Assert.Equal(["1.0", "latest"], custom.Tags);
    }

    [Fact]
    public void Every_bad_setting_is_reported_with_its_code()
    {
        var errors = new List<ContainerSettingsError>();
        var settings = ContainerSettingsParser.Parse(new ContainerSettingsInput
        {
            Repository = "Bad Repo",
            Tags = ["-bad"],
            Registry = "not a host",
            User = "a b",
            WorkingDirectory = "app",
            Ports = [new("80000", "tcp"), new("80", "sctp")],
            EnvironmentVariables = [new("1BAD", "x")],
            ImageFormat = "tar",
            Family = "alpine",
            LocalRegistry = "containerd",
            AppCommandInstruction = "Shell",
            BinaryNames = ["svc"],
        }, errors);

        Assert.Null(settings);
        Assert.Equal(GoPackErrors.ContainerInvalidRepository, errors[0].Code);
        Assert.Contains("'bad-repo'", errors[0].Message);
        Assert.Equal(12, errors.Count);
        Assert.All(errors.Skip(1), e => Assert.Equal(GoPackErrors.ContainerInvalidSetting, e.Code));
    }
}

public sealed class ImageConfigBuilderTests
{
    [Fact]
    public void A_base_config_keeps_what_gopack_does_not_set_and_merges_env_ports_labels_and_history()
    {
        var baseConfig = JsonNode.Parse("""
            {"architecture":"amd64","os":"linux","created":"2024-01-01T00:00:00Z","container_config":{"Cmd":["x"]},
             "config":{"Env":["PATH=/bin","KEEP=1"],"Cmd":["/bin/sh"],"Healthcheck":{"Test":["NONE"]},"ExposedPorts":{"9090/tcp":{}},"Labels":{"z":"base","a":"base"}},
             "rootfs":{"type":"layers","diff_ids":["sha256:aaaa"]},"history":[{"created_by":"base"}]}
            """)!.AsObject();
        var settings = new ImageConfigSettings
        {
            Platform = new ImagePlatform("linux", "arm64", "v8"),
            Created = DateTimeOffset.FromUnixTimeSeconds(1700000000),
            Entrypoint = ["/ko-app/svc"],
            Environment = [new("PATH", "/ko-app"), new("NEW", "2")],
            ExposedPorts = ["8080/tcp"],
            Labels = [new("a", "mine")],
        };

        var config = ImageConfigBuilder.Build(baseConfig, settings, [new AddedLayer("sha256:bbbb", "GoPack")]);

        Assert.Equal("arm64", config["architecture"]!.GetValue<string>());
        Assert.Equal("v8", config["variant"]!.GetValue<string>());
        Assert.Equal("2023-11-14T22:13:20Z", config["created"]!.GetValue<string>());
        Assert.Null(config["container_config"]);
        var runtime = config["config"]!.AsObject();
        Assert.Equal("""["PATH=/ko-app","KEEP=1","NEW=2"]""", runtime["Env"]!.ToJsonString());
        Assert.Null(runtime["Cmd"]);
        Assert.Equal("""{"Test":["NONE"]}""", runtime["Healthcheck"]!.ToJsonString());
        Assert.Equal("""{"8080/tcp":{},"9090/tcp":{}}""", runtime["ExposedPorts"]!.ToJsonString());
        Assert.Equal("""{"a":"mine","z":"base"}""", runtime["Labels"]!.ToJsonString());
        Assert.Equal("""["sha256:aaaa","sha256:bbbb"]""", config["rootfs"]!["diff_ids"]!.ToJsonString());
        Assert.Equal(2, config["history"]!.AsArray().Count);
        Assert.NotSame(baseConfig["config"], runtime); // the base's tree is left alone
    }

    [Fact]
    public void The_same_settings_serialize_to_the_same_bytes()
    {
        var settings = new ImageConfigSettings { Entrypoint = ["/ko-app/svc"], Labels = [new("b", "<2>"), new("a", "1")] };
        var first = OciJson.Write(ImageConfigBuilder.Build(null, settings, [new AddedLayer("sha256:cc", "x")]));
        var second = OciJson.Write(ImageConfigBuilder.Build(null, settings, [new AddedLayer("sha256:cc", "x")]));

        Assert.Equal(first, second);
        Assert.Contains("\"Labels\":{\"a\":\"1\",\"b\":\"<2>\"}", OciJson.Utf8(first));
    }
}

public sealed class PlatformTests
{
    [Theory]
    [InlineData("linux-x64", "linux/amd64")]
    [InlineData("linux-musl-arm64", "linux/arm64/v8")]
    [InlineData("linux-arm", "linux/arm/v7")]
    [InlineData("linux-loongarch64", "linux/loong64")]
    [InlineData("win-x64", null)]
    [InlineData("osx-arm64", null)]
    [InlineData("linux-x64;linux-arm64", null)]
    public void Runtime_identifiers_map_to_image_platforms(string rid, string? platform) =>
        Assert.Equal(platform, ImagePlatform.FromRuntimeIdentifier(rid)?.ToString());

    [Fact]
    public void Arm64_without_a_variant_is_v8()
    {
        Assert.True(new ImagePlatform("linux", "arm64", "v8").Matches(new ImagePlatform("linux", "arm64")));
        Assert.False(new ImagePlatform("linux", "arm", "v7").Matches(new ImagePlatform("linux", "arm", "v6")));
        Assert.False(new ImagePlatform("linux", "amd64").Matches(new ImagePlatform("linux", "arm64")));
    }

    [Fact]
    public void The_elf_header_names_the_platform_and_other_executables_are_told_apart()
    {
        using var tree = new GoPack.Sdk.Tests.Unit.Project.TempTree();
        byte[] Elf(byte machine, byte machineHigh = 0, byte osAbi = 0)
        {
            var header = new byte[64];
            header[0] = 0x7F; header[1] = (byte)'E'; header[2] = (byte)'L'; header[3] = (byte)'F';
            header[4] = 2; header[5] = 1; header[7] = osAbi; header[18] = machine; header[19] = machineHigh;
            return header;
        }

        string Write(string name, byte[] content)
        {
            var path = tree.Path(name);
            File.WriteAllBytes(path, content);
            return path;
        }

        Assert.Equal("linux/amd64", ElfPlatform.Read(Write("amd64", Elf(0x3E)), out _)?.ToString());
        Assert.Equal("linux/arm64/v8", ElfPlatform.Read(Write("arm64", Elf(0xB7)), out _)?.ToString());
        Assert.Equal("linux/loong64", ElfPlatform.Read(Write("loong", Elf(0x02, 0x01)), out _)?.ToString());
        Assert.Null(ElfPlatform.Read(Write("freebsd", Elf(0x3E, 0, 9)), out var other));
        Assert.Contains("another OS", other);
        Assert.Null(ElfPlatform.Read(Write("pe", [(byte)'M', (byte)'Z', 0, 0]), out var pe));
        Assert.Contains("Windows", pe);
        Assert.Null(ElfPlatform.Read(Write("text", "#!/bin/sh\n"u8.ToArray()), out _));
    }
}
