using GoPack.Sdk.Testing;

namespace GoPack.Sdk.Tests.Unit.Testing;

public class CheckOutputParserTests
{
    [Fact]
    public void Reads_go_vet_json_with_package_headers_and_keeps_other_text()
    {
        string[] output =
        [
            "# example.com/fx/notests",
            "{}",
            "# example.com/fx/vetme",
            "{",
            "\t\"example.com/fx/vetme\": {",
            "\t\t\"assign\": [",
            "\t\t\t{",
            "\t\t\t\t\"posn\": \"/src/fx/vetme/v.go:4:2\",",
            "\t\t\t\t\"message\": \"self-assignment of x to x {\\\"\"",
            "\t\t\t}",
            "\t\t],",
            "\t\t\"printf\": {\"error\": \"analysis failed\"}",
            "\t}",
            "}",
            "# example.com/fx/broken",
            "vet: broken/b.go:3:9: undefined: nope",
        ];

        var (findings, other) = VetReportParser.Parse(output, "/src/fx");

        Assert.Equal(2, findings.Count);
        Assert.Equal(new VetFinding("example.com/fx/vetme", "assign", "self-assignment of x to x {\"", "/src/fx/vetme/v.go", 4, 2), findings[0]);
        Assert.Equal(("printf", "analysis failed", (string?)null), (findings[1].Analyzer, findings[1].Message, findings[1].File));
        Assert.Equal(["# example.com/fx/broken", "vet: broken/b.go:3:9: undefined: nope"], other);
    }

    [Fact]
    public void Broken_json_is_text_not_an_exception()
    {
        var (findings, other) = VetReportParser.Parse(["{", "\t\"x\": [", "}"], "/src");

        Assert.Empty(findings);
        Assert.Equal(3, other.Count);
    }

    [Fact]
    public void Reads_staticcheck_and_golangci_lint_lines()
    {
        var (findings, other) = LintOutputParser.Parse(
            ["calc/calc.go:8:21: Printf format %d has arg #1 of wrong type string (SA5009)", "main.go:3:1: exported func Foo should have comment (revive)", "main.go:7: no column", "level=warning msg=\"x\""],
            "/src/m", "staticcheck");

        Assert.Equal(new LintFinding("SA5009", "Printf format %d has arg #1 of wrong type string", "/src/m/calc/calc.go", 8, 21), findings[0]);
        Assert.Equal("revive", findings[1].Code);
        Assert.Equal(("staticcheck", 7, 0), (findings[2].Code, findings[2].Line, findings[2].Column));
        Assert.Equal(["level=warning msg=\"x\""], other);
    }

    [Theory]
    [InlineData("90000", "90000ms")]
    [InlineData("90s", "90000ms")]
    [InlineData("15min", "900000ms")]
    [InlineData("1.5h", "5400000ms")]
    [InlineData("1d", "86400000ms")]
    [InlineData("soon", null)]
    public void Reads_blame_hang_timeouts(string value, string? expected)
    {
        Assert.Equal(expected, TestTimeout.ToGoDuration(value));
    }

    [Fact]
    public void Reads_loggers_as_dotnet_test_passes_them()
    {
        var settings = TestLoggerSettings.Parse(["trx;LogFileName=go.trx", "console;verbosity=detailed", "html", "junit;LogFilePath=x"]);

        Assert.True(settings.Trx);
        Assert.Equal("go.trx", settings.TrxFileName);
        Assert.Equal(ConsoleVerbosity.Detailed, settings.Verbosity);
        Assert.Equal(["html", "junit;LogFilePath=x"], settings.Unsupported);
        Assert.Equal(ConsoleVerbosity.Minimal, TestLoggerSettings.Parse([]).Verbosity);
        Assert.True(TestLoggerSettings.IsCoverageCollector("XPlat Code Coverage"));
        Assert.False(TestLoggerSettings.IsCoverageCollector("blame"));
    }
}
