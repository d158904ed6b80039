using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GoPack.Sdk.Containers;
using GoPack.Sdk.Containers.Registry;

namespace GoPack.Sdk.Tests.Unit.Containers;

/// <summary>
/// The registry client against an in-process HTTP server that behaves like Docker Hub's token flow (401 with a Bearer
/// challenge, a token endpoint checking Basic credentials); the real registry is in the end-to-end tests.
/// </summary>
public sealed class RegistryClientTests : IDisposable
{
    private const string Secret = "unit-fake-secret-51e0";
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentDictionary<string, byte[]> _manifests = new();
    private readonly Task _loop;

    public RegistryClientTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    private int Port { get; }
    private string Host => $"127.0.0.1:{Port}";
    private readonly List<string> _logged = new();

    public void Dispose()
    {
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); } catch (Exception) { return; }
            var request = context.Request;
            var response = context.Response;
            var path = request.Url!.AbsolutePath;
            _requests.Enqueue($"{request.HttpMethod} {path} {request.Headers["Authorization"]?.Split(' ')[0]}");
            byte[] body = [];
            if (path == "/token")
            {
                var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + Secret));
                if (request.Headers["Authorization"] == "Basic " + basic && request.QueryString["scope"] == "repository:app:pull" && request.QueryString["service"] == "test")
                {
                    body = Encoding.UTF8.GetBytes("""{"token":"tok-123"}""");
                }
                else
                {
                    response.StatusCode = 401;
                }
            }
            else if (request.Headers["Authorization"] != "Bearer tok-123")
            {
                response.StatusCode = 401;
                response.AddHeader("WWW-Authenticate", $"Bearer realm=\"http://127.0.0.1:{Port}/token\",service=\"test\",scope=\"repository:app:pull\"");
            }
            else if (path.StartsWith("/v2/app/manifests/", StringComparison.Ordinal) && _manifests.TryGetValue(path[18..], out var manifest))
            {
                response.ContentType = OciMediaTypes.OciManifest;
                body = manifest;
            }
            else if (path != "/v2/")
            {
                response.StatusCode = 404;
            }

            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
            response.Close();
        }
    }

    private RegistryClient Client(Dictionary<string, string>? environment = null)
    {
        var log = new Log(_logged);
        var credentials = new RegistryCredentials(environment ?? new() { ["SDK_CONTAINER_REGISTRY_UNAME"] = "user", ["SDK_CONTAINER_REGISTRY_PWD"] = Secret }, null, log);
        return new RegistryClient(Host, new RegistryClientOptions(), credentials, log);
    }

    [Fact]
    public async Task A_bearer_challenge_gets_a_token_with_the_credentials_and_a_manifest_by_digest_is_checked()
    {
        var manifest = """{"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":1},"layers":[]}"""u8.ToArray();
        var digest = Digests.Of(manifest);
        _manifests["v1"] = manifest;
        _manifests[digest] = manifest;
        using var client = Client();

        var byTag = await client.GetManifestAsync("app", "v1", CancellationToken.None);
        var byDigest = await client.GetManifestAsync("app", digest, CancellationToken.None);

        Assert.Equal(digest, byTag.Digest);
        Assert.Equal(manifest, byDigest.Content);
        Assert.Equal(OciMediaTypes.OciManifest, byTag.MediaType);
        // One token for the scope, reused; plain HTTP because 127.0.0.1 is this machine (HTTPS was tried first).
        Assert.Single(_requests, r => r.StartsWith("GET /token", StringComparison.Ordinal));
        Assert.Contains("GET /v2/app/manifests/v1 Bearer", _requests);
        Assert.DoesNotContain(_logged, l => l.Contains(Secret, StringComparison.Ordinal) || l.Contains("tok-123", StringComparison.Ordinal));
        Assert.Contains(_logged, l => l.Contains("SDK_CONTAINER_REGISTRY_UNAME/_PWD", StringComparison.Ordinal));

        _manifests[digest] = "{\"tampered\":true}"u8.ToArray();
        var tampered = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync("app", digest, CancellationToken.None));
        Assert.Equal(GoPackErrors.ContainerDigestMismatch, tampered.Code);
    }

    [Fact]
    public async Task Wrong_or_missing_credentials_are_an_authentication_error_saying_what_to_do()
    {
        using var anonymous = Client(new Dictionary<string, string>());
        var error = await Assert.ThrowsAsync<RegistryException>(() => anonymous.GetManifestAsync("app", "v1", CancellationToken.None));
        Assert.Equal(GoPackErrors.ContainerRegistryAuthenticationFailed, error.Code);
        Assert.Contains("docker login " + Host, error.Message);

        using var wrong = Client(new() { ["SDK_CONTAINER_REGISTRY_UNAME"] = "user", ["SDK_CONTAINER_REGISTRY_PWD"] = "nope" });
        var refused = await Assert.ThrowsAsync<RegistryException>(() => wrong.GetManifestAsync("app", "v1", CancellationToken.None));
        Assert.Equal(GoPackErrors.ContainerRegistryAuthenticationFailed, refused.Code);
        Assert.DoesNotContain("nope", refused.Message);
    }

    [Fact]
    public async Task Plain_http_is_refused_for_a_registry_that_is_not_local_or_declared_insecure()
    {
        // "localhost.localdomain"-style names that resolve here but aren't loopback literals: use the port via a non-loopback name.
        var log = new Log(_logged);
        using var client = new RegistryClient($"gopack-test.invalid:{Port}", new RegistryClientOptions(), null, log);
        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync("app", "v1", CancellationToken.None));
        Assert.Equal(GoPackErrors.ContainerRegistryFailed, error.Code); // the name doesn't resolve: unreachable, never HTTP
        Assert.Contains("can't be reached", error.Message);

        Assert.True(RegistryClient.IsLoopback("localhost:5000"));
        Assert.True(RegistryClient.IsLoopback("127.0.0.2:80"));
        Assert.True(RegistryClient.IsLoopback("[::1]:5000"));
        Assert.False(RegistryClient.IsLoopback("registry.example.com"));
        Assert.False(RegistryClient.IsLoopback("10.0.0.1:5000"));
    }

    [Fact]
    public void Challenges_are_parsed_with_quotes_and_commas()
    {
        var parameters = RegistryClient.ParseChallenge("realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\"");
        Assert.Equal("https://auth.example/token", parameters["realm"]);
        Assert.Equal("registry.example", parameters["service"]);
        Assert.Equal("repository:a/b:pull,push", parameters["scope"]);
    }

    private sealed class Log(List<string> lines) : IContainerLog
    {
        public void Report(string message) { lock (lines) lines.Add(message); }
        public void Detail(string message) { lock (lines) lines.Add(message); }
        public void Warning(string code, string message) { lock (lines) lines.Add(code + ": " + message); }
    }
}

