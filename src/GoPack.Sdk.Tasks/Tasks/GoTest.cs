using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using GoPack.Sdk.Diagnostics;
using GoPack.Sdk.Execution;
using GoPack.Sdk.Packages;
using GoPack.Sdk.Testing;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// `go test -json` for `dotnet test` (the VSTest target): each failed test becomes an MSBuild error at the failing line,
/// a summary line in dotnet test's shape, a TRX file for `--logger trx`, Cobertura coverage for `--collect`, the test
/// list for `--list-tests`. `--filter` selects packages and -run; see <see cref="TestFilter"/>.
/// </summary>
public sealed class GoTest : GoToolTask
{
    private TestLoggerSettings _loggers = TestLoggerSettings.Parse(null);
    private GoTestSelection? _selection;
    private string? _coverProfile;
    private string? _timeout;
    private DateTimeOffset _start;

    /// <summary>Package patterns (./..., one per workspace module, or the .go files of a bare main.go).</summary>
    [Required] public string[] Patterns { get; set; } = Array.Empty<string>();

    /// <summary>The build's go list cache: import path → directory, for positions and the filter's package choice.</summary>
    public string? PackageListFile { get; set; }

    public bool CgoEnabled { get; set; }

    /// <summary>The CgoEnabled property as the user set it ("false" stops -race from turning cgo on).</summary>
    public string? CgoEnabledProperty { get; set; }

    /// <summary>go's -timeout (GoTestTimeout), e.g. 10m.</summary>
    public string? TestTimeout { get; set; }

    /// <summary>`--blame-hang-timeout` (VSTestBlameHangTimeout): wins over Timeout.</summary>
    public string? HangTimeout { get; set; }

    public bool Race { get; set; }
    public bool Short { get; set; }

    /// <summary>GoTestFlags: more go test flags, written as on a shell command line, last on the command line (-args works).</summary>
    public string? ExtraFlags { get; set; }

    /// <summary>`--filter` (VSTestTestCaseFilter).</summary>
    public string? Filter { get; set; }

    /// <summary>`--list-tests`: list, don't run.</summary>
    public bool ListTests { get; set; }

    /// <summary>GoTestBench: a -bench regular expression; empty runs no benchmark.</summary>
    public string? Bench { get; set; }

    /// <summary>`--logger` entries (VSTestLogger): trx (LogFileName=...), console (verbosity=...).</summary>
    public string[] Loggers { get; set; } = Array.Empty<string>();

    /// <summary>`--collect` entries (VSTestCollect): "XPlat Code Coverage" or "Code Coverage" turn coverage on.</summary>
    public string[] Collectors { get; set; } = Array.Empty<string>();

    /// <summary>GoTestCoverage: coverage without --collect.</summary>
    public bool Coverage { get; set; }

    /// <summary>`--results-directory`, else TestResults next to the project.</summary>
    [Required] public string ResultsDirectory { get; set; } = "";

    /// <summary>For the summary line: svc.gocsproj.</summary>
    public string? ProjectName { get; set; }

    /// <summary>The TRX written, if any.</summary>
    [Output] public string? TrxFile { get; private set; }

    /// <summary>The Cobertura file written, if any.</summary>
    [Output] public string? CoverageFile { get; private set; }

    private string ProjectDisplayName => string.IsNullOrEmpty(ProjectName) ? Path.GetFileName(ProjectFile ?? "") : ProjectName!;

    private readonly Dictionary<string, string> _packageDirectories = new Dictionary<string, string>(StringComparer.Ordinal);

