using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace GoPack.Sdk.Testing;

/// <summary>Why a test failed, in the shape .NET reports use: a message, a stack trace and where to click.</summary>
/// <param name="File">Absolute when the package's directory is known; null when go printed no position.</param>
public sealed record GoTestFailure(string Message, string StackTrace, string? File, int Line);

/// <summary>
/// Reads a failed test's output for its message and position: t.Errorf/t.Fatalf print <c>    x_test.go:17: want 3, got 4</c>
/// (the file relative to the package directory), a panic prints a goroutine trace with absolute paths.
/// </summary>
public sealed class GoTestFailureReader
{
    // "    calc_test.go:18: want 4, got 3": t.Log/t.Error output, indented four spaces per subtest level.
    private static readonly Regex LogLineRegex = new Regex(@"^(?<indent>[ \t]+)(?<file>[^\s:]+\.go):(?<line>\d+): ?(?<message>.*)$", RegexOptions.CultureInvariant);

    // "	/home/me/svc/calc/calc_test.go:17 +0x1d": a frame of a goroutine trace.
    private static readonly Regex FrameRegex = new Regex(@"^\t(?<file>.+\.go):(?<line>\d+)(?: \+0x[0-9a-fA-F]+)?$", RegexOptions.CultureInvariant);

    private readonly Func<string, string?> _packageDirectory;

    /// <param name="packageDirectory">Import path → absolute directory, null when unknown.</param>
    public GoTestFailureReader(Func<string, string?> packageDirectory)
    {
        _packageDirectory = packageDirectory;
    }

    /// <param name="packageOutput">The package's output outside its tests, where go says why a test never finished.</param>
    public GoTestFailure Read(GoTestCase test, IEnumerable<GoTestCase> failedSubtests, IReadOnlyList<string>? packageOutput = null)
    {
        var output = test.StandardOutput;
        var directory = _packageDirectory(test.Package);
        var messages = new List<(string Message, string File, int Line)>();
        var panic = new List<string>();
        string? currentIndent = null;
        foreach (var line in output)
        {
            var match = LogLineRegex.Match(line);
            if (match.Success && !FrameRegex.IsMatch(line))
            {
                currentIndent = match.Groups["indent"].Value;
                messages.Add((match.Groups["message"].Value, Resolve(directory, match.Groups["file"].Value), ParseLine(match.Groups["line"].Value)));
                continue;
            }
            // A multi-line t.Error message: its next lines are indented deeper than the line with the position.
            if (currentIndent is not null && messages.Count > 0 && line.Length > currentIndent.Length && line.StartsWith(currentIndent, StringComparison.Ordinal)
                && char.IsWhiteSpace(line[currentIndent.Length]))
            {
                var last = messages[messages.Count - 1];
                messages[messages.Count - 1] = (last.Message + "\n" + line.Trim(), last.File, last.Line);
                continue;
            }
            currentIndent = null;
            if (line.StartsWith("panic: ", StringComparison.Ordinal) || panic.Count > 0) panic.Add(line);
        }

        if (panic.Count > 0)
        {
            var (file, number) = FirstFrame(panic, directory);
            var message = string.Join("\n", messages.Select(m => m.Message).Concat(new[] { panic[0] }));
            return new GoTestFailure(message, string.Join("\n", panic), file ?? messages.Select(m => m.File).FirstOrDefault(), file is null ? messages.Select(m => m.Line).FirstOrDefault() : number);
        }

        if (messages.Count > 0)
        {
            var stack = string.Join("\n", messages.Select(m => $"at {test.FullyQualifiedName} in {m.File}:line {m.Line.ToString(CultureInfo.InvariantCulture)}").Distinct());
            return new GoTestFailure(string.Join("\n", messages.Select(m => m.Message)), stack, messages[0].File, messages[0].Line);
        }

        var subtests = failedSubtests.Select(s => s.Name.Substring(test.Name.Length + 1)).ToList();
        if (subtests.Count > 0)
        {
            return new GoTestFailure("Subtests failed: " + string.Join(", ", subtests), "at " + test.FullyQualifiedName, null, 0);
        }

        if (test.Outcome == GoTestOutcome.NotFinished)
        {
            // "panic: test timed out after 2s" (or a crash) is printed for the package, not the test.
            var reason = packageOutput?.FirstOrDefault(l => l.StartsWith("panic: ", StringComparison.Ordinal) || l.StartsWith("fatal error: ", StringComparison.Ordinal));
            return new GoTestFailure(
                "The test did not finish: " + (reason ?? "its test binary timed out or crashed (see the package output)."),
                packageOutput is null ? "at " + test.FullyQualifiedName : string.Join("\n", packageOutput.Where(l => l.Trim().Length > 0)),
                null, 0);
        }

        var text = output.Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToList();
        return new GoTestFailure(text.Count > 0 ? string.Join("\n", text) : "The test failed without a message.", "at " + test.FullyQualifiedName, null, 0);
    }

    /// <summary>A package that failed outside its tests: a panic in init or TestMain, os.Exit, a timeout.</summary>
    public GoTestFailure Read(GoTestPackage package)
    {
        var directory = _packageDirectory(package.ImportPath);
        var lines = package.Output.Where(l => l.Trim().Length > 0 && !IsSummaryLine(l)).ToList();
        var panicStart = lines.FindIndex(l => l.StartsWith("panic: ", StringComparison.Ordinal));
        var (file, number) = FirstFrame(lines, directory);
        var message = panicStart >= 0 ? lines[panicStart]
            : lines.Count > 0 ? string.Join("\n", lines)
            : $"{package.ImportPath} failed outside its tests (go test exited with an error).";
        return new GoTestFailure(message, string.Join("\n", lines), file, number);
    }

    private static bool IsSummaryLine(string line) =>
        line == "FAIL" || line == "PASS" || line.StartsWith("FAIL\t", StringComparison.Ordinal) || line.StartsWith("ok  \t", StringComparison.Ordinal);

    private static (string? File, int Line) FirstFrame(IEnumerable<string> lines, string? directory)
    {
        (string? File, int Line) fallback = (null, 0);
        foreach (var line in lines)
        {
            var frame = FrameRegex.Match(line);
            if (!frame.Success) continue;
            var file = frame.Groups["file"].Value;
            var number = ParseLine(frame.Groups["line"].Value);
            if (directory is not null && IsUnder(file, directory)) return (file, number);
            if (fallback.File is null && file.EndsWith("_test.go", StringComparison.Ordinal)) fallback = (file, number);
        }
        return fallback;
    }

    private static bool IsUnder(string file, string directory)
    {
        var dir = directory.TrimEnd('/', '\\');
        return file.StartsWith(dir + "/", StringComparison.Ordinal) || file.StartsWith(dir + "\\", StringComparison.Ordinal);
    }

    private static string Resolve(string? directory, string file)
    {
        if (directory is null || Path.IsPathRooted(file)) return file;
        try
        {
            return Path.GetFullPath(Path.Combine(directory, file));
        }
        catch (ArgumentException)
        {
            return file;
        }
    }

    private static int ParseLine(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
