using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
#if NET
using System.Formats.Tar;
#endif

namespace GoPack.Sdk.Toolchains.Download;

/// <summary>
/// Extracts Go's archives (<c>.tar.gz</c>, <c>.zip</c>) into a new directory, dropping the top-level
/// <c>go/</c> folder, and refuses anything that could write outside that directory.
/// </summary>
/// <remarks>
/// <para>Refused with an <see cref="InvalidDataException"/> naming the entry: <c>..</c> segments, absolute
/// paths, drive letters, names outside the top-level folder, devices and FIFOs, symbolic links whose target
/// leaves the destination (following the archive's other links, as the OS would), hard links to anything but
/// a file extracted earlier, and entries that would be written through a symbolic link.</para>
/// <para>Links are created only after every file and directory has been written, so no write can follow a
/// link: that ordering, not string checks alone, is what keeps a link-then-file pair from escaping.
/// Hard links become copies, which is portable and cannot alias a file outside.</para>
/// <para>Unix permissions from the archive are kept on .NET 8+ outside Windows, so <c>bin/go</c> stays
/// executable; setuid, setgid and sticky bits are dropped, and directories always stay writable by their
/// owner so the cache can be cleaned up.</para>
/// </remarks>
public sealed class SafeArchiveExtractor
{
    // Linux gives up resolving a path after 40 links; a longer chain in an archive is an attack or a loop.
    private const int MaxLinkHops = 40;

    // Only the permission bits: setuid/setgid/sticky have no business in a toolchain.
    private const int PermissionMask = 0x1FF;
    private const int OwnerReadWriteExecute = 0x1C0;
    private const int OwnerRead = 0x100;

    /// <param name="topLevelDirectory">The folder every entry must be under and that is removed from the names; null to keep names as they are.</param>
    public SafeArchiveExtractor(string? topLevelDirectory = "go")
    {
        if (topLevelDirectory is not null && (topLevelDirectory.Length == 0 || topLevelDirectory.IndexOfAny(new[] { '/', '\\' }) >= 0))
        {
            throw new ArgumentException("The top-level directory must be a single folder name.", nameof(topLevelDirectory));
        }

        TopLevelDirectory = topLevelDirectory;
    }

    /// <summary>The folder removed from entry names, <c>go</c> by default.</summary>
    public string? TopLevelDirectory { get; }

    /// <summary>Extracts a <c>.zip</c>, <c>.tar.gz</c> or <c>.tgz</c> file, chosen by its name.</summary>
    /// <param name="destinationDirectory">Created if missing; must be empty otherwise.</param>
    /// <exception cref="InvalidDataException">The archive is damaged, of an unknown kind, or has an entry that is refused.</exception>
    /// <exception cref="PlatformNotSupportedException">A <c>.tar.gz</c> on the netstandard2.0 build (Visual Studio's MSBuild), which only needs Windows' <c>.zip</c>.</exception>
    public void Extract(string archivePath, string destinationDirectory, CancellationToken cancellationToken = default)
    {
        if (archivePath is null)
        {
            throw new ArgumentNullException(nameof(archivePath));
        }

        var isZip = archivePath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
        var isTarGz = archivePath.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || archivePath.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);
        if (!isZip && !isTarGz)
        {
            throw new InvalidDataException($"'{Path.GetFileName(archivePath)}' is neither a .zip nor a .tar.gz archive.");
        }

