using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GoPack.Sdk.Common;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Toolchains.Download;

/// <summary>
/// Downloads the Go release feed and toolchain archives, verifies them, and installs them into a
/// <see cref="ToolchainCache"/>, once per machine however many builds ask at the same time.
/// </summary>
/// <remarks>
/// Sources may be <c>http</c>, <c>https</c> or <c>file</c> URLs (see <see cref="GoDownloadSource"/>). Failures to
/// fetch or verify throw <see cref="ToolchainDownloadException"/>; cancellation throws
/// <see cref="OperationCanceledException"/>. Either way nothing is left that the cache would use.
/// </remarks>
public sealed class ToolchainInstaller
{
    // A feed is a few megabytes; anything far larger is not a feed, and must not be read into memory.
    private const long MaxFeedBytes = 64L * 1024 * 1024;
    private const int BufferSize = 81920;
    private const double BytesPerMegabyte = 1024 * 1024;

    private static readonly Lazy<HttpClient> SharedHttpClient = new Lazy<HttpClient>(CreateHttpClient, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HttpClient _httpClient;
    private readonly IDownloadProgress? _progress;

    /// <param name="httpClient">Null to use a shared client with the system's proxy settings and no overall timeout (see <see cref="StallTimeout"/>).</param>
    public ToolchainInstaller(ToolchainCache cache, IDownloadProgress? progress = null, HttpClient? httpClient = null)
    {
        Cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _progress = progress;
        _httpClient = httpClient ?? SharedHttpClient.Value;
    }

    public ToolchainCache Cache { get; }

    /// <summary>How long to wait for another build that is installing the same toolchain. 30 minutes by default: a slow link may need that for 70 MB.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The least time between two progress lines of a download (2 s by default); they are timed, not counted per chunk.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a request may go without receiving anything before it counts as failed (60 s by default).
    /// A stall is what a dead connection looks like; a total timeout would instead fail slow but working links.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Fetches and parses the release feed, e.g. <see cref="GoDownloadSource.FeedUri"/>.</summary>
    /// <exception cref="ToolchainDownloadException">The feed could not be fetched or is not a valid feed.</exception>
    public async Task<GoReleaseFeed> GetFeedAsync(Uri feedUri, CancellationToken cancellationToken)
    {
        if (feedUri is null)
        {
            throw new ArgumentNullException(nameof(feedUri));
        }

        const string what = "the Go release feed";
        string text;
        using (var buffer = new MemoryStream())
        {
            await DownloadAsync(feedUri, what, buffer, hash: null, expectedLength: null, reportProgress: false, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            using var reader = new StreamReader(buffer, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }

        try
        {
            return GoReleaseFeed.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ToolchainDownloadException($"The Go release feed from {feedUri} is not usable: {e.Message}", feedUri, e);
        }
    }

    /// <summary>
    /// Makes <paramref name="file"/> an entry of the cache and returns it: at once if it is there already; else,
    /// holding the entry's cross-process lock, after another build finished it or after downloading
    /// <c>&lt;baseUri&gt;/&lt;file name&gt;</c> next to the cache, checking its SHA-256, extracting it next to
    /// the cache and renaming it into place.
    /// </summary>
    /// <exception cref="ToolchainDownloadException">The download failed, did not match the feed's SHA-256 or size, or the archive was refused.</exception>
    /// <exception cref="TimeoutException">Another build held the entry's lock for longer than <see cref="LockTimeout"/>.</exception>
    public async Task<GoToolchain> InstallAsync(GoReleaseFile file, Uri baseUri, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        if (baseUri is null)
        {
            throw new ArgumentNullException(nameof(baseUri));
        }

        var version = file.Version;
        var release = version.ReleaseName;
        if (!GoDownloadSource.IsPlainFileName(file.FileName))
        {
            throw new ToolchainDownloadException($"The Go release feed gives '{file.FileName}' as the file name of {release}, which is not a plain file name", baseUri);
        }

        var url = GoDownloadSource.GetArchiveUri(baseUri, file.FileName);
        if (!IsSha256(file.Sha256))
        {
            // Installing something unverified would make the cache only as trustworthy as the network.
            throw new ToolchainDownloadException($"The Go release feed has no valid SHA-256 for {file.FileName}, so GoPack will not install it from {url}", url);
        }

        GoArchivePlatform platform;
        try
        {
            platform = new GoArchivePlatform(file.Os, file.Arch);
        }
        catch (ArgumentException e)
        {
            throw new ToolchainDownloadException($"The Go release feed gives {file.FileName} the platform '{file.Os}/{file.Arch}', which is not a Go platform", url, e);
        }

        var installed = Cache.Find(version, platform);
        if (installed is not null)
        {
            return installed;
        }

        var entry = Cache.GetEntryPath(version, platform);
        var toolchainName = platform.GetToolchainName(version);
        using (await CrossProcessLock.AcquireAsync(
                   Cache.GetLockPath(version, platform),
                   LockTimeout,
                   $"Waiting for another build to download {toolchainName}",
                   _progress,
                   cancellationToken).ConfigureAwait(false))
        {
            // Whoever held the lock may have just installed it.
            installed = Cache.Find(version, platform);
            if (installed is not null)
            {
                _progress?.Report($"Using {toolchainName}, installed by another build in {entry}");
                return installed;
            }

            Cache.WriteModuleStopper();

            // Holding the lock, anything temporary of this entry belongs to a build that was killed.
            var prefix = Cache.GetTemporaryPrefix(version, platform);
            DeleteLeftovers(prefix);

            var unique = Guid.NewGuid().ToString("N").Substring(0, 12);
            var archivePath = Path.Combine(Cache.Root, prefix + unique + ArchiveExtension(file.FileName));
            var extractPath = Path.Combine(Cache.Root, prefix + unique);
            try
            {
                var sha256 = await DownloadArchiveAsync(file, platform, url, archivePath, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ToolchainDownloadException(
                        $"The SHA-256 of {file.FileName} downloaded from {url} is {sha256}, but the Go release feed says {file.Sha256}; " +
                        "the file is damaged or not the one the feed describes, and nothing was installed",
                        url);
                }

                await Task.Run(() => Extract(file, url, archivePath, extractPath, cancellationToken), cancellationToken).ConfigureAwait(false);
                TryDeleteFile(archivePath);

                var executable = Path.Combine(extractPath, "bin", platform.ExecutableName);
                if (!File.Exists(executable))
                {
                    throw new ToolchainDownloadException($"The archive {file.FileName} from {url} has no go/bin/{platform.ExecutableName}, so it is not a Go toolchain for {platform}", url);
                }

                ToolchainCache.WriteMarker(extractPath, version, sha256, url);
                MoveIntoPlace(extractPath, entry, version, platform);
                _progress?.Report($"Installed {toolchainName} in {entry}");
            }
            finally
            {
                TryDeleteFile(archivePath);
                TryDeleteDirectory(extractPath);
            }
        }

        return Cache.Find(version, platform)
            ?? throw new ToolchainDownloadException($"{toolchainName} was installed in {entry} but is not there any more", url);
    }

    private async Task<string> DownloadArchiveAsync(GoReleaseFile file, GoArchivePlatform platform, Uri url, string archivePath, CancellationToken cancellationToken)
    {
        var release = file.Version.ReleaseName;
        var size = file.Size > 0 ? $" ({FormatMegabytes(file.Size)})" : string.Empty;
        _progress?.Report($"Downloading {release} for {platform}{size} from {url}");

        var clock = Stopwatch.StartNew();
        long received;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            using (var output = new FileStream(archivePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                received = await DownloadAsync(url, release, output, hash, file.Size > 0 ? file.Size : null, reportProgress: true, cancellationToken).ConfigureAwait(false);
            }

            if (file.Size > 0 && received != file.Size)
            {
                throw new ToolchainDownloadException($"Downloading {release} from {url} gave {received} bytes, but the Go release feed says {file.Size}; nothing was installed", url);
            }

            _progress?.Progress(received, file.Size > 0 ? file.Size : received);
            _progress?.Report($"Downloaded {release} ({FormatMegabytes(received)}) from {url} in {FormatSeconds(clock.Elapsed)}");
            return Hex.Lower(hash.GetHashAndReset());
        }
    }

    /// <summary>Copies <paramref name="url"/> into <paramref name="destination"/>, turning network failures into <see cref="ToolchainDownloadException"/>.</summary>
    /// <returns>The number of bytes received.</returns>
    private async Task<long> DownloadAsync(
        Uri url,
        string what,
        Stream destination,
        IncrementalHash? hash,
        long? expectedLength,
        bool reportProgress,
        CancellationToken cancellationToken)
    {
        // One source of cancellation for both the caller and the stall timer, re-armed before every wait.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            Stream body;
            long? length;
            if (url.IsFile)
            {
                var fileStream = new FileStream(url.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
                body = fileStream;
                length = fileStream.Length;
            }
            else
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                Arm(stall);
                response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new ToolchainDownloadException(
                        $"Could not download {what} from {url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}",
                        url);
                }

                length = response.Content.Headers.ContentLength;
                Arm(stall);
#if NET
                body = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
#else
                body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            }

            using (body)
            {
                var total = length ?? expectedLength;
                return await CopyAsync(url, what, body, destination, hash, total, reportProgress, stall, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            throw new ToolchainDownloadException(
                $"Could not download {what} from {url}: nothing was received for {FormatSeconds(StallTimeout)}",
                url,
                e);
        }
        catch (Exception e) when (e is HttpRequestException || e is IOException || e is UnauthorizedAccessException || e is WebException)
        {
            throw new ToolchainDownloadException($"Could not download {what} from {url}: {Describe(e)}", url, e);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private async Task<long> CopyAsync(
        Uri url,
        string what,
        Stream body,
        Stream destination,
        IncrementalHash? hash,
        long? total,
        bool reportProgress,
        CancellationTokenSource stall,
        CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        long received = 0;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            Arm(stall);
            var read = await body.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return received;
            }

            received += read;
            if (hash is null && received > MaxFeedBytes)
            {
                throw new ToolchainDownloadException($"{what} from {url} is larger than {FormatMegabytes(MaxFeedBytes)}, which no release feed is", url);
            }

            hash?.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
            var now = clock.Elapsed;
            if (reportProgress && now - lastReport >= ProgressInterval)
            {
                lastReport = now;
                ReportProgress(what, received, total);
            }
        }
    }

    private void ReportProgress(string what, long received, long? total)
    {
        if (_progress is null)
        {
            return;
        }

        _progress.Progress(received, total);
        if (total is long t && t > 0)
        {
            var percent = Math.Min(100, received * 100 / t);
            _progress.Report($"Downloading {what}: {percent}% ({FormatNumber(received / BytesPerMegabyte)} of {FormatMegabytes(t)})");
        }
        else
        {
            _progress.Report($"Downloading {what}: {FormatMegabytes(received)}");
        }
    }

    private static void Extract(GoReleaseFile file, Uri url, string archivePath, string extractPath, CancellationToken cancellationToken)
    {
        try
        {
            new SafeArchiveExtractor().Extract(archivePath, extractPath, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new ToolchainDownloadException($"The archive {file.FileName} from {url} cannot be installed: {e.Message}", url, e);
        }
    }

    private void MoveIntoPlace(string extractPath, string entry, GoVersion version, GoArchivePlatform platform)
    {
        // Only a directory without a marker can be here (Find said no): never used, safe to replace under the lock.
        if (Directory.Exists(entry))
        {
            Directory.Delete(entry, recursive: true);
        }

        try
        {
            Directory.Move(extractPath, entry);
        }
        catch (IOException) when (Cache.Find(version, platform) is not null)
        {
            // A process that does not take the lock (an older GoPack, a script) got there first; theirs is as good as ours.
            _progress?.Report($"Using {platform.GetToolchainName(version)}, installed meanwhile by another process in {entry}");
        }
    }

    private void DeleteLeftovers(string prefix)
    {
        string[] leftovers;
        try
        {
            leftovers = Directory.Exists(Cache.Root) ? Directory.GetFileSystemEntries(Cache.Root, prefix + "*") : Array.Empty<string>();
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            return;
        }

        foreach (var leftover in leftovers)
        {
            if (Directory.Exists(leftover))
            {
                TryDeleteDirectory(leftover);
            }
            else
            {
                TryDeleteFile(leftover);
            }
        }
    }

    private void Arm(CancellationTokenSource stall)
    {
        // CancelAfter re-arms the same timer, so a stall is measured from the last sign of life.
        stall.CancelAfter(StallTimeout);
    }

    private static HttpClient CreateHttpClient()
    {
        // No automatic decompression: a server that gzips a .tar.gz again must not change the bytes that are hashed.
        var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("GoPack.Sdk");
        return client;
    }

    private static string ArchiveExtension(string fileName)
    {
        if (fileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase))
        {
            return ".tar.gz";
        }

        return Path.GetExtension(fileName);
    }

    private static bool IsSha256(string? text)
    {
        if (text is null || text.Length != 64)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(Exception e)
    {
        // HttpRequestException says "An error occurred while sending the request"; the cause is inside.
        var builder = new StringBuilder(e.Message.TrimEnd('.'));
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            // Socket errors repeat themselves ("Connection refused (127.0.0.1:80)" wrapping "Connection refused").
            var message = inner.Message.TrimEnd('.');
            if (builder.ToString().IndexOf(message, StringComparison.Ordinal) < 0)
            {
                builder.Append(" (").Append(message).Append(')');
            }
        }

        return builder.ToString();
    }

    private static string FormatMegabytes(long bytes) => FormatNumber(bytes / BytesPerMegabyte) + " MB";

    private static string FormatNumber(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string FormatSeconds(TimeSpan span) => FormatNumber(span.TotalSeconds) + " s";

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            // A leftover is removed by the next install of the same entry, under its lock.
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            // As above: the next install under the lock cleans up.
        }
    }
}
