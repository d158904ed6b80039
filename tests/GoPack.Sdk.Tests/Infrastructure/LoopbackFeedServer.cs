using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// A Go download mirror for end-to-end tests: an HTTP server on 127.0.0.1 and a free port (never another address)
/// serving files from disk and texts from memory, counting requests per path, and able to cut a download short.
/// </summary>
public sealed class LoopbackFeedServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _texts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _cutOnce = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _disposed;

    public LoopbackFeedServer()
    {
        // HttpListener can't bind port 0: borrow a free port from the OS, and retry if it is taken meanwhile.
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseUrl = $"http://127.0.0.1:{port}/";
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(AcceptLoop);
    }

    /// <summary>The mirror folder's URL, ending in a slash: what GoToolchainFeed takes.</summary>
    public string BaseUrl { get; }

    public LoopbackFeedServer ServeFile(string name, string path)
    {
        _files[Normalize(name)] = path;
        return this;
    }

    public LoopbackFeedServer ServeText(string name, string text)
    {
        _texts[Normalize(name)] = Encoding.UTF8.GetBytes(text);
        return this;
    }

    /// <summary>The next request for <paramref name="name"/> gets its full Content-Length announced, <paramref name="bytes"/> bytes, then a dropped connection.</summary>
    public void CutNextDownloadAfter(string name, long bytes) => _cutOnce[Normalize(name)] = bytes;

    public int RequestCount(string name) => _requests.TryGetValue(Normalize(name), out int count) ? count : 0;

    public int TotalRequests => _requests.Values.Sum();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        try { _listener.Close(); } catch (ObjectDisposedException) { }
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    private static string Normalize(string name) => "/" + name.TrimStart('/');

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
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

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        string path = context.Request.Url!.AbsolutePath;
        _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        HttpListenerResponse response = context.Response;
        try
        {
            Stream? body = _texts.TryGetValue(path, out byte[]? text) ? new MemoryStream(text)
                : _files.TryGetValue(path, out string? file) ? File.OpenRead(file)
                : null;
            if (body is null)
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }

            await using (body)
            {
                response.StatusCode = 200;
                response.ContentLength64 = body.Length;
                long limit = _cutOnce.TryRemove(path, out long cut) ? cut : long.MaxValue;
                var buffer = new byte[64 * 1024];
                long sent = 0;
                while (sent < limit)
                {
                    int read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - sent)), _stopping.Token);
                    if (read == 0) break;
                    await response.OutputStream.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
                    sent += read;
                }

                if (sent < body.Length)
                {
                    // What a server that dies mid-download looks like to the client: fewer bytes than announced, then a reset.
                    await response.OutputStream.FlushAsync();
                    response.Abort();
                    return;
                }
            }

            response.Close();
        }
        catch (Exception)
        {
            // The client went away or the server is stopping.
            try { response.Abort(); } catch (Exception) { }
        }
    }
}
