using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GoPack.Sdk.Containers;

/// <summary>An image manifest: its config and layers (in order, base first).</summary>
public sealed record ImageManifest(string MediaType, Descriptor Config, IReadOnlyList<Descriptor> Layers)
{
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public byte[] ToJson() => OciJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", MediaType);
        w.WritePropertyName("config");
        Config.WriteTo(w);
        w.WriteStartArray("layers");
        foreach (var layer in Layers)
        {
            layer.WriteTo(w);
        }

        w.WriteEndArray();
        if (Annotations is { Count: > 0 })
        {
            w.WritePropertyName("annotations");
            OciJson.WriteSortedMap(w, Annotations);
        }

        w.WriteEndObject();
    });

    /// <exception cref="FormatException">Not an image manifest GoPack can read (schema 1, an index, missing fields).</exception>
    public static ImageManifest Parse(byte[] json, string what, string? mediaTypeHint = null)
    {
        var o = OciJson.ParseObject(json, what);
        var mediaType = OciJson.String(o, "mediaType") ?? mediaTypeHint ?? "";
        if (o["schemaVersion"] is JsonValue v && v.TryGetValue<int>(out var schema) && schema != 2)
        {
            throw new FormatException($"{what} is a schema {schema} manifest; only schema 2 (Docker v2 or OCI) images can be used.");
        }

        if (OciMediaTypes.IsIndex(mediaType) || o["manifests"] is JsonArray)
        {
            throw new FormatException($"{what} is an image index, not an image manifest.");
        }

        if (mediaType.Length == 0)
        {
            // OCI made mediaType optional in manifests; an image manifest has config and layers.
            mediaType = OciMediaTypes.OciManifest;
        }

        var config = Descriptor.Parse(o["config"], what + ": config");
        var layers = o["layers"] is JsonArray array
            ? array.Select((l, i) => Descriptor.Parse(l, $"{what}: layers[{i}]")).ToList()
            : throw new FormatException($"{what} has no layers.");
        return new ImageManifest(mediaType, config, layers)
        {
            Annotations = o["annotations"] is JsonObject a
                ? a.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal)
                : null,
        };
    }
}

/// <summary>An image index (OCI) or manifest list (Docker): one manifest per platform.</summary>
public sealed record ImageIndex(string MediaType, IReadOnlyList<Descriptor> Manifests)
{
    public byte[] ToJson() => OciJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", MediaType);
        w.WriteStartArray("manifests");
        foreach (var manifest in Manifests)
        {
            manifest.WriteTo(w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static ImageIndex Parse(byte[] json, string what)
    {
        var o = OciJson.ParseObject(json, what);
        var manifests = o["manifests"] is JsonArray array
            ? array.Select((m, i) => Descriptor.Parse(m, $"{what}: manifests[{i}]")).ToList()
            : throw new FormatException($"{what} has no manifests.");
        return new ImageIndex(OciJson.String(o, "mediaType") ?? OciMediaTypes.OciIndex, manifests);
    }

    /// <summary>The manifest for <paramref name="platform"/>, skipping attestation manifests (platform unknown/unknown).</summary>
    public Descriptor? Find(ImagePlatform platform) =>
        Manifests.FirstOrDefault(m => m.Platform is not null && platform.Matches(m.Platform) && OciMediaTypes.IsManifest(m.MediaType))
        ?? Manifests.FirstOrDefault(m => m.Platform is not null && platform.Matches(m.Platform));
}
