namespace GoPack.Sdk.Tests.Infrastructure;

public static class FileExtensions
{
    /// <summary>Sets a file's timestamp to now, as an editor saving it would.</summary>
    public static void Touch(this string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
}
