using System.Diagnostics;
using GoPack.Sdk.Execution;

namespace GoPack.Sdk.Tests.Unit.Execution;

/// <summary>
/// GoCommandSlots limits the compiling go commands running at once on the machine. A slot must be exclusive across
/// processes, come free when its holder dies however it dies, and never make a build hang: not for a cancellation,
/// not for a folder where no slot can be made.
/// </summary>
public sealed class GoCommandSlotsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gopack-slots-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Slots => Path.Combine(_root, "slots");

    /// <summary>An Acquire on a thread of its own (xunit's analyzers rightly forbid blocking on tasks in tests).</summary>
    private sealed class Waiter
    {
        public readonly ManualResetEventSlim Waiting = new(), Done = new();
        public IDisposable? Slot;
        public Exception? Error;

        public Waiter(string directory, int limit, CancellationToken cancellation)
        {
            new Thread(() =>
            {
                try { Slot = GoCommandSlots.Acquire(directory, limit, cancellation, waiting: _ => Waiting.Set()); }
                catch (Exception e) { Error = e; }
                finally { Done.Set(); }
            }) { IsBackground = true }.Start();
        }
    }

    [Fact]
    public void A_third_command_waits_for_one_of_two_slots_and_takes_it_when_a_holder_is_done()
    {
        using var first = GoCommandSlots.Acquire(Slots, 2, CancellationToken.None);
        var second = GoCommandSlots.Acquire(Slots, 2, CancellationToken.None);
        var third = new Waiter(Slots, 2, CancellationToken.None);

        Assert.True(third.Waiting.Wait(TimeSpan.FromSeconds(30)), "the third command did not wait");
        Assert.False(third.Done.Wait(TimeSpan.FromMilliseconds(300)), "the third command took a slot while two were held");
        second.Dispose();
        Assert.True(third.Done.Wait(TimeSpan.FromSeconds(30)), "the third command did not take the slot let go of");
        Assert.Null(third.Error);
        third.Slot!.Dispose();
    }

    [Fact]
    public void Canceling_a_wait_ends_it_at_once()
    {
        using var held = GoCommandSlots.Acquire(Slots, 1, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var waiter = new Waiter(Slots, 1, cancellation.Token);
        Assert.True(waiter.Waiting.Wait(TimeSpan.FromSeconds(30)));

        cancellation.Cancel();
        Assert.True(waiter.Done.Wait(TimeSpan.FromSeconds(10)), "the wait went on after its cancellation");
        Assert.IsAssignableFrom<OperationCanceledException>(waiter.Error);
    }

    [Fact]
    public void A_slot_held_by_another_process_is_taken_when_that_process_is_killed()
    {
        if (OperatingSystem.IsWindows()) return; // flock(1) holds the lock; Windows' share modes are the OS's own
        Directory.CreateDirectory(Slots);
        var slot = Path.Combine(Slots, "slot-0.lock");
        var ready = Path.Combine(_root, "ready");
        // flock(1) takes the same kind of lock .NET takes for FileShare.None on Unix (flock LOCK_EX), then holds it.
        using var holder = Process.Start(new ProcessStartInfo("flock", [slot, "sh", "-c", $"touch '{ready}'; exec sleep 300"]))!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!File.Exists(ready) && DateTime.UtcNow < deadline) Thread.Sleep(20);
            Assert.True(File.Exists(ready), "flock did not start");

            var waiter = new Waiter(Slots, 1, CancellationToken.None);
            Assert.True(waiter.Waiting.Wait(TimeSpan.FromSeconds(30)), "the slot another process holds was taken");

            holder.Kill(entireProcessTree: true);
            Assert.True(waiter.Done.Wait(TimeSpan.FromSeconds(30)), "the slot of a killed process never came free");
            Assert.Null(waiter.Error);
            waiter.Slot!.Dispose();
        }
        finally
        {
            if (!holder.HasExited) holder.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void No_limit_and_a_folder_where_no_slot_can_be_made_never_wait()
    {
        using var held = GoCommandSlots.Acquire(Slots, 1, CancellationToken.None);
        using (GoCommandSlots.Acquire(Slots, 0, CancellationToken.None, waiting: _ => Assert.Fail("waited with no limit"))) { }

        // A file where the folder should be: no slot can be made there, and the command runs at once, told why.
        var blocked = Path.Combine(_root, "not-a-folder");
        File.WriteAllText(blocked, "");
        string? why = null;
        using (GoCommandSlots.Acquire(Path.Combine(blocked, "slots"), 1, CancellationToken.None,
            waiting: _ => Assert.Fail("waited for a slot that can't exist"), unlimited: w => why = w)) { }
        Assert.Contains("not-a-folder", why);
    }

    [Fact]
    public void The_default_folder_is_the_users_own()
    {
        var directory = GoCommandSlots.DefaultDirectory;
        Assert.StartsWith(Path.GetTempPath(), directory);
        using (GoCommandSlots.Acquire(directory, 64, CancellationToken.None)) { }
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(directory) & (UnixFileMode)0x1FF);
        }
    }

    /// <summary>The build cache the tests' commands share: its README's stamp is its generation (GoBuildCache).</summary>
    private string Cache => Path.Combine(_root, "gocache");

    private string? Generation() => GoBuildCache.Generation(Cache);

    private void MakeCache(DateTime readme)
    {
        Directory.CreateDirectory(Cache);
        File.WriteAllText(Path.Combine(Cache, "README"), "This directory holds cached build artifacts from the Go build system.\n");
        File.SetLastWriteTimeUtc(Path.Combine(Cache, "README"), readme);
    }

    [Fact]
    public void A_build_cache_made_again_has_a_first_of_its_own()
    {
        MakeCache(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        using (var first = GoCommandSlots.WaitForFirstOfKind(Slots, "build-d", Generation, CancellationToken.None))
        {
            Assert.True(first.IsFirst);
            first.Succeeded();
        }
        using (var warm = GoCommandSlots.WaitForFirstOfKind(Slots, "build-d", Generation, CancellationToken.None)) Assert.False(warm.IsFirst);

        // rm -rf of the cache (a fresh CI machine, a benchmark's cold run): nothing of the first's work is left.
        Directory.Delete(Cache, recursive: true);
        using (var noCache = GoCommandSlots.WaitForFirstOfKind(Slots, "build-d", Generation, CancellationToken.None)) Assert.True(noCache.IsFirst);
        MakeCache(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        using (var again = GoCommandSlots.WaitForFirstOfKind(Slots, "build-d", Generation, CancellationToken.None))
        {
            Assert.True(again.IsFirst);
            again.Succeeded();
        }
        using (var warmAgain = GoCommandSlots.WaitForFirstOfKind(Slots, "build-d", Generation, CancellationToken.None)) Assert.False(warmAgain.IsFirst);
        Assert.Null(GoBuildCache.Directory(new Dictionary<string, string> { ["GOCACHE"] = "off", ["HOME"] = "/home/u" }));
        Assert.Equal("/c", GoBuildCache.Directory(new Dictionary<string, string> { ["GOCACHE"] = "/c" }));
    }

    /// <summary>A WaitForFirstOfKind on a thread of its own.</summary>
    private sealed class FirstWaiter
    {
        public readonly ManualResetEventSlim Waiting = new(), Done = new();
        public GoCommandSlots.FirstOfKind? First;
        public Exception? Error;

        public FirstWaiter(string directory, string kind, Func<string?> generation, CancellationToken cancellation)
        {
            new Thread(() =>
            {
                try { First = GoCommandSlots.WaitForFirstOfKind(directory, kind, generation, cancellation, waiting: () => Waiting.Set()); }
                catch (Exception e) { Error = e; }
                finally { Done.Set(); }
            }) { IsBackground = true }.Start();
        }
    }

    [Fact]
    public void The_first_command_of_a_kind_runs_alone_and_once_it_succeeded_none_of_its_kind_waits_again()
    {
        MakeCache(DateTime.UtcNow.AddDays(-1));
        using (var first = GoCommandSlots.WaitForFirstOfKind(Slots, "build-a", Generation, CancellationToken.None))
        {
            Assert.True(first.IsFirst);
            var second = new FirstWaiter(Slots, "build-a", Generation, CancellationToken.None);
            Assert.True(second.Waiting.Wait(TimeSpan.FromSeconds(30)), "the second command did not wait for the first");
            Assert.False(second.Done.Wait(TimeSpan.FromMilliseconds(300)), "the second command started beside the first");

            // Another kind (another verb, flags or go) has a first of its own and doesn't wait.
            using (var other = GoCommandSlots.WaitForFirstOfKind(Slots, "vet-a", Generation, CancellationToken.None, waiting: () => Assert.Fail("another kind waited")))
            {
                Assert.True(other.IsFirst);
            }

            first.Succeeded();
            first.Dispose();
            Assert.True(second.Done.Wait(TimeSpan.FromSeconds(30)), "the second command still waited after the first succeeded");
            Assert.Null(second.Error);
            Assert.False(second.First!.IsFirst);
        }

        using var later = GoCommandSlots.WaitForFirstOfKind(Slots, "build-a", Generation, CancellationToken.None, waiting: () => Assert.Fail("waited after a first succeeded"));
        Assert.False(later.IsFirst);
    }

    [Fact]
    public void When_the_first_fails_the_next_waiter_becomes_first_and_a_canceled_wait_ends_at_once()
    {
        MakeCache(DateTime.UtcNow.AddDays(-1));
        var first = GoCommandSlots.WaitForFirstOfKind(Slots, "build-b", Generation, CancellationToken.None);
        Assert.True(first.IsFirst);
        var next = new FirstWaiter(Slots, "build-b", Generation, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var canceled = new FirstWaiter(Slots, "build-b", Generation, cancellation.Token);
        Assert.True(next.Waiting.Wait(TimeSpan.FromSeconds(30)));
        Assert.True(canceled.Waiting.Wait(TimeSpan.FromSeconds(30)));

        cancellation.Cancel();
        Assert.True(canceled.Done.Wait(TimeSpan.FromSeconds(10)), "the wait went on after its cancellation");
        Assert.IsAssignableFrom<OperationCanceledException>(canceled.Error);

        first.Dispose(); // failed: never Succeeded
        Assert.True(next.Done.Wait(TimeSpan.FromSeconds(30)));
        Assert.Null(next.Error);
        Assert.True(next.First!.IsFirst, "a failed first made the next command skip the wait for a cache nobody filled");
        next.First.Dispose();
    }

    [Fact]
    public void A_folder_where_nothing_can_be_made_never_waits_for_a_first()
    {
        var blocked = Path.Combine(_root, "not-a-folder");
        File.WriteAllText(blocked, "");
        string? why = null;
        using var first = GoCommandSlots.WaitForFirstOfKind(Path.Combine(blocked, "slots"), "build-c", Generation, CancellationToken.None,
            waiting: () => Assert.Fail("waited where no lock can exist"), unlimited: w => why = w);
        Assert.False(first.IsFirst);
        Assert.Contains("not-a-folder", why);
    }
}
