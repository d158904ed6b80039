using System.Reflection;
using GoPack.Sdk.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GoPack.Sdk.Tests.Fuzzing;

/// <summary>
/// The fuzz harness itself, run as ./fuzz.sh runs it but short and the same every time: every parser, coverage-guided,
/// a fixed seed and a few hundred mutations each (seconds of wall time, not minutes: test.sh's budget). The minute per
/// parser is ./fuzz.sh (or this test with GOPACK_FUZZ_SECONDS=60). Any exception other than a parser's own error, or
/// a process that dies (a stack overflow), fails the test; the output names each finding's input, minimized.
/// </summary>
public sealed class FuzzHarnessTests(ITestOutputHelper log)
{
    [Fact]
    public void The_fuzz_harness_mutates_every_parser_from_its_corpus_and_finds_nothing()
    {
        var harness = typeof(FuzzHarnessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FuzzHarness").Value!;
        Assert.True(File.Exists(harness), $"{harness} was not built (the test project references it)");
        var seconds = Environment.GetEnvironmentVariable("GOPACK_FUZZ_SECONDS");
        string[] budget = seconds is { Length: > 0 } ? ["--seconds", seconds] : ["--execs", "300", "--seed", "15"];
        var output = Path.Combine(Path.GetTempPath(), "gopack-tests", "fuzz-" + Guid.NewGuid().ToString("N")[..8]);

        var result = ProcessRunner.Run("dotnet", [harness, "run", .. budget, "--out", output], Path.GetDirectoryName(harness)!,
            timeout: TimeSpan.FromSeconds((double.Parse(seconds ?? "30", System.Globalization.CultureInfo.InvariantCulture) * 3 * Fuzz.FuzzTargets.All.Count / Environment.ProcessorCount) + 180));

        log.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"fuzz: {Fuzz.FuzzTargets.All.Count} passed, 0 failed", result.Output);
        // Each parser ran its 300 mutations besides the seeds: a harness that stopped mutating would pass without fuzzing.
        foreach (var target in Fuzz.FuzzTargets.All)
        {
            var row = System.Text.RegularExpressions.Regex.Match(result.Output, $@"(?m)^{System.Text.RegularExpressions.Regex.Escape(target.Name)} +(\d+) ");
            Assert.True(row.Success, target.Name + " has no result row");
            Assert.True(long.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 300, row.Value);
        }
        try { Directory.Delete(output, recursive: true); } catch (IOException) { }
    }
}
