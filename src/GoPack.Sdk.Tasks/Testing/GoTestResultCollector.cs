using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace GoPack.Sdk.Testing;

/// <summary>
/// Builds a <see cref="GoTestRun"/> from the lines of <c>go test -json</c>, in the order go printed them. A line that
/// is not a test2json event (compiler errors on stderr, "FAIL pkg [build failed]" before Go 1.24, a truncated line)
/// is kept as build output, never thrown on.
/// </summary>
public sealed class GoTestResultCollector
{
    // Before Go 1.24 a package that doesn't build is reported only by this line, outside the JSON stream.
    private static readonly Regex BuildFailedRegex = new Regex(@"^FAIL\s+(?<package>\S+)\s+\[(?:build|setup) failed\]\s*$", RegexOptions.CultureInvariant);

    // "BenchmarkAdd-2   	1000000000	         0.5970 ns/op": a benchmark's result line.
    private static readonly Regex BenchmarkResultRegex = new Regex(@"^Benchmark\S*\s+\d+\s+.*\s\S+/op\b", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, GoTestPackage> _packages = new Dictionary<string, GoTestPackage>(StringComparer.Ordinal);
    private readonly List<GoTestPackage> _order = new List<GoTestPackage>();
    private readonly Dictionary<(string, string), GoTestCase> _tests = new Dictionary<(string, string), GoTestCase>();
    private readonly List<string> _buildOutput = new List<string>();

    // test2json passes output on as go writes it: a benchmark's result line may come in two events ("BenchmarkAdd-2 \t",
    // then "10\t 36 ns/op\n"). The unfinished end of each package's or test's output waits here for its newline.
    private readonly Dictionary<(string, string), string> _pending = new Dictionary<(string, string), string>();

    /// <summary>Called for each test that ends (passes, fails or is skipped), as it happens.</summary>
    public event Action<GoTestCase>? TestFinished;

    /// <summary>The tests of a package seen so far (for a parent test's failed subtests while the run goes on).</summary>
    public IReadOnlyList<GoTestCase> TestsOf(string package) =>
        _packages.TryGetValue(package, out var found) ? found.Tests : (IReadOnlyList<GoTestCase>)Array.Empty<GoTestCase>();

    public void AddLine(string line)
    {
        if (line is null) return;
        line = line.TrimEnd('\r', '\n');
        var testEvent = TestEventParser.TryParse(line);
        if (testEvent is null)
        {
            var buildFailed = BuildFailedRegex.Match(line);
            if (buildFailed.Success) GetPackage(buildFailed.Groups["package"].Value).Outcome = GoPackageOutcome.BuildFailed;
            _buildOutput.Add(line);
            return;
        }
        Add(testEvent);
    }

    public void Add(TestEvent e)
    {
        if (e.Action == "build-output")
        {
            if (e.Output is { } text) _buildOutput.AddRange(SplitOutput(text));
            return;
        }
        if (e.Action == "build-fail")
        {
            return;
        }
        if (string.IsNullOrEmpty(e.Package))
        {
            if (e.Output is { } text) _buildOutput.AddRange(SplitOutput(text));
            return;
        }

        var package = GetPackage(e.Package!);
        if (e.Test is null)
        {
            AddPackageEvent(package, e);
        }
        else
        {
            AddTestEvent(package, e);
        }
    }

    public GoTestRun Complete()
    {
        foreach (var pending in _pending.ToList())
        {
            var package = GetPackage(pending.Key.Item1);
            if (pending.Key.Item2.Length == 0) AddPackageLine(package, pending.Value);
            else AddTestLine(package, GetTest(package, pending.Key.Item2), pending.Value);
        }
        _pending.Clear();
        foreach (var package in _order)
        {
            // A test binary that timed out or crashed ends its package with fail while tests are still running.
            if (package.Outcome == GoPackageOutcome.Unknown && package.Tests.Count > 0) package.Outcome = GoPackageOutcome.Failed;
        }
        return new GoTestRun(_order.ToList(), _buildOutput.ToList());
    }

    private void AddPackageEvent(GoTestPackage package, TestEvent e)
    {
        switch (e.Action)
        {
            case "output":
                foreach (var line in Lines(package.ImportPath, "", e.Output))
                {
                    AddPackageLine(package, line);
                }
                break;
            case "pass":
                if (package.Outcome != GoPackageOutcome.BuildFailed) package.Outcome = GoPackageOutcome.Passed;
                package.Duration = Seconds(e.Elapsed);
                break;
            case "fail":
                if (package.Outcome != GoPackageOutcome.BuildFailed)
                {
                    package.Outcome = e.FailedBuild is null && !IsBuildFailure(package) ? GoPackageOutcome.Failed : GoPackageOutcome.BuildFailed;
                }
                package.Duration = Seconds(e.Elapsed);
                break;
            case "skip":
                // "[no test files]": the only package-level skip go reports.
                if (package.Outcome == GoPackageOutcome.Unknown || package.Outcome == GoPackageOutcome.NoTestFiles) package.Outcome = GoPackageOutcome.NoTestFiles;
                package.Duration = Seconds(e.Elapsed);
                break;
        }
    }

    private static void AddPackageLine(GoTestPackage package, string line)
    {
        package.Output.Add(line);
        if (BenchmarkResultRegex.IsMatch(line)) package.Benchmarks.Add(line);
        if (line.EndsWith("[no test files]", StringComparison.Ordinal) && package.Outcome == GoPackageOutcome.Unknown) package.Outcome = GoPackageOutcome.NoTestFiles;
    }

    private static void AddTestLine(GoTestPackage package, GoTestCase test, string line)
    {
        test.Output.Add(line);
        if (BenchmarkResultRegex.IsMatch(line.TrimStart())) package.Benchmarks.Add(line.TrimStart());
    }

    /// <summary>The complete lines of an output event, the unfinished rest kept for the next event of the same source.</summary>
    private IEnumerable<string> Lines(string package, string test, string? output)
    {
        if (string.IsNullOrEmpty(output)) return Array.Empty<string>();
        var key = (package, test);
        if (_pending.TryGetValue(key, out var pending))
        {
            output = pending + output;
            _pending.Remove(key);
        }
        var end = output!.LastIndexOf('\n');
        if (end < output.Length - 1) _pending[key] = output.Substring(end + 1);
        return end < 0 ? Array.Empty<string>() : SplitOutput(output.Substring(0, end + 1)).ToList();
    }

    private static bool IsBuildFailure(GoTestPackage package) =>
        package.Output.Any(line => line.EndsWith("[build failed]", StringComparison.Ordinal) || line.EndsWith("[setup failed]", StringComparison.Ordinal));

    private void AddTestEvent(GoTestPackage package, TestEvent e)
    {
        var test = GetTest(package, e.Test!);
        switch (e.Action)
        {
            case "run":
                test.StartTime ??= e.Time;
                break;
            case "output":
            case "bench":
                foreach (var line in Lines(package.ImportPath, test.Name, e.Output)) AddTestLine(package, test, line);
                break;
            case "pass":
            case "fail":
            case "skip":
                test.Outcome = e.Action == "pass" ? GoTestOutcome.Passed : e.Action == "fail" ? GoTestOutcome.Failed : GoTestOutcome.Skipped;
                test.Duration = Seconds(e.Elapsed);
                test.EndTime = e.Time;
                TestFinished?.Invoke(test);
                break;
        }
    }

    private GoTestPackage GetPackage(string importPath)
    {
        if (!_packages.TryGetValue(importPath, out var package))
        {
            package = new GoTestPackage(importPath);
            _packages.Add(importPath, package);
            _order.Add(package);
        }
        return package;
    }

    private GoTestCase GetTest(GoTestPackage package, string name)
    {
        if (!_tests.TryGetValue((package.ImportPath, name), out var test))
        {
            test = new GoTestCase(package.ImportPath, name);
            _tests.Add((package.ImportPath, name), test);
            package.Tests.Add(test);
        }
        return test;
    }

    private static TimeSpan Seconds(double? elapsed) =>
        elapsed is { } s && s >= 0 && s < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromTicks((long)Math.Round(s * TimeSpan.TicksPerSecond)) : TimeSpan.Zero;

    private static IEnumerable<string> SplitOutput(string? output)
    {
        if (string.IsNullOrEmpty(output)) yield break;
        var text = output!.EndsWith("\n", StringComparison.Ordinal) ? output.Substring(0, output.Length - 1) : output;
        foreach (var line in text.Split('\n')) yield return line.TrimEnd('\r');
    }

    /// <summary>For messages: "1.2 s", "85 ms", "< 1 ms", as dotnet test prints durations.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration.TotalMilliseconds < 1) return "< 1 ms";
        if (duration.TotalSeconds < 1) return ((int)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
        if (duration.TotalMinutes < 1) return duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
        return ((int)duration.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " m " + duration.Seconds.ToString(CultureInfo.InvariantCulture) + " s";
    }
}
