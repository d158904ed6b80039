using System.Reflection;
using GoPack.Sdk.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GoPack.Sdk.Tests.Fuzzing;

/// <summary>
/// The CI-safe fuzz run: every parser for a minute (GOPACK_FUZZ_SECONDS), coverage-guided, all parsers at once in
/// processes of their own at a lower priority, so the minute costs about a minute of wall time beside the other tests.
/// Any exception other than a parser's own error, or a process that dies (a stack overflow), fails the test; the
/// output names each finding's input, minimized.
/// </summary>
public sealed class FuzzHarnessTests(ITestOutputHelper log)
{
    [Fact]
    public void Every_parser_survives_a_minute_of_coverage_guided_fuzzing()
    {
        var harness = typeof(FuzzHarnessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FuzzHarness").Value!;
        Assert.True(File.Exists(harness), $"{harness} was not built (the test project references it)");
        var seconds = Environment.GetEnvironmentVariable("GOPACK_FUZZ_SECONDS") is { Length: > 0 } text ? text : "60";
        var output = Path.Combine(Path.GetTempPath(), "gopack-tests", "fuzz-" + Guid.NewGuid().ToString("N")[..8]);

        var result = ProcessRunner.Run("dotnet", [harness, "run", "--seconds", seconds, "--out", output], Path.GetDirectoryName(harness)!,
            timeout: TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture) * 3 + 120));

        log.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"fuzz: {Fuzz.FuzzTargets.All.Count} passed, 0 failed", result.Output);
        try { Directory.Delete(output, recursive: true); } catch (IOException) { }
    }
}
