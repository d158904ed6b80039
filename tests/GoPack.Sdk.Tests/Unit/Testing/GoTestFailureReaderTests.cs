using GoPack.Sdk.Testing;

namespace GoPack.Sdk.Tests.Unit.Testing;

public class GoTestFailureReaderTests
{
    private static readonly GoTestFailureReader Reader = new(package => package == "example.com/x/calc" ? "/src/x/calc" : null);

    private static GoTestCase Test(string name, GoTestOutcome outcome, params string[] output)
    {
        var collector = new GoTestResultCollector();
        collector.AddLine($"{{\"Action\":\"run\",\"Package\":\"example.com/x/calc\",\"Test\":\"{name}\"}}");
        foreach (var line in output)
        {
            collector.AddLine($"{{\"Action\":\"output\",\"Package\":\"example.com/x/calc\",\"Test\":\"{name}\",\"Output\":{System.Text.Json.JsonSerializer.Serialize(line + "\n")}}}");
        }
        if (outcome != GoTestOutcome.NotFinished)
        {
            collector.AddLine($"{{\"Action\":\"{(outcome == GoTestOutcome.Failed ? "fail" : "pass")}\",\"Package\":\"example.com/x/calc\",\"Test\":\"{name}\"}}");
        }
        return collector.Complete().Tests.Single();
    }

    [Fact]
    public void A_t_Errorf_line_gives_the_message_and_the_absolute_position()
    {
        var test = Test("TestAdd", GoTestOutcome.Failed, "=== RUN   TestAdd", "    calc_test.go:18: want 4, got 3", "--- FAIL: TestAdd (0.00s)");

        var failure = Reader.Read(test, []);

        Assert.Equal("want 4, got 3", failure.Message);
        Assert.Equal("/src/x/calc/calc_test.go", failure.File);
        Assert.Equal(18, failure.Line);
        Assert.Equal("at example.com/x/calc.TestAdd in /src/x/calc/calc_test.go:line 18", failure.StackTrace);
    }

    [Fact]
    public void A_multi_line_message_keeps_its_lines()
    {
        var test = Test("TestDiff", GoTestOutcome.Failed, "    calc_test.go:9: mismatch:", "        want: 1", "        got: 2", "    calc_test.go:10: second");

        var failure = Reader.Read(test, []);

        Assert.Equal("mismatch:\nwant: 1\ngot: 2\nsecond", failure.Message);
        Assert.Equal(9, failure.Line);
    }

    [Fact]
    public void A_panic_points_at_the_first_frame_in_the_package()
    {
        var test = Test("TestPanic", GoTestOutcome.Failed,
            "--- FAIL: TestPanic (0.00s)",
            "panic: runtime error: index out of range [3] with length 0 [recovered]",
            "goroutine 7 [running]:",
            "testing.tRunner.func1.2({0x5, 0x6})",
            "\t/usr/lib/go-1.19/src/testing/testing.go:1396 +0x24e",
            "example.com/x/calc.TestPanic(0x0?)",
            "\t/src/x/calc/calc_test.go:42 +0x1d");

        var failure = Reader.Read(test, []);

        Assert.Equal("panic: runtime error: index out of range [3] with length 0 [recovered]", failure.Message);
        Assert.Equal("/src/x/calc/calc_test.go", failure.File);
        Assert.Equal(42, failure.Line);
        Assert.Contains("goroutine 7 [running]:", failure.StackTrace);
    }

    [Fact]
    public void A_parent_of_failed_subtests_names_them_and_an_unfinished_test_says_so()
    {
        var parent = Test("TestTable", GoTestOutcome.Failed, "=== RUN   TestTable", "--- FAIL: TestTable (0.00s)");
        var child = new GoTestCase("example.com/x/calc", "TestTable/bad_case");

        Assert.Equal("Subtests failed: bad_case", Reader.Read(parent, [child]).Message);
        Assert.Null(Reader.Read(parent, [child]).File);

        var hung = Test("TestHang", GoTestOutcome.NotFinished, "=== RUN   TestHang");
        Assert.StartsWith("The test did not finish", Reader.Read(hung, []).Message);
    }
}
