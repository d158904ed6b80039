using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// The real container tools the end-to-end tests check images with: Debian's skopeo, umoci, docker-registry and
/// htpasswd (test.sh installs them with apt), and podman where it works.
/// </summary>
public static class ContainerTools
{
    public static ProcessResult Run(string tool, params string[] arguments)
    {
        var result = ProcessRunner.Run(tool, arguments, Path.GetTempPath(), timeout: TimeSpan.FromMinutes(2));
        return result;
    }

    public static ProcessResult Skopeo(params string[] arguments) => Run("skopeo", ["--insecure-policy", .. arguments]);

    /// <summary>`skopeo inspect --config` (the image config) or plain inspect (digest, layers) of a transport:reference.</summary>
    public static JsonObject Inspect(string reference, bool config = false)
    {
        var result = Skopeo(["inspect", "--tls-verify=false", .. config ? new[] { "--config" } : [], reference]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.Output)!.AsObject();
    }

    /// <summary>Unpacks an OCI archive's image with umoci (rootless) and returns the rootfs directory.</summary>
    public static string Unpack(string archive, string workDirectory)
    {
        var layout = Path.Combine(workDirectory, "layout");
        Directory.CreateDirectory(layout);
        var untar = Run("tar", archive.EndsWith(".gz", StringComparison.Ordinal) ? ["-xzf", archive, "-C", layout] : ["-xf", archive, "-C", layout]);
        Assert.True(untar.ExitCode == 0, untar.ToString());
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        var tag = index["manifests"]![0]!["annotations"]!["org.opencontainers.image.ref.name"]!.GetValue<string>();
        var bundle = Path.Combine(workDirectory, "bundle");
        var unpack = Run("umoci", "unpack", "--rootless", "--image", layout + ":" + tag, bundle);
        Assert.True(unpack.ExitCode == 0, unpack.ToString());
        return Path.Combine(bundle, "rootfs");
    }

    /// <summary>podman can run here (it needs user namespaces some sandboxes forbid): `podman images` answers.</summary>
    public static bool PodmanWorks { get; } = Probe("podman", "images");

    private static bool Probe(string tool, string argument)
    {
        try
        {
            return Run(tool, argument).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>
/// A real registry (Debian's docker-registry, distribution 2.8) on 127.0.0.1 and a free port, storing under a temp
/// directory; with a user, it asks for Basic credentials (htpasswd). Stopped (its process killed) on dispose.
/// </summary>
public sealed class RegistryServer : IDisposable
{
    private readonly Process _process;
    private readonly string _root;

    public RegistryServer(string root, string? user = null, string? password = null)
    {
        _root = root;
        Directory.CreateDirectory(root);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var auth = "";
        if (user is not null)
        {
            var htpasswd = ContainerTools.Run("htpasswd", "-Bbn", user, password!);
            Assert.True(htpasswd.ExitCode == 0, htpasswd.ToString());
            File.WriteAllText(Path.Combine(root, "htpasswd"), htpasswd.Output.Trim() + "\n");
            auth = $"auth:\n  htpasswd:\n    realm: gopack-test\n    path: {Path.Combine(root, "htpasswd")}\n";
        }

        var config = Path.Combine(root, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(root, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{Port}

            """ + auth);
        _process = Process.Start(new ProcessStartInfo("docker-registry", ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public int Port { get; }

    /// <summary>host:port, what ContainerRegistry and image names take.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    /// <summary>Connects until the registry accepts (bounded: 30 s), failing early if it exited.</summary>
    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode} (config in {_root}).");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                _process.WaitForExit(50);
            }
        }
    }
}
