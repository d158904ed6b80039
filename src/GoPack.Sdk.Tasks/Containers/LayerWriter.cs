using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Tar;

namespace GoPack.Sdk.Containers;

/// <summary>A layer written to disk: its compressed digest and size (for the manifest) and the digest of the tar (the config's diff_id).</summary>
public sealed record LayerBlob(string Path, string Digest, long Size, string DiffId);

/// <summary>
/// Writes a reproducible gzip'd tar layer: the same entries always give the same bytes, wherever and whenever they
/// are written. Entries are sorted by path, missing parent directories are added (0755, root), every entry gets the
/// same modification time and the given owner, user and group names are empty, there are no PAX records (so no
/// access or change times), long names use GNU long-name records, and the gzip header's MTIME is 0 ("no time
/// stamp", RFC 1952) with SharpZipLib's managed deflater, whose output doesn't depend on the OS or the .NET runtime.
/// </summary>
public static class LayerWriter
{
    private static readonly DateTime UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <param name="modificationTime">Every entry's mtime: SOURCE_DATE_EPOCH or the commit time, else the Unix epoch.</param>
    /// <exception cref="ArgumentException">Two entries claim the same path with different content, or a path is not allowed.</exception>
    public static LayerBlob Write(IEnumerable<LayerEntry> entries, string outputPath, DateTimeOffset modificationTime, CancellationToken cancellationToken = default)
    {
        var sorted = Complete(entries);
        var mtime = TarTime(modificationTime);

        using var file = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None, 81920);
        var compressed = new HashingStream(file);
        var uncompressed = new HashingStream(null);
        using (var gzip = new GZipOutputStream(compressed, 65536) { IsStreamOwner = false, ModifiedTime = UnixEpoch })
        {
            using var tee = new TeeStream(gzip, uncompressed);
            WriteTar(tee, sorted, mtime, cancellationToken);
        }

        file.Flush();
        return new LayerBlob(outputPath, compressed.Digest, compressed.BytesWritten, uncompressed.Digest);
    }

    /// <summary>A plain tar of entries already <see cref="Complete"/>d, every one with <paramref name="mtime"/>.</summary>
    public static void WriteTar(Stream output, IReadOnlyList<LayerEntry> sorted, DateTime mtime, CancellationToken cancellationToken = default)
    {
        using var tar = new TarOutputStream(output, Encoding.UTF8) { IsStreamOwner = false };
        var buffer = new byte[81920];
        foreach (var entry in sorted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteEntry(tar, entry, mtime, buffer, cancellationToken);
        }

        tar.Finish();
    }

    /// <summary>Whole seconds, not before 1970: what a tar header can hold.</summary>
    public static DateTime TarTime(DateTimeOffset time)
    {
        var utc = time.UtcDateTime < UnixEpoch ? UnixEpoch : time.UtcDateTime;
        return UnixEpoch.AddSeconds(Math.Floor((utc - UnixEpoch).TotalSeconds));
    }

    /// <summary>The entries as they will be written: parents added, duplicates merged or refused, sorted by path.</summary>
    public static IReadOnlyList<LayerEntry> Complete(IEnumerable<LayerEntry> entries)
    {
        var byPath = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (byPath.TryGetValue(entry.Path, out var existing))
            {
                if (existing.Kind == LayerEntryKind.Directory && entry.Kind == LayerEntryKind.Directory)
                {
                    continue;
                }

                throw new ArgumentException($"Two entries for '/{entry.Path}' in one layer.");
            }

            byPath[entry.Path] = entry;
        }

        foreach (var path in byPath.Keys.ToList())
        {
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                var parent = path.Substring(0, slash);
                if (byPath.TryGetValue(parent, out var existing))
                {
                    if (existing.Kind != LayerEntryKind.Directory)
                    {
                        throw new ArgumentException($"'/{parent}' is a file but '/{path}' needs it to be a directory.");
                    }

                    break;
                }

                byPath[parent] = LayerEntry.Directory(parent);
            }
        }

        // Ordinal order puts every directory before what it holds (a parent's path is a prefix of its children's).
        return byPath.Values.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    private static void WriteEntry(TarOutputStream tar, LayerEntry entry, DateTime mtime, byte[] buffer, CancellationToken cancellationToken)
    {
        var name = entry.Kind == LayerEntryKind.Directory ? entry.Path + "/" : entry.Path;
        var tarEntry = TarEntry.CreateTarEntry(name);
        var header = tarEntry.TarHeader;
        header.Mode = entry.Mode;
        header.UserId = entry.UserId;
        header.GroupId = entry.GroupId;
        header.UserName = "";
        header.GroupName = "";
        header.ModTime = mtime;
        header.LinkName = "";
        header.DevMajor = 0;
        header.DevMinor = 0;
        switch (entry.Kind)
        {
            case LayerEntryKind.Directory:
                header.TypeFlag = TarHeader.LF_DIR;
                header.Size = 0;
                tar.PutNextEntry(tarEntry);
                tar.CloseEntry();
                return;
            case LayerEntryKind.Symlink:
                header.TypeFlag = TarHeader.LF_SYMLINK;
                header.LinkName = entry.LinkTarget!;
                header.Size = 0;
                tar.PutNextEntry(tarEntry);
                tar.CloseEntry();
                return;
        }

        header.TypeFlag = TarHeader.LF_NORMAL;
        if (entry.Content is not null)
        {
            header.Size = entry.Content.Length;
            tar.PutNextEntry(tarEntry);
            tar.Write(entry.Content, 0, entry.Content.Length);
            tar.CloseEntry();
            return;
        }

        using var source = new FileStream(entry.SourceFile!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
        header.Size = source.Length;
        tar.PutNextEntry(tarEntry);
        long copied = 0;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tar.Write(buffer, 0, read);
            copied += read;
        }

        if (copied != header.Size)
        {
            throw new IOException($"'{entry.SourceFile}' changed while it was being written into the image.");
        }

        tar.CloseEntry();
    }

    /// <summary>Writes to two streams: the compressor and the hash of the uncompressed tar (the diff_id).</summary>
    internal sealed class TeeStream : Stream
    {
        private readonly Stream _first;
        private readonly Stream _second;

        public TeeStream(Stream first, Stream second)
        {
            _first = first;
            _second = second;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _first.Write(buffer, offset, count);
            _second.Write(buffer, offset, count);
        }

        public override void Flush() => _first.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
