using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace GoPack.Sdk.Tasks;

/// <summary>The process environment as the pure classes take it: variable names compare as the OS compares them.</summary>
internal static class TaskEnvironment
{
    public static IReadOnlyDictionary<string, string> Snapshot()
    {
        var comparer = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var environment = new Dictionary<string, string>(comparer);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value) environment[name] = value;
        }
        return environment;
    }
}