        using var stream = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
        if (isZip)
        {
            ExtractZip(stream, destinationDirectory, cancellationToken);
        }
        else
        {
            ExtractTarGz(stream, destinationDirectory, cancellationToken);
        }
    }

    /// <summary>Extracts a gzip-compressed tar stream.</summary>
    /// <inheritdoc cref="Extract" path="/exception"/>
    public void ExtractTarGz(Stream archive, string destinationDirectory, CancellationToken cancellationToken = default)
    {
        if (archive is null)
        {
            throw new ArgumentNullException(nameof(archive));
        }

#if NET
        var extraction = new Extraction(this, destinationDirectory);
        using (var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true))
        using (var reader = new TarReader(gzip, leaveOpen: true))
        {
            TarEntry? entry;
            while ((entry = reader.GetNextEntry(copyData: false)) is not null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var mode = (int)entry.Mode;
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile:
                    case TarEntryType.V7RegularFile:
                    case TarEntryType.ContiguousFile:
                        extraction.AddFile(entry.Name, entry.DataStream, mode, cancellationToken);
                        break;
                    case TarEntryType.Directory:
                        extraction.AddDirectory(entry.Name, mode);
                        break;
                    case TarEntryType.SymbolicLink:
                        extraction.AddSymbolicLink(entry.Name, entry.LinkName);
                        break;
                    case TarEntryType.HardLink:
                        extraction.AddHardLink(entry.Name, entry.LinkName, mode);
                        break;

                    // Archive-wide metadata (e.g. a pax_global_header from git archive), not a file.
                    case TarEntryType.GlobalExtendedAttributes:
                        break;
                    default:
                        throw new InvalidDataException($"The archive entry '{entry.Name}' is a {entry.EntryType}, which a Go toolchain never contains; it was refused.");
                }
            }
        }

        extraction.Finish(cancellationToken);
#else
        throw new PlatformNotSupportedException(
            "This build of GoPack's tasks (the one Visual Studio's .NET Framework MSBuild loads) can only extract .zip archives, " +
            "which is what Go publishes for Windows; .tar.gz archives need `dotnet build`.");
#endif
    }

    /// <summary>Extracts a zip stream.</summary>
    /// <inheritdoc cref="Extract" path="/exception"/>
    public void ExtractZip(Stream archive, string destinationDirectory, CancellationToken cancellationToken = default)
    {
        if (archive is null)
        {
            throw new ArgumentNullException(nameof(archive));
        }

        var extraction = new Extraction(this, destinationDirectory);
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true))
        {
            foreach (var entry in zip.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var isDirectory = entry.FullName.EndsWith("/", StringComparison.Ordinal) || entry.FullName.EndsWith("\\", StringComparison.Ordinal);
                int? mode = null;
#if NET
                // Zips made on Unix keep st_mode in the upper half of the external attributes; those made
                // on Windows leave it zero, and then there is nothing to keep.
                var unixMode = (entry.ExternalAttributes >> 16) & 0xFFFF;
                if (unixMode != 0)
                {
                    mode = unixMode;
                    switch (unixMode & 0xF000)
                    {
                        case 0xA000:
                            extraction.AddSymbolicLink(entry.FullName, ReadLinkTarget(entry));
                            continue;
                        case 0x4000:
                            isDirectory = true;
                            break;
                        case 0x8000:
                        case 0:
                            break;
                        default:
                            throw new InvalidDataException($"The archive entry '{entry.FullName}' is a device, FIFO or socket, which a Go toolchain never contains; it was refused.");
                    }
                }
#endif
                if (isDirectory)
                {
                    extraction.AddDirectory(entry.FullName, mode);
                    continue;
                }

                using var data = entry.Open();
                extraction.AddFile(entry.FullName, data, mode, cancellationToken);
            }
        }

        extraction.Finish(cancellationToken);
    }

#if NET
    private static string ReadLinkTarget(ZipArchiveEntry entry)
    {
        // PATH_MAX; a longer "target" is not a link target.
        const int MaxTargetLength = 4096;
        if (entry.Length > MaxTargetLength)
        {
            throw new InvalidDataException($"The archive entry '{entry.FullName}' is a symbolic link with a {entry.Length}-byte target; it was refused.");
        }

        using var data = entry.Open();
        using var reader = new StreamReader(data, new UTF8Encoding(false));
        return reader.ReadToEnd();
    }
