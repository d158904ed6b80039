using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GoPack.Sdk.Toolchains.Download;

/// <summary>
/// An exclusive lock shared by every process on the machine (and by concurrent callers in one process):
/// a lock file held open with <see cref="FileShare.None"/>.
/// </summary>
/// <remarks>
/// <para>The OS owns the lock, so a holder that is killed releases it with its handles: no stale lock
/// survives a crashed build, and nothing needs to judge whether a holder is still alive. On Windows this is
/// a sharing violation; on Unix .NET takes an advisory <c>flock</c> for FileShare.None, which every .NET
/// process honours (unless DOTNET_SYSTEM_IO_DISABLEFILELOCKING is set).</para>
/// <para>The file is left in place on release: deleting it would let a waiter lock the deleted file while a
/// newcomer locks a new one of the same name.</para>
/// </remarks>
public sealed class CrossProcessLock : IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(1);

    // How often a long wait says it is still waiting, so a build does not look hung.
    private static readonly TimeSpan StillWaitingInterval = TimeSpan.FromSeconds(30);

    private FileStream? _stream;

    private CrossProcessLock(string lockFilePath, FileStream stream)
    {
        LockFilePath = lockFilePath;
        _stream = stream;
    }

    /// <summary>The lock file's full path.</summary>
    public string LockFilePath { get; }

    /// <summary>
    /// Takes the lock, waiting with growing pauses while another process or caller holds it.
    /// </summary>
    /// <param name="lockFilePath">Created, with its folder, if missing.</param>
    /// <param name="timeout">How long to wait at most; <see cref="Timeout.InfiniteTimeSpan"/> to wait until cancelled.</param>
    /// <param name="waitingMessage">Reported once when the lock is found taken (and every 30 s after), e.g. "Waiting for another build to download go1.22.3".</param>
    /// <exception cref="TimeoutException">The lock was still taken after <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public static async Task<CrossProcessLock> AcquireAsync(
        string lockFilePath,
        TimeSpan timeout,
        string? waitingMessage = null,
        IDownloadProgress? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (lockFilePath is null)
        {
            throw new ArgumentNullException(nameof(lockFilePath));
        }

        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout));
        }

        var path = Path.GetFullPath(lockFilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var waited = Stopwatch.StartNew();
        var delay = FirstRetryDelay;
        var nextWaitingReport = TimeSpan.Zero;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var acquired = TryAcquire(path);
            if (acquired is not null)
            {
                return acquired;
            }

            var elapsed = waited.Elapsed;
            if (timeout != Timeout.InfiniteTimeSpan && elapsed >= timeout)
            {
                throw new TimeoutException(
                    $"Gave up after {FormatSeconds(elapsed)} waiting for the lock file '{path}', which another build is holding. " +
                    "If no other build is running, a process that is stuck still holds it.");
            }

            if (elapsed >= nextWaitingReport)
            {
                if (waitingMessage is not null)
                {
                    progress?.Report(nextWaitingReport == TimeSpan.Zero
                        ? $"{waitingMessage} (lock file {path})"
                        : $"{waitingMessage} (still waiting after {FormatSeconds(elapsed)})");
                }

                nextWaitingReport = elapsed + StillWaitingInterval;
            }

            var pause = delay;
            if (timeout != Timeout.InfiniteTimeSpan && elapsed + pause > timeout)
            {
                pause = timeout - elapsed;
            }

            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
        }
    }

    /// <summary>Takes the lock if it is free, without waiting; null when someone holds it.</summary>
    public static CrossProcessLock? TryAcquire(string lockFilePath)
    {
        if (lockFilePath is null)
        {
            throw new ArgumentNullException(nameof(lockFilePath));
        }

        var path = Path.GetFullPath(lockFilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return new CrossProcessLock(path, stream);
        }
        catch (IOException e) when (e is not DirectoryNotFoundException && e is not PathTooLongException && e is not FileNotFoundException)
        {
            // Held elsewhere: a sharing violation on Windows, EWOULDBLOCK from flock on Unix.
            return null;
        }
    }

    /// <summary>Releases the lock. Safe to call more than once.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _stream, null)?.Dispose();
    }

    private static string FormatSeconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
