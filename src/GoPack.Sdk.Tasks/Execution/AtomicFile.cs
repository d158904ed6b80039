using System;
using System.IO;
using System.Text;

namespace GoPack.Sdk.Execution;

/// <summary>
/// Files other builds may read while this one writes them (two `dotnet build` of one project, -m, an IDE's build
/// beside a terminal's): each is written under a unique name beside its destination and renamed over it, so a reader
/// sees the old file or the new one, never a part, and never a moment without one.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text, Encoding? encoding = null) =>
        Write(path, temporary => File.WriteAllText(temporary, text, encoding ?? new UTF8Encoding(false)));

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/> with the time of this build as its time
    /// stamp (go keeps an unchanged command's old one; the up-to-date check needs this build's). MSBuild's Copy
    /// deletes the destination first and Touch then stamps it: a second build in between saw no file (MSB3375).
    /// </summary>
    public static void CopyWithCurrentTime(string source, string destination) =>
        Write(destination, temporary =>
        {
            File.Copy(source, temporary, overwrite: true);
            File.SetLastWriteTimeUtc(temporary, DateTime.UtcNow);
        });

    /// <summary>Moves a finished file into place over whatever is there.</summary>
    public static void Replace(string temporary, string destination)
    {
#if NETSTANDARD2_0
        // .NET Framework (Visual Studio) has no File.Move that overwrites; File.Replace swaps in one call on Windows.
        if (File.Exists(destination))
        {
            File.Replace(temporary, destination, null);
            return;
        }

        try
        {
            File.Move(temporary, destination);
        }
        catch (IOException) when (File.Exists(destination))
        {
            // Another build put its copy there first: ours replaces it.
            File.Replace(temporary, destination, null);
        }
#else
        File.Move(temporary, destination, overwrite: true);
#endif
    }

    private static void Write(string path, Action<string> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory ?? ".", "." + Path.GetFileName(path) + ".gopack-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            write(temporary);
            Replace(temporary, path);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
