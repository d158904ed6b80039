using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// An HTTP server for download tests, on 127.0.0.1 and a free port (never another address, so no test can reach out
/// of the machine): it serves byte arrays, texts and files from disk per path, counts requests per path, and can
/// misbehave the ways real servers do: answer late, drop the connection mid-body, stall, or answer with an error status.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    // Small enough that even a test archive of a few hundred KB reaches the client in several reads.
    private const int ChunkSize = 16 * 1024;

    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _cutOnce = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _handlers = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _disposed;

    public LoopbackServer()
    {
        // HttpListener can't bind port 0: borrow a free port from the OS, and retry if someone takes it meanwhile.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseUri = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(AcceptLoop);
    }

    public Uri BaseUri { get; }

    /// <summary><see cref="BaseUri"/> as text ending in a slash: what GoToolchainFeed and GOPACK_GO_DOWNLOAD_BASE take.</summary>
    public string BaseUrl => BaseUri.AbsoluteUri;

    public Uri Url(string path) => new(BaseUri, path);

    /// <param name="delay">How long to wait before answering.</param>
    /// <param name="cutAfterBytes">Every response announces the full Content-Length, sends this many bytes, then drops the connection.</param>
    /// <param name="stallAfterBytes">Every response sends this many bytes, then nothing more until the server is disposed.</param>
    /// <param name="status">The status code, sent with the content as its body.</param>
    public LoopbackServer Serve(string path, byte[] content, TimeSpan? delay = null, long? cutAfterBytes = null, long? stallAfterBytes = null, int status = 200) =>
        Add(path, () => new MemoryStream(content, writable: false), delay, cutAfterBytes, stallAfterBytes, status);

    public LoopbackServer Serve(string path, string text) => Serve(path, Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Serves <paramref name="file"/> as it is on disk at each request, streamed rather than loaded: a real Go archive
    /// is too large to hold in memory per test. The other parameters are <see cref="Serve(string, byte[], TimeSpan?, long?, long?, int)"/>'s.
    /// </summary>
    public LoopbackServer ServeFile(string path, string file, TimeSpan? delay = null, long? cutAfterBytes = null, long? stallAfterBytes = null, int status = 200)
    {
        // Here rather than at request time, where a missing file could only show as a dropped connection.
        if (!File.Exists(file)) throw new FileNotFoundException($"No file to serve at {path}.", file);
        return Add(path, () => new FileStream(file, new FileStreamOptions { Options = FileOptions.Asynchronous | FileOptions.SequentialScan }), delay, cutAfterBytes, stallAfterBytes, status);
    }

    /// <summary>
    /// The next request for <paramref name="path"/> gets the full Content-Length announced, <paramref name="bytes"/>
    /// bytes, then a dropped connection; the ones after it are answered in full again.
    /// </summary>
    public void CutNextDownloadAfter(string path, long bytes) => _cutOnce[Normalize(path)] = bytes;

    public int RequestCount(string path) => _requests.TryGetValue(Normalize(path), out var count) ? count : 0;

    public int TotalRequests => _requests.Values.Sum();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        try { _listener.Close(); } catch (ObjectDisposedException) { }

        // Bounded, so that a client stuck mid-response can't hang the test; handlers catch everything, so only the
        // timeout can end the wait early, and a handler still running then may yet read the token.
        if (Task.WaitAll([_loop, .. _handlers.Keys], TimeSpan.FromSeconds(5))) _stopping.Dispose();
    }

    private LoopbackServer Add(string path, Func<Stream> open, TimeSpan? delay, long? cutAfterBytes, long? stallAfterBytes, int status)
    {
        if (cutAfterBytes is not null && stallAfterBytes is not null)
        {
            throw new ArgumentException("A response is either cut or stalled, not both.", nameof(stallAfterBytes));
        }

        _routes[Normalize(path)] = new Route(open, delay ?? TimeSpan.Zero, cutAfterBytes, stallAfterBytes, status);
        return this;
    }

    private static string Normalize(string path) => "/" + path.TrimStart('/');

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptLoop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var handler = Task.Run(() => HandleAsync(context));
            _handlers.TryAdd(handler, true);
            _ = handler.ContinueWith(done => _handlers.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        var response = context.Response;
        try
        {
            if (!_routes.TryGetValue(path, out var route))
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }

            if (route.Delay > TimeSpan.Zero)
            {
                await Task.Delay(route.Delay, _stopping.Token);
            }

            await using var body = route.Open();
            response.StatusCode = route.Status;
            response.ContentLength64 = body.Length;
            var cut = _cutOnce.TryRemove(path, out var once) ? once : route.CutAfterBytes;
            var limit = cut ?? route.StallAfterBytes ?? long.MaxValue;
            var output = response.OutputStream;
            var buffer = new byte[ChunkSize];
            long sent = 0;
            while (sent < limit)
            {
                var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - sent)), _stopping.Token);
                if (read == 0) break;
                await output.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
                await output.FlushAsync(_stopping.Token);
                sent += read;
            }

            if (sent < body.Length && cut is not null)
            {
                // The reset would discard bytes still on their way; the client must see a short body, not a shorter one.
                await Task.Delay(100, _stopping.Token);
                response.Abort();
                return;
            }

            if (sent < body.Length)
            {
                await Task.Delay(Timeout.Infinite, _stopping.Token);
                return;
            }

            response.Close();
        }
        catch (Exception)
        {
            // The client went away, or the server is stopping.
            try { response.Abort(); } catch (Exception) { }
        }
    }

    private sealed record Route(Func<Stream> Open, TimeSpan Delay, long? CutAfterBytes, long? StallAfterBytes, int Status);
}
