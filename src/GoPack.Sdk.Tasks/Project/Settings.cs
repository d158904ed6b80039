using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace GoPack.Sdk.Project;

/// <summary>Reading MSBuild properties and environment variables the same way in every part of the project model.</summary>
internal static class Settings
{
    /// <summary>
    /// An environment variable's value, or null when it is missing or blank: MSBuild cannot tell an empty property
    /// from an unset one, so an empty variable must not behave differently from a missing one either.
    /// </summary>
    public static string? Get(IReadOnlyDictionary<string, string>? environment, string name)
    {
        if (environment is null || !environment.TryGetValue(name, out var value))
        {
            return null;
        }

        return Trimmed(value);
    }

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    /// <summary>MSBuild's and the platforms' spellings of a switch; null when blank, so a default can apply.</summary>
    /// <exception cref="FormatException">Anything else: a typo must not silently mean false.</exception>
    public static bool? ParseBool(string? value)
    {
        var text = Trimmed(value);
        if (text is null)
        {
            return null;
        }

        switch (text.ToLowerInvariant())
        {
            case "true":
            case "1":
            case "yes":
            case "on":
                return true;
            case "false":
            case "0":
            case "no":
            case "off":
                return false;
            default:
                throw new FormatException($"'{text}' is not true or false");
        }
    }

    public static StringComparison PathComparison { get; } =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;

    public static StringComparer PathComparer { get; } =
        PathComparison == StringComparison.OrdinalIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static string FullPath(string path) => TrimSeparator(Path.GetFullPath(path));

    public static string FullPath(string baseDirectory, string relative) =>
        FullPath(Path.Combine(baseDirectory, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>Directories without a trailing separator, except a root such as "/" or "C:\", which needs it.</summary>
    public static string TrimSeparator(string path)
    {
        var trimmed = path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return trimmed.Length == 0 || trimmed.EndsWith(":", StringComparison.Ordinal) ? path : trimmed;
    }

    public static bool SamePath(string a, string b) => string.Equals(TrimSeparator(a), TrimSeparator(b), PathComparison);

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or inside it.</summary>
    public static bool IsSameOrUnder(string path, string directory)
    {
        var p = TrimSeparator(path);
        var d = TrimSeparator(directory);
        if (string.Equals(p, d, PathComparison))
        {
            return true;
        }

        var prefix = d.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? d : d + Path.DirectorySeparatorChar;
        return p.StartsWith(prefix, PathComparison);
    }

    /// <summary>
    /// The "./a/b" form go expects for a directory below <paramref name="root"/> ("." for the root itself);
    /// null when it is not below the root.
    /// </summary>
    public static string? RelativeGoPath(string root, string path)
    {
        var r = TrimSeparator(root);
        var p = TrimSeparator(path);
        if (string.Equals(r, p, PathComparison))
        {
            return ".";
        }

        if (!IsSameOrUnder(p, r))
        {
            return null;
        }

        var start = r.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? r.Length : r.Length + 1;
        return "./" + p.Substring(start).Replace('\\', '/');
    }
}
