using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace GoPack.Sdk.Containers;

/// <summary>A problem with the Container* settings: a GOPACK code and a message that says what to do.</summary>
public sealed record ContainerSettingsError(string Code, string Message);

/// <summary>The Container* properties and items as MSBuild hands them over (raw text), before any checking.</summary>
public sealed record ContainerSettingsInput
{
    public string? Repository { get; init; }
    public bool RepositoryIsDefault { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();
    public string? Registry { get; init; }
    public string? User { get; init; }
    public string? WorkingDirectory { get; init; }
    public IReadOnlyList<string> Entrypoint { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> EntrypointArgs { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> AppCommand { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> AppCommandArgs { get; init; } = Array.Empty<string>();
    public string? AppCommandInstruction { get; init; }
    public IReadOnlyList<string> DefaultArgs { get; init; } = Array.Empty<string>();

    /// <summary>ContainerPort items: the port number (or range) and its Type metadata (tcp, udp).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Ports { get; init; } = Array.Empty<KeyValuePair<string, string?>>();
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables { get; init; } = Array.Empty<KeyValuePair<string, string>>();
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = Array.Empty<KeyValuePair<string, string>>();
    public string? ImageFormat { get; init; }
    public string? Family { get; init; }
    public string? LocalRegistry { get; init; }

    /// <summary>The binary names, the first being the entrypoint's.</summary>
    public IReadOnlyList<string> BinaryNames { get; init; } = Array.Empty<string>();
}

/// <summary>The checked settings.</summary>
public sealed record ContainerSettings
{
    public const string AppDirectory = "/ko-app";
    public const string DataDirectory = "/var/run/ko";
    public const string DefaultUser = "65532:65532";

    public string Repository { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();
    public string? Registry { get; init; }
    public ContainerImageFormat Format { get; init; }
    public ContainerFamily Family { get; init; }
    public LocalEngine? LocalRegistry { get; init; }

    /// <summary>User, working directory, entrypoint, Cmd, environment, ports, labels; platform and time are set per image.</summary>
    public ImageConfigSettings Config { get; init; } = new ImageConfigSettings();
}

/// <summary>ContainerFamily: which default base GoPack builds on when ContainerBaseImage is empty.</summary>
public enum ContainerFamily
{
    /// <summary>CA certificates and time zone data, nothing else (distroless "static"-like).</summary>
    Static,

    /// <summary>Nothing at all: the binary alone.</summary>
    Scratch,
}

public enum LocalEngine
{
    Docker,
    Podman,
}

/// <summary>
/// Checks the .NET SDK's Container* properties and items and maps them to an image config, the way the .NET SDK
/// reads them where it makes sense for a Go binary (see README's Containers section for every one).
/// </summary>
public static class ContainerSettingsParser
{
    private static readonly Regex EnvironmentName = new Regex("^[A-Za-z_][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex PortPattern = new Regex("^[0-9]{1,5}(-[0-9]{1,5})?$", RegexOptions.CultureInvariant);
    private static readonly Regex UserPattern = new Regex("^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$", RegexOptions.CultureInvariant);

    public static ContainerSettings? Parse(ContainerSettingsInput input, List<ContainerSettingsError> errors)
    {
        var before = errors.Count;
        var repository = (input.Repository ?? "").Trim();
        if (!ImageReference.IsValidRepository(repository))
        {
            var suggestion = ImageReference.RepositoryFromProjectName(repository);
            errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidRepository,
                (input.RepositoryIsDefault
                    ? $"The project name '{input.Repository}' can't be a container repository name"
                    : $"ContainerRepository '{repository}' is not a valid repository name")
                + ": lower-case letters, digits and the separators '.', '_', '__' and '-' between them, parts separated by '/'. "
                + (suggestion is null || suggestion == repository ? "Set ContainerRepository to such a name." : $"Set ContainerRepository, e.g. to '{suggestion}'.")));
        }

        var tags = input.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count == 0)
        {
            tags.Add("latest");
        }

        foreach (var tag in tags.Where(t => !ImageReference.IsValidTag(t)))
        {
            errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidSetting,
                $"The image tag '{tag}' is not valid: letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'. Set ContainerImageTag or ContainerImageTags (';'-separated)."));
        }

        var registry = Trimmed(input.Registry);
        if (registry is not null)
        {
            registry = StripScheme(registry);
            if (!ImageReference.IsValidRegistry(registry))
            {
                errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidSetting,
                    $"ContainerRegistry '{input.Registry}' is not a registry host name (e.g. ghcr.io, registry.example.com:5000, localhost:5000)."));
            }
        }

