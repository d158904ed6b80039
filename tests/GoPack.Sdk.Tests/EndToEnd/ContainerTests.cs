using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// `dotnet build -t:PublishContainer` on real projects, checked with the real tools: skopeo reads the tarballs and
/// registries, umoci unpacks the image and the binary runs from its rootfs, docker-registry serves on 127.0.0.1,
/// podman loads the tarball where it can run.
/// </summary>
public sealed class ContainerTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private const string FakeSecret = "GOPACK-fake-secret-7c41d9";

    private TestProject SampleWithContainerSettings(string directoryName)
    {
        var project = environment.CopySample("hello");
        project.WriteFile("kodata/static/index.html", "<h1>hello</h1>\n");
        project.WriteFile("hello.gocsproj", project.SdkProjectXml("""
              <PropertyGroup>
                <Version>1.2.3</Version>
                <ContainerRepository>samples/hello</ContainerRepository>
                <Description>The sample service</Description>
              </PropertyGroup>
              <ItemGroup>
                <ContainerPort Include="8080" Type="tcp" />
                <ContainerEnvironmentVariable Include="GREETING" Value="bonjour" />
                <ContainerLabel Include="com.example.team" Value="platform" />
              </ItemGroup>
            """));
        return project;
    }

    [Fact]
    public void Default_image_of_the_sample_has_the_settings_runs_from_its_rootfs_and_is_reproducible_across_directories()
    {
        var project = SampleWithContainerSettings("hello");
        var archive = project.Path("out/hello.tar.gz");

        var publish = project.Build("-c", "Release", "-t:PublishContainer", $"-p:ContainerArchiveOutputPath={archive}");

        Assert.True(publish.ExitCode == 0, publish.ToString());
        var inspect = ContainerTools.Inspect("oci-archive:" + archive);
        var digest = inspect["Digest"]!.GetValue<string>();
        // The log's last line of the container step names the reference and the digest.
        Assert.Contains($"hello -> {archive} (samples/hello:1.2.3,latest@{digest})", publish.Output);

        var config = ContainerTools.Inspect("oci-archive:" + archive, config: true);
        var runtime = config["config"]!.AsObject();
        Assert.Equal("""["/ko-app/hello"]""", runtime["Entrypoint"]!.ToJsonString());
        Assert.Null(runtime["Cmd"]);
        Assert.Equal("65532:65532", runtime["User"]!.GetValue<string>());
        Assert.Equal("/", runtime["WorkingDir"]!.GetValue<string>());
        Assert.Equal("""{"8080/tcp":{}}""", runtime["ExposedPorts"]!.ToJsonString());
        Assert.Equal(
            """["PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/ko-app","SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt","KO_DATA_PATH=/var/run/ko","GREETING=bonjour"]""",
            runtime["Env"]!.ToJsonString());
        Assert.Equal(
            """{"com.example.team":"platform","org.opencontainers.image.authors":"hello","org.opencontainers.image.created":"1970-01-01T00:00:00Z","org.opencontainers.image.description":"The sample service","org.opencontainers.image.version":"1.2.3"}""",
            runtime["Labels"]!.ToJsonString());
        Assert.Equal("amd64", config["architecture"]!.GetValue<string>());
        Assert.Equal("linux", config["os"]!.GetValue<string>());
        Assert.Equal("1970-01-01T00:00:00Z", config["created"]!.GetValue<string>());

        var rootfs = ContainerTools.Unpack(archive, project.Path("unpacked"));
        var run = ProcessRunner.Run(Path.Combine(rootfs, "ko-app", "hello"), ["-version"], rootfs);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("hello 1.2.3", run.Output.Trim()); // the published binary, with publish's version stamp
        var packedBundle = Path.Combine(environment.PackagesDirectory, "gopack.sdk", environment.SdkVersion.ToLowerInvariant(), "containers", "ca-certificates.crt");
        Assert.Equal(File.ReadAllBytes(packedBundle), File.ReadAllBytes(Path.Combine(rootfs, "etc", "ssl", "certs", "ca-certificates.crt")));
        Assert.Contains("BEGIN CERTIFICATE", File.ReadAllText(Path.Combine(rootfs, "etc", "ssl", "certs", "ca-certificates.crt")));
        Assert.True(File.Exists(Path.Combine(rootfs, "usr", "share", "zoneinfo", "Europe", "Paris")));
        Assert.Contains("nonroot:x:65532:65532:", File.ReadAllText(Path.Combine(rootfs, "etc", "passwd")));
        Assert.Equal("<h1>hello</h1>\n", File.ReadAllText(Path.Combine(rootfs, "var", "run", "ko", "static", "index.html")));
        Assert.Contains("CycloneDX", File.ReadAllText(Path.Combine(rootfs, "var", "lib", "sbom", "hello.cdx.json"))); // publish's SBOM

        // The same sources in another directory give the same image, byte for byte.
        var again = SampleWithContainerSettings("hello-again");
        var againArchive = again.Path("out/hello.tar.gz");
        var second = again.Build("-c", "Release", "-t:PublishContainer", $"-p:ContainerArchiveOutputPath={againArchive}");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(digest, ContainerTools.Inspect("oci-archive:" + againArchive)["Digest"]!.GetValue<string>());
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(archive)), SHA256.HashData(File.ReadAllBytes(againArchive)));

        if (ContainerTools.PodmanWorks)
        {
            // The tarball loads as it is, and LocalRegistry=Podman loads it through podman's CLI.
            var name = "localhost/samples/hello";
            try
            {
                var load = ContainerTools.Run("podman", "load", "-i", archive);
                Assert.True(load.ExitCode == 0, load.ToString());
                Assert.Contains("samples/hello:1.2.3", load.Output);
                ContainerTools.Run("podman", "rmi", "-f", name + ":1.2.3", name + ":latest");

                var local = project.Build("-c", "Release", "-t:PublishContainer", "-p:LocalRegistry=Podman");
                Assert.True(local.ExitCode == 0, local.ToString());
                Assert.Contains($"hello -> podman samples/hello:1.2.3,latest@{digest}", local.Output);
                var podmanImage = ContainerTools.Run("podman", "image", "inspect", "--format", "{{.Config.Entrypoint}}", name + ":1.2.3");
                Assert.True(podmanImage.ExitCode == 0, podmanImage.ToString());
                Assert.Contains("/ko-app/hello", podmanImage.Output);
            }
            finally
            {
                ContainerTools.Run("podman", "rmi", "-f", name + ":1.2.3", name + ":latest");
            }
        }
    }

    [Fact]
    public void Push_with_two_tags_in_chunks_reads_back_with_skopeo_and_a_base_comes_from_the_registry()
    {
        using var registry = new RegistryServer(environment.Root + "/registry-" + Guid.NewGuid().ToString("N")[..8]);
        var project = environment.CreateProject("pushed").WriteHelloModule("hello from a container");
        // net/http makes the binary's layer a few MB whatever the flags (a Debug build's -N -l made hello's smaller than the
        // 1 MiB above which progress is reported).
        project.WriteFile("main.go", """
            package main

            import (
            	"fmt"
            	"net/http"
            )

            var _ = http.ListenAndServe

            func main() {
            	fmt.Println("hello from a container")
            }
            """);
        project.WriteProjectFile("""
              <PropertyGroup>
                <ContainerImageTags>1.0.0;stable</ContainerImageTags>
                <GoContainerUploadChunkSize>262144</GoContainerUploadChunkSize>
              </PropertyGroup>
            """);

        var push = project.Build("-t:PublishContainer", $"-p:ContainerRegistry={registry.Host}", "-v:d");

        Assert.True(push.ExitCode == 0, push.ToString());
        var v1 = ContainerTools.Inspect($"docker://{registry.Host}/pushed:1.0.0");
        var stable = ContainerTools.Inspect($"docker://{registry.Host}/pushed:stable");
        var digest = v1["Digest"]!.GetValue<string>();
        Assert.Equal(digest, stable["Digest"]!.GetValue<string>());
        Assert.Contains($"pushed -> {registry.Host}/pushed:1.0.0,stable@{digest}", push.Output);
        Assert.Contains("PATCH", push.Output); // the binary's layer went in chunks
        Assert.Matches(@"Pushed sha256:[0-9a-f]{12} \([0-9.]+ MB\) in [0-9.]+ s", push.Output); // large layers report at normal verbosity

        // A second push finds every blob there already.
        var again = project.Build("-t:PublishContainer", $"-p:ContainerRegistry={registry.Host}", "-v:d");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain("PATCH", again.Output);
        Assert.Contains("is already in pushed", again.Output);

        // A base image made with umoci and put in the registry with skopeo, used by tag and by digest.
        var baseLayout = project.Path("base-layout");
        Assert.Equal(0, ContainerTools.Run("umoci", "init", "--layout", baseLayout).ExitCode);
        Assert.Equal(0, ContainerTools.Run("umoci", "new", "--image", baseLayout + ":1").ExitCode);
        var baseFiles = project.Path("base-files");
        Directory.CreateDirectory(Path.Combine(baseFiles, "etc"));
        File.WriteAllText(Path.Combine(baseFiles, "etc", "base-release"), "from the base\n");
        var insert = ContainerTools.Run("umoci", "insert", "--rootless", "--image", baseLayout + ":1", Path.Combine(baseFiles, "etc"), "/etc");
        Assert.True(insert.ExitCode == 0, insert.ToString());
        Assert.Equal(0, ContainerTools.Run("umoci", "config", "--image", baseLayout + ":1", "--config.env", "BASE_VAR=1", "--config.cmd", "/bin/base-cmd").ExitCode);
        var copy = ContainerTools.Skopeo("copy", "--dest-tls-verify=false", $"oci:{baseLayout}:1", $"docker://{registry.Host}/bases/tiny:1");
        Assert.True(copy.ExitCode == 0, copy.ToString());
        var baseDigest = ContainerTools.Inspect($"docker://{registry.Host}/bases/tiny:1")["Digest"]!.GetValue<string>();

        var archive = project.Path("out/custom.tar");
        var custom = project.Build("-t:PublishContainer", $"-p:ContainerBaseImage={registry.Host}/bases/tiny:1@{baseDigest}",
            $"-p:ContainerArchiveOutputPath={archive}", $"-p:GoContainerCache={project.Path("cache")}");
        Assert.True(custom.ExitCode == 0, custom.ToString());
        var config = ContainerTools.Inspect("oci-archive:" + archive, config: true)["config"]!.AsObject();
        Assert.Contains("BASE_VAR=1", config["Env"]!.ToJsonString());
        Assert.Equal("""["/ko-app/pushed"]""", config["Entrypoint"]!.ToJsonString());
        Assert.Null(config["Cmd"]); // the base's Cmd was for the base's entrypoint
        Assert.Equal($"{registry.Host}/bases/tiny:1@{baseDigest}", config["Labels"]!["org.opencontainers.image.base.name"]!.GetValue<string>());
        var rootfs = ContainerTools.Unpack(archive, project.Path("unpacked"));
        Assert.Equal("from the base\n", File.ReadAllText(Path.Combine(rootfs, "etc", "base-release")));
        Assert.False(File.Exists(Path.Combine(rootfs, "etc", "ssl", "certs", "ca-certificates.crt"))); // not the default base
        Assert.Equal("hello from a container", ProcessRunner.Run(Path.Combine(rootfs, "ko-app", "pushed"), [], rootfs).Output.Trim());
        // Cached by digest: the base's blobs are in the cache.
        Assert.True(Directory.EnumerateFiles(project.Path("cache/blobs/sha256")).Count() >= 3);

        // The same base from a local OCI layout directory: no registry involved.
        var offline = project.Build("-t:PublishContainer", $"-p:ContainerBaseImage=oci:{baseLayout}:1", $"-p:ContainerArchiveOutputPath={project.Path("out/offline.tar")}");
        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.Contains("BASE_VAR=1", ContainerTools.Inspect("oci-archive:" + project.Path("out/offline.tar"), config: true)["config"]!["Env"]!.ToJsonString());
    }

    [Fact]
    public void Credentials_from_docker_config_reach_a_registry_that_wants_them_and_never_a_log_or_binlog()
    {
        using var registry = new RegistryServer(environment.Root + "/auth-registry-" + Guid.NewGuid().ToString("N")[..8], "gopack", FakeSecret);
        var project = environment.CreateProject("authed").WriteHelloModule();
        var dockerConfig = project.Path("docker-config");
        Directory.CreateDirectory(dockerConfig);

        // No credentials: a clear error naming what to do.
        project.Environment["DOCKER_CONFIG"] = dockerConfig;
        var refused = project.Build("-t:PublishContainer", $"-p:ContainerRegistry={registry.Host}");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("error GOPACK0105", refused.Output);
        Assert.Contains("docker login " + registry.Host, refused.Output);

        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("gopack:" + FakeSecret));
        File.WriteAllText(Path.Combine(dockerConfig, "config.json"),
            new JsonObject { ["auths"] = new JsonObject { [registry.Host] = new JsonObject { ["auth"] = auth } } }.ToJsonString());
        var binlog = project.Path("push.binlog");
        var push = project.Build("-t:PublishContainer", $"-p:ContainerRegistry={registry.Host}", "-v:diag", $"-bl:{binlog}");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("config.json", push.Output); // where the credentials came from is logged, they are not
        Assert.DoesNotContain(FakeSecret, push.Output);
        Assert.DoesNotContain(auth, push.Output);
        var replay = project.Dotnet("msbuild", binlog, "-noconlog", $"-flp:logfile={project.Path("replay.log")};v=diag");
        Assert.True(replay.ExitCode == 0, replay.ToString());
        var replayed = File.ReadAllText(project.Path("replay.log"));
        Assert.Contains("GoPack.Sdk.Tasks.PublishGoContainerImage", replayed);
        Assert.DoesNotContain(FakeSecret, replayed);
        Assert.DoesNotContain(auth, replayed);
        Assert.Equal(0, ContainerTools.Skopeo("inspect", "--tls-verify=false", $"--creds=gopack:{FakeSecret}", $"docker://{registry.Host}/authed:latest").ExitCode);

        // A credential helper named in config.json (docker-credential-<name> get, the host on stdin).
        var helperDirectory = project.Path("helpers");
        Directory.CreateDirectory(helperDirectory);
        var helper = Path.Combine(helperDirectory, "docker-credential-gopacktest");
        File.WriteAllText(helper, $"#!/bin/sh\nread host\n[ \"$host\" = \"{registry.Host}\" ] || exit 1\necho '{{\"ServerURL\":\"{registry.Host}\",\"Username\":\"gopack\",\"Secret\":\"{FakeSecret}\"}}'\n");
        helper.MakeExecutable();
        File.WriteAllText(Path.Combine(dockerConfig, "config.json"),
            new JsonObject { ["credHelpers"] = new JsonObject { [registry.Host] = "gopacktest" } }.ToJsonString());
        project.Environment["PATH"] = helperDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        var byHelper = project.Build("-t:PublishContainer", $"-p:ContainerRegistry={registry.Host}", "-p:ContainerImageTags=helper", "-v:diag");
        Assert.True(byHelper.ExitCode == 0, byHelper.ToString());
        Assert.Contains("docker-credential-gopacktest", byHelper.Output);
        Assert.DoesNotContain(FakeSecret, byHelper.Output);
        project.Environment.Remove("PATH");

        // The .NET SDK's variables work too: SDK_CONTAINER_REGISTRY_* are never recorded, at -v:diag or in a binlog.
        File.Delete(Path.Combine(dockerConfig, "config.json"));
        project.Environment["SDK_CONTAINER_REGISTRY_UNAME"] = "gopack";
        project.Environment["SDK_CONTAINER_REGISTRY_PWD"] = FakeSecret;
        var envBinlog = project.Path("env.binlog");
        var byEnvironment = project.Build("-t:PublishContainer", $"-p:ContainerRegistry={registry.Host}", "-p:ContainerImageTags=env", "-v:diag", $"-bl:{envBinlog}");
        Assert.True(byEnvironment.ExitCode == 0, byEnvironment.ToString());
        Assert.Contains("SDK_CONTAINER_REGISTRY_UNAME/_PWD environment variables", byEnvironment.Output);
        Assert.DoesNotContain(FakeSecret, byEnvironment.Output);
        var envReplay = project.Dotnet("msbuild", envBinlog, "-noconlog", $"-flp:logfile={project.Path("env-replay.log")};v=diag");
        Assert.True(envReplay.ExitCode == 0, envReplay.ToString());
        Assert.DoesNotContain(FakeSecret, File.ReadAllText(project.Path("env-replay.log")));
    }

    [Fact]
    public void Dotnet_publish_makes_one_image_per_runtime_identifier_with_its_sbom_and_pushes_an_index()
    {
        using var registry = new RegistryServer(environment.Root + "/multi-registry-" + Guid.NewGuid().ToString("N")[..8]);
        var project = environment.CreateProject("multi").WriteHelloModule("hello from every platform");
        var output = project.Path("images/");

        var publish = project.Dotnet("publish", project.ProjectFile, "-t:PublishContainer", "-p:RuntimeIdentifiers=\"linux-x64;linux-arm64\"",
            $"-p:ContainerRegistry={registry.Host}", $"-p:ContainerArchiveOutputPath={output}");

        Assert.True(publish.ExitCode == 0, publish.ToString());
        var raw = ContainerTools.Skopeo("inspect", "--tls-verify=false", "--raw", $"docker://{registry.Host}/multi:latest");
        Assert.True(raw.ExitCode == 0, raw.ToString());
        var index = JsonNode.Parse(raw.Output)!;
        Assert.Equal(OciIndexMediaType, index["mediaType"]!.GetValue<string>());
        Assert.Equal(["amd64", "arm64"], index["manifests"]!.AsArray().Select(m => m!["platform"]!["architecture"]!.GetValue<string>()).Order());
        var arm64Config = ContainerTools.Skopeo("inspect", "--tls-verify=false", "--override-arch", "arm64", "--config", $"docker://{registry.Host}/multi:1.0.0");
        Assert.True(arm64Config.ExitCode == 0, arm64Config.ToString());
        Assert.Equal("arm64", JsonNode.Parse(arm64Config.Output)!["architecture"]!.GetValue<string>());

        // One tarball per platform (a tarball holds one image), each with that platform's binary and its SBOM.
        Assert.Equal("amd64", ContainerTools.Inspect("oci-archive:" + Path.Combine(output, "multi-linux-x64.tar.gz"))["Architecture"]!.GetValue<string>());
        var rootfs = ContainerTools.Unpack(Path.Combine(output, "multi-linux-arm64.tar.gz"), project.Path("unpacked"));
        var binary = File.ReadAllBytes(Path.Combine(rootfs, "ko-app", "multi"));
        Assert.Equal(0xB7, binary[18]); // ELF e_machine: AArch64
        var sbom = JsonNode.Parse(File.ReadAllText(Path.Combine(rootfs, "var", "lib", "sbom", "multi.cdx.json")))!;
        Assert.Equal("CycloneDX", sbom["bomFormat"]!.GetValue<string>());

        // The .NET SDK's publish profile name works too, and the same sources give the same image.
        var profile = project.Dotnet("publish", project.ProjectFile, "-r", "linux-arm64", "-p:PublishProfile=DefaultContainer", $"-p:ContainerArchiveOutputPath={project.Path("profile.tar")}");
        Assert.True(profile.ExitCode == 0, profile.ToString());
        Assert.Equal(
            ContainerTools.Inspect("oci-archive:" + Path.Combine(output, "multi-linux-arm64.tar.gz"))["Digest"]!.GetValue<string>(),
            ContainerTools.Inspect("oci-archive:" + project.Path("profile.tar"))["Digest"]!.GetValue<string>());
    }

    private const string OciIndexMediaType = "application/vnd.oci.image.index.v1+json";

    [Fact]
    public void Bad_repository_non_linux_rid_and_unreachable_registry_are_clear_errors()
    {
        var project = environment.CreateProject("Errors").WriteHelloModule();

        var badName = project.Build("-t:PublishContainer", "-p:ContainerRepository=Bad_Name!");
        Assert.NotEqual(0, badName.ExitCode);
        Assert.Contains("error GOPACK0100", badName.Output);
        Assert.Contains("ContainerRepository 'Bad_Name!' is not a valid repository name", badName.Output);

        var windows = project.Build("-t:PublishContainer", "-p:ContainerRuntimeIdentifier=win-x64");
        Assert.NotEqual(0, windows.ExitCode);
        Assert.Contains("error GOPACK0101", windows.Output);
        Assert.Contains("'win-x64' is not a Linux runtime identifier", windows.Output);

        var closedPort = FreePort();
        var unreachable = project.Build("-t:PublishContainer", $"-p:ContainerRegistry=127.0.0.1:{closedPort}");
        Assert.NotEqual(0, unreachable.ExitCode);
        Assert.Contains("error GOPACK0104", unreachable.Output);
        Assert.Contains($"127.0.0.1:{closedPort} can't be reached", unreachable.Output);
        Assert.DoesNotContain("   at ", unreachable.Output); // no stack trace

        // The project name "Errors" becomes the repository "errors" by default: publishing works once the settings do.
        var fixedUp = project.Build("-t:PublishContainer");
        Assert.True(fixedUp.ExitCode == 0, fixedUp.ToString());
        Assert.True(File.Exists(project.Path("bin/Debug/container/errors.tar.gz")), fixedUp.Output);
        Assert.True(File.Exists(project.Path("obj/Debug/container/image/index.json")));
        var clean = project.Dotnet("clean", project.ProjectFile);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(Directory.Exists(project.Path("obj/Debug/container")));
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
