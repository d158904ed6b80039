using System;
using System.Collections.Generic;
using System.Linq;

namespace GoPack.Sdk.Testing;

public enum GoTestOutcome
{
    Passed,
    Failed,
    Skipped,

    /// <summary>Started and never ended: the test binary timed out, crashed or was killed while it ran.</summary>
    NotFinished,
}

public enum GoPackageOutcome
{
    /// <summary>No pass/fail/skip event yet (the run was cut short).</summary>
    Unknown,
    Passed,
    Failed,

    /// <summary>The package has no _test.go files.</summary>
    NoTestFiles,

    /// <summary>The package or its test binary didn't compile (or its setup failed): its tests never ran.</summary>
    BuildFailed,
}

/// <summary>One Go test or subtest (<c>TestTable/bad_case</c>) of one package.</summary>
public sealed class GoTestCase
{
    private static readonly string[] FramingPrefixes = { "=== RUN", "=== PAUSE", "=== CONT", "=== NAME", "--- PASS:", "--- FAIL:", "--- SKIP:" };

    public GoTestCase(string package, string name)
    {
        Package = package;
        Name = name;
    }

    public string Package { get; }

    /// <summary>The test's name as go prints it, subtests included: <c>TestTable/bad_case</c>.</summary>
    public string Name { get; }

    /// <summary><c>example.com/svc/calc.TestAdd</c>: the package is the class, the test the method.</summary>
    public string FullyQualifiedName => Package + "." + Name;

    /// <summary>The top-level test function: <c>TestTable</c> for <c>TestTable/bad_case</c>.</summary>
    public string FunctionName => Name.Split('/')[0];

    public string? ParentName
    {
        get
        {
            var slash = Name.LastIndexOf('/');
            return slash < 0 ? null : Name.Substring(0, slash);
        }
    }

    public GoTestOutcome Outcome { get; internal set; } = GoTestOutcome.NotFinished;
    public TimeSpan Duration { get; internal set; }
    public DateTimeOffset? StartTime { get; internal set; }
    public DateTimeOffset? EndTime { get; internal set; }

    /// <summary>Every line go printed for the test, the === RUN / --- PASS framing included, without line ends.</summary>
    public List<string> Output { get; } = new List<string>();

    /// <summary>What the test printed itself (t.Log, fmt.Println), without go's framing lines.</summary>
    public IReadOnlyList<string> StandardOutput => Output.Where(line => !IsFraming(line)).ToList();

    public bool IsFailure => Outcome == GoTestOutcome.Failed || Outcome == GoTestOutcome.NotFinished;

    private static bool IsFraming(string line)
    {
        var trimmed = line.TrimStart(' ', '\t');
        foreach (var prefix in FramingPrefixes)
        {
            if (trimmed.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}

/// <summary>One package of a go test run.</summary>
public sealed class GoTestPackage
{
    public GoTestPackage(string importPath)
    {
        ImportPath = importPath;
    }

    public string ImportPath { get; }
    public GoPackageOutcome Outcome { get; internal set; }
    public TimeSpan Duration { get; internal set; }
    public List<GoTestCase> Tests { get; } = new List<GoTestCase>();

    /// <summary>Output outside any test: the ok/FAIL lines, a panic in init or TestMain, benchmark results, -list names.</summary>
    public List<string> Output { get; } = new List<string>();

    /// <summary>Benchmark result lines (<c>BenchmarkAdd-2  1000000  0.59 ns/op</c>).</summary>
    public List<string> Benchmarks { get; } = new List<string>();

    /// <summary>
    /// The package failed although none of its tests did (a panic in init or TestMain, os.Exit, a timeout between
    /// tests), or never ran them (build failed): reported as a result of its own so the failure is counted.
    /// </summary>
    public bool FailedOutsideTests =>
        Outcome == GoPackageOutcome.BuildFailed
        || (Outcome == GoPackageOutcome.Failed && !Tests.Any(t => t.IsFailure));
}

/// <summary>What one go test run reported.</summary>
public sealed class GoTestRun
{
    public GoTestRun(IReadOnlyList<GoTestPackage> packages, IReadOnlyList<string> buildOutput)
    {
        Packages = packages;
        BuildOutput = buildOutput;
    }

    public IReadOnlyList<GoTestPackage> Packages { get; }

    /// <summary>Lines that were not test events: compiler errors of test builds (stderr), go's own messages.</summary>
    public IReadOnlyList<string> BuildOutput { get; }

    public IEnumerable<GoTestCase> Tests => Packages.SelectMany(p => p.Tests);

    public IEnumerable<GoTestPackage> FailedPackagesOutsideTests => Packages.Where(p => p.FailedOutsideTests);

    public int Passed => Tests.Count(t => t.Outcome == GoTestOutcome.Passed);
    public int Skipped => Tests.Count(t => t.Outcome == GoTestOutcome.Skipped);
    public int Failed => Tests.Count(t => t.IsFailure) + FailedPackagesOutsideTests.Count();
    public int Total => Passed + Skipped + Failed;
}
