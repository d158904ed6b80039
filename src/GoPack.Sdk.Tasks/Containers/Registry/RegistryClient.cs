using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GoPack.Sdk.Containers.Registry;

public sealed record RegistryClientOptions
{
    /// <summary>Registries (host[:port]) that may be spoken to over plain HTTP besides loopback ones: ContainerInsecureRegistries, DOTNET_CONTAINER_INSECURE_REGISTRIES.</summary>
    public IReadOnlyCollection<string> InsecureRegistries { get; init; } = Array.Empty<string>();

    /// <summary>Blobs larger than this are uploaded in chunks of this size (PATCH), smaller ones in one PUT.</summary>
    public long ChunkSize { get; init; } = 16L * 1024 * 1024;

    /// <summary>The least time between two progress lines of one transfer.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Blobs at least this large get progress lines (and a line when done) at normal verbosity.</summary>
    public long ProgressThreshold { get; init; } = 1024L * 1024;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// The OCI distribution API for one registry: blob existence, monolithic and chunked uploads, manifests by tag or
/// digest, blob downloads checked against their digest. Authentication as registries ask for it (401 with
/// WWW-Authenticate): Bearer tokens from the realm named there (anonymous or with the user's credentials), or Basic.
/// HTTPS always, except for a registry on this machine (localhost, 127.0.0.0/8, ::1) or declared insecure, which
/// are tried with HTTPS first and then plain HTTP, as docker does. Credentials go only into Authorization headers;
/// nothing here logs them or a header.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private readonly string _registry;
    private readonly RegistryClientOptions _options;
    private readonly RegistryCredentials? _credentials;
    private readonly IContainerLog? _log;
    private readonly HttpClient _http;
    private readonly bool _mayUseHttp;
    private readonly Dictionary<string, AuthenticationHeaderValue> _authorizations = new Dictionary<string, AuthenticationHeaderValue>(StringComparer.Ordinal);
    private Uri? _baseUri;

