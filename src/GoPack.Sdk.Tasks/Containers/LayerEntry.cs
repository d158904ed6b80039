using System;

namespace GoPack.Sdk.Containers;

public enum LayerEntryKind
{
    Directory,
    File,
    Symlink,
}

/// <summary>
/// One entry of a layer GoPack writes: a path inside the image (no leading slash), its kind, mode and owner, and
/// where a file's bytes come from (a file on disk or bytes in memory). Times are not here: every entry of a layer
/// gets the layer's one timestamp.
/// </summary>
public sealed record LayerEntry
{
    private LayerEntry(string path, LayerEntryKind kind, int mode)
    {
        Path = NormalizePath(path);
        Kind = kind;
        Mode = mode;
    }

    public string Path { get; }
    public LayerEntryKind Kind { get; }

    /// <summary>Permission bits (e.g. 0755 as the number 493).</summary>
    public int Mode { get; init; }

    public int UserId { get; init; }
    public int GroupId { get; init; }
    public string? SourceFile { get; init; }
    public byte[]? Content { get; init; }
    public string? LinkTarget { get; init; }

    public const int DirectoryMode = 0x1ED; // 0755
    public const int ExecutableMode = 0x1ED; // 0755
    public const int RegularFileMode = 0x1A4; // 0644

    public static LayerEntry Directory(string path, int mode = DirectoryMode) => new LayerEntry(path, LayerEntryKind.Directory, mode);

    public static LayerEntry FromFile(string path, string sourceFile, int mode = RegularFileMode) =>
        new LayerEntry(path, LayerEntryKind.File, mode) { SourceFile = sourceFile ?? throw new ArgumentNullException(nameof(sourceFile)) };

    public static LayerEntry FromBytes(string path, byte[] content, int mode = RegularFileMode) =>
        new LayerEntry(path, LayerEntryKind.File, mode) { Content = content ?? throw new ArgumentNullException(nameof(content)) };

    public static LayerEntry Symlink(string path, string target) =>
        new LayerEntry(path, LayerEntryKind.Symlink, 0x1FF) { LinkTarget = target ?? throw new ArgumentNullException(nameof(target)) };

    /// <summary>
    /// "/ko-app//svc" and "ko-app/svc" are the same entry; "..", "." segments and empty paths are refused, since an
    /// entry must never land outside the image's root when a runtime unpacks it.
    /// </summary>
    public static string NormalizePath(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var segments = path.Replace('\\', '/').Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            if (segment == "." || segment == "..")
            {
                throw new ArgumentException($"The image path '{path}' has a '{segment}' segment.", nameof(path));
            }
        }

        if (segments.Length == 0)
        {
            throw new ArgumentException("An image path can't be empty or the root.", nameof(path));
        }

        return string.Join("/", segments);
    }
}
