using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;

namespace GoPack.Sdk.Containers;

/// <summary>A base image ready to build on: its manifest and config, with its blobs in <see cref="Store"/>.</summary>
public sealed record BaseImage(string Name, OciLayout Store, ImageManifest Manifest, JsonObject Config)
{
    /// <summary>The base manifest's digest, for the org.opencontainers.image.base.digest annotation.</summary>
    public string? ManifestDigest { get; init; }
}

/// <summary>A layer to add: its entries and what the history says about it.</summary>
public sealed record LayerSpec(IReadOnlyList<LayerEntry> Entries, string CreatedBy, string? Comment = null);

public sealed record ImageBuildRequest
{
    public required OciLayout Output { get; init; }

    /// <summary>Null: an empty base (scratch).</summary>
    public BaseImage? Base { get; init; }

    public IReadOnlyList<LayerSpec> Layers { get; init; } = Array.Empty<LayerSpec>();
    public required ImageConfigSettings Config { get; init; }
    public ContainerImageFormat Format { get; init; } = ContainerImageFormat.Oci;
    public IReadOnlyDictionary<string, string>? ManifestAnnotations { get; init; }
}

/// <summary>The image as written: the manifest's descriptor (with its platform, for an index) and what it holds.</summary>
public sealed record BuiltImage(Descriptor Manifest, ImageManifest Content, OciLayout Layout)
{
    public string Digest => Manifest.Digest;
}

/// <summary>
/// Writes an image into an OCI layout: the base's layers (copied from its store, checked), GoPack's new layers, a
/// config built on the base's, and a manifest. Nothing here reads a clock or the environment, so the same request
/// always gives the same digest.
/// </summary>
public static class ImageBuilder
{
    public static BuiltImage Build(ImageBuildRequest request, CancellationToken cancellationToken = default)
    {
        var output = request.Output;
        Directory.CreateDirectory(output.BlobDirectory);
        var layers = new List<Descriptor>();
        if (request.Base is not null)
        {
            foreach (var layer in request.Base.Manifest.Layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                output.CopyBlobFrom(request.Base.Store, layer);
                layers.Add(layer with { MediaType = OciMediaTypes.Layer(request.Format, layer.MediaType) });
            }
        }

        var added = new List<AddedLayer>();
        foreach (var spec in request.Layers)
        {
            var temp = Path.Combine(output.BlobDirectory, ".tmp-" + Guid.NewGuid().ToString("N"));
            try
            {
                var blob = LayerWriter.Write(spec.Entries, temp, request.Config.Created, cancellationToken);
                output.AddBlobFile(temp, blob.Digest);
                layers.Add(new Descriptor(OciMediaTypes.Layer(request.Format), blob.Digest, blob.Size));
                added.Add(new AddedLayer(blob.DiffId, spec.CreatedBy, spec.Comment));
            }
            finally
            {
                File.Delete(temp);
            }
        }

        var config = ImageConfigBuilder.Build(request.Base?.Config, request.Config, added);
        var configDescriptor = output.WriteBlob(OciMediaTypes.Config(request.Format), OciJson.Write(config));
        var manifest = new ImageManifest(OciMediaTypes.Manifest(request.Format), configDescriptor, layers)
        {
            // Docker's schema 2 has no annotations.
            Annotations = request.Format == ContainerImageFormat.Oci && request.ManifestAnnotations is { Count: > 0 } ? request.ManifestAnnotations : null,
        };
        var manifestDescriptor = output.WriteBlob(manifest.MediaType, manifest.ToJson()) with { Platform = request.Config.Platform };
        return new BuiltImage(manifestDescriptor, manifest, output);
    }

    /// <summary>An index over several platform images, stored in <paramref name="output"/>.</summary>
    public static Descriptor BuildIndex(OciLayout output, IReadOnlyList<Descriptor> manifests, ContainerImageFormat format)
    {
        var index = new ImageIndex(OciMediaTypes.Index(format), manifests);
        return output.WriteBlob(index.MediaType, index.ToJson());
    }

    /// <summary>The blobs an image needs: its config, layers, and the manifest itself.</summary>
    public static IEnumerable<Descriptor> Blobs(BuiltImage image) =>
        image.Content.Layers.Concat(new[] { image.Content.Config, image.Manifest });
}

/// <summary>Reading back an image a build wrote into its own layout (index.json naming one manifest).</summary>
public static class BuiltImages
{
    /// <exception cref="InvalidDataException">The layout is missing, or doesn't name exactly one image manifest.</exception>
    public static BuiltImage Load(OciLayout layout)
    {
        var manifests = layout.ReadIndex();
        if (manifests.Count != 1)
        {
            throw new InvalidDataException($"{layout.Root} names {manifests.Count} images; a GoPack image layout names one.");
        }

        try
        {
            var content = ImageManifest.Parse(layout.ReadBlob(manifests[0].Digest), layout.Root, manifests[0].MediaType);
            return new BuiltImage(manifests[0], content, layout);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }
}