    public override bool Execute()
    {
        _start = DateTimeOffset.Now;
        _loggers = TestLoggerSettings.Parse(Loggers);
        foreach (var logger in _loggers.Unsupported)
        {
            LogGoPackWarning($"The test logger '{logger}' is not one GoPack writes for Go tests (it writes trx and console); it is ignored for {ProjectDisplayName}.");
        }
        var coverage = Coverage;
        foreach (var collector in Collectors.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (TestLoggerSettings.IsCoverageCollector(collector)) coverage = true;
            else LogGoPackWarning($"The data collector '{collector}' doesn't apply to Go tests; it is ignored. \"XPlat Code Coverage\" (or GoTestCoverage=true) collects Go coverage.");
        }

        if (!string.IsNullOrWhiteSpace(HangTimeout))
        {
            _timeout = Testing.TestTimeout.ToGoDuration(HangTimeout!);
            if (_timeout is null)
            {
                LogGoPackError(GoPackErrors.InvalidProperty, $"--blame-hang-timeout '{HangTimeout}' can't be read: use a number with ms, s, m, h or d (90s, 15m).");
                return false;
            }
        }
        else if (!string.IsNullOrWhiteSpace(TestTimeout))
        {
            _timeout = TestTimeout!.Trim();
        }

        if (Race && string.Equals(CgoEnabledProperty?.Trim(), "false", StringComparison.OrdinalIgnoreCase))
        {
            LogGoPackError(GoPackErrors.InvalidFlags, "GoTestRace=true needs cgo, but CgoEnabled is false. Remove CgoEnabled=false or GoTestRace=true.");
            return false;
        }

        foreach (var package in string.IsNullOrEmpty(PackageListFile) ? Array.Empty<GoPackageInfo>() : GoPackageList.Read(PackageListFile!))
        {
            _packageDirectories[package.ImportPath] = package.Directory;
        }

        if (!string.IsNullOrWhiteSpace(Filter))
        {
            try
            {
                _selection = TestFilter.Translate(Filter!, _packageDirectories.Keys.ToList());
            }
            catch (TestFilterException e)
            {
                LogGoPackError(GoPackErrors.TestFilterUnsupported, e.Message);
                return false;
            }
            if (_selection.Packages is { Count: 0 })
            {
                Log.LogMessage(MessageImportance.High, $"No test matches the given testcase filter `{Filter}` in {ProjectDisplayName}: no package of the project can hold such a test.");
                Log.LogMessage(MessageImportance.High, Summary(0, 0, 0, TimeSpan.Zero, isFailure: false));
                return true;
            }
        }

        if (coverage && !ListTests)
        {
            _coverProfile = Path.Combine(Path.GetFullPath(ResultsDirectory), Guid.NewGuid().ToString(), "go.coverprofile");
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_coverProfile)!);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                LogGoPackError(GoPackErrors.TestResultsNotWritten, $"The coverage folder '{Path.GetDirectoryName(_coverProfile)}' can't be created: {e.Message}. Check that --results-directory is writable.");
                return false;
            }
        }

        try
        {
            CommandLine.Split(ExtraFlags);
        }
        catch (FormatException e)
        {
            LogGoPackError(GoPackErrors.InvalidFlags, $"GoTestFlags can't be used: {e.Message}");
            return false;
        }

        return base.Execute() && !Log.HasLoggedErrors;
    }

    protected override System.Text.Encoding StandardOutputEncoding => new UTF8Encoding(false);

    protected override System.Text.Encoding StandardErrorEncoding => new UTF8Encoding(false);

    protected override IEnumerable<string> GetArguments()
    {
        yield return "test";
        yield return "-json";
        // The build's flags (-tags, -mod=vendor, -trimpath...) so tests build as the binary does, and go's cache is shared.
        foreach (var flag in Flags) yield return flag;
        if (ListTests)
        {
            yield return "-list";
            yield return _selection?.RunPattern ?? ".";
        }
        else
        {
            if (_selection?.RunPattern is { } run)
            {
                yield return "-run";
                yield return run;
            }
            if (_timeout is not null) yield return "-timeout=" + _timeout;
            if (Race) yield return "-race";
            if (Short) yield return "-short";
            if (!string.IsNullOrWhiteSpace(Bench))
            {
                yield return "-bench";
                yield return Bench!.Trim();
            }
            if (_coverProfile is not null) yield return "-coverprofile=" + _coverProfile;
        }
        foreach (var pattern in _selection?.Packages ?? (IReadOnlyList<string>)Patterns) yield return pattern;
        foreach (var flag in CommandLine.Split(ExtraFlags)) yield return flag;
    }

    protected override IDictionary<string, string> GetEnvironmentOverrides()
    {
        var environment = base.GetEnvironmentOverrides();
        // -race needs cgo: on for this run, as GoTroubleshoot does for builds.
        environment["CGO_ENABLED"] = CgoEnabled || Race ? "1" : "0";
        return environment;
    }

    // test2json events are parsed, not shown as they are: a long line is a test's output, cut where it is shown.
    protected override int MaxLineLength => int.MaxValue;

    protected override void ReportOutput(IReadOnlyList<string> lines, int exitCode)
    {
        var collector = new GoTestResultCollector();
        foreach (var line in lines) collector.AddLine(line);
        var run = collector.Complete();

        var diagnostics = ReportBuildOutput(run.BuildOutput);
        if (ListTests)
        {
            ReportList(run, exitCode);
            return;
        }

        var failures = new GoTestFailureReader(PackageDirectory);
        var report = GoTestReport.Create(run, failures, package => BuildFailure(package, diagnostics), _selection?.Include);
        var duration = DateTimeOffset.Now - _start;

        foreach (var result in report.Results) ReportResult(result, diagnostics);
        ReportBenchmarks(run);

        if (report.Total == 0)
        {
            var message = _selection is not null
                ? $"No test matches the given testcase filter `{Filter}` in {ProjectDisplayName}."
                : run.Packages.Count > 0 && run.Packages.All(p => p.Outcome == GoPackageOutcome.NoTestFiles)
                    ? $"No Go test in {ProjectDisplayName}: none of its {run.Packages.Count} package(s) has _test.go files."
                    : $"No Go test ran in {ProjectDisplayName}.";
            Log.LogMessage(MessageImportance.High, message);
        }

        // go fails when any test it ran failed; with a filter, those may be tests the filter leaves out of the report.
        var goFailed = exitCode != 0 && !(_selection is not null && run.Tests.Any(t => t.IsFailure));
        if (goFailed && !Log.HasLoggedErrors && report.Failed == 0)
        {
            // go failed without a test or compiler error to show: say what it printed rather than report success.
            var text = string.Join(" ", run.BuildOutput.Concat(run.Packages.SelectMany(p => p.Output)).Select(l => l.Trim()).Where(l => l.Length > 0));
            Log.LogError(null, GoTestCodes.RunFailed, null, ModuleFile ?? ProjectFileOrTaskNode, 0, 0, 0, 0,
                $"go test exited with code {exitCode}: {(text.Length > 0 ? text : "no output")}");
        }

        WriteTrx(report, run, duration);
        WriteCoverage();
        Log.LogMessage(MessageImportance.High, Summary(report.Failed, report.Passed, report.Skipped, duration, report.Failed > 0 || goFailed));
    }

    /// <summary>dotnet test's summary line: "Passed!  - Failed: 0, Passed: 42, Skipped: 1, Total: 43, Duration: 1.2 s - svc.gocsproj (go1.19.8)".</summary>
    private string Summary(int failed, int passed, int skipped, TimeSpan duration, bool isFailure)
    {
        var version = string.IsNullOrEmpty(ToolchainVersion) ? "go" : "go" + ToolchainVersion;
        return $"{(isFailure ? "Failed!" : "Passed!")}  - Failed: {failed}, Passed: {passed}, Skipped: {skipped}, Total: {failed + passed + skipped}, Duration: {GoTestResultCollector.FormatDuration(duration)} - {ProjectDisplayName} ({version})";
    }

    /// <summary>Compiler errors of test builds, with positions; the rest is logged as text.</summary>
    private List<GoDiagnostic> ReportBuildOutput(IReadOnlyList<string> lines)
    {
        var diagnostics = new List<GoDiagnostic>();
        if (lines.Count == 0) return diagnostics;
        foreach (var entry in new GoOutputParser(WorkingDirectory, string.IsNullOrEmpty(ModuleFile) ? null : ModuleFile).Parse(lines))
        {
            if (entry.Diagnostic is { } d)
            {
                LogDiagnostic(d);
                diagnostics.Add(d);
            }
            else if (entry.Text is { } text)
            {
                Log.LogMessage(MessageImportance.Low, text);
            }
        }
        return diagnostics;
    }

    private GoTestFailure? BuildFailure(GoTestPackage package, List<GoDiagnostic> diagnostics)
    {
        // A test build's errors come under "# example.com/x [example.com/x.test]".
        var own = diagnostics.Where(d => d.Severity == GoDiagnosticSeverity.Error && d.Package is { } p
            && (p == package.ImportPath || p.StartsWith(package.ImportPath + " ", StringComparison.Ordinal))).ToList();
        if (own.Count == 0) return null;
        var text = own.Select(d => $"{d.File}({d.Line},{d.Column}): {d.Code}: {d.Message}").ToList();
        return new GoTestFailure($"{package.ImportPath} failed to build: {own[0].Message}", string.Join("\n", text), own[0].File, own[0].Line);
    }

    private void ReportResult(GoTestResultEntry result, List<GoDiagnostic> diagnostics)
    {
        var verbosity = _loggers.Verbosity;
        if (result.Outcome == GoTestResultOutcome.Failed && result.Failure is { } failure)
        {
            if (result.Name == GoTestReport.BuildFailedName)
            {
                // The compiler's errors are the errors; only a build failure go explained nowhere needs one of ours.
                if (!diagnostics.Any(d => d.Severity == GoDiagnosticSeverity.Error))
                {
                    Log.LogError(null, GoTestCodes.RunFailed, null, ModuleFile ?? ProjectFileOrTaskNode, 0, 0, 0, 0, OneLine(failure.Message));
                }
            }
            else if (result.ReportAsError)
            {
                var code = result.Name == GoTestReport.PackageFailedName ? GoTestCodes.PackageFailed : GoTestCodes.TestFailed;
                var what = result.Name == GoTestReport.PackageFailedName ? $"{result.ClassName} failed outside its tests" : $"{result.FullyQualifiedName} failed";
                Log.LogError(null, code, null, failure.File ?? ProjectFileOrTaskNode, failure.Line, 0, 0, 0, $"{what}: {OneLine(failure.Message)}");
            }
        }

        if (verbosity >= ConsoleVerbosity.Normal)
        {
            var label = result.Outcome switch
            {
                GoTestResultOutcome.Passed => "Passed",
                GoTestResultOutcome.Failed => "Failed",
                _ => "Skipped",
            };
            Log.LogMessage(MessageImportance.High, $"  {label} {result.FullyQualifiedName} [{GoTestResultCollector.FormatDuration(result.Duration)}]");
        }
        if (verbosity >= ConsoleVerbosity.Detailed && result.StandardOutput.Count > 0)
        {
            Log.LogMessage(MessageImportance.High, "  Standard Output Messages:");
            foreach (var line in result.StandardOutput) Log.LogMessage(MessageImportance.High, "    " + line.Trim());
        }
    }

    private void ReportBenchmarks(GoTestRun run)
    {
        foreach (var package in run.Packages.Where(p => p.Benchmarks.Count > 0))
        {
            Log.LogMessage(MessageImportance.High, $"Benchmarks of {package.ImportPath}:");
            foreach (var line in package.Benchmarks) Log.LogMessage(MessageImportance.High, "  " + line.Trim());
        }
    }

    private void ReportList(GoTestRun run, int exitCode)
    {
        var names = new List<string>();
        foreach (var package in run.Packages)
        {
            foreach (var line in package.Output)
            {
                var name = line.Trim();
                // -list prints one name a line, then the ok/FAIL/? summary line of the package.
                if (name.Length == 0 || name.IndexOf(' ') >= 0 || name.IndexOf('\t') >= 0 || name == "ok" || name == "PASS" || name == "FAIL") continue;
                if (name.StartsWith("Benchmark", StringComparison.Ordinal)) continue;
                var fullName = package.ImportPath + "." + name;
                if (_selection is null || _selection.Include(fullName, name)) names.Add(fullName);
            }
        }
        if (exitCode != 0 && !Log.HasLoggedErrors)
        {
            Log.LogError(null, GoTestCodes.RunFailed, null, ModuleFile ?? ProjectFileOrTaskNode, 0, 0, 0, 0,
                $"go test -list exited with code {exitCode}: {string.Join(" ", run.BuildOutput.Select(l => l.Trim()).Where(l => l.Length > 0))}");
        }
        Log.LogMessage(MessageImportance.High, names.Count == 0
            ? $"No test is available in {ProjectDisplayName}."
            : "The following Tests are available:");
        foreach (var name in names) Log.LogMessage(MessageImportance.High, "    " + name);
    }

    private void WriteTrx(GoTestReport report, GoTestRun run, TimeSpan duration)
    {
        if (!_loggers.Trx) return;
        var finish = _start + duration;
        var file = _loggers.TrxFileName ?? TestLoggerSettings.DefaultTrxFileName(Environment.UserName, Environment.MachineName, _start);
        var path = Path.GetFullPath(Path.Combine(ResultsDirectory, file));
        try
        {
            var document = TrxWriter.Create(report, new TrxRunInfo(Environment.UserName, Environment.MachineName, _start, finish, ProjectFile ?? ""),
                run.BuildOutput);
            TrxWriter.Save(document, path);
            TrxFile = path;
            Log.LogMessage(MessageImportance.High, "Results File: " + path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
        {
            LogGoPackError(GoPackErrors.TestResultsNotWritten, $"The TRX file '{path}' could not be written: {e.Message}. Check that --results-directory is writable.");
        }
    }

    private void WriteCoverage()
    {
        if (_coverProfile is null) return;
        if (!File.Exists(_coverProfile))
        {
            if (!Log.HasLoggedErrors) Log.LogMessage(MessageImportance.High, "No Go coverage profile was written (no package has tests).");
            return;
        }
        var path = Path.Combine(Path.GetDirectoryName(_coverProfile)!, "coverage.cobertura.xml");
        try
        {
            var profile = CoverProfile.Parse(File.ReadAllLines(_coverProfile));
            foreach (var line in profile.InvalidLines.Take(5))
            {
                LogGoPackWarning($"A line of the Go coverage profile {_coverProfile} can't be read and is left out: {line}");
            }
            var document = CoberturaWriter.Create(profile, PackageDirectory, WorkingDirectory, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            XmlFiles.SaveAtomically(document, path);
            CoverageFile = path;
            Log.LogMessage(MessageImportance.High, "Attachments:");
            Log.LogMessage(MessageImportance.High, "  " + path);
            Log.LogMessage(MessageImportance.Normal, "  " + _coverProfile);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
        {
            LogGoPackError(GoPackErrors.TestResultsNotWritten, $"The coverage report '{path}' could not be written: {e.Message}. Check that --results-directory is writable.");
        }
    }

    private string? PackageDirectory(string importPath)
    {
        if (_packageDirectories.TryGetValue(importPath, out var directory)) return directory;
        return null;
    }

    private static string OneLine(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var joined = string.Join(" | ", lines);
        return joined.Length > 1000 ? joined.Substring(0, 1000) + "…" : joined;
    }

    private void LogGoPackWarning(string message) =>
        Log.LogWarning(null, GoPackErrors.TestOptionIgnored, null, ProjectFileOrTaskNode, 0, 0, 0, 0, message);
}
