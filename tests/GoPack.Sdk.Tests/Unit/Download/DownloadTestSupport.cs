using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using GoPack.Sdk.Toolchains.Download;

namespace GoPack.Sdk.Tests.Unit.Download;

/// <summary>A unique directory under the system temp folder, deleted with everything in it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "gopack-download")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());

    public void Dispose()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }

        // Extracted trees may hold read-only directories; make them deletable first.
        if (!OperatingSystem.IsWindows())
        {
            foreach (string directory in Directory.EnumerateDirectories(Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                try
                {
                    File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
                catch (IOException)
                {
                }
            }
        }

        Directory.Delete(Path, recursive: true);
    }
}

/// <summary>Collects what the download classes report, from any thread.</summary>
internal sealed class RecordingProgress : IDownloadProgress
{
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentQueue<(long Received, long? Total)> _progress = new();

    public IReadOnlyList<string> Messages => _messages.ToArray();

    public IReadOnlyList<(long Received, long? Total)> ProgressCalls => _progress.ToArray();

    public void Report(string message) => _messages.Enqueue(message);

    public void Progress(long bytesReceived, long? totalBytes) => _progress.Enqueue((bytesReceived, totalBytes));
}

/// <summary>
/// An HTTP server on 127.0.0.1 and a free port, serving byte arrays per path and counting requests, with
/// ways to misbehave: delay, cut the connection mid-body, stall, or answer with an error status.
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public LoopbackServer()
    {
        // HttpListener cannot bind port 0, so borrow a free port from the OS; retry if someone takes it meanwhile.
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
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

    public Uri Url(string path) => new(BaseUri, path);

    public void Serve(string path, byte[] content, TimeSpan? delay = null, int? cutAfterBytes = null, int? stallAfterBytes = null, int status = 200) =>
        _routes[Normalize(path)] = new Route(content, delay ?? TimeSpan.Zero, cutAfterBytes, stallAfterBytes, status);

    public void Serve(string path, string content) => Serve(path, Encoding.UTF8.GetBytes(content));

    public int RequestCount(string path) => _requests.TryGetValue(Normalize(path), out int count) ? count : 0;

    public int TotalRequests => _requests.Values.Sum();

    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }

        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private static string Normalize(string path) => "/" + path.TrimStart('/');

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
            if (!_routes.TryGetValue(path, out Route? route))
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }

            if (route.Delay > TimeSpan.Zero)
            {
                await Task.Delay(route.Delay, _stopping.Token);
            }

            response.StatusCode = route.Status;
            response.ContentLength64 = route.Content.Length;
            Stream output = response.OutputStream;
            if (route.CutAfterBytes is int cut)
            {
                await output.WriteAsync(route.Content.AsMemory(0, cut));
                await output.FlushAsync();
                await Task.Delay(100);
                response.Abort();
                return;
            }

            if (route.StallAfterBytes is int stall)
            {
                await output.WriteAsync(route.Content.AsMemory(0, stall));
                await output.FlushAsync();
                await Task.Delay(Timeout.Infinite, _stopping.Token);
                return;
            }

            // Several writes, so that a client sees the body arrive in chunks.
            const int chunk = 16 * 1024;
            for (int offset = 0; offset < route.Content.Length; offset += chunk)
            {
                await output.WriteAsync(route.Content.AsMemory(offset, Math.Min(chunk, route.Content.Length - offset)));
                await output.FlushAsync();
            }

            response.Close();
        }
        catch (Exception)
        {
            // The client went away, or the server is stopping.
            try
            {
                response.Abort();
            }
            catch (Exception)
            {
            }
        }
    }

    private sealed record Route(byte[] Content, TimeSpan Delay, int? CutAfterBytes, int? StallAfterBytes, int Status);
}

/// <summary>Small stand-ins for Go's archives and feed: a go/bin/go script and a go/VERSION file, never a real toolchain.</summary>
internal static class FakeGo
{
    public const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    public const UnixFileMode Regular = (UnixFileMode)0b110_100_100;
    public const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;

