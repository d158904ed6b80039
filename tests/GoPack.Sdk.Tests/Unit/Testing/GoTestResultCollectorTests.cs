using GoPack.Sdk.Testing;

namespace GoPack.Sdk.Tests.Unit.Testing;

public class GoTestResultCollectorTests
{
    private static string Event(string action, string? test = null, string? output = null, double? elapsed = null, string package = "example.com/x/calc")
    {
        var fields = new List<string> { "\"Time\":\"2026-11-30T03:54:05.955Z\"", $"\"Action\":\"{action}\"", $"\"Package\":\"{package}\"" };
        if (test is not null) fields.Add($"\"Test\":\"{test}\"");
        if (output is not null) fields.Add($"\"Output\":{System.Text.Json.JsonSerializer.Serialize(output)}");
        if (elapsed is not null) fields.Add($"\"Elapsed\":{elapsed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return "{" + string.Join(",", fields) + "}";
    }

    private static GoTestRun Collect(params string[] lines)
    {
        var collector = new GoTestResultCollector();
        foreach (var line in lines) collector.AddLine(line);
        return collector.Complete();
    }

    [Fact]
    public void Reads_passing_failing_skipped_tests_and_subtests_with_their_output()
    {
        var run = Collect(
            Event("run", "TestAdd"),
            Event("output", "TestAdd", "=== RUN   TestAdd\n"),
            Event("output", "TestAdd", "hello\n"),
            Event("output", "TestAdd", "--- PASS: TestAdd (0.01s)\n"),
            Event("pass", "TestAdd", elapsed: 0.01),
            Event("run", "TestTable"),
            Event("run", "TestTable/bad_case"),
            Event("output", "TestTable/bad_case", "    calc_test.go:31: Abs(3) = 3, want 4\n"),
            Event("fail", "TestTable/bad_case", elapsed: 0),
            Event("fail", "TestTable", elapsed: 0),
            Event("run", "TestSkip"),
            Event("skip", "TestSkip", elapsed: 0),
            Event("output", null, "FAIL\texample.com/x/calc\t0.004s\n"),
            Event("fail", elapsed: 0.004));

        var package = Assert.Single(run.Packages);
        Assert.Equal(GoPackageOutcome.Failed, package.Outcome);
        Assert.Equal(["TestAdd", "TestTable", "TestTable/bad_case", "TestSkip"], package.Tests.Select(t => t.Name));
        var add = package.Tests[0];
        Assert.Equal(GoTestOutcome.Passed, add.Outcome);
        Assert.Equal(TimeSpan.FromMilliseconds(10), add.Duration);
        Assert.Equal(["hello"], add.StandardOutput);
        Assert.Equal("example.com/x/calc.TestAdd", add.FullyQualifiedName);
        Assert.Equal("TestTable", package.Tests[2].ParentName);
        Assert.Equal(1, run.Passed);
        Assert.Equal(2, run.Failed);
        Assert.Equal(1, run.Skipped);
        Assert.False(package.FailedOutsideTests);
    }

    [Fact]
    public void A_malformed_line_is_build_output_never_an_exception()
    {
        var run = Collect("{\"Action\":", "not json", "{}", "{\"Action\": 3}", "[1,2]", "{\"Time\":\"x\",\"Action\":\"pass\",\"Package\":\"p\",\"Elapsed\":\"slow\"}", "\u0000\uffff{");

        Assert.Equal(["{\"Action\":", "not json", "{}", "{\"Action\": 3}", "[1,2]", "\u0000\uffff{"], run.BuildOutput);
        Assert.Equal(GoPackageOutcome.Passed, Assert.Single(run.Packages).Outcome);
    }

    [Fact]
    public void A_package_that_does_not_build_is_a_failure_of_its_own_before_and_after_go_1_24()
    {
        // Go 1.19: a text line on stdout, the compiler's errors on stderr.
        var old = Collect("# example.com/x/broken [example.com/x/broken.test]", "broken/b_test.go:6:17: cannot use Y()", "FAIL\texample.com/x/broken [build failed]");
        Assert.Equal(GoPackageOutcome.BuildFailed, Assert.Single(old.Packages).Outcome);
        Assert.True(old.Packages[0].FailedOutsideTests);
        Assert.Equal(1, old.Failed);
        Assert.Contains("broken/b_test.go:6:17: cannot use Y()", old.BuildOutput);

        // Go 1.24: build-output events and FailedBuild on the package's fail.
        var modern = Collect(
            "{\"ImportPath\":\"example.com/x/broken [example.com/x/broken.test]\",\"Action\":\"build-output\",\"Output\":\"broken/b_test.go:6:17: cannot use Y()\\n\"}",
            "{\"ImportPath\":\"example.com/x/broken [example.com/x/broken.test]\",\"Action\":\"build-fail\"}",
            "{\"Action\":\"start\",\"Package\":\"example.com/x/broken\"}",
            "{\"Action\":\"output\",\"Package\":\"example.com/x/broken\",\"Output\":\"FAIL\\texample.com/x/broken [build failed]\\n\"}",
            "{\"Action\":\"fail\",\"Package\":\"example.com/x/broken\",\"Elapsed\":0,\"FailedBuild\":\"example.com/x/broken [example.com/x/broken.test]\"}");
        Assert.Equal(GoPackageOutcome.BuildFailed, Assert.Single(modern.Packages).Outcome);
        Assert.Contains("broken/b_test.go:6:17: cannot use Y()", modern.BuildOutput);
    }

    [Fact]
    public void A_package_without_tests_is_reported_as_such()
    {
        var run = Collect(Event("output", null, "?   \texample.com/x/calc\t[no test files]\n"), Event("skip", elapsed: 0));

        Assert.Equal(GoPackageOutcome.NoTestFiles, Assert.Single(run.Packages).Outcome);
        Assert.Equal(0, run.Total);
    }

    [Fact]
    public void Output_split_across_events_is_joined_into_lines()
    {
        var run = Collect(Event("output", null, "BenchmarkAdd-2   \t"), Event("output", null, "      10\t        36.00 ns/op\n"), Event("pass", elapsed: 0.1));

        Assert.Equal(["BenchmarkAdd-2   \t      10\t        36.00 ns/op"], run.Packages[0].Benchmarks);
    }

    [Fact]
    public void A_test_that_never_ends_did_not_finish_and_fails()
    {
        var run = Collect(Event("run", "TestHang"), Event("output", null, "panic: test timed out after 1s\n"), Event("fail", elapsed: 1));

        var test = Assert.Single(run.Tests);
        Assert.Equal(GoTestOutcome.NotFinished, test.Outcome);
        Assert.True(test.IsFailure);
        Assert.Equal(1, run.Failed);
    }

    [Theory]
    [InlineData(0.0004, "< 1 ms")]
    [InlineData(0.085, "85 ms")]
    [InlineData(1.23, "1.2 s")]
    [InlineData(75, "1 m 15 s")]
    public void Formats_durations_as_dotnet_test_does(double seconds, string expected)
    {
        Assert.Equal(expected, GoTestResultCollector.FormatDuration(TimeSpan.FromSeconds(seconds)));
    }
}
