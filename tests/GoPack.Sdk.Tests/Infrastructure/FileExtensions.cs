namespace GoPack.Sdk.Tests.Infrastructure;

public static class FileExtensions
{
    /// <summary>Sets a file's timestamp to now, as an editor saving it would.</summary>
    public static void Touch(this string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
}

public static class ExecutableFiles
{
    /// <summary>chmod u+rwx: test scripts standing in for go, hooks and the like.</summary>
    public static void MakeExecutable(this string path)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
