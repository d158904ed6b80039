using System;
using System.Collections.Generic;

namespace GoPack.Sdk.Common;

/// <summary>Reading MSBuild properties and environment variables the same way everywhere.</summary>
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

    /// <summary>
    /// The value of a property whose name is an environment variable's in other letter case (GoVersion and GOVERSION,
    /// GoRoot and GOROOT, GoOS and GOOS...): null when blank, and null when it is exactly that variable's value.
    /// MSBuild property names ignore case, so without a property $(GoVersion) reads the variable GOVERSION; GoPack
    /// reads such a variable as the variable (a later source, a different meaning), never as the property. A property
    /// set to the very value of the variable is taken for the variable: the same value, from the later source.
    /// </summary>
    public static string? OwnProperty(string? value, string variable, IReadOnlyDictionary<string, string>? environment)
    {
        var property = Trimmed(value);
        return property is not null && environment is not null && environment.TryGetValue(variable, out var echoed) && echoed == value
            ? null
            : property;
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
}
