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
        if (limit <= 0) return Nothing.Instance;
        try
        {
            CreatePrivateDirectory(directory);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            unlimited?.Invoke($"the folder '{directory}' could not be created ({e.Message})");
            return Nothing.Instance;
        }

        var delay = 10;
        var told = false;
        while (true)
        {
            for (var i = 0; i < limit; i++)
            {
                var path = Path.Combine(directory, "slot-" + i + ".lock");
                try
                {
                    // FileShare.None is an exclusive lock: Windows enforces it, .NET takes flock(LOCK_EX|LOCK_NB) on Unix.
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                }
                catch (UnauthorizedAccessException e)
                {
                    unlimited?.Invoke($"'{path}' can't be opened ({e.Message})");
                    return Nothing.Instance;
                }
                catch (IOException e) when (!File.Exists(path))
                {
                    // Not a slot someone holds: a file that can't be created (full disk, read-only folder). Waiting
                    // would hang the build for a limit that can't be kept.
                    unlimited?.Invoke($"'{path}' can't be created ({e.Message})");
                    return Nothing.Instance;
                }
                catch (IOException)
                {
                    // Held by another go command.
                }
            }

            if (!told)
            {
                told = true;
                waiting?.Invoke(limit);
            }
            // Short waits first (most commands of a no-op or edit build are short), then a tenth of a second.
            if (cancellation.WaitHandle.WaitOne(delay)) cancellation.ThrowIfCancellationRequested();
            delay = Math.Min(delay * 2, 100);
        }
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
