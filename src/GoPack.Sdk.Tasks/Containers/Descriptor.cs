using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoPack.Sdk.Containers;

/// <summary>An OCI content descriptor: what a manifest or index says about a blob or another manifest.</summary>
public sealed record Descriptor(string MediaType, string Digest, long Size)
{
    public ImagePlatform? Platform { get; init; }

    /// <summary>Sorted by key when written, so the same annotations always give the same bytes.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Foreign layers (Windows base images) name where their bytes live; kept as the base had them.</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("mediaType", MediaType);
        writer.WriteString("digest", Digest);
        writer.WriteNumber("size", Size);
        if (Urls is { Count: > 0 })
        {
            writer.WriteStartArray("urls");
            foreach (var url in Urls)
            {
                writer.WriteStringValue(url);
            }

            writer.WriteEndArray();
        }

        if (Annotations is { Count: > 0 })
        {
            writer.WritePropertyName("annotations");
            OciJson.WriteSortedMap(writer, Annotations);
        }

        if (Platform is not null)
        {
            writer.WritePropertyName("platform");
            Platform.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <exception cref="FormatException">A field is missing or has the wrong type, or the digest isn't a sha256 digest.</exception>
    public static Descriptor Parse(JsonNode? node, string what)
    {
        if (node is not JsonObject o)
        {
            throw new FormatException($"{what} is not a JSON object.");
        }

        var mediaType = OciJson.String(o, "mediaType") ?? "";
        var digest = OciJson.String(o, "digest");
        if (!Digests.IsValid(digest))
        {
            throw new FormatException($"{what} has no valid sha256 digest ('{digest}').");
        }

        var size = o["size"] is JsonValue v && v.TryGetValue<long>(out var s) && s >= 0
            ? s
            : throw new FormatException($"{what} has no valid size.");
        return new Descriptor(mediaType, digest!, size)
        {
            Platform = o["platform"] is JsonObject p ? ImagePlatform.Parse(p) : null,
            Annotations = o["annotations"] is JsonObject a
                ? a.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal)
                : null,
            Urls = o["urls"] is JsonArray u ? u.Select(x => x?.GetValue<string>() ?? "").ToList() : null,
        };
    }
}

/// <summary>os/architecture/variant of an image, as an image index and a config name them.</summary>
public sealed record ImagePlatform(string Os, string Architecture, string? Variant = null)
{
    public override string ToString() => Os + "/" + Architecture + (string.IsNullOrEmpty(Variant) ? "" : "/" + Variant);

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("architecture", Architecture);
        writer.WriteString("os", Os);
        if (!string.IsNullOrEmpty(Variant))
        {
            writer.WriteString("variant", Variant);
        }

        writer.WriteEndObject();
    }

    public static ImagePlatform Parse(JsonObject o) =>
        new ImagePlatform(OciJson.String(o, "os") ?? "", OciJson.String(o, "architecture") ?? "", OciJson.String(o, "variant"));

    /// <summary>
    /// Whether an image for <paramref name="candidate"/> runs here. The variant counts only when both name one, except
    /// that arm64's "v8" is the same as none (registries write it either way).
    /// </summary>
    public bool Matches(ImagePlatform candidate)
    {
        if (!string.Equals(Os, candidate.Os, StringComparison.Ordinal) || !string.Equals(Architecture, candidate.Architecture, StringComparison.Ordinal))
        {
            return false;
        }

        var mine = NormalizeVariant(Architecture, Variant);
        var theirs = NormalizeVariant(candidate.Architecture, candidate.Variant);
        return mine is null || theirs is null || mine == theirs;
    }

    private static string? NormalizeVariant(string architecture, string? variant) =>
        string.IsNullOrEmpty(variant) || (architecture == "arm64" && variant == "v8") ? null : variant;

    /// <summary>
    /// The image platform for a .NET runtime identifier; only Linux RIDs have one (containers run Linux binaries).
    /// Null for anything else.
    /// </summary>
    public static ImagePlatform? FromRuntimeIdentifier(string? rid)
    {
        if (string.IsNullOrWhiteSpace(rid))
        {
            return null;
        }

        var text = rid!.Trim().ToLowerInvariant();
        foreach (var c in text)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
            {
                return null;
            }
        }

        var parts = text.Split('-');
        // linux-x64, linux-musl-x64, linux-bionic-arm64: the architecture is the last part.
        if (parts.Length < 2 || parts[0] != "linux")
        {
            return null;
        }

        return parts[parts.Length - 1] switch
        {
            "x64" => new ImagePlatform("linux", "amd64"),
            "arm64" => new ImagePlatform("linux", "arm64", "v8"),
            "arm" => new ImagePlatform("linux", "arm", "v7"),
            "armv6" => new ImagePlatform("linux", "arm", "v6"),
            "x86" => new ImagePlatform("linux", "386"),
            "riscv64" => new ImagePlatform("linux", "riscv64"),
            "s390x" => new ImagePlatform("linux", "s390x"),
            "ppc64le" => new ImagePlatform("linux", "ppc64le"),
            "loongarch64" => new ImagePlatform("linux", "loong64"),
            "mips64" => new ImagePlatform("linux", "mips64le"),
            _ => null,
        };
    }

    /// <summary>The platform go builds for with this GOOS/GOARCH/GOARM.</summary>
    public static ImagePlatform FromGo(string goos, string goarch, string? goarm = null) => goarch switch
    {
        "arm64" => new ImagePlatform(goos, "arm64", "v8"),
        "arm" => new ImagePlatform(goos, "arm", "v" + (string.IsNullOrEmpty(goarm) ? "7" : goarm)),
        _ => new ImagePlatform(goos, goarch),
    };
}