public sealed class RegistryCredentialsTests
{
    [Fact]
    public void Docker_config_auths_helpers_and_the_dotnet_variables_in_their_order()
    {
        using var tree = new GoPack.Sdk.Tests.Unit.Project.TempTree();
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:pw1"));
        tree.File("docker/config.json", "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth + "\"},\"r.example\":{\"identitytoken\":\"idtok\"}},"
            + "\"credHelpers\":{\"helped.example\":\"fake\"},\"credsStore\":\"store\"}");
        var lines = new List<string>();
        var helperCalls = new List<string>();
        var credentials = new RegistryCredentials(new Dictionary<string, string> { ["DOCKER_CONFIG"] = tree.Path("docker") }, null, new Log(lines),
            (program, host) =>
            {
                helperCalls.Add(program + " " + host);
                return program == "docker-credential-fake" ? """{"ServerURL":"helped.example","Username":"bob","Secret":"pw2"}""" : null;
            });

        Assert.Equal(("alice", "pw1"), Pair(credentials.For("docker.io")));
        Assert.Equal(("<token>", "idtok"), Pair(credentials.For("r.example")));
        Assert.Equal(("bob", "pw2"), Pair(credentials.For("helped.example")));
        Assert.Null(credentials.For("other.example")); // credsStore asked, nothing there
        Assert.Equal(["docker-credential-fake helped.example", "docker-credential-store other.example"], helperCalls);
        Assert.DoesNotContain(lines, l => l.Contains("pw1", StringComparison.Ordinal) || l.Contains("pw2", StringComparison.Ordinal) || l.Contains("idtok", StringComparison.Ordinal));

        var dotnet = new RegistryCredentials(new Dictionary<string, string> { ["DOTNET_CONTAINER_REGISTRY_UNAME"] = "u", ["DOTNET_CONTAINER_REGISTRY_PWD"] = "p" }, null, new Log(lines));
        Assert.Equal(("u", "p"), Pair(dotnet.For("any.example")));
        Assert.Contains(lines, l => l.StartsWith(GoPackErrors.ContainerCredentialWarning, StringComparison.Ordinal) && l.Contains("binary logs", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreadable_config_is_a_warning_not_a_failure()
    {
        using var tree = new GoPack.Sdk.Tests.Unit.Project.TempTree();
        tree.File(".docker/config.json", "{not json");
        var lines = new List<string>();
        var credentials = new RegistryCredentials(new Dictionary<string, string>(), tree.Root, new Log(lines));

        Assert.Null(credentials.For("r.example"));
        Assert.Contains(lines, l => l.StartsWith(GoPackErrors.ContainerCredentialWarning, StringComparison.Ordinal));
    }

    private static (string, string)? Pair(RegistryCredential? credential) => credential is null ? null : (credential.UserName, credential.Secret);

    private sealed class Log(List<string> lines) : IContainerLog
    {
        public void Report(string message) => lines.Add(message);
        public void Detail(string message) => lines.Add(message);
        public void Warning(string code, string message) => lines.Add(code + ": " + message);
    }
}
