using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ICSharpCode.SharpZipLib.GZip;

namespace GoPack.Sdk.Containers;

/// <summary>
/// Writes one image as a tarball that both worlds load: an OCI image layout (<c>oci-layout</c>, <c>index.json</c>,
/// <c>blobs/</c>, for <c>skopeo</c>, <c>podman load</c>, <c>docker load</c> 25+) with Docker's <c>manifest.json</c>
/// beside it (for older <c>docker load</c>). One image per tarball, named once in index.json: podman 4 refuses an
/// index.json naming the same image twice, so every tag goes into manifest.json's RepoTags instead. Written like a
/// layer (sorted, one time, root-owned) to a temporary file renamed into place; gzip'd when the name ends in .gz or .tgz.
/// </summary>
public static class ImageArchiveWriter
{
    public static void Write(BuiltImage image, string repository, IReadOnlyList<string> tags, string outputPath, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        if (tags.Count == 0)
        {
            throw new ArgumentException("An archive needs at least one tag.", nameof(tags));
        }

        var layout = image.Layout;
        var entries = new List<LayerEntry>
        {
            LayerEntry.FromBytes(OciLayout.LayoutFileName, System.Text.Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}")),
        };
        foreach (var blob in ImageBuilder.Blobs(image).GroupBy(b => b.Digest).Select(g => g.First()))
        {
            entries.Add(LayerEntry.FromFile("blobs/sha256/" + Digests.HexOf(blob.Digest), layout.BlobPath(blob.Digest)));
        }

        var named = image.Manifest with
        {
            Platform = null,
            Annotations = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["org.opencontainers.image.ref.name"] = tags[0],
                // containerd (docker load 25+, nerdctl) names the image from this one.
                ["io.containerd.image.name"] = repository + ":" + tags[0],
            },
        };
        entries.Add(LayerEntry.FromBytes(OciLayout.IndexFileName, new ImageIndex(OciMediaTypes.OciIndex, new[] { named }).ToJson()));
        entries.Add(LayerEntry.FromBytes("manifest.json", OciJson.Write(w =>
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("Config", "blobs/sha256/" + Digests.HexOf(image.Content.Config.Digest));
            w.WriteStartArray("RepoTags");
            foreach (var tag in tags)
            {
                w.WriteStringValue(repository + ":" + tag);
            }

            w.WriteEndArray();
            w.WriteStartArray("Layers");
            foreach (var layer in image.Content.Layers)
            {
                w.WriteStringValue("blobs/sha256/" + Digests.HexOf(layer.Digest));
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        })));

        var full = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920))
            {
                var sorted = LayerWriter.Complete(entries);
                var mtime = LayerWriter.TarTime(time);
                if (IsGzipName(full))
                {
                    using var gzip = new GZipOutputStream(file, 65536) { IsStreamOwner = false, ModifiedTime = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
                    LayerWriter.WriteTar(gzip, sorted, mtime, cancellationToken);
                }
                else
                {
                    LayerWriter.WriteTar(file, sorted, mtime, cancellationToken);
                }
            }

            if (File.Exists(full))
            {
                File.Delete(full);
            }

            File.Move(temp, full);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static bool IsGzipName(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);
}
