using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoPack.Sdk.Containers;

/// <summary>
/// How GoPack writes OCI JSON: compact, UTF-8, properties in a fixed order, maps sorted by key, and no escaping of
/// characters that need none (so a label's "&lt;" or "+" stays as written). A digest is over these exact bytes, so
/// the same image must always serialize the same way.
/// </summary>
public static class OciJson
{
    private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>A node tree (a base image's config with GoPack's changes) written with the same options.</summary>
    public static byte[] Write(JsonNode node) => Write(w => node.WriteTo(w));

    public static void WriteSortedMap(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, string>> map)
    {
        writer.WriteStartObject();
        foreach (var pair in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }

    /// <exception cref="FormatException">Not JSON, or not an object.</exception>
    public static JsonObject ParseObject(byte[] content, string what)
    {
        try
        {
            return JsonNode.Parse(content) as JsonObject ?? throw new FormatException($"{what} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} is not valid JSON: {e.Message}", e);
        }
    }

    public static string? String(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string Utf8(byte[] content) => Encoding.UTF8.GetString(content);
}
