using System;
using System.IO;
using System.Threading;

namespace GoPack.Sdk.Execution;

/// <summary>
/// A machine-wide limit on the go commands that compile (go build, go vet) running at once, shared by every MSBuild
/// node and every build of this user. Why: each go command already uses every core (-p = GOMAXPROCS), the tasks
/// yield their node while go runs so `dotnet build -m` keeps starting more, and go's build cache does not share work
/// in flight, so 20 modules built at once on a cold cache each compiled the same standard library packages at the
/// same time: 12x a shell loop running go build two at a time, on 2 cores. A slot is an exclusive lock on one of
/// <c>limit</c> files in the user's temporary folder, held for the command's life: the operating system lets go of it
/// when the holder exits or is killed, so a crashed build never leaves a slot taken.
/// </summary>
public static class GoCommandSlots
{
    /// <summary>The folder of the slot files: per user (another user's build is theirs to limit), in the temporary folder.</summary>
    public static string DefaultDirectory =>
        Path.Combine(Path.GetTempPath(), "gopack-go-command-slots-" + SafeName(Environment.UserName));

    /// <summary>
    /// Waits for one of <paramref name="limit"/> slots in <paramref name="directory"/> and returns it (dispose to let it
    /// go). <paramref name="waiting"/> is told once when the caller has to wait, with the number of slots. A limit of 0
    /// or less, or slot files that can't be made (a read-only temporary folder), mean no limit: the command runs now,
    /// and <paramref name="unlimited"/> is told why. Canceling the token while waiting throws OperationCanceledException.
    /// </summary>
    public static IDisposable Acquire(string directory, int limit, CancellationToken cancellation,
        Action<int>? waiting = null, Action<string>? unlimited = null)
    {
        if (limit <= 0 || !TryCreateDirectory(directory, unlimited)) return Nothing.Instance;

        var delay = 10;
        var told = false;
        while (true)
        {
            for (var i = 0; i < limit; i++)
            {
                switch (TryLock(Path.Combine(directory, "slot-" + i + ".lock"), unlimited, out var held))
                {
                    case Lock.Taken: return held!;
                    case Lock.Impossible: return Nothing.Instance;
                }
            }

            if (!told)
            {
                told = true;
                waiting?.Invoke(limit);
            }
            Pause(cancellation, ref delay);
        }
    }

    /// <summary>
    /// Waits until this command may start as far as its <paramref name="kind"/> goes: at once when a command of that
    /// kind (the same go, verb, flags and cache: see GoToolTask) has succeeded on this machine with the build cache as
    /// it is now (<paramref name="cacheGeneration"/>: which cache this is, null while there is none; a cache deleted
    /// and made again is another), or when none runs; otherwise until the one that runs is done. Why: go's build cache
    /// does not share work in flight, so the first commands of a cold `dotnet build -m` compiled the same standard
    /// library side by side (every build does from Go 1.20, which ships it uncompiled, and GoDebugDependencies'
    /// -gcflags=all=-N -l with any Go): the first of a kind runs alone, the rest take what it cached. The returned
    /// handle says whether this command is that first one; call <see cref="FirstOfKind.Succeeded"/> after it
    /// succeeded, then dispose. A first that fails leaves the next waiter first. Cancel and an unusable folder are as
    /// for <see cref="Acquire"/>: a canceled wait throws OperationCanceledException, a folder where nothing can be
    /// made means no waiting.
    /// </summary>
    public static FirstOfKind WaitForFirstOfKind(string directory, string kind, Func<string?> cacheGeneration, CancellationToken cancellation,
        Action? waiting = null, Action<string>? unlimited = null)
    {
        var done = Path.Combine(directory, "first-" + kind + ".done");
        if (IsDone(done, cacheGeneration) || !TryCreateDirectory(directory, unlimited)) return FirstOfKind.NotFirst;

        var path = Path.Combine(directory, "first-" + kind + ".lock");
        var delay = 10;
        var told = false;
        while (true)
        {
            switch (TryLock(path, unlimited, out var held))
            {
                // Done while this waited for the lock: no longer the first.
                case Lock.Taken when !IsDone(done, cacheGeneration): return new FirstOfKind(held, done, cacheGeneration);
                case Lock.Taken:
                    held!.Dispose();
                    return FirstOfKind.NotFirst;
                case Lock.Impossible: return FirstOfKind.NotFirst;
            }

            // Held: the first of this kind is running.
            if (IsDone(done, cacheGeneration)) return FirstOfKind.NotFirst;
            if (!told)
            {
                told = true;
                waiting?.Invoke();
            }
            Pause(cancellation, ref delay);
        }
    }