    public RegistryClient(string registry, RegistryClientOptions options, RegistryCredentials? credentials, IContainerLog? log, HttpMessageHandler? handler = null)
    {
        _registry = registry;
        _options = options;
        _credentials = credentials;
        _log = log;
        _mayUseHttp = IsLoopback(registry) || options.InsecureRegistries.Any(r => string.Equals(ContainerSettingsParser.StripScheme(r), registry, StringComparison.OrdinalIgnoreCase));
        _http = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = true, AutomaticDecompression = DecompressionMethods.None }, disposeHandler: true)
        {
            Timeout = options.RequestTimeout,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("GoPack.Sdk");
    }

    /// <summary>The host requests go to: Docker Hub's API host for docker.io.</summary>
    public string ApiHost => _registry == ImageReference.DockerHub ? "registry-1.docker.io" : _registry;

    public void Dispose() => _http.Dispose();

    public static bool IsLoopback(string registry)
    {
        var host = registry;
        if (host.StartsWith("[", StringComparison.Ordinal))
        {
            host = host.Substring(1, Math.Max(0, host.IndexOf(']') - 1));
        }
        else if (host.IndexOf(':') >= 0)
        {
            host = host.Substring(0, host.IndexOf(':'));
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, $"v2/{repository}/blobs/{digest}"), repository, push: false, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, $"checking blob {digest} in {repository}").ConfigureAwait(false);
        return true;
    }

    /// <summary>Uploads a blob from a file, in one PUT or in chunks (PATCH) when it is larger than the chunk size.</summary>
    public async Task UploadBlobAsync(string repository, Descriptor blob, string file, CancellationToken cancellationToken)
    {
        using var start = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"v2/{repository}/blobs/uploads/") { Content = new ByteArrayContent(Array.Empty<byte>()) }, repository, push: true, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(start, $"starting the upload of {blob.Digest} to {repository}").ConfigureAwait(false);
        var location = NextLocation(start, null);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var reportProgress = blob.Size >= _options.ProgressThreshold;
        using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
        if (blob.Size > _options.ChunkSize)
        {
            var buffer = new byte[_options.ChunkSize];
            long offset = 0;
            while (offset < blob.Size)
            {
                var count = await ReadFullAsync(input, buffer, cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    throw new IOException($"{file} is shorter than its descriptor says ({offset} of {blob.Size} bytes).");
                }

                var chunkStart = offset;
                var chunkLocation = location;
                using var patch = await SendAsync(() =>
                {
                    var content = new ByteArrayContent(buffer, 0, count);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    // The distribution spec's form ("start-end"), not HTTP's ("bytes start-end/total"), which .NET's typed header insists on.
                    content.Headers.TryAddWithoutValidation("Content-Range", chunkStart.ToString(CultureInfo.InvariantCulture) + "-" + (chunkStart + count - 1).ToString(CultureInfo.InvariantCulture));
                    return new HttpRequestMessage(new HttpMethod("PATCH"), chunkLocation) { Content = content };
                }, repository, push: true, cancellationToken).ConfigureAwait(false);
                await EnsureSuccessAsync(patch, $"uploading {blob.Digest} to {repository} (bytes {chunkStart}-{chunkStart + count - 1})").ConfigureAwait(false);
                location = NextLocation(patch, location);
                offset += count;
                if (reportProgress && clock.Elapsed - lastReport >= _options.ProgressInterval)
                {
                    lastReport = clock.Elapsed;
                    _log?.Report($"Pushing {Short(blob.Digest)}: {offset * 100 / blob.Size}% ({Megabytes(offset)} of {Megabytes(blob.Size)})");
                }
            }

            var finishLocation = WithDigest(location, blob.Digest);
            using var finish = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, finishLocation) { Content = new ByteArrayContent(Array.Empty<byte>()) }, repository, push: true, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(finish, $"finishing the upload of {blob.Digest} to {repository}").ConfigureAwait(false);
        }
        else
        {
            var putLocation = WithDigest(location, blob.Digest);
            using var put = await SendAsync(() =>
            {
                input.Position = 0;
                var content = new StreamContent(new NonDisposingStream(input), 81920);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Headers.ContentLength = blob.Size;
                return new HttpRequestMessage(HttpMethod.Put, putLocation) { Content = content };
            }, repository, push: true, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(put, $"uploading {blob.Digest} to {repository}").ConfigureAwait(false);
        }

        if (reportProgress)
        {
            _log?.Report($"Pushed {Short(blob.Digest)} ({Megabytes(blob.Size)}) in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        }
    }

    public async Task PutManifestAsync(string repository, string reference, string mediaType, byte[] content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var body = new ByteArrayContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpRequestMessage(HttpMethod.Put, $"v2/{repository}/manifests/{reference}") { Content = body };
        }, repository, push: true, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"putting the manifest {reference} of {repository}").ConfigureAwait(false);
    }

    /// <summary>A manifest or index by tag or digest; when asked by digest, the content must hash to it.</summary>
    public async Task<(byte[] Content, string MediaType, string Digest)> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{reference}");
            foreach (var type in OciMediaTypes.AcceptedManifests)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            return request;
        }, repository, push: false, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable, $"{_registry}/{repository}:{reference} does not exist (the registry answered 404). Check ContainerBaseImage.");
        }

        await EnsureSuccessAsync(response, $"reading the manifest {reference} of {repository}").ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var digest = Digests.Of(content);
        if (Digests.IsValid(reference) && digest != reference)
        {
            throw new RegistryException(GoPackErrors.ContainerDigestMismatch, $"{_registry}/{repository}@{reference}: the registry sent a manifest whose digest is {digest}. Nothing was used.");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        return (content, mediaType, digest);
    }

    /// <summary>Downloads a blob into <paramref name="destination"/>, checking its digest and size; a mismatch leaves no file.</summary>
    public async Task DownloadBlobAsync(string repository, Descriptor blob, string destination, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/blobs/{blob.Digest}"), repository, push: false, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"downloading {blob.Digest} from {repository}").ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var reportProgress = blob.Size >= _options.ProgressThreshold;
        try
        {
            using (var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 81920))
            using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            {
                var hashing = new HashingStream(output);
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hashing.Write(buffer, 0, read);
                    if (hashing.BytesWritten > blob.Size)
                    {
                        break;
                    }

                    if (reportProgress && clock.Elapsed - lastReport >= _options.ProgressInterval)
                    {
                        lastReport = clock.Elapsed;
                        _log?.Report($"Pulling {Short(blob.Digest)}: {hashing.BytesWritten * 100 / blob.Size}% ({Megabytes(hashing.BytesWritten)} of {Megabytes(blob.Size)})");
                    }
                }

                if (hashing.BytesWritten != blob.Size || hashing.Digest != blob.Digest)
                {
                    throw new RegistryException(GoPackErrors.ContainerDigestMismatch, $"{_registry}/{repository}: the blob {blob.Digest} downloaded with {hashing.BytesWritten} bytes and digest {hashing.Digest}, not {blob.Size} bytes and its own digest. Nothing was kept.");
                }
            }
        }
        catch
        {
            File.Delete(destination);
            throw;
        }

        if (reportProgress)
        {
            _log?.Report($"Pulled {Short(blob.Digest)} ({Megabytes(blob.Size)}) in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string repository, bool push, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var scope = $"repository:{repository}:" + (push ? "pull,push" : "pull");
        var baseUri = await GetBaseUriAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var request = create();
            if (!request.RequestUri!.IsAbsoluteUri)
            {
                request.RequestUri = new Uri(baseUri, request.RequestUri);
            }

            AuthenticationHeaderValue? authorization;
            lock (_authorizations)
            {
                _authorizations.TryGetValue(scope, out authorization);
            }

            request.Headers.Authorization = authorization;
            var response = await SendRawAsync(request, cancellationToken, completion).ConfigureAwait(false);
            if ((response.StatusCode != HttpStatusCode.Unauthorized && response.StatusCode != HttpStatusCode.Forbidden) || attempt > 0)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized || response.StatusCode == HttpStatusCode.Forbidden)
                {
                    var credential = _credentials?.For(_registry);
                    response.Dispose();
                    throw new RegistryException(GoPackErrors.ContainerRegistryAuthenticationFailed,
                        $"{_registry} refused {(push ? "to let GoPack push to" : "to let GoPack read")} {repository} ({(int)response.StatusCode} {response.StatusCode}) "
                        + (credential is null
                            ? "and GoPack found no credentials for it: run `docker login " + _registry + "` (or podman login), or set SDK_CONTAINER_REGISTRY_UNAME and SDK_CONTAINER_REGISTRY_PWD."
                            : $"with the {credential}: check them, or log in again."));
                }

                return response;
            }

            var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
            response.Dispose();
            if (challenge is null)
            {
                throw new RegistryException(GoPackErrors.ContainerRegistryAuthenticationFailed, $"{_registry} refused access to {repository} without saying how to authenticate (no WWW-Authenticate header).");
            }

            var header = await AuthenticateAsync(challenge, scope, cancellationToken).ConfigureAwait(false);
            lock (_authorizations)
            {
                _authorizations[scope] = header;
            }
        }
    }

    private async Task<AuthenticationHeaderValue> AuthenticateAsync(AuthenticationHeaderValue challenge, string scope, CancellationToken cancellationToken)
    {
        var credential = _credentials?.For(_registry);
        if (string.Equals(challenge.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (credential is null)
            {
                throw new RegistryException(GoPackErrors.ContainerRegistryAuthenticationFailed,
                    $"{_registry} asks for a user name and password, and GoPack found none: run `docker login {_registry}` (or podman login), or set SDK_CONTAINER_REGISTRY_UNAME and SDK_CONTAINER_REGISTRY_PWD.");
            }

            return Basic(credential);
        }

        if (!string.Equals(challenge.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new RegistryException(GoPackErrors.ContainerRegistryAuthenticationFailed, $"{_registry} asks for {challenge.Scheme} authentication, which GoPack doesn't speak (only Bearer and Basic).");
        }

        var parameters = ParseChallenge(challenge.Parameter ?? "");
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new RegistryException(GoPackErrors.ContainerRegistryAuthenticationFailed, $"{_registry} asks for a token without naming where to get it (no realm).");
        }

        if (realmUri.Scheme == Uri.UriSchemeHttp && !IsLoopback(realmUri.Authority) && !_mayUseHttp)
        {
            throw new RegistryException(GoPackErrors.ContainerInsecureRegistryRefused, $"{_registry} sends GoPack to {realmUri.GetLeftPart(UriPartial.Path)} for a token over plain HTTP, where credentials could be read on the way. Add {_registry} to ContainerInsecureRegistries only if you trust the network.");
        }

        var query = new List<string>();
        if (parameters.TryGetValue("service", out var service))
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        query.Add("scope=" + Uri.EscapeDataString(parameters.TryGetValue("scope", out var asked) && !scope.EndsWith("push", StringComparison.Ordinal) ? asked : scope));
        var tokenUri = new UriBuilder(realmUri) { Query = (realmUri.Query.TrimStart('?') is { Length: > 0 } existing ? existing + "&" : "") + string.Join("&", query) }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, tokenUri);
        if (credential is not null)
        {
            request.Headers.Authorization = Basic(credential);
        }

        using var response = await SendRawAsync(request, cancellationToken, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized || response.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new RegistryException(GoPackErrors.ContainerRegistryAuthenticationFailed,
                $"{realmUri.GetLeftPart(UriPartial.Path)} refused a token for {scope} ({(int)response.StatusCode}) "
                + (credential is null ? $"without credentials: run `docker login {_registry}`, or set SDK_CONTAINER_REGISTRY_UNAME and SDK_CONTAINER_REGISTRY_PWD." : $"with the {credential}: check them, or log in again."));
        }

        await EnsureSuccessAsync(response, "getting a token from " + realmUri.GetLeftPart(UriPartial.Path)).ConfigureAwait(false);
        var body = OciJson.ParseObject(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false), "the token response");
        var token = OciJson.String(body, "token") ?? OciJson.String(body, "access_token");
        if (string.IsNullOrEmpty(token))
        {
            throw new RegistryException(GoPackErrors.ContainerRegistryAuthenticationFailed, $"{realmUri.GetLeftPart(UriPartial.Path)} answered without a token.");
        }

        _log?.Detail($"Got a token from {realmUri.GetLeftPart(UriPartial.Path)} for {scope}" + (credential is null ? " (anonymous)." : $" with the {credential}."));
        return new AuthenticationHeaderValue("Bearer", token);
    }

    private static AuthenticationHeaderValue Basic(RegistryCredential credential) =>
        new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Secret)));

    /// <summary>realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"</summary>
    public static Dictionary<string, string> ParseChallenge(string parameters)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < parameters.Length)
        {
            while (i < parameters.Length && (parameters[i] == ',' || parameters[i] == ' '))
            {
                i++;
            }

            var equals = parameters.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }

            var key = parameters.Substring(i, equals - i).Trim();
            i = equals + 1;
            string value;
            if (i < parameters.Length && parameters[i] == '"')
            {
                var end = parameters.IndexOf('"', i + 1);
                if (end < 0)
                {
                    end = parameters.Length;
                }

                value = parameters.Substring(i + 1, end - i - 1);
                i = end + 1;
            }
            else
            {
                var end = parameters.IndexOf(',', i);
                if (end < 0)
                {
                    end = parameters.Length;
                }

                value = parameters.Substring(i, end - i).Trim();
                i = end;
            }

            result[key] = value;
        }

        return result;
    }

    /// <summary>Finds the scheme once: HTTPS, or for a loopback/insecure registry HTTP when HTTPS can't connect.</summary>
    private async Task<Uri> GetBaseUriAsync(CancellationToken cancellationToken)
    {
        if (_baseUri is not null)
        {
            return _baseUri;
        }

        var https = new Uri($"https://{ApiHost}/");
        try
        {
            using var probe = await SendRawAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(https, "v2/")), cancellationToken, HttpCompletionOption.ResponseHeadersRead, probing: true).ConfigureAwait(false);
            _baseUri = https;
        }
        catch (HttpRequestException e) when (_mayUseHttp)
        {
            _log?.Detail($"{_registry} does not answer HTTPS ({Inner(e).Message}); it is {(IsLoopback(_registry) ? "on this machine" : "declared insecure")}, so GoPack uses plain HTTP.");
            _baseUri = new Uri($"http://{ApiHost}/");
        }
        catch (HttpRequestException e) when (Inner(e) is AuthenticationException || Inner(e) is IOException)
        {
            throw new RegistryException(GoPackErrors.ContainerInsecureRegistryRefused,
                $"{_registry} doesn't answer HTTPS ({Inner(e).Message}). GoPack speaks plain HTTP only to registries on this machine or declared insecure: add {_registry} to ContainerInsecureRegistries (or DOTNET_CONTAINER_INSECURE_REGISTRIES) only if you trust the network.", e);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }

        return _baseUri;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion, bool probing = false)
    {
        try
        {
            var response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            _log?.Detail($"{request.Method} {Redact(request.RequestUri!)}: {(int)response.StatusCode}");
            return response;
        }
        catch (HttpRequestException) when (probing)
        {
            throw;
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryException(GoPackErrors.ContainerRegistryFailed, $"{_registry} did not answer {request.Method} {Redact(request.RequestUri!)} within {_options.RequestTimeout.TotalSeconds} s.", e);
        }
        finally
        {
            request.Dispose();
        }
    }

    private RegistryException Unreachable(HttpRequestException e) =>
        new RegistryException(GoPackErrors.ContainerRegistryFailed, $"{_registry} can't be reached: {Inner(e).Message}. Check the registry's name (ContainerRegistry, ContainerBaseImage) and the network.", e);

    private static Exception Inner(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null && (inner is HttpRequestException || inner.InnerException is AuthenticationException || inner.InnerException is SocketException))
        {
            inner = inner.InnerException;
        }

        return inner;
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (body.Length > 500)
        {
            body = body.Substring(0, 500) + "...";
        }

        throw new RegistryException(GoPackErrors.ContainerRegistryFailed, $"{_registry} failed {what}: {(int)response.StatusCode} {response.ReasonPhrase}{(body.Trim().Length > 0 ? ": " + body.Trim() : "")}");
    }

    private Uri NextLocation(HttpResponseMessage response, Uri? previous)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return previous ?? throw new RegistryException(GoPackErrors.ContainerRegistryFailed, $"{_registry} started an upload without saying where to send it (no Location header).");
        }

        return location.IsAbsoluteUri ? location : new Uri(_baseUri!, location);
    }

    private static Uri WithDigest(Uri location, string digest)
    {
        var builder = new UriBuilder(location);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length > 0 ? query + "&" : "") + "digest=" + Uri.EscapeDataString(digest);
        return builder.Uri;
    }

    /// <summary>Upload locations carry state tokens in their query: the log shows the path only.</summary>
    private static string Redact(Uri uri) => uri.GetLeftPart(UriPartial.Path);

    private static async Task<int> ReadFullAsync(Stream input, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await input.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static string Short(string digest) => digest.Substring(0, Math.Min(digest.Length, 19));

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>A retried request re-reads the file from the start; the client must not close it in between.</summary>
    private sealed class NonDisposingStream : Stream
    {
        private readonly Stream _inner;

        public NonDisposingStream(Stream inner)
        {
            _inner = inner;
        }

        public override bool CanRead => true;
        public override bool CanSeek => _inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;
        public override long Position { get => _inner.Position; set => _inner.Position = value; }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
