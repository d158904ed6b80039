using System;
using System.Text.RegularExpressions;

namespace GoPack.Sdk.Containers;

/// <summary>
/// <c>[registry/]repository[:tag][@digest]</c>, read the way docker reads it: the first part is a registry when it
/// has a dot or a port or is <c>localhost</c>; otherwise the image is on Docker Hub (<c>docker.io</c>, one-part
/// names under <c>library/</c>).
/// </summary>
public sealed record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DockerHub = "docker.io";

    // The distribution spec's grammar for a repository path component and a tag.
    private static readonly Regex RepositoryPattern = new Regex(
        "^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant);

    private static readonly Regex TagPattern = new Regex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant);

    private static readonly Regex RegistryPattern = new Regex(
        @"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$",
        RegexOptions.CultureInvariant);

    /// <summary>What HTTP requests go to: Docker Hub's API host for docker.io.</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    /// <summary>The tag or digest to ask the registry for (the digest wins: it can't move).</summary>
    public string Reference => Digest ?? Tag ?? "latest";

    public override string ToString() =>
        Registry + "/" + Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    public static bool IsValidRepository(string? repository) =>
        !string.IsNullOrEmpty(repository) && repository!.Length <= 255 && RepositoryPattern.IsMatch(repository);

    public static bool IsValidTag(string? tag) => !string.IsNullOrEmpty(tag) && TagPattern.IsMatch(tag!);

    public static bool IsValidRegistry(string? registry) => !string.IsNullOrEmpty(registry) && RegistryPattern.IsMatch(registry!);

    /// <exception cref="FormatException">Says which part is wrong and what it should look like.</exception>
    public static ImageReference Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("An image reference can't be empty.");
        }

        var rest = text.Trim();
        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest.Substring(at + 1);
            rest = rest.Substring(0, at);
            if (!Digests.IsValid(digest))
            {
                throw new FormatException($"'{text}': '{digest}' is not a sha256 digest (sha256: and 64 lower-case hex digits).");
            }
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest.Substring(colon + 1);
            rest = rest.Substring(0, colon);
            if (!IsValidTag(tag))
            {
                throw new FormatException($"'{text}': '{tag}' is not a valid tag (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-').");
            }
        }

        var registry = DockerHub;
        var firstSlash = rest.IndexOf('/');
        if (firstSlash > 0)
        {
            var first = rest.Substring(0, firstSlash);
            if (first.IndexOf('.') >= 0 || first.IndexOf(':') >= 0 || first == "localhost" || first.StartsWith("[", StringComparison.Ordinal))
            {
                registry = first;
                rest = rest.Substring(firstSlash + 1);
                if (!IsValidRegistry(registry))
                {
                    throw new FormatException($"'{text}': '{registry}' is not a valid registry host name.");
                }
            }
        }

        if (registry is "index.docker.io" or "registry-1.docker.io")
        {
            registry = DockerHub;
        }

        if (registry == DockerHub && rest.IndexOf('/') < 0)
        {
            rest = "library/" + rest;
        }

        if (!IsValidRepository(rest))
        {
            throw new FormatException($"'{text}': '{rest}' is not a valid repository name (lower-case letters, digits and separators '.', '_', '__', '-', parts separated by '/').");
        }

        return new ImageReference(registry, rest, tag, digest);
    }

    /// <summary>
    /// A project name made into a repository name as the .NET SDK does: lower-cased, every character a repository
    /// can't hold replaced by '-'. Null when even that isn't valid (it must start with a letter or digit).
    /// </summary>
    public static string? RepositoryFromProjectName(string projectName)
    {
        var chars = projectName.Trim().ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '/'))
            {
                chars[i] = '-';
            }
        }

        var candidate = new string(chars);
        return IsValidRepository(candidate) ? candidate : null;
    }
}
