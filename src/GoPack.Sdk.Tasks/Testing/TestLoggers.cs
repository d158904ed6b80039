using System;
using System.Collections.Generic;
using System.Linq;

namespace GoPack.Sdk.Testing;

public enum ConsoleVerbosity
{
    Quiet,
    Minimal,
    Normal,
    Detailed,
}

/// <summary>What `dotnet test --logger` asked for (the VSTestLogger property, one entry per logger).</summary>
/// <param name="TrxFileName">trx's LogFileName, relative to the results directory; null: VSTest's default name.</param>
/// <param name="Unsupported">Loggers GoPack doesn't write (html, junit...), to warn about.</param>
public sealed record TestLoggerSettings(bool Trx, string? TrxFileName, ConsoleVerbosity Verbosity, IReadOnlyList<string> Unsupported)
{
    /// <param name="loggers">"trx;LogFileName=x.trx", "console;verbosity=detailed": dotnet test passes each --logger as one entry.</param>
    public static TestLoggerSettings Parse(IEnumerable<string>? loggers)
    {
        var trx = false;
        string? trxFile = null;
        var verbosity = ConsoleVerbosity.Minimal;
        var unsupported = new List<string>();
        foreach (var logger in loggers ?? Array.Empty<string>())
        {
            if (string.IsNullOrWhiteSpace(logger)) continue;
            var parts = logger.Split(';');
            var name = parts[0].Trim();
            var parameters = parts.Skip(1)
                .Select(p => p.Split(new[] { '=' }, 2))
                .Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
            if (string.Equals(name, "trx", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("logger://Microsoft/TestPlatform/TrxLogger", StringComparison.OrdinalIgnoreCase))
            {
                trx = true;
                if (parameters.TryGetValue("LogFileName", out var file) && file.Length > 0) trxFile = file;
            }
            else if (string.Equals(name, "console", StringComparison.OrdinalIgnoreCase))
            {
                if (parameters.TryGetValue("verbosity", out var value)) verbosity = ParseVerbosity(value) ?? verbosity;
            }
            else
            {
                unsupported.Add(logger);
            }
        }
        return new TestLoggerSettings(trx, trxFile, verbosity, unsupported);
    }

    public static ConsoleVerbosity? ParseVerbosity(string? value) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "q" or "quiet" => ConsoleVerbosity.Quiet,
        "m" or "minimal" => ConsoleVerbosity.Minimal,
        "n" or "normal" => ConsoleVerbosity.Normal,
        "d" or "detailed" or "diag" or "diagnostic" => ConsoleVerbosity.Detailed,
        _ => null,
    };

    /// <summary>VSTest's default TRX name: user_machine_timestamp.trx.</summary>
    public static string DefaultTrxFileName(string user, string machine, DateTimeOffset time) =>
        $"{user}_{machine}_{time.ToLocalTime():yyyy-MM-dd_HH_mm_ss}.trx";

    /// <summary>`--collect "XPlat Code Coverage"` (coverlet's name) or "Code Coverage": both mean Go coverage here.</summary>
    public static bool IsCoverageCollector(string name)
    {
        var trimmed = name.Split(';')[0].Trim();
        return string.Equals(trimmed, "XPlat Code Coverage", StringComparison.OrdinalIgnoreCase)
            || string.Equals(trimmed, "Code Coverage", StringComparison.OrdinalIgnoreCase);
    }
}
