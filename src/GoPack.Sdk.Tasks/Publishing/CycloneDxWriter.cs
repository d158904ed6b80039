using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Publishing;

/// <summary>Inputs of <see cref="CycloneDxWriter.Write"/>.</summary>
public sealed class SbomOptions
{
    /// <summary>The binary's build info (`go version -m`).</summary>
    public GoBuildInfo BuildInfo { get; init; } = new();

    /// <summary>The binary's file name, e.g. svc or svc.exe.</summary>
    public string BinaryName { get; init; } = "";

    /// <summary>SHA-256 of the binary, hex; recorded as a property so the SBOM names exactly one binary.</summary>
    public string? BinarySha256 { get; init; }

    /// <summary>
    /// go.sum of the main module ("path version" → "h1:…"): vendored builds embed no hashes, so the h1: hash comes
    /// from here when the build info has none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? GoSum { get; init; }

    /// <summary>The main module's version when it is "(devel)" without VCS information: the project's Version.</summary>
    public string? FallbackVersion { get; init; }

    /// <summary>metadata.timestamp: SOURCE_DATE_EPOCH or the commit time, never the wall clock; null leaves it out.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public string ToolName { get; init; } = "GoPack.Sdk";

    public string? ToolVersion { get; init; }
}

/// <summary>
/// A CycloneDX 1.5 JSON SBOM of one Go binary, from its build info, the way cyclonedx-gomod maps it:
/// the main module is metadata.component (type application; a "(devel)" version becomes the pseudo-version of
/// vcs.revision/vcs.time), every dependency a library component (the replacement when replaced) with purl
/// pkg:golang/&lt;path&gt;@&lt;version&gt;?goarch=…&amp;goos=…&amp;type=module and its h1: hash as SHA-256 (the hex of the
/// base64 digest), plus the standard library; build settings become cdx:gomod:build:* properties.
/// The same inputs give the same bytes: the serial number is derived from the content, and no clock is read.
/// </summary>
public static class CycloneDxWriter
{
    public const string SchemaUri = "http://cyclonedx.org/schema/bom-1.5.schema.json";

    public static byte[] Write(SbomOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        // The serial number names this content: write once without it, hash, write again with it.
        var draft = Render(options, serialNumber: null);
        byte[] digest;
        using (var sha = SHA256.Create())
        {
            digest = sha.ComputeHash(draft);
        }

        return Render(options, ContentUuid(digest));
    }

