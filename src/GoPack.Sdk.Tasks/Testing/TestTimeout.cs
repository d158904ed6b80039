using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GoPack.Sdk.Testing;

/// <summary>Turns `--blame-hang-timeout` values (VSTest's: <c>90000</c> ms, <c>90s</c>, <c>15m</c>, <c>1.5h</c>, <c>1d</c>) into go's -timeout durations.</summary>
public static class TestTimeout
{
    private static readonly Regex ValueRegex = new Regex(
        @"^\s*(?<number>\d+(?:\.\d+)?)\s*(?<unit>ms|mil|millisecond|milliseconds|s|sec|second|seconds|m|min|minute|minutes|h|hour|hours|d|day|days)?\s*$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <returns>A go duration such as "90s"; null when the value can't be read.</returns>
    public static string? ToGoDuration(string value)
    {
        var match = ValueRegex.Match(value ?? "");
        if (!match.Success) return null;
        var number = double.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var milliseconds = unit switch
        {
            "" or "ms" or "mil" or "millisecond" or "milliseconds" => number,
            "s" or "sec" or "second" or "seconds" => number * 1000,
            "m" or "min" or "minute" or "minutes" => number * 60_000,
            "h" or "hour" or "hours" => number * 3_600_000,
            _ => number * 86_400_000,
        };
        if (milliseconds < 1 || milliseconds > TimeSpan.MaxValue.TotalMilliseconds / 2) return null;
        return Math.Round(milliseconds).ToString("0", CultureInfo.InvariantCulture) + "ms";
    }
}
