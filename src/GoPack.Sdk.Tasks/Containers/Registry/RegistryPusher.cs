using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GoPack.Sdk.Containers.Registry;

/// <summary>
/// Pushes built images: every blob the registry doesn't have yet (HEAD first), then the manifest under each tag; for
/// several platforms each manifest by digest, then the index under each tag (a registry only accepts a manifest whose
/// blobs it has, and an index whose manifests it has).
/// </summary>
public static class RegistryPusher
{
    /// <returns>The digest the tags now point at (the manifest's, or the index's).</returns>
    public static async Task<string> PushAsync(RegistryClient client, string repository, IReadOnlyList<BuiltImage> images, OciLayout indexStore,
        Descriptor? index, IReadOnlyList<string> tags, IContainerLog log, CancellationToken cancellationToken)
    {
        foreach (var image in images)
        {
            foreach (var blob in image.Content.Layers.Concat(new[] { image.Content.Config }).GroupBy(b => b.Digest).Select(g => g.First()))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await client.BlobExistsAsync(repository, blob.Digest, cancellationToken).ConfigureAwait(false))
                {
                    log.Detail($"{blob.Digest} is already in {repository}.");
                    continue;
                }

                await client.UploadBlobAsync(repository, blob, image.Layout.BlobPath(blob.Digest), cancellationToken).ConfigureAwait(false);
            }
        }

        if (index is null)
        {
            var image = images.Single();
            var manifest = image.Layout.ReadBlob(image.Manifest.Digest);
            foreach (var tag in tags)
            {
                await client.PutManifestAsync(repository, tag, image.Manifest.MediaType, manifest, cancellationToken).ConfigureAwait(false);
            }

            return image.Manifest.Digest;
        }

        foreach (var image in images)
        {
            await client.PutManifestAsync(repository, image.Manifest.Digest, image.Manifest.MediaType, image.Layout.ReadBlob(image.Manifest.Digest), cancellationToken).ConfigureAwait(false);
        }

        var indexContent = indexStore.ReadBlob(index.Digest);
        foreach (var tag in tags)
        {
            await client.PutManifestAsync(repository, tag, index.MediaType, indexContent, cancellationToken).ConfigureAwait(false);
        }

        return index.Digest;
    }
}