    /// <summary>go.sum lines → "path version" → "h1:…" (the /go.mod lines are left out).</summary>
    public static IReadOnlyDictionary<string, string> ParseGoSum(IEnumerable<string> lines)
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines ?? Array.Empty<string>())
        {
            var fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 3 && !fields[1].EndsWith("/go.mod", StringComparison.Ordinal) && fields[2].StartsWith("h1:", StringComparison.Ordinal))
            {
                sums[fields[0] + " " + fields[1]] = fields[2];
            }
        }

        return sums;
    }

    /// <summary>The hex SHA-256 of an h1: hash (go's dirhash: base64 of a SHA-256), or null when it isn't one.</summary>
    public static string? H1ToHex(string? sum)
    {
        if (sum is null || !sum.StartsWith("h1:", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(sum.Substring(3));
            return bytes.Length == 32 ? Hex.Lower(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// pkg:golang/&lt;module path&gt;@&lt;version&gt;, each path segment and the version percent-encoded as the purl
    /// specification asks; qualifiers sorted by key.
    /// </summary>
    public static string Purl(string path, string? version, IEnumerable<KeyValuePair<string, string>>? qualifiers = null)
    {
        var builder = new StringBuilder("pkg:golang/");
        builder.Append(string.Join("/", path.Split('/').Where(s => s.Length > 0).Select(PercentEncode)));
        if (!string.IsNullOrEmpty(version))
        {
            builder.Append('@').Append(PercentEncode(version!));
        }

        var sorted = (qualifiers ?? Array.Empty<KeyValuePair<string, string>>())
            .Where(q => q.Value.Length > 0)
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .ToList();
        if (sorted.Count > 0)
        {
            builder.Append('?').Append(string.Join("&", sorted.Select(q => q.Key + "=" + PercentEncode(q.Value))));
        }

        return builder.ToString();
    }

    /// <summary>v0.0.0-yyyymmddhhmmss-abcdefabcdef, as go names an untagged commit; null without both pieces.</summary>
    public static string? PseudoVersion(string? revision, string? time)
    {
        if (string.IsNullOrEmpty(revision) || revision!.Length < 12 || string.IsNullOrEmpty(time)
            || !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
        {
            return null;
        }

        return "v0.0.0-" + when.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + revision.Substring(0, 12);
    }

    private static byte[] Render(SbomOptions options, string? serialNumber)
    {
        var info = options.BuildInfo;
        var qualifiers = new List<KeyValuePair<string, string>>
        {
            new("goarch", info.Setting("GOARCH") ?? ""),
            new("goos", info.Setting("GOOS") ?? ""),
            new("type", "module"),
        };
        var refQualifiers = new[] { new KeyValuePair<string, string>("type", "module") };

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("bomFormat", "CycloneDX");
            json.WriteString("specVersion", "1.5");
            if (serialNumber is not null)
            {
                json.WriteString("serialNumber", serialNumber);
            }

            json.WriteNumber("version", 1);

            json.WriteStartObject("metadata");
            if (options.Timestamp is DateTimeOffset timestamp)
            {
                json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }

            json.WriteStartObject("tools");
            json.WriteStartArray("components");
            json.WriteStartObject();
            json.WriteString("type", "application");
            json.WriteString("name", options.ToolName);
            if (!string.IsNullOrEmpty(options.ToolVersion))
            {
                json.WriteString("version", options.ToolVersion);
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            var mainPath = info.Main?.Path ?? info.PackagePath ?? options.BinaryName;
            var mainVersion = MainVersion(info, options.FallbackVersion);
            var mainRef = Purl(mainPath, mainVersion, refQualifiers);
            json.WriteStartObject("component");
            json.WriteString("bom-ref", mainRef);
            json.WriteString("type", "application");
            json.WriteString("name", mainPath);
            if (mainVersion is not null)
            {
                json.WriteString("version", mainVersion);
            }

            json.WriteString("purl", Purl(mainPath, mainVersion, qualifiers));
            WriteProperties(json, MainProperties(options));
            json.WriteEndObject();
            json.WriteEndObject();

            var dependencies = Components(options, qualifiers, refQualifiers);
            json.WriteStartArray("components");
            foreach (var component in dependencies)
            {
                json.WriteStartObject();
                json.WriteString("bom-ref", component.Ref);
                json.WriteString("type", "library");
                json.WriteString("name", component.Name);
                if (component.Version is not null)
                {
                    json.WriteString("version", component.Version);
                }

                json.WriteString("scope", "required");
                if (component.Sha256 is not null)
                {
                    json.WriteStartArray("hashes");
                    json.WriteStartObject();
                    json.WriteString("alg", "SHA-256");
                    json.WriteString("content", component.Sha256);
                    json.WriteEndObject();
                    json.WriteEndArray();
                }

                if (component.Purl is not null)
                {
                    json.WriteString("purl", component.Purl);
                }

                WriteProperties(json, component.Properties);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            // Build info lists every module linked in, not who imports whom: the main module depends on them all.
            json.WriteStartArray("dependencies");
            json.WriteStartObject();
            json.WriteString("ref", mainRef);
            json.WriteStartArray("dependsOn");
            foreach (var component in dependencies)
            {
                json.WriteStringValue(component.Ref);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        // Utf8JsonWriter writes the platform's line ending: the same SBOM must come out on every OS.
        var text = Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
        return Encoding.UTF8.GetBytes(text);
    }

    private static string? MainVersion(GoBuildInfo info, string? fallback)
    {
        var version = info.Main?.Version;
        if (!string.IsNullOrEmpty(version) && version != "(devel)")
        {
            return version;
        }

        return PseudoVersion(info.Setting("vcs.revision"), info.Setting("vcs.time")) ?? (string.IsNullOrEmpty(fallback) ? version : fallback);
    }

    private static IEnumerable<KeyValuePair<string, string>> MainProperties(SbomOptions options)
    {
        var info = options.BuildInfo;
        yield return new("cdx:gomod:binary:name", options.BinaryName);
        if (!string.IsNullOrEmpty(options.BinarySha256))
        {
            yield return new("cdx:gomod:binary:hash:SHA-256", options.BinarySha256!);
        }

        yield return new("cdx:gomod:build:env:GOVERSION", info.GoVersion);
        foreach (var setting in info.Settings)
        {
            if (setting.Key == "-tags")
            {
                foreach (var tag in setting.Value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return new("cdx:gomod:build:tag", tag);
                }
            }
            else if (setting.Key is "CGO_ENABLED" or "GOOS" or "GOARCH" or "GOARM" or "GOAMD64" or "GO386" or "GOEXPERIMENT")
            {
                yield return new("cdx:gomod:build:env:" + setting.Key, setting.Value);
            }
            else if (setting.Key.StartsWith("vcs", StringComparison.Ordinal))
            {
                yield return new("cdx:gomod:build:" + setting.Key, setting.Value);
            }
            else if (setting.Key is "-trimpath" or "-buildmode" or "-compiler")
            {
                yield return new("cdx:gomod:build:flag:" + setting.Key.TrimStart('-'), setting.Value);
            }
        }
    }

    private static IReadOnlyList<Component> Components(
        SbomOptions options, IReadOnlyList<KeyValuePair<string, string>> qualifiers, IReadOnlyList<KeyValuePair<string, string>> refQualifiers)
    {
        var result = new List<Component>();
        foreach (var dependency in options.BuildInfo.Dependencies)
        {
            var properties = new List<KeyValuePair<string, string>>();
            var module = dependency;
            var replacement = dependency.Replacement;
            if (replacement is not null && IsLocalPath(replacement.Path))
            {
                // A directory on the build machine: no published version or hash to name.
                properties.Add(new("gopack:replaced-by", replacement.Path));
                result.Add(new Component(Purl(module.Path, null, refQualifiers), module.Path, null, null, Purl(module.Path, null, qualifiers), properties));
                continue;
            }

            if (replacement is not null)
            {
                properties.Add(new("gopack:replaces", dependency.Path + "@" + dependency.Version));
                module = replacement;
            }

            var sum = module.Sum;
            if (sum is null && options.GoSum is not null)
            {
                options.GoSum.TryGetValue(module.Path + " " + module.Version, out sum);
            }

            result.Add(new Component(
                Purl(module.Path, module.Version, refQualifiers), module.Path, module.Version, H1ToHex(sum), Purl(module.Path, module.Version, qualifiers), properties));
        }

        if (options.BuildInfo.GoVersion.Length > 0)
        {
            // The standard library is linked in too, and is what Go's security advisories name most often.
            var go = options.BuildInfo.GoVersion;
            result.Add(new Component(Purl("std", go, refQualifiers), "std", go, null, Purl("std", go, qualifiers), Array.Empty<KeyValuePair<string, string>>()));
        }

        return result.GroupBy(c => c.Ref, StringComparer.Ordinal).Select(g => g.First()).ToList();
    }

    private static void WriteProperties(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, string>> properties)
    {
        var list = properties.ToList();
        if (list.Count == 0)
        {
            return;
        }

        json.WriteStartArray("properties");
        foreach (var property in list)
        {
            json.WriteStartObject();
            json.WriteString("name", property.Key);
            json.WriteString("value", property.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static bool IsLocalPath(string path) =>
        path.StartsWith("./", StringComparison.Ordinal) || path.StartsWith("../", StringComparison.Ordinal) || path.StartsWith("/", StringComparison.Ordinal)
        || path.StartsWith(".\\", StringComparison.Ordinal) || path.StartsWith("..\\", StringComparison.Ordinal) || (path.Length > 2 && path[1] == ':');

    // RFC 3986 unreserved characters stay; everything else is %XX of its UTF-8 bytes.
    private static string PercentEncode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    // A name-based UUID (RFC 9562 version 8) from the content's SHA-256: the same SBOM has the same serial number.
    private static string ContentUuid(byte[] digest)
    {
        var bytes = digest.Take(16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Hex.Lower(bytes);
        return $"urn:uuid:{hex.Substring(0, 8)}-{hex.Substring(8, 4)}-{hex.Substring(12, 4)}-{hex.Substring(16, 4)}-{hex.Substring(20)}";
    }

    private sealed record Component(string Ref, string Name, string? Version, string? Sha256, string? Purl, IReadOnlyList<KeyValuePair<string, string>> Properties);
}
