namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// File systems a fault test mounts over a folder: a tiny tmpfs (a full disk), a read-only bind mount (a folder
/// without write permission: root ignores permission bits, and CI runs as root). Needs root, as CI has.
/// </summary>
public sealed class Mount : IDisposable
{
    private Mount(string path) => Path = path;

    public string Path { get; }

    public static bool Available => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>A tmpfs of <paramref name="size"/> (e.g. "512k") over <paramref name="path"/>.</summary>
    public static Mount Tmpfs(string path, string size) => Run(path, ["-t", "tmpfs", "-o", "size=" + size, "tmpfs", path]);

    /// <summary><paramref name="path"/> itself, read-only.</summary>
    public static Mount ReadOnly(string path)
    {
        var mount = Run(path, ["--bind", path, path]);
        var remount = ProcessRunner.Run("mount", ["-o", "remount,bind,ro", path], "/");
        if (remount.ExitCode != 0)
        {
            mount.Dispose();
            throw new InvalidOperationException("mount -o remount,ro failed: " + remount);
        }
        return mount;
    }

    public void Dispose()
    {
        var result = ProcessRunner.Run("umount", [Path], "/");
        if (result.ExitCode != 0) ProcessRunner.Run("umount", ["-l", Path], "/");
    }

    private static Mount Run(string path, string[] arguments)
    {
        if (!Available) throw new InvalidOperationException("Mounting needs root on Linux.");
        Directory.CreateDirectory(path);
        var result = ProcessRunner.Run("mount", arguments, "/");
        if (result.ExitCode != 0) throw new InvalidOperationException($"mount {string.Join(" ", arguments)} failed: {result}");
        return new Mount(path);
    }
}
