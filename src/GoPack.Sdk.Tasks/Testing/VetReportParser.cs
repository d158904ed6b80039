using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GoPack.Sdk.Testing;

/// <summary>One go vet finding: <c>GOVET-printf</c> at a file, line and column.</summary>
public sealed record VetFinding(string Package, string Analyzer, string Message, string? File, int Line, int Column);

/// <summary>
/// Reads <c>go vet -json</c> output (on stderr): a <c># import/path</c> line per package, then a JSON object
/// <c>{"pkg": {"analyzer": [{"posn": "/abs/x.go:4:2", "message": "..."}]}}</c> spread over several lines (an analyzer may
/// instead hold <c>{"error": "..."}</c>). Text that isn't such an object (type errors, go's own messages) is returned as
/// is, for the build's diagnostic parser.
/// </summary>
public static class VetReportParser
{
    private static readonly Regex PositionRegex = new Regex(@"^(?<file>.+?):(?<line>\d+)(?::(?<col>\d+))?$", RegexOptions.CultureInvariant);

    public static (IReadOnlyList<VetFinding> Findings, IReadOnlyList<string> OtherLines) Parse(IEnumerable<string> lines, string workingDirectory)
    {
        var findings = new List<VetFinding>();
        var other = new List<string>();
        var block = new List<string>();
        var depth = 0;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (depth == 0 && !line.StartsWith("{", StringComparison.Ordinal))
            {
                // The package headers only introduce the JSON; the JSON names the package itself.
                other.Add(line);
                continue;
            }
            block.Add(line);
            depth += Depth(line);
            if (depth > 0) continue;
            depth = 0;
            if (!TryRead(string.Join("\n", block), workingDirectory, findings)) other.AddRange(block);
            block.Clear();
        }
        other.AddRange(block);
        // "# pkg" headers stay in the other lines: before type errors they tell the diagnostic parser whose they are.
        return (findings, other.Where((line, i) => !IsBareHeader(other, i)).ToList());
    }

    /// <summary>A "# pkg" header whose package printed only JSON: nothing left to introduce.</summary>
    private static bool IsBareHeader(List<string> lines, int index) =>
        lines[index].StartsWith("# ", StringComparison.Ordinal)
        && (index + 1 == lines.Count || lines[index + 1].StartsWith("# ", StringComparison.Ordinal));

    private static int Depth(string line)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{' || c == '[')
            {
                depth++;
            }
            else if (c == '}' || c == ']')
            {
                depth--;
            }
        }
        return depth;
    }

    private static bool TryRead(string json, string workingDirectory, List<VetFinding> result)
    {
        // Added to the result only once the whole object has been read: a block that fails half-way is text.
        var findings = new List<VetFinding>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return false;
            foreach (var package in document.RootElement.EnumerateObject())
            {
                if (package.Value.ValueKind != JsonValueKind.Object) continue;
                foreach (var analyzer in package.Value.EnumerateObject())
                {
                    if (analyzer.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var diagnostic in analyzer.Value.EnumerateArray())
                        {
                            if (diagnostic.ValueKind != JsonValueKind.Object) continue;
                            var message = Text(diagnostic, "message") ?? "";
                            var (file, line, column) = Position(Text(diagnostic, "posn"), workingDirectory);
                            findings.Add(new VetFinding(package.Name, analyzer.Name, message, file, line, column));
                        }
                    }
                    else if (analyzer.Value.ValueKind == JsonValueKind.Object && Text(analyzer.Value, "error") is { } error)
                    {
                        findings.Add(new VetFinding(package.Name, analyzer.Name, error, null, 0, 0));
                    }
                }
            }
            result.AddRange(findings);
            return true;
        }
        catch (Exception e) when (e is JsonException || e is InvalidOperationException)
        {
            // InvalidOperationException: a string escaping half a surrogate pair, which go vet never writes.
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static (string? File, int Line, int Column) Position(string? posn, string workingDirectory)
    {
        if (string.IsNullOrEmpty(posn)) return (null, 0, 0);
        var match = PositionRegex.Match(posn);
        if (!match.Success) return (null, 0, 0);
        var file = match.Groups["file"].Value;
        try
        {
            if (!Path.IsPathRooted(file)) file = Path.GetFullPath(Path.Combine(workingDirectory, file));
        }
        catch (ArgumentException)
        {
        }
        int.TryParse(match.Groups["line"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var line);
        int.TryParse(match.Groups["col"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var column);
        return (file, line, column);
    }
}

/// <summary>One finding of staticcheck or golangci-lint: <c>calc/calc.go:8:9: message (SA5009)</c>.</summary>
public sealed record LintFinding(string Code, string Message, string File, int Line, int Column);

/// <summary>Reads the <c>file:line:col: message (code)</c> lines staticcheck and golangci-lint print.</summary>
public static class LintOutputParser
{
    private static readonly Regex LineRegex = new Regex(
        @"^(?<file>\S.*?\.go):(?<line>\d+)(?::(?<col>\d+))?: (?<message>.*?)(?: \((?<code>[\w\-./]+)\))?$", RegexOptions.CultureInvariant);

    public static (IReadOnlyList<LintFinding> Findings, IReadOnlyList<string> OtherLines) Parse(IEnumerable<string> lines, string workingDirectory, string defaultCode)
    {
        var findings = new List<LintFinding>();
        var other = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            var match = LineRegex.Match(line);
            if (!match.Success)
            {
                other.Add(line);
                continue;
            }
            var file = match.Groups["file"].Value;
            try
            {
                if (!Path.IsPathRooted(file)) file = Path.GetFullPath(Path.Combine(workingDirectory, file));
            }
            catch (ArgumentException)
            {
            }
            int.TryParse(match.Groups["line"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number);
            int.TryParse(match.Groups["col"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var column);
            var code = match.Groups["code"].Success ? match.Groups["code"].Value : defaultCode;
            findings.Add(new LintFinding(code, match.Groups["message"].Value, file, number, column));
        }
        return (findings, other);
    }
}