        var format = ContainerImageFormat.Oci;
        switch (Trimmed(input.ImageFormat)?.ToLowerInvariant())
        {
            case null:
            case "oci":
                break;
            case "docker":
                format = ContainerImageFormat.Docker;
                break;
            default:
                errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidSetting, $"ContainerImageFormat '{input.ImageFormat}' is not OCI or Docker."));
                break;
        }

        var family = ContainerFamily.Static;
        switch (Trimmed(input.Family)?.ToLowerInvariant())
        {
            case null:
            case "static":
                break;
            case "scratch":
                family = ContainerFamily.Scratch;
                break;
            default:
                errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidSetting,
                    $"ContainerFamily '{input.Family}' is not static (CA certificates and time zone data, the default) or scratch (the binary alone). For another base, set ContainerBaseImage."));
                break;
        }

        LocalEngine? local = null;
        switch (Trimmed(input.LocalRegistry)?.ToLowerInvariant())
        {
            case null:
                break;
            case "docker":
                local = LocalEngine.Docker;
                break;
            case "podman":
                local = LocalEngine.Podman;
                break;
            default:
                errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidSetting, $"LocalRegistry '{input.LocalRegistry}' is not Docker or Podman."));
                break;
        }

        var user = Trimmed(input.User) ?? ContainerSettings.DefaultUser;
        if (!UserPattern.IsMatch(user))
        {
            errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidSetting, $"ContainerUser '{input.User}' is not a user, uid, user:group or uid:gid."));
        }

        var workingDirectory = Trimmed(input.WorkingDirectory) ?? "/";
        if (!workingDirectory.StartsWith("/", StringComparison.Ordinal))
        {
            errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidSetting, $"ContainerWorkingDirectory '{workingDirectory}' must be an absolute path inside the image (starting with '/')."));
        }

        var environment = new List<KeyValuePair<string, string>>
        {
            // ko's defaults: the binaries are on PATH, Go's crypto/x509 finds the bundle either way, kodata is announced.
            new KeyValuePair<string, string>("PATH", "/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:" + ContainerSettings.AppDirectory),
            new KeyValuePair<string, string>("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt"),
            new KeyValuePair<string, string>("KO_DATA_PATH", ContainerSettings.DataDirectory),
        };
        foreach (var pair in input.EnvironmentVariables)
        {
            var name = pair.Key.Trim();
            if (!EnvironmentName.IsMatch(name))
            {
                errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidSetting, $"ContainerEnvironmentVariable '{pair.Key}' is not a valid variable name (letters, digits, '_', '.', '-', not starting with a digit)."));
                continue;
            }

            environment.RemoveAll(e => e.Key == name);
            environment.Add(new KeyValuePair<string, string>(name, pair.Value ?? ""));
        }

        var ports = new List<string>();
        foreach (var pair in input.Ports)
        {
            var port = pair.Key.Trim();
            var type = (Trimmed(pair.Value) ?? "tcp").ToLowerInvariant();
            if (!PortPattern.IsMatch(port) || port.Split('-').Any(p => int.Parse(p, CultureInfo.InvariantCulture) is < 1 or > 65535) || (type != "tcp" && type != "udp"))
            {
                errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidSetting, $"ContainerPort '{pair.Key}' (Type '{pair.Value}') is not a port 1-65535 with Type tcp or udp."));
                continue;
            }

            ports.Add(port + "/" + type);
        }

        var labels = new List<KeyValuePair<string, string>>();
        foreach (var pair in input.Labels)
        {
            var key = pair.Key.Trim();
            if (key.Length == 0)
            {
                errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidSetting, "A ContainerLabel has an empty name."));
                continue;
            }

            labels.RemoveAll(l => l.Key == key);
            labels.Add(new KeyValuePair<string, string>(key, pair.Value ?? ""));
        }

        // The .NET SDK's rules: ContainerEntrypoint (legacy) wins; otherwise the app command, by default the first
        // binary, goes where ContainerAppCommandInstruction says (Entrypoint by default, or DefaultArgs = Cmd).
        IReadOnlyList<string>? entrypoint;
        IReadOnlyList<string>? cmd = null;
        var appCommand = input.AppCommand.Count > 0
            ? input.AppCommand.ToList()
            : input.BinaryNames.Take(1).Select(n => ContainerSettings.AppDirectory + "/" + n).ToList();
        appCommand.AddRange(input.AppCommandArgs);
        var instruction = Trimmed(input.AppCommandInstruction)?.ToLowerInvariant();
        if (input.Entrypoint.Count > 0)
        {
            entrypoint = input.Entrypoint.ToList();
            cmd = input.EntrypointArgs.Concat(input.DefaultArgs).ToList();
        }
        else
        {
            switch (instruction)
            {
                case null:
                case "entrypoint":
                    entrypoint = appCommand;
                    cmd = input.DefaultArgs.ToList();
                    break;
                case "defaultargs":
                    entrypoint = null;
                    cmd = appCommand.Concat(input.DefaultArgs).ToList();
                    break;
                case "none":
                    entrypoint = null;
                    cmd = input.DefaultArgs.Count > 0 ? input.DefaultArgs.ToList() : null;
                    break;
                default:
                    errors.Add(new ContainerSettingsError(GoPackErrors.ContainerInvalidSetting, $"ContainerAppCommandInstruction '{input.AppCommandInstruction}' is not Entrypoint, DefaultArgs or None."));
                    entrypoint = appCommand;
                    break;
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new ContainerSettings
        {
            Repository = repository,
            Tags = tags,
            Registry = registry,
            Format = format,
            Family = family,
            LocalRegistry = local,
            Config = new ImageConfigSettings
            {
                User = user,
                WorkingDirectory = workingDirectory,
                Entrypoint = entrypoint,
                Cmd = cmd is { Count: > 0 } ? cmd : null,
                Environment = environment,
                ExposedPorts = ports,
                Labels = labels,
            },
        };
    }

    /// <summary>"https://ghcr.io/" is ghcr.io: people paste URLs.</summary>
    public static string StripScheme(string registry)
    {
        var text = registry.Trim();
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                text = text.Substring(scheme.Length);
            }
        }

        return text.TrimEnd('/');
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