    public static string Script(string release, string platform = "linux/amd64") => $"#!/bin/sh\necho \"go version {release} {platform}\"\n";

    /// <summary>A tar.gz shaped like Go's: everything under go/, an executable bin/go, VERSION and a bit of padding.</summary>
    public static byte[] TarGz(string release = "go1.22.3", int paddingBytes = 0) => TarGz(writer =>
    {
        writer.WriteEntry(TarDirectory("go/"));
        writer.WriteEntry(TarDirectory("go/bin/"));
        writer.WriteEntry(TarFile("go/bin/go", Script(release), Executable));
        writer.WriteEntry(TarFile("go/VERSION", $"{release}\ntime 2024-05-01T19:51:52Z\n", Regular));
        writer.WriteEntry(TarDirectory("go/src/"));
        writer.WriteEntry(TarFile("go/src/go.mod", "module std\n", Regular));
        if (paddingBytes > 0)
        {
            // Random, so gzip cannot shrink it and the download really is that long.
            var data = new byte[paddingBytes];
            new Random(42).NextBytes(data);
            writer.WriteEntry(TarFile("go/pkg/padding.bin", data, Regular));
        }
    });

    public static byte[] Zip(string release = "go1.22.3") => Zip(zip =>
    {
        AddZipFile(zip, "go/bin/go.exe", "MZ fake " + release);
        AddZipFile(zip, "go/VERSION", release + "\n");
        zip.CreateEntry("go/src/");
        AddZipFile(zip, "go/src/go.mod", "module std\n");
    });

    public static byte[] TarGz(Action<TarWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    public static byte[] Zip(Action<ZipArchive> write)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            write(zip);
        }

        return buffer.ToArray();
    }

    public static ZipArchiveEntry AddZipFile(ZipArchive zip, string name, string content, int? unixMode = null)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name);
        if (unixMode is int mode)
        {
            entry.ExternalAttributes = mode << 16;
        }

        using Stream stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
        return entry;
    }

    public static PaxTarEntry TarDirectory(string name, UnixFileMode mode = DirectoryMode) =>
        new(TarEntryType.Directory, name) { Mode = mode };

    public static PaxTarEntry TarFile(string name, string content, UnixFileMode mode = Regular) =>
        TarFile(name, Encoding.UTF8.GetBytes(content), mode);

    public static PaxTarEntry TarFile(string name, byte[] content, UnixFileMode mode = Regular) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = mode };

    public static PaxTarEntry TarSymlink(string name, string target) =>
        new(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0b111_111_111 };

    public static PaxTarEntry TarHardLink(string name, string target) =>
        new(TarEntryType.HardLink, name) { LinkName = target, Mode = Regular };

    public static string Sha256(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    /// <summary>One feed entry's JSON for an archive.</summary>
    public static string FileJson(string fileName, string os, string arch, string release, string sha256, long size, string kind = "archive") =>
        $$"""{"filename":"{{fileName}}","os":"{{os}}","arch":"{{arch}}","version":"{{release}}","sha256":"{{sha256}}","size":{{size}},"kind":"{{kind}}"}""";

    public static string ReleaseJson(string release, bool stable, params string[] files) =>
        $$"""{"version":"{{release}}","stable":{{(stable ? "true" : "false")}},"files":[{{string.Join(",", files)}}]}""";

    public static string FeedJson(params string[] releases) => "[" + string.Join(",\n", releases) + "]";

    /// <summary>A file record for <paramref name="archive"/> as Go would publish it for linux/amd64.</summary>
    public static GoReleaseFile LinuxFile(byte[] archive, string release = "go1.22.3", string? sha256 = null, long? size = null) =>
        new($"{release}.linux-amd64.tar.gz", "linux", "amd64", GoPack.Sdk.Toolchains.GoVersion.Parse(release), sha256 ?? Sha256(archive), size ?? archive.Length, "archive");
}
