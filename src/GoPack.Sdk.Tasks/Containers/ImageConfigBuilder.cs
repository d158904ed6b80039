using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace GoPack.Sdk.Containers;

/// <summary>What GoPack puts into an image's config, from the Container* properties.</summary>
public sealed record ImageConfigSettings
{
    public ImagePlatform Platform { get; init; } = new ImagePlatform("linux", "amd64");

    /// <summary>The config's and history's <c>created</c>: SOURCE_DATE_EPOCH, the commit time, or the Unix epoch; never the wall clock.</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.FromUnixTimeSeconds(0);

    /// <summary>Null keeps the base image's user.</summary>
    public string? User { get; init; }

    /// <summary>Null keeps the base image's working directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Null keeps the base image's entrypoint.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Null: no Cmd when the entrypoint was set (the base's Cmd was meant for the base's entrypoint), else the base's.</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Added to the base's variables, replacing those of the same name, in this order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>"8080/tcp" forms, added to the base's.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = Array.Empty<string>();

    /// <summary>Added to the base's labels, replacing those of the same key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = Array.Empty<KeyValuePair<string, string>>();
}

/// <summary>A layer GoPack adds, for the config's rootfs and history.</summary>
public sealed record AddedLayer(string DiffId, string CreatedBy, string? Comment = null);

/// <summary>
/// Builds an image config (the JSON the manifest's config descriptor points at) on top of a base image's config,
/// keeping every field GoPack doesn't set (a base's healthcheck, shell, volumes...) as the base wrote it.
/// </summary>
public static class ImageConfigBuilder
{
    public static JsonObject Build(JsonObject? baseConfig, ImageConfigSettings settings, IReadOnlyList<AddedLayer> layers)
    {
        var config = baseConfig is null ? new JsonObject() : (JsonObject)baseConfig.DeepClone();
        var created = FormatTime(settings.Created);
        config["architecture"] = settings.Platform.Architecture;
        config["os"] = settings.Platform.Os;
        if (string.IsNullOrEmpty(settings.Platform.Variant))
        {
            config.Remove("variant");
        }
        else
        {
            config["variant"] = settings.Platform.Variant;
        }

        config["created"] = created;
        // Docker's own build fields describe how the base was built, not this image.
        config.Remove("container");
        config.Remove("container_config");
        config.Remove("docker_version");

        var runtime = config["config"] as JsonObject ?? new JsonObject();
        config["config"] = runtime;
        if (settings.User is not null)
        {
            runtime["User"] = settings.User;
        }

        if (settings.WorkingDirectory is not null)
        {
            runtime["WorkingDir"] = settings.WorkingDirectory;
        }

        runtime["Env"] = MergeEnvironment(runtime["Env"] as JsonArray, settings.Environment);
        if (settings.Entrypoint is not null)
        {
            runtime["Entrypoint"] = ToArray(settings.Entrypoint);
            if (settings.Cmd is null)
            {
                runtime.Remove("Cmd");
            }
        }

        if (settings.Cmd is not null)
        {
            runtime["Cmd"] = ToArray(settings.Cmd);
        }

        if (settings.ExposedPorts.Count > 0)
        {
            var ports = runtime["ExposedPorts"] as JsonObject ?? new JsonObject();
            runtime["ExposedPorts"] = Sorted(ports.Select(p => p.Key).Concat(settings.ExposedPorts).Distinct(StringComparer.Ordinal).ToDictionary(p => p, _ => (JsonNode?)new JsonObject(), StringComparer.Ordinal));
        }

        if (settings.Labels.Count > 0 || runtime["Labels"] is JsonObject)
        {
            var labels = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            if (runtime["Labels"] is JsonObject existing)
            {
                foreach (var pair in existing)
                {
                    labels[pair.Key] = pair.Value?.DeepClone();
                }
            }

            foreach (var pair in settings.Labels)
            {
                labels[pair.Key] = pair.Value;
            }

            runtime["Labels"] = Sorted(labels);
        }

        var rootfs = config["rootfs"] as JsonObject ?? new JsonObject { ["type"] = "layers" };
        config["rootfs"] = rootfs;
        var diffIds = rootfs["diff_ids"] as JsonArray ?? new JsonArray();
        rootfs["diff_ids"] = diffIds;
        var history = config["history"] as JsonArray ?? new JsonArray();
        config["history"] = history;
        foreach (var layer in layers)
        {
            diffIds.Add(layer.DiffId);
            var entry = new JsonObject { ["created"] = created, ["created_by"] = layer.CreatedBy };
            if (layer.Comment is not null)
            {
                entry["comment"] = layer.Comment;
            }

            history.Add(entry);
        }

        return config;
    }

    /// <summary>RFC 3339 in UTC with whole seconds, as Go writes a time.Time without fractions.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonArray MergeEnvironment(JsonArray? existing, IReadOnlyList<KeyValuePair<string, string>> added)
    {
        var names = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string name, string value)
        {
            if (!values.ContainsKey(name))
            {
                names.Add(name);
            }

            values[name] = value;
        }

        foreach (var item in existing ?? new JsonArray())
        {
            var text = item?.GetValue<string>() ?? "";
            var equals = text.IndexOf('=');
            Set(equals < 0 ? text : text.Substring(0, equals), equals < 0 ? "" : text.Substring(equals + 1));
        }

        foreach (var pair in added)
        {
            Set(pair.Key, pair.Value);
        }

        return ToArray(names.Select(n => n + "=" + values[n]));
    }

    private static JsonArray ToArray(IEnumerable<string> values) => new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonObject Sorted(IDictionary<string, JsonNode?> map)
    {
        var o = new JsonObject();
        foreach (var key in map.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            o[key] = map[key];
        }

        return o;
    }
}