    private enum Lock { Taken, Held, Impossible }

    /// <summary>
    /// Takes the exclusive lock on <paramref name="path"/> (FileShare.None: Windows enforces it, .NET takes
    /// flock(LOCK_EX|LOCK_NB) on Unix), or says another process holds it, or that no lock can be had there: a file
    /// that can't be created or opened (full disk, read-only folder), where waiting would hang the build for a rule
    /// that can't be kept; <paramref name="unlimited"/> is told why.
    /// </summary>
    private static Lock TryLock(string path, Action<string>? unlimited, out FileStream? held)
    {
        held = null;
        try
        {
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return Lock.Taken;
        }
        catch (UnauthorizedAccessException e)
        {
            unlimited?.Invoke($"'{path}' can't be opened ({e.Message})");
            return Lock.Impossible;
        }
        catch (IOException e) when (!File.Exists(path))
        {
            unlimited?.Invoke($"'{path}' can't be created ({e.Message})");
            return Lock.Impossible;
        }
        catch (IOException)
        {
            return Lock.Held;
        }
    }

    /// <summary>Short waits first (most commands of a no-op or edit build are short), then a tenth of a second.</summary>
    private static void Pause(CancellationToken cancellation, ref int delay)
    {
        if (cancellation.WaitHandle.WaitOne(delay)) cancellation.ThrowIfCancellationRequested();
        delay = Math.Min(delay * 2, 100);
    }

    private static bool TryCreateDirectory(string directory, Action<string>? unlimited)
    {
        try
        {
            CreatePrivateDirectory(directory);
            return true;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            unlimited?.Invoke($"the folder '{directory}' could not be created ({e.Message})");
            return false;
        }
    }

    private static bool IsDone(string done, Func<string?> cacheGeneration)
    {
        try
        {
            return File.Exists(done) && cacheGeneration() is { } generation && File.ReadAllText(done) == generation;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>What <see cref="WaitForFirstOfKind"/> hands back: the first command of its kind holds a lock until disposed.</summary>
    public sealed class FirstOfKind : IDisposable
    {
        internal static readonly FirstOfKind NotFirst = new FirstOfKind(null, null, () => null);
        private readonly FileStream? _lock;
        private readonly string? _done;
        private readonly Func<string?> _cacheGeneration;

        internal FirstOfKind(FileStream? held, string? done, Func<string?> cacheGeneration)
        {
            _lock = held;
            _done = done;
            _cacheGeneration = cacheGeneration;
        }

        public bool IsFirst => _lock is not null;

        /// <summary>The command succeeded: later commands of its kind no longer wait for a first one.</summary>
        public void Succeeded()
        {
            // The cache the command filled (go makes one on its first run): a later cache is another generation.
            if (_done is null || _cacheGeneration() is not { } generation) return;
            try
            {
                File.WriteAllText(_done, generation);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Not written: the next command of this kind runs alone too, which costs time, never a result.
            }
        }

        public void Dispose() => _lock?.Dispose();
    }

    private static void CreatePrivateDirectory(string directory)
    {
#if NET7_0_OR_GREATER
        if (!OperatingSystem.IsWindows())
        {
            // Others can't take this user's slots (or fill the folder) when only the user can write to it.
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return;
        }
#endif
        Directory.CreateDirectory(directory);
    }

    private static string SafeName(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsLetterOrDigit(chars[i]) && chars[i] != '-' && chars[i] != '_') chars[i] = '_';
        }
        return chars.Length == 0 ? "user" : new string(chars);
    }

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new Nothing();
        public void Dispose() { }
    }
}
