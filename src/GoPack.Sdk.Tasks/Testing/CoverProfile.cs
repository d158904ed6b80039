using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace GoPack.Sdk.Testing;

/// <summary>One block of a Go cover profile: <c>example.com/svc/calc/calc.go:11.21,12.11 1 1</c>.</summary>
/// <param name="File">The file as go names it: the package import path and the file name.</param>
public sealed record CoverBlock(string File, int StartLine, int StartColumn, int EndLine, int EndColumn, int Statements, long Count);

/// <summary>
/// A <c>go test -coverprofile</c> file: a <c>mode: set|count|atomic</c> line, then one block a line. A block listed more
/// than once (several test binaries covering one package with -coverpkg) is merged: counts add up (set: 1 if any).
/// </summary>
public sealed class CoverProfile
{
    private static readonly Regex BlockRegex = new Regex(
        @"^(?<file>.+):(?<sl>\d+)\.(?<sc>\d+),(?<el>\d+)\.(?<ec>\d+) (?<stmts>\d+) (?<count>\d+)$", RegexOptions.CultureInvariant);

    private CoverProfile(string mode, IReadOnlyList<CoverBlock> blocks, IReadOnlyList<string> invalidLines)
    {
        Mode = mode;
        Blocks = blocks;
        InvalidLines = invalidLines;
    }

    public string Mode { get; }
    public IReadOnlyList<CoverBlock> Blocks { get; }

    /// <summary>Lines that are not blocks: reported, never fatal.</summary>
    public IReadOnlyList<string> InvalidLines { get; }

    public static CoverProfile Parse(IEnumerable<string> lines)
    {
        var mode = "set";
        var merged = new Dictionary<(string, int, int, int, int), CoverBlock>();
        var order = new List<(string, int, int, int, int)>();
        var invalid = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            if (line.StartsWith("mode:", StringComparison.Ordinal))
            {
                mode = line.Substring(5).Trim();
                continue;
            }
            var match = BlockRegex.Match(line);
            if (!match.Success
                || !TryInt(match, "sl", out var sl) || !TryInt(match, "sc", out var sc) || !TryInt(match, "el", out var el)
                || !TryInt(match, "ec", out var ec) || !TryInt(match, "stmts", out var statements)
                || !long.TryParse(match.Groups["count"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                invalid.Add(line);
                continue;
            }
            var key = (match.Groups["file"].Value, sl, sc, el, ec);
            if (merged.TryGetValue(key, out var existing))
            {
                var total = mode == "set" ? Math.Max(existing.Count, count) : existing.Count + count;
                merged[key] = existing with { Count = total };
            }
            else
            {
                merged[key] = new CoverBlock(key.Item1, sl, sc, el, ec, statements, count);
                order.Add(key);
            }
        }
        return new CoverProfile(mode, order.Select(k => merged[k]).ToList(), invalid);
    }

    private static bool TryInt(Match match, string group, out int value) =>
        int.TryParse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
