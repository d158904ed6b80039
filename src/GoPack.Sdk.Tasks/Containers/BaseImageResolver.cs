using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GoPack.Sdk.Containers.Registry;
using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Tar;

namespace GoPack.Sdk.Containers;

/// <summary>
/// Turns ContainerBaseImage into a <see cref="BaseImage"/> for one platform, with its blobs in a store:
/// <list type="bullet">
/// <item>an OCI layout directory (<c>oci:PATH[:REF]</c>, or a directory holding <c>oci-layout</c>): used in place;</item>
/// <item>an OCI archive (<c>oci-archive:PATH[:REF]</c>, or a <c>.tar</c>/<c>.tar.gz</c> file): its blobs are checked and
/// copied into the cache;</item>
/// <item>a registry reference (<c>registry/name:tag@digest</c>): manifests and blobs are pulled into the cache, each
/// checked against its digest; a blob already in the cache is not downloaded again.</item>
/// </list>
/// An index picks the platform's manifest. Errors are <see cref="RegistryException"/>s with a GOPACK code.
/// </summary>
public sealed class BaseImageResolver
{
    private readonly OciLayout _cache;
    private readonly Func<string, RegistryClient> _clients;

    /// <param name="cache">Where pulled blobs are kept, by digest (~/.gopack/containers by default).</param>
    /// <param name="clients">A client for a registry host.</param>
    public BaseImageResolver(OciLayout cache, Func<string, RegistryClient> clients)
    {
        _cache = cache;
        _clients = clients;
    }

    public async Task<BaseImage> ResolveAsync(string baseImage, ImagePlatform platform, CancellationToken cancellationToken)
    {
        var text = baseImage.Trim();
        if (TryLocal(text, out var path, out var reference, out var isArchive))
        {
            return isArchive ? FromArchive(text, path, reference, platform, cancellationToken) : FromLayout(text, new OciLayout(path), reference, platform);
        }

        ImageReference parsed;
        try
        {
            parsed = ImageReference.Parse(text);
        }
        catch (FormatException e)
        {
            throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable,
                $"ContainerBaseImage {e.Message} Give a registry image (registry/name:tag or name@sha256:...), an OCI layout directory (oci:PATH) or an OCI archive (oci-archive:PATH).");
        }

        return await PullAsync(text, parsed, platform, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>oci:PATH[:REF], oci-archive:PATH[:REF], or an existing directory or file.</summary>
    private static bool TryLocal(string text, out string path, out string? reference, out bool isArchive)
    {
        reference = null;
        foreach (var (prefix, archive) in new[] { ("oci:", false), ("oci-archive:", true) })
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                path = text.Substring(prefix.Length);
                isArchive = archive;
                // A :REF after the path, unless that colon is a Windows drive's.
                var colon = path.LastIndexOf(':');
                if (colon > 1 && !File.Exists(path) && !Directory.Exists(path))
                {
                    reference = path.Substring(colon + 1);
                    path = path.Substring(0, colon);
                }

                path = Path.GetFullPath(path);
                return true;
            }
        }

        isArchive = File.Exists(text);
        path = text;
        if (Directory.Exists(text) || isArchive)
        {
            path = Path.GetFullPath(text);
            return true;
        }

