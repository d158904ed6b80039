using System.Diagnostics;
using GoPack.Sdk.Toolchains.Download;

namespace GoPack.Sdk.Tests.Unit.Download;

public sealed class CrossProcessLockTests : IDisposable
{
    private readonly TempDirectory _temp = new("gopack-lock");

    public void Dispose() => _temp.Dispose();

    private string LockPath => _temp.Combine(".locks", "go1.22.3.linux-amd64.lock");

    [Fact]
    public async Task Acquiring_creates_the_lock_file_and_its_folder()
    {
        using var held = await CrossProcessLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(5));

        Assert.Equal(LockPath, held.LockFilePath);
        Assert.True(File.Exists(LockPath));
    }

    [Fact]
    public async Task A_held_lock_makes_others_wait_until_the_timeout_and_says_so()
    {
        var progress = new RecordingProgress();
        using var held = await CrossProcessLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<TimeoutException>(() =>
            CrossProcessLock.AcquireAsync(LockPath, TimeSpan.FromMilliseconds(400), "Waiting for another build to download go1.22.3", progress));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(350), $"gave up after {clock.Elapsed}");
        Assert.Contains(LockPath, e.Message);
        var message = Assert.Single(progress.Messages);
        Assert.Equal($"Waiting for another build to download go1.22.3 (lock file {LockPath})", message);
        Assert.Null(CrossProcessLock.TryAcquire(LockPath));
    }

    [Fact]
    public async Task A_waiter_gets_the_lock_once_it_is_released()
    {
        var held = await CrossProcessLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(5));
        var waiting = CrossProcessLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        held.Dispose();
        using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(File.Exists(LockPath));
    }

    [Fact]
    public async Task Dispose_releases_and_is_idempotent()
    {
        var held = await CrossProcessLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(5));
        held.Dispose();
        held.Dispose();

        using var again = CrossProcessLock.TryAcquire(LockPath);

        Assert.NotNull(again);
        // Kept on release: deleting it would let two builds lock two different files of the same name.
        Assert.True(File.Exists(LockPath));
    }

    [Fact]
    public async Task Waiting_can_be_cancelled()
    {
        using var held = await CrossProcessLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(5));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CrossProcessLock.AcquireAsync(LockPath, Timeout.InfiniteTimeSpan, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task Exclusion_holds_between_many_concurrent_callers()
    {
        var inside = 0;
        var maxInside = 0;
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                using (await CrossProcessLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(30)))
                {
                    var now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref maxInside, now);
                    await Task.Delay(2);
                    Interlocked.Decrement(ref inside);
                }
            }
        })).ToArray();

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, maxInside);
    }

    [Fact]
    public async Task A_killed_holder_in_another_process_releases_the_lock()
    {
        // .NET's FileShare.None is flock(2) on Unix, which flock(1) shares; Windows has no flock(1).
        if (OperatingSystem.IsWindows() || !File.Exists("/usr/bin/flock"))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", new[] { "--exclusive", LockPath, "sleep", "60" })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            // Wait until the other process really holds it.
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                var probe = CrossProcessLock.TryAcquire(LockPath);
                if (probe is null)
                {
                    break;
                }

                probe.Dispose();
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "flock never took the lock");
                await Task.Delay(20);
            }

            await Assert.ThrowsAsync<TimeoutException>(() => CrossProcessLock.AcquireAsync(LockPath, TimeSpan.FromMilliseconds(200)));

            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();

            using var acquired = await CrossProcessLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(10));
            Assert.NotNull(acquired);
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
