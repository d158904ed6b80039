using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace GoPack.Sdk.Containers;

/// <summary>
/// An OCI image layout directory (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/&lt;hex&gt;</c>), also
/// used as a content-addressed store (GoPack's cache of pulled base images has the same shape). Blobs are written
/// to a temporary file beside their final name and renamed into place, so a blob that exists is complete; reads
/// verify the content against the name.
/// </summary>
public sealed class OciLayout
{
    public const string LayoutFileName = "oci-layout";
    public const string IndexFileName = "index.json";
    private static readonly byte[] LayoutFileContent = System.Text.Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}");

    public OciLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string BlobDirectory => Path.Combine(Root, "blobs", "sha256");

    public static bool IsLayout(string directory) =>
        Directory.Exists(directory) && File.Exists(Path.Combine(directory, LayoutFileName)) && File.Exists(Path.Combine(directory, IndexFileName));

    public string BlobPath(string digest) => Path.Combine(BlobDirectory, Digests.HexOf(digest));

    public bool HasBlob(string digest, long? size = null)
    {
        var file = new FileInfo(BlobPath(digest));
        return file.Exists && (size is null || file.Length == size);
    }

    /// <summary>Stores bytes under their digest (once) and describes them.</summary>
    public Descriptor WriteBlob(string mediaType, byte[] content)
    {
        var digest = Digests.Of(content);
        if (!HasBlob(digest, content.Length))
        {
            var temp = NewTempFile();
            File.WriteAllBytes(temp, content);
            MoveIntoPlace(temp, digest);
        }

        return new Descriptor(mediaType, digest, content.Length);
    }

    /// <summary>Moves a file whose digest is already known (a layer just written) into the store.</summary>
    public void AddBlobFile(string file, string digest)
    {
        if (HasBlob(digest, new FileInfo(file).Length))
        {
            File.Delete(file);
            return;
        }

        Directory.CreateDirectory(BlobDirectory);
        MoveIntoPlace(file, digest);
    }

    /// <summary>Copies a blob from another store, checking its digest on the way (a corrupt cache must not reach an image).</summary>
    public void CopyBlobFrom(OciLayout source, Descriptor blob)
    {
        if (HasBlob(blob.Digest, blob.Size))
        {
            return;
        }

        var temp = NewTempFile();
        try
        {
            using (var input = File.OpenRead(source.BlobPath(blob.Digest)))
            using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                var hashing = new HashingStream(output);
                input.CopyTo(hashing, 81920);
                if (hashing.Digest != blob.Digest || hashing.BytesWritten != blob.Size)
                {
                    throw new InvalidDataException($"The blob {blob.Digest} in {source.Root} doesn't match its digest or size; delete it and try again.");
                }
            }

            MoveIntoPlace(temp, blob.Digest);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A blob's bytes, checked against its digest.</summary>
    /// <exception cref="InvalidDataException">The blob is missing or its content doesn't hash to its name.</exception>
    public byte[] ReadBlob(string digest)
    {
        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The blob {digest} is missing from {Root}.");
        }

        var content = File.ReadAllBytes(path);
        if (Digests.Of(content) != digest)
        {
            throw new InvalidDataException($"The blob {digest} in {Root} doesn't match its digest.");
        }

        return content;
    }

    /// <summary>Writes <c>oci-layout</c> and <c>index.json</c> naming <paramref name="manifests"/> (manifests or indexes).</summary>
    public void WriteIndex(IEnumerable<Descriptor> manifests)
    {
        Directory.CreateDirectory(BlobDirectory);
        File.WriteAllBytes(Path.Combine(Root, LayoutFileName), LayoutFileContent);
        var list = manifests.ToList();
        var json = OciJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", OciMediaTypes.OciIndex);
            w.WriteStartArray("manifests");
            foreach (var manifest in list)
            {
                manifest.WriteTo(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        var temp = NewTempFile();
        File.WriteAllBytes(temp, json);
        var index = Path.Combine(Root, IndexFileName);
        File.Delete(index);
        File.Move(temp, index);
    }

    /// <summary>The descriptors in index.json.</summary>
    /// <exception cref="InvalidDataException">Not a layout, or index.json can't be read.</exception>
    public IReadOnlyList<Descriptor> ReadIndex()
    {
        var path = Path.Combine(Root, IndexFileName);
        if (!File.Exists(path) || !File.Exists(Path.Combine(Root, LayoutFileName)))
        {
            throw new InvalidDataException($"{Root} is not an OCI image layout (no oci-layout and index.json).");
        }

        try
        {
            var index = OciJson.ParseObject(File.ReadAllBytes(path), path);
            return index["manifests"] is JsonArray manifests
                ? manifests.Select((m, i) => Descriptor.Parse(m, $"{path}: manifests[{i}]")).ToList()
                : throw new FormatException($"{path} has no manifests array.");
        }
        catch (FormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    private string NewTempFile()
    {
        Directory.CreateDirectory(BlobDirectory);
        return Path.Combine(BlobDirectory, ".tmp-" + Guid.NewGuid().ToString("N"));
    }

    private void MoveIntoPlace(string temp, string digest)
    {
        var target = BlobPath(digest);
        try
        {
            File.Move(temp, target);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another build stored the same content meanwhile: content-addressed, so theirs is as good.
            File.Delete(temp);
        }
    }
}
