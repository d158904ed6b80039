using System;
using System.Collections.Generic;
using System.Linq;

namespace GoPack.Sdk.Testing;

public enum GoTestResultOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One result as .NET reports see it: a test, a subtest, or a package that failed outside its tests.</summary>
/// <param name="ClassName">The package import path (TRX's TestMethod className).</param>
/// <param name="Name">The test name (<c>TestTable/bad_case</c>), or <c>[build failed]</c> / <c>[package]</c> for a package result.</param>
/// <param name="StandardOutput">What the test printed, go's framing lines left out.</param>
/// <param name="Failure">Set for failed results.</param>
/// <param name="ReportAsError">
/// False for a parent test that failed only because of its subtests: each failed subtest is an error of its own, and
/// the parent adds no position.
/// </param>
public sealed record GoTestResultEntry(
    string ClassName,
    string Name,
    GoTestResultOutcome Outcome,
    TimeSpan Duration,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    IReadOnlyList<string> StandardOutput,
    GoTestFailure? Failure,
    bool ReportAsError)
{
    public string FullyQualifiedName => ClassName + "." + Name;
}

/// <summary>The results of a go test run, ready for the console, TRX and Microsoft.Testing.Platform.</summary>
public sealed class GoTestReport
{
    public const string BuildFailedName = "[build failed]";
    public const string PackageFailedName = "[package]";

    private GoTestReport(IReadOnlyList<GoTestResultEntry> results)
    {
        Results = results;
    }

    public IReadOnlyList<GoTestResultEntry> Results { get; }

    public int Passed => Results.Count(r => r.Outcome == GoTestResultOutcome.Passed);
    public int Failed => Results.Count(r => r.Outcome == GoTestResultOutcome.Failed);
    public int Skipped => Results.Count(r => r.Outcome == GoTestResultOutcome.Skipped);
    public int Total => Results.Count;

    /// <param name="run">What go reported.</param>
    /// <param name="failures">Reads failure messages and positions.</param>
    /// <param name="buildFailure">The compiler's errors for a package whose build failed (null: none known).</param>
    /// <param name="include">The test filter: fully qualified name and name → reported or not. Null reports everything.</param>
    public static GoTestReport Create(GoTestRun run, GoTestFailureReader failures, Func<GoTestPackage, GoTestFailure?> buildFailure, Func<string, string, bool>? include = null)
    {
        var results = new List<GoTestResultEntry>();
        foreach (var package in run.Packages)
        {
            foreach (var test in package.Tests)
            {
                // Benchmarks are results of their own kind (printed, not counted), as dotnet test has none.
                if (test.FunctionName.StartsWith("Benchmark", StringComparison.Ordinal)) continue;
                if (include is not null && !include(test.FullyQualifiedName, test.Name)) continue;
                var failedSubtests = package.Tests.Where(t => t.ParentName == test.Name && t.IsFailure).ToList();
                var outcome = test.Outcome switch
                {
                    GoTestOutcome.Passed => GoTestResultOutcome.Passed,
                    GoTestOutcome.Skipped => GoTestResultOutcome.Skipped,
                    _ => GoTestResultOutcome.Failed,
                };
                GoTestFailure? failure = null;
                var reportAsError = false;
                if (outcome == GoTestResultOutcome.Failed)
                {
                    failure = failures.Read(test, failedSubtests, package.Output);
                    reportAsError = failedSubtests.Count == 0 || failure.File is not null;
                }
                results.Add(new GoTestResultEntry(package.ImportPath, test.Name, outcome, test.Duration, test.StartTime, test.EndTime,
                    test.StandardOutput, failure, reportAsError));
            }

            if (package.FailedOutsideTests)
            {
                var buildFailed = package.Outcome == GoPackageOutcome.BuildFailed;
                var failure = buildFailed
                    ? buildFailure(package) ?? new GoTestFailure($"{package.ImportPath} failed to build: its tests did not run.", "", null, 0)
                    : failures.Read(package);
                results.Add(new GoTestResultEntry(package.ImportPath, buildFailed ? BuildFailedName : PackageFailedName, GoTestResultOutcome.Failed,
                    package.Duration, null, null, package.Output, failure, ReportAsError: !buildFailed));
            }
        }
        return new GoTestReport(results);
    }
}