        return false;
    }

    private BaseImage FromLayout(string name, OciLayout layout, string? reference, ImagePlatform platform)
    {
        IReadOnlyList<Descriptor> manifests;
        try
        {
            manifests = layout.ReadIndex();
        }
        catch (InvalidDataException e)
        {
            throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable, $"ContainerBaseImage '{name}': {e.Message}");
        }

        var candidates = reference is null
            ? manifests
            : manifests.Where(m => m.Annotations is not null && (
                (m.Annotations.TryGetValue("org.opencontainers.image.ref.name", out var r) && (r == reference || r.EndsWith(":" + reference, StringComparison.Ordinal)))
                || (m.Annotations.TryGetValue("io.containerd.image.name", out var n) && n.EndsWith(":" + reference, StringComparison.Ordinal)))).ToList();
        if (candidates.Count == 0)
        {
            throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable, $"ContainerBaseImage '{name}': the layout has no image named '{reference}'.");
        }

        try
        {
            if (candidates.Count > 1)
            {
                candidates = candidates.Where(m => m.Platform is null || platform.Matches(m.Platform)).ToList();
                if (candidates.Count != 1)
                {
                    throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable,
                        $"ContainerBaseImage '{name}': the layout holds several images; name one with oci:PATH:REF (REF being its org.opencontainers.image.ref.name).");
                }
            }

            return Load(name, layout, candidates[0], platform, d => layout.ReadBlob(d));
        }
        catch (InvalidDataException e)
        {
            throw new RegistryException(GoPackErrors.ContainerDigestMismatch, $"ContainerBaseImage '{name}': {e.Message}");
        }
    }

    /// <summary>Copies an archive's blobs into the cache (each checked), then reads it like a layout over the cache.</summary>
    private BaseImage FromArchive(string name, string path, string? reference, ImagePlatform platform, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable, $"ContainerBaseImage '{name}': {path} does not exist.");
        }

        var staging = Path.Combine(_cache.Root, "archives", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            byte[]? index = null;
            using (var file = File.OpenRead(path))
            {
                var isGzip = file.ReadByte() == 0x1F && file.ReadByte() == 0x8B;
                file.Position = 0;
                using var input = isGzip ? (Stream)new GZipInputStream(file) { IsStreamOwner = false } : file;
                using var tar = new TarInputStream(input, Encoding.UTF8) { IsStreamOwner = false };
                TarEntry? entry;
                while ((entry = tar.GetNextEntry()) is not null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var entryName = entry.Name.TrimStart('.', '/');
                    if (entryName == OciLayout.IndexFileName)
                    {
                        using var buffer = new MemoryStream();
                        tar.CopyEntryContents(buffer);
                        index = buffer.ToArray();
                    }
                    else if (entryName.StartsWith("blobs/sha256/", StringComparison.Ordinal) && !entry.IsDirectory)
                    {
                        var digest = Digests.Prefix + entryName.Substring("blobs/sha256/".Length);
                        if (!Digests.IsValid(digest))
                        {
                            continue;
                        }

                        var temp = Path.Combine(staging, Digests.HexOf(digest));
                        using (var output = File.Create(temp))
                        {
                            var hashing = new HashingStream(output);
                            tar.CopyEntryContents(hashing);
                            if (hashing.Digest != digest)
                            {
                                throw new RegistryException(GoPackErrors.ContainerDigestMismatch, $"ContainerBaseImage '{name}': the blob {digest} in the archive doesn't match its digest.");
                            }
                        }

                        _cache.AddBlobFile(temp, digest);
                    }
                }
            }

            if (index is null)
            {
                throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable, $"ContainerBaseImage '{name}': {path} is not an OCI archive (no index.json).");
            }

            // The archive's index.json over the cache's blobs: a layout in all but name.
            var view = Path.Combine(staging, "layout");
            Directory.CreateDirectory(view);
            File.WriteAllBytes(Path.Combine(view, OciLayout.IndexFileName), index);
            File.WriteAllText(Path.Combine(view, OciLayout.LayoutFileName), "{\"imageLayoutVersion\":\"1.0.0\"}");
            var manifests = new OciLayout(view).ReadIndex();
            var image = FromLayoutIndex(name, manifests, reference, platform);
            return Load(name, _cache, image, platform, d => _cache.ReadBlob(d));
        }
        catch (InvalidDataException e)
        {
            throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable, $"ContainerBaseImage '{name}': {e.Message}");
        }
        catch (Exception e) when (e is TarException || e is GZipException)
        {
            throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable, $"ContainerBaseImage '{name}': {path} can't be read as a tar archive ({e.Message}).");
        }
        finally
        {
            try { Directory.Delete(staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static Descriptor FromLayoutIndex(string name, IReadOnlyList<Descriptor> manifests, string? reference, ImagePlatform platform)
    {
        var candidates = reference is null
            ? manifests.ToList()
            : manifests.Where(m => m.Annotations is not null && m.Annotations.TryGetValue("org.opencontainers.image.ref.name", out var r) && (r == reference || r.EndsWith(":" + reference, StringComparison.Ordinal))).ToList();
        if (candidates.Count > 1)
        {
            candidates = candidates.Where(m => m.Platform is null || platform.Matches(m.Platform)).ToList();
        }

        return candidates.Count == 1
            ? candidates[0]
            : throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable,
                candidates.Count == 0 ? $"ContainerBaseImage '{name}': no image named '{reference}' in it." : $"ContainerBaseImage '{name}': it holds several images; name one with oci-archive:PATH:REF.");
    }

    /// <summary>Reads a manifest (through an index when it is one) and its config from a store, checking the platform.</summary>
    private static BaseImage Load(string name, OciLayout store, Descriptor descriptor, ImagePlatform platform, Func<string, byte[]> read)
    {
        var content = read(descriptor.Digest);
        if (OciMediaTypes.IsIndex(descriptor.MediaType) || OciJson.ParseObject(content, name)["manifests"] is JsonArray)
        {
            var index = ParseOrThrow(() => ImageIndex.Parse(content, name), name);
            descriptor = index.Find(platform)
                ?? throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable,
                    $"ContainerBaseImage '{name}' has no image for {platform} (it has {string.Join(", ", index.Manifests.Where(m => m.Platform is not null).Select(m => m.Platform!.ToString()))}).");
            content = read(descriptor.Digest);
        }

        var manifest = ParseOrThrow(() => ImageManifest.Parse(content, name, descriptor.MediaType), name);
        var config = ParseOrThrow(() => OciJson.ParseObject(read(manifest.Config.Digest), name + " config"), name);
        CheckPlatform(name, config, platform);
        return new BaseImage(name, store, manifest, config) { ManifestDigest = descriptor.Digest };
    }

    private async Task<BaseImage> PullAsync(string name, ImageReference reference, ImagePlatform platform, CancellationToken cancellationToken)
    {
        var client = _clients(reference.Registry);
        var (content, mediaType, digest) = await GetManifestCachedAsync(client, reference.Repository, reference.Reference, cancellationToken).ConfigureAwait(false);
        if (OciMediaTypes.IsIndex(mediaType) || OciJson.ParseObject(content, name)["manifests"] is JsonArray)
        {
            var index = ParseOrThrow(() => ImageIndex.Parse(content, name), name);
            var chosen = index.Find(platform)
                ?? throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable,
                    $"ContainerBaseImage '{name}' has no image for {platform} (it has {string.Join(", ", index.Manifests.Where(m => m.Platform is not null).Select(m => m.Platform!.ToString()))}).");
            (content, mediaType, digest) = await GetManifestCachedAsync(client, reference.Repository, chosen.Digest, cancellationToken).ConfigureAwait(false);
            mediaType = chosen.MediaType.Length > 0 ? chosen.MediaType : mediaType;
        }

        var manifest = ParseOrThrow(() => ImageManifest.Parse(content, name, mediaType), name);
        foreach (var blob in manifest.Layers.Concat(new[] { manifest.Config }))
        {
            if (_cache.HasBlob(blob.Digest, blob.Size))
            {
                continue;
            }

            Directory.CreateDirectory(_cache.BlobDirectory);
            var temp = Path.Combine(_cache.BlobDirectory, ".tmp-" + Guid.NewGuid().ToString("N"));
            await client.DownloadBlobAsync(reference.Repository, blob, temp, cancellationToken).ConfigureAwait(false);
            _cache.AddBlobFile(temp, blob.Digest);
        }

        JsonObject config;
        try
        {
            config = OciJson.ParseObject(_cache.ReadBlob(manifest.Config.Digest), name + " config");
        }
        catch (Exception e) when (e is InvalidDataException || e is FormatException)
        {
            throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable, $"ContainerBaseImage '{name}': {e.Message}");
        }

        CheckPlatform(name, config, platform);
        return new BaseImage(name, _cache, manifest, config) { ManifestDigest = digest };
    }

    /// <summary>A manifest asked for by digest comes from the cache when it is there (it can't have changed); a tag always asks the registry.</summary>
    private async Task<(byte[] Content, string MediaType, string Digest)> GetManifestCachedAsync(RegistryClient client, string repository, string reference, CancellationToken cancellationToken)
    {
        if (Digests.IsValid(reference) && _cache.HasBlob(reference))
        {
            var cached = _cache.ReadBlob(reference);
            return (cached, "", reference);
        }

        var fetched = await client.GetManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false);
        _cache.WriteBlob(fetched.MediaType, fetched.Content);
        return fetched;
    }

    private static void CheckPlatform(string name, JsonObject config, ImagePlatform platform)
    {
        var os = OciJson.String(config, "os");
        var architecture = OciJson.String(config, "architecture");
        if (os is not null && architecture is not null && !platform.Matches(new ImagePlatform(os, architecture, OciJson.String(config, "variant"))))
        {
            throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable, $"ContainerBaseImage '{name}' is an image for {os}/{architecture}, not {platform}.");
        }
    }

    private static T ParseOrThrow<T>(Func<T> parse, string name)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new RegistryException(GoPackErrors.ContainerBaseImageUnavailable, $"ContainerBaseImage '{name}': {e.Message}");
        }
    }
}