#endif

    /// <summary>The state of one extraction: where it goes and the links held back until the end.</summary>
    private sealed class Extraction
    {
        private readonly SafeArchiveExtractor _owner;
        private readonly string _root;
        private readonly string _rootWithSeparator;

        // Case-insensitive: on Windows and macOS "Lib" and "lib" are the same directory, and a link must be
        // followed whichever spelling a later path uses.
        private readonly Dictionary<string, PendingLink> _symbolicLinks = new Dictionary<string, PendingLink>(StringComparer.OrdinalIgnoreCase);
        private readonly List<PendingLink> _symbolicLinkOrder = new List<PendingLink>();
        private readonly List<PendingLink> _hardLinks = new List<PendingLink>();
        private readonly List<(string Path, int Mode)> _directoryModes = new List<(string, int)>();

        public Extraction(SafeArchiveExtractor owner, string destinationDirectory)
        {
            if (destinationDirectory is null)
            {
                throw new ArgumentNullException(nameof(destinationDirectory));
            }

            _owner = owner;
            _root = Path.GetFullPath(destinationDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            _rootWithSeparator = _root + Path.DirectorySeparatorChar;

            // An empty destination means no link exists there that a write could follow.
            if (Directory.Exists(_root) && Directory.EnumerateFileSystemEntries(_root).Any())
            {
                throw new IOException($"The directory '{_root}' must be empty to extract an archive into it.");
            }

            Directory.CreateDirectory(_root);
        }

        public void AddDirectory(string entryName, int? mode)
        {
            var segments = Segments(entryName);
            if (segments.Length == 0)
            {
                return;
            }

            RequireNotThroughLink(entryName, segments, includeSelf: true);
            var path = FullPath(entryName, segments);
            Directory.CreateDirectory(path);
            if (mode is int m)
            {
                _directoryModes.Add((path, m));
            }
        }

        public void AddFile(string entryName, Stream? data, int? mode, CancellationToken cancellationToken)
        {
            var segments = Segments(entryName);
            if (segments.Length == 0)
            {
                throw new InvalidDataException($"The archive entry '{entryName}' is a file where the top-level folder should be; it was refused.");
            }

            RequireNotThroughLink(entryName, segments, includeSelf: true);
            var path = FullPath(entryName, segments);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (Directory.Exists(path))
            {
                throw new InvalidDataException($"The archive entry '{entryName}' is a file where the archive already has a directory; it was refused.");
            }

            using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920))
            {
                if (data is not null)
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        output.Write(buffer, 0, read);
                    }
                }
            }

            if (mode is int m)
            {
                SetMode(path, (m & PermissionMask) | OwnerRead);
            }
        }

        public void AddSymbolicLink(string entryName, string target)
        {
            var segments = Segments(entryName);
            if (segments.Length == 0)
            {
                throw new InvalidDataException($"The archive entry '{entryName}' is a symbolic link where the top-level folder should be; it was refused.");
            }

            RequireNotThroughLink(entryName, segments, includeSelf: true);
            var normalizedTarget = (target ?? string.Empty).Replace('\\', '/');
            if (normalizedTarget.Length == 0 || normalizedTarget.IndexOf('\0') >= 0)
            {
                throw Refused(entryName, "is a symbolic link without a usable target");
            }

            if (IsAbsolute(normalizedTarget))
            {
                throw Refused(entryName, $"is a symbolic link to the absolute path '{target}'");
            }

            var link = new PendingLink(entryName, segments, normalizedTarget, null);
            var key = Join(segments);
            if (_symbolicLinks.ContainsKey(key))
            {
                throw Refused(entryName, "is a second symbolic link at the same path");
            }

            _symbolicLinks.Add(key, link);
            _symbolicLinkOrder.Add(link);
        }

        public void AddHardLink(string entryName, string targetEntryName, int? mode)
        {
            var segments = Segments(entryName);
            if (segments.Length == 0)
            {
                throw new InvalidDataException($"The archive entry '{entryName}' is a hard link where the top-level folder should be; it was refused.");
            }

            RequireNotThroughLink(entryName, segments, includeSelf: true);
            if (string.IsNullOrEmpty(targetEntryName))
            {
                throw Refused(entryName, "is a hard link without a target");
            }

            // A hard link names its target as another entry, from the archive's root.
            var targetSegments = Segments(targetEntryName, entryName);
            _hardLinks.Add(new PendingLink(entryName, segments, targetEntryName, targetSegments) { Mode = mode });
        }

        public void Finish(CancellationToken cancellationToken)
        {
            foreach (var link in _symbolicLinkOrder)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RequireNotThroughLink(link.EntryName, link.Segments, includeSelf: false);
                var parent = link.Segments.Take(link.Segments.Length - 1).ToArray();
                if (!TryResolve(link.EntryName, parent, SplitTarget(link.Target), out var resolved))
                {
                    throw Refused(link.EntryName, $"is a symbolic link to '{link.Target}', which is outside the destination");
                }

                var path = FullPath(link.EntryName, link.Segments);
                RequireFree(link.EntryName, path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                CreateSymbolicLink(path, link.Target, FullPath(link.EntryName, resolved.ToArray()));
            }

            foreach (var link in _hardLinks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RequireNotThroughLink(link.EntryName, link.Segments, includeSelf: true);
                if (!TryResolve(link.EntryName, Array.Empty<string>(), link.TargetSegments!, out var resolved))
                {
                    throw Refused(link.EntryName, $"is a hard link to '{link.Target}', which is outside the destination");
                }

                var source = FullPath(link.EntryName, resolved.ToArray());
                if (!File.Exists(source))
                {
                    throw Refused(link.EntryName, $"is a hard link to '{link.Target}', which is not a file extracted before it");
                }

                var path = FullPath(link.EntryName, link.Segments);
                RequireFree(link.EntryName, path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Copy(source, path);
                if (link.Mode is int m)
                {
                    SetMode(path, (m & PermissionMask) | OwnerRead);
                }
            }

            // Last, and deepest first, so that a read-only directory does not stop its own content being written.
            foreach ((var path, var mode) in _directoryModes.OrderByDescending(d => d.Path.Length))
            {
                SetMode(path, (mode & PermissionMask) | OwnerReadWriteExecute);
            }
        }

        /// <summary>The entry's path below the top-level folder, as checked segments.</summary>
        private string[] Segments(string entryName, string? referencingEntry = null)
        {
            var label = referencingEntry ?? entryName;
            if (string.IsNullOrEmpty(entryName))
            {
                throw new InvalidDataException($"The archive has an entry without a name{(referencingEntry is null ? string.Empty : $" (the target of '{referencingEntry}')")}; it was refused.");
            }

            var what = referencingEntry is null ? "its name" : $"its target '{entryName}'";
            if (entryName.IndexOf('\0') >= 0)
            {
                throw Refused(label, $"has a NUL character in {what}");
            }

            // Backslashes are separators to Windows, so they are treated as such everywhere: the same
            // archive must be judged the same on every machine.
            var name = entryName.Replace('\\', '/');
            if (IsAbsolute(name))
            {
                throw Refused(label, $"has an absolute path in {what}");
            }

            var segments = new List<string>();
            var invalid = Path.GetInvalidFileNameChars();
            foreach (var segment in name.Split('/'))
            {
                if (segment.Length == 0 || segment == ".")
                {
                    continue;
                }

                if (segment == "..")
                {
                    throw Refused(label, $"has a '..' segment in {what}");
                }

                // On Windows this also catches "file:stream", which would write an alternate data stream.
                if (segment.IndexOfAny(invalid) >= 0)
                {
                    throw Refused(label, $"has a character this system does not allow in file names in {what}");
                }

                segments.Add(segment);
            }

            var top = _owner.TopLevelDirectory;
            if (top is null)
            {
                return segments.ToArray();
            }

            if (segments.Count == 0 || segments[0] != top)
            {
                throw Refused(label, $"is outside the archive's top-level '{top}/' folder ({what})");
            }

            return segments.Skip(1).ToArray();
        }

        // A link's target, relative to the link's folder; emptiness and absoluteness were checked when it was added.
        private static string[] SplitTarget(string target) => target.Split('/');

        /// <summary>
        /// Follows <paramref name="target"/> from <paramref name="start"/> the way the OS would once every
        /// link of the archive exists; false when it climbs above the destination.
        /// </summary>
        private bool TryResolve(string entryName, IReadOnlyList<string> start, string[] target, out List<string> resolved)
        {
            resolved = new List<string>(start);
            var pending = new Stack<string>();
            for (var i = target.Length - 1; i >= 0; i--)
            {
                pending.Push(target[i]);
            }

            var hops = 0;
            while (pending.Count > 0)
            {
                var segment = pending.Pop();
                if (segment.Length == 0 || segment == ".")
                {
                    continue;
                }

                if (segment == "..")
                {
                    if (resolved.Count == 0)
                    {
                        return false;
                    }

                    resolved.RemoveAt(resolved.Count - 1);
                    continue;
                }

                resolved.Add(segment);
                if (!_symbolicLinks.TryGetValue(Join(resolved), out var link))
                {
                    continue;
                }

                if (++hops > MaxLinkHops)
                {
                    throw Refused(entryName, "leads into a loop of symbolic links");
                }

                // The link's own target continues from the link's folder.
                resolved.RemoveAt(resolved.Count - 1);
                var more = SplitTarget(link.Target);
                for (var i = more.Length - 1; i >= 0; i--)
                {
                    pending.Push(more[i]);
                }
            }

            return true;
        }

        private void RequireNotThroughLink(string entryName, string[] segments, bool includeSelf)
        {
            var count = includeSelf ? segments.Length : segments.Length - 1;
            for (var i = 1; i <= count; i++)
            {
                var prefix = Join(segments.Take(i));
                if (_symbolicLinks.TryGetValue(prefix, out var link) && !ReferenceEquals(link.Segments, segments))
                {
                    throw i == segments.Length
                        ? Refused(entryName, $"would replace the symbolic link '{link.EntryName}'")
                        : Refused(entryName, $"would be written through the symbolic link '{link.EntryName}'");
                }
            }
        }

        private static void RequireFree(string entryName, string path)
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw Refused(entryName, "is a link at a path the archive already holds a file or directory");
            }
        }

        private string FullPath(string entryName, string[] segments)
        {
            var path = Path.GetFullPath(Path.Combine(_root, string.Join(Path.DirectorySeparatorChar.ToString(), segments)));

            // The segment checks should make this impossible; it stays as a second line of defence.
            if (path != _root && !path.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
            {
                throw Refused(entryName, "resolves outside the destination");
            }

            return path;
        }

        private static bool IsAbsolute(string name) =>
            name.StartsWith("/", StringComparison.Ordinal)
            || (name.Length >= 2 && name[1] == ':' && ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')));

        private static string Join(IEnumerable<string> segments) => string.Join("/", segments);

        private static InvalidDataException Refused(string entryName, string reason) =>
            new InvalidDataException($"The archive entry '{entryName}' {reason}; it was refused, and the archive was not installed.");

        private static void CreateSymbolicLink(string path, string target, string resolvedTarget)
        {
#if NET
            var nativeTarget = target.Replace('/', Path.DirectorySeparatorChar);
            if (Directory.Exists(resolvedTarget))
            {
                Directory.CreateSymbolicLink(path, nativeTarget);
            }
            else
            {
                File.CreateSymbolicLink(path, nativeTarget);
            }
#else
            _ = resolvedTarget;
            throw new PlatformNotSupportedException($"Cannot create the symbolic link '{path}' -> '{target}' with this build of GoPack's tasks.");
#endif
        }

        private static void SetMode(string path, int mode)
        {
#if NET
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)mode);
            }
#else
            // netstandard2.0 only runs in Visual Studio's MSBuild on Windows, which has no Unix modes.
            _ = path;
            _ = mode;
#endif
        }
    }

    private sealed class PendingLink
    {
        public PendingLink(string entryName, string[] segments, string target, string[]? targetSegments)
        {
            EntryName = entryName;
            Segments = segments;
            Target = target;
            TargetSegments = targetSegments;
        }

        public string EntryName { get; }

        public string[] Segments { get; }

        /// <summary>A symbolic link's target text (with forward slashes), or a hard link's target entry name.</summary>
        public string Target { get; }

        /// <summary>A hard link's target below the top-level folder; null for symbolic links.</summary>
        public string[]? TargetSegments { get; }

        public int? Mode { get; set; }
    }
}
