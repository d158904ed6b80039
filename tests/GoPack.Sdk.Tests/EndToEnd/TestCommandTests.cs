using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>`dotnet test` on .gocsproj projects (VSTest mode): go test -json reported the way .NET tests are.</summary>
public sealed class TestCommandTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    [Fact]
    public void Failing_tests_are_errors_at_their_lines_with_a_summary_a_trx_and_a_non_zero_exit_code()
    {
        var project = environment.CreateProject("failing").WriteFailingModule();
        var results = Path.Combine(environment.Root, "results-" + Guid.NewGuid().ToString("N")[..8]);

        var test = project.Dotnet("test", project.ProjectFile, "--logger", "trx;LogFileName=go.trx", "--logger", "console;verbosity=detailed",
            "--results-directory", results);

        Assert.NotEqual(0, test.ExitCode);
        var calcTest = project.Path("calc/fail_test.go");
        Assert.Contains($"{calcTest}(8): error GOTEST0001: {GoTestFixtures.Module}/calc.TestAddWrong failed: want 4, got 3 [{project.ProjectFile}]", test.Output);
        Assert.Contains($"{calcTest}(20): error GOTEST0001: {GoTestFixtures.Module}/calc.TestTable/bad_case failed: Abs(3) = 3, want 4", test.Output);
        // The parent of a failed subtest adds no error of its own; the compile error in a test file is the compiler's.
        Assert.DoesNotContain("calc.TestTable failed", test.Output);
        Assert.Contains($"{project.Path("broken/broken_test.go")}(6,17): error GO1000: cannot use Y()", test.Output);
        Assert.Contains("Failed!  - Failed: 4, Passed: 5, Skipped: 1, Total: 10, Duration: ", test.Output);
        Assert.Matches(@"Total: 10, Duration: [^\n]+ - failing\.gocsproj \(go1\.\d+", test.Output);
        // console;verbosity=detailed: every result and what the tests printed.
        Assert.Contains($"  Passed {GoTestFixtures.Module}/calc.TestAbs/negative [", test.Output);
        Assert.Contains($"  Skipped {GoTestFixtures.Module}/calc.TestSkipped [", test.Output);
        Assert.Contains("stdout from TestAdd", test.Output);
        // Benchmarks are opt-in.
        Assert.DoesNotContain("BenchmarkAdd", test.Output);

        var trxPath = Path.Combine(results, "go.trx");
        Assert.Contains("Results File: " + trxPath, test.Output);
        var trx = XDocument.Load(trxPath);
        var run = trx.Root!;
        Assert.Equal(Trx + "TestRun", run.Name);
        var times = run.Element(Trx + "Times")!;
        foreach (var attribute in new[] { "creation", "queuing", "start", "finish" })
        {
            Assert.True(DateTimeOffset.TryParse(times.Attribute(attribute)?.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _), attribute);
        }
        var summary = run.Element(Trx + "ResultSummary")!;
        Assert.Equal("Failed", summary.Attribute("outcome")!.Value);
        var counters = summary.Element(Trx + "Counters")!;
        Assert.Equal("10", counters.Attribute("total")!.Value);
        Assert.Equal("5", counters.Attribute("passed")!.Value);
        Assert.Equal("4", counters.Attribute("failed")!.Value);
        Assert.Equal("1", counters.Attribute("notExecuted")!.Value);

        var definitions = run.Element(Trx + "TestDefinitions")!.Elements(Trx + "UnitTest").ToList();
        var resultsList = run.Element(Trx + "Results")!.Elements(Trx + "UnitTestResult").ToList();
        Assert.Equal(10, definitions.Count);
        Assert.Equal(10, resultsList.Count);
        var entries = run.Element(Trx + "TestEntries")!.Elements(Trx + "TestEntry").ToList();
        Assert.Equal(10, entries.Count);
        Assert.NotEmpty(run.Element(Trx + "TestLists")!.Elements(Trx + "TestList"));

        XElement ResultOf(string className, string name)
        {
            var definition = definitions.Single(d => d.Element(Trx + "TestMethod")!.Attribute("className")!.Value == className
                && d.Element(Trx + "TestMethod")!.Attribute("name")!.Value == name);
            Assert.Equal(name, definition.Attribute("name")!.Value);
            var result = resultsList.Single(r => r.Attribute("testId")!.Value == definition.Attribute("id")!.Value);
            Assert.Equal(name, result.Attribute("testName")!.Value);
            Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{7}$", result.Attribute("duration")!.Value);
            return result;
        }

        var calc = GoTestFixtures.Module + "/calc";
        var passed = ResultOf(calc, "TestAdd");
        Assert.Equal("Passed", passed.Attribute("outcome")!.Value);
        Assert.Equal("stdout from TestAdd", passed.Element(Trx + "Output")!.Element(Trx + "StdOut")!.Value);
        Assert.Equal("NotExecuted", ResultOf(calc, "TestSkipped").Attribute("outcome")!.Value);
        Assert.Equal("Passed", ResultOf(calc, "TestAbs/positive").Attribute("outcome")!.Value);
        var failed = ResultOf(calc, "TestAddWrong");
        Assert.Equal("Failed", failed.Attribute("outcome")!.Value);
        var error = failed.Element(Trx + "Output")!.Element(Trx + "ErrorInfo")!;
        Assert.Equal("want 4, got 3", error.Element(Trx + "Message")!.Value);
        Assert.Contains($"{calcTest}:line 8", error.Element(Trx + "StackTrace")!.Value);
        Assert.Equal("Failed", ResultOf(calc, "TestTable").Attribute("outcome")!.Value);
        Assert.Equal("Failed", ResultOf(calc, "TestTable/bad_case").Attribute("outcome")!.Value);
        var buildFailed = ResultOf(GoTestFixtures.Module + "/broken", "[build failed]");
        Assert.Equal("Failed", buildFailed.Attribute("outcome")!.Value);
        Assert.Contains("cannot use Y()", buildFailed.Element(Trx + "Output")!.Element(Trx + "ErrorInfo")!.Element(Trx + "Message")!.Value);
    }

    [Fact]
    public void Passing_tests_pass_and_filter_list_no_build_benchmarks_and_coverage_work()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("passing").WritePassingModule();
        var results = Path.Combine(environment.Root, "results-" + Guid.NewGuid().ToString("N")[..8]);

        var test = project.Dotnet("test", project.ProjectFile, go.GoRootProperty);
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("Passed!  - Failed: 0, Passed: 4, Skipped: 1, Total: 5, Duration: ", test.Output);
        Assert.Contains("passing -> library: every package compiled, no binary", test.Output);

        // Nothing changed: no build step starts go, and go test answers from its cache.
        var before = go.Invocations.Count;
        var again = project.Dotnet("test", project.ProjectFile, go.GoRootProperty);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(["test"], go.Invocations.Skip(before).Select(i => i.Split(' ')[0]).ToArray());

        // --list-tests lists, runs nothing; --no-build starts no build step.
        before = go.Invocations.Count;
        var list = project.Dotnet("test", project.ProjectFile, go.GoRootProperty, "--list-tests", "--no-build");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("The following Tests are available:", list.Output);
        Assert.Contains($"    {GoTestFixtures.Module}/calc.TestAdd", list.Output);
        Assert.Contains($"    {GoTestFixtures.Module}/calc.TestAbs", list.Output);
        Assert.DoesNotContain("BenchmarkAdd", list.Output);
        var invocations = go.Invocations.Skip(before).ToList();
        Assert.Single(invocations);
        Assert.StartsWith("test -json", invocations[0]);
        Assert.Contains(" -list ", invocations[0]);

        // A fully qualified name selects the package and the test function; a subtest name narrows to it.
        before = go.Invocations.Count;
        var filtered = project.Dotnet("test", project.ProjectFile, go.GoRootProperty, "--no-build", "--logger", "console;verbosity=normal",
            "--filter", $"FullyQualifiedName={GoTestFixtures.Module}/calc.TestAbs/negative");
        Assert.True(filtered.ExitCode == 0, filtered.ToString());
        Assert.Contains("Passed!  - Failed: 0, Passed: 1, Skipped: 0, Total: 1,", filtered.Output);
        Assert.Contains($"Passed {GoTestFixtures.Module}/calc.TestAbs/negative", filtered.Output);
        var filterRun = go.Invocations.Skip(before).Single();
        Assert.Contains("-run ^(?i)TestAbs$/^(?i)negative$", filterRun);
        Assert.EndsWith($" {GoTestFixtures.Module}/calc", filterRun);

        var either = project.Dotnet("test", project.ProjectFile, go.GoRootProperty, "--no-build", "--filter", "Name=TestAdd|Name~skip");
        Assert.True(either.ExitCode == 0, either.ToString());
        Assert.Contains("Passed!  - Failed: 0, Passed: 1, Skipped: 1, Total: 2,", either.Output);

        var none = project.Dotnet("test", project.ProjectFile, go.GoRootProperty, "--no-build", "--filter", "FullyQualifiedName=example.com/nothere.TestX");
        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Contains("No test matches the given testcase filter `FullyQualifiedName=example.com/nothere.TestX`", none.Output);

        var unsupported = project.Dotnet("test", project.ProjectFile, go.GoRootProperty, "--no-build", "--filter", "TestCategory=Unit");
        Assert.NotEqual(0, unsupported.ExitCode);
        Assert.Contains("error GOPACK0040: The test filter 'TestCategory=Unit' uses 'TestCategory', which Go tests don't have.", unsupported.Output);

        // What doesn't apply to Go tests is said, not silently dropped; a results directory that can't be written is an error.
        var html = project.Dotnet("test", project.ProjectFile, go.GoRootProperty, "--no-build", "--logger", "html", "--filter", "Name=TestAdd");
        Assert.True(html.ExitCode == 0, html.ToString());
        Assert.Contains("warning GOPACK0041: The test logger 'html' is not one GoPack writes for Go tests (it writes trx and console)", html.Output);
        var notADirectory = Path.Combine(environment.Root, "a-file-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(notADirectory, "");
        var unwritable = project.Dotnet("test", project.ProjectFile, go.GoRootProperty, "--no-build", "--logger", "trx", "--results-directory", notADirectory, "--filter", "Name=TestAdd");
        Assert.NotEqual(0, unwritable.ExitCode);
        Assert.Contains("error GOPACK0042: The TRX file", unwritable.Output);
        Assert.Contains("Check that --results-directory is writable.", unwritable.Output);

        // Benchmarks run only when asked for; coverage lands in the results directory as coverlet's does.
        var bench = project.Dotnet("test", project.ProjectFile, go.GoRootProperty, "--no-build", "-p:GoTestBench=Add", "-p:GoTestFlags=-benchtime=10x",
            "--collect", "XPlat Code Coverage", "--results-directory", results);
        Assert.True(bench.ExitCode == 0, bench.ToString());
        Assert.Contains($"Benchmarks of {GoTestFixtures.Module}/calc:", bench.Output);
        Assert.Matches(@"BenchmarkAdd\S*\s+10\s+[\d.]+ ns/op", bench.Output);
        var cobertura = Directory.GetFiles(results, "coverage.cobertura.xml", SearchOption.AllDirectories).Single();
        Assert.Contains("Attachments:", bench.Output);
        Assert.Contains(cobertura, bench.Output);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(cobertura)!, "go.coverprofile")));
        var coverage = XDocument.Load(cobertura).Root!;
        Assert.Equal(project.Directory, coverage.Element("sources")!.Element("source")!.Value);
        var calcPackage = coverage.Element("packages")!.Elements("package").Single(p => p.Attribute("name")!.Value == GoTestFixtures.Module + "/calc");
        var calcFile = calcPackage.Element("classes")!.Elements("class").Single();
        Assert.Equal("calc/calc.go", calcFile.Attribute("filename")!.Value);
        Assert.Equal(GoTestFixtures.CalcLineRate, calcFile.Attribute("line-rate")!.Value);
        var lines = calcFile.Element("lines")!.Elements("line").ToList();
        Assert.Equal(GoTestFixtures.CalcLinesValid, lines.Count);
        Assert.Equal(GoTestFixtures.CalcLinesCovered, lines.Count(l => int.Parse(l.Attribute("hits")!.Value, CultureInfo.InvariantCulture) > 0));
        Assert.Equal(new[] { 17, 18, 19 }, lines.Where(l => l.Attribute("hits")!.Value == "0").Select(l => int.Parse(l.Attribute("number")!.Value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Short_flags_and_a_hang_timeout_reach_go_test_and_a_hung_test_fails_at_its_line()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("hang");
        project.WriteFile("go.mod", "module example.com/hang\n\ngo 1.19\n");
        project.WriteFile("hang_test.go", """
            package hang

            import (
            	"testing"
            	"time"
            )

            func TestQuick(t *testing.T) {}

            func TestHang(t *testing.T) {
            	if testing.Short() {
            		t.Skip("too long for -short")
            	}
            	time.Sleep(time.Minute)
            }

            """);
        project.WriteProjectFile();

        var quick = project.Dotnet("test", project.ProjectFile, go.GoRootProperty, "-p:GoTestShort=true", "-p:GoTestTimeout=3m", "-p:GoTestFlags=-count=1 -v");
        Assert.True(quick.ExitCode == 0, quick.ToString());
        Assert.Contains("Passed!  - Failed: 0, Passed: 1, Skipped: 1, Total: 2,", quick.Output);
        Assert.Contains(go.Invocations, i => i.StartsWith("test -json", StringComparison.Ordinal) && i.Contains(" -timeout=3m -short ./... -count=1 -v"));

        var hung = project.Dotnet("test", project.ProjectFile, go.GoRootProperty, "--no-build", "--blame-hang-timeout", "2s", "-p:GoTestTimeout=3m");
        Assert.NotEqual(0, hung.ExitCode);
        Assert.Contains(go.Invocations, i => i.Contains(" -timeout=2000ms "));
        Assert.Contains($"{project.Path("hang_test.go")}(14): error GOTEST0001: example.com/hang.TestHang failed: panic: test timed out after 2s", hung.Output);
        Assert.Contains("Failed!  - Failed: 1, Passed: 1, Skipped: 0, Total: 2,", hung.Output);
    }

    [Fact]
    public void A_module_without_tests_says_so_and_passes()
    {
        var project = environment.CreateProject("notests").WriteHelloModule();

        var test = project.Dotnet("test", project.ProjectFile);

        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("No Go test in notests.gocsproj: none of its 1 package(s) has _test.go files.", test.Output);
        Assert.Contains("Passed!  - Failed: 0, Passed: 0, Skipped: 0, Total: 0,", test.Output);
    }

    [Fact]
    public void One_dotnet_test_runs_a_csharp_xunit_project_and_a_go_project_and_fails_if_either_fails()
    {
        var root = environment.CreateProject("mixedtest");
        var go = new TestProject(environment, root.Path("svc"), "svc").WritePassingModule();
        root.WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="gopack" value="{environment.FeedDirectory}" />
                {(Directory.Exists("/opt/nuget/packages") ? "<add key=\"machine\" value=\"/opt/nuget/packages\" />" : "")}
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        root.WriteFile("unit/unit.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
            </Project>
            """);
        root.WriteFile("unit/UnitTest.cs", "public class UnitTest { [Xunit.Fact] public void CSharpPasses() { } }\n");
        Assert.Equal(0, root.Dotnet("new", "sln", "-n", "mixedtest", "--format", "sln").ExitCode);
        Assert.Equal(0, root.Dotnet("sln", "mixedtest.sln", "add", "svc/svc.gocsproj", "unit/unit.csproj").ExitCode);

        var passing = root.Dotnet("test", "mixedtest.sln");

        Assert.True(passing.ExitCode == 0, passing.ToString());
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+1, Skipped:\s+0, Total:\s+1, Duration: .* - unit\.dll", passing.Output);
        Assert.Contains("Passed!  - Failed: 0, Passed: 4, Skipped: 1, Total: 5, Duration: ", passing.Output);

        go.WriteFile("calc/fail_test.go", GoTestFixtures.FailingTests);
        var failing = root.Dotnet("test", "mixedtest.sln");

        Assert.NotEqual(0, failing.ExitCode);
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+1,.* - unit\.dll", failing.Output);
        Assert.Contains("error GOTEST0001: example.com/gotests/calc.TestAddWrong failed", failing.Output);
        Assert.Contains("Failed!  - Failed: 3, Passed: 5, Skipped: 1, Total: 9,", failing.Output);
    }
}

/// <summary>`dotnet test` in Microsoft.Testing.Platform mode (global.json), where GoPack's own test host runs go test.</summary>
public sealed class TestingPlatformTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void A_solution_in_testing_platform_mode_runs_go_tests_through_the_host_and_dotnet_run_still_runs_the_program()
    {
        var root = environment.CreateProject("mtp");
        root.NodeReuseSwitch = false;
        root.WriteFile("global.json", "{ \"test\": { \"runner\": \"Microsoft.Testing.Platform\" } }\n");
        var go = new TestProject(environment, root.Path("svc"), "svc") { NodeReuseSwitch = false }.WritePassingModule();
        go.WriteFile("main.go", "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() { fmt.Printf(\"args: %q\\n\", os.Args[1:]) }\n");
        Assert.Equal(0, root.Dotnet("new", "sln", "-n", "mtp", "--format", "sln").ExitCode);
        Assert.Equal(0, root.Dotnet("sln", "mtp.sln", "add", "svc/svc.gocsproj").ExitCode);
        var results = Path.Combine(environment.Root, "mtp-results-" + Guid.NewGuid().ToString("N")[..8]);

        var passing = root.Dotnet("test", "--solution", "mtp.sln", "--report-trx", "--results-directory", results);

        Assert.True(passing.ExitCode == 0, passing.ToString());
        Assert.Matches(@"total: 5\s+failed: 0\s+succeeded: 4\s+skipped: 1", passing.Output);
        var trx = System.Xml.Linq.XDocument.Load(Directory.GetFiles(results, "*.trx", SearchOption.AllDirectories).Single());
        System.Xml.Linq.XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        Assert.Contains(trx.Descendants(ns + "UnitTestResult"), r => r.Attribute("testName")!.Value == $"{GoTestFixtures.Module}/calc.TestAbs/negative" && r.Attribute("outcome")!.Value == "Passed");

        var list = root.Dotnet("test", "--solution", "mtp.sln", "--list-tests");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains($"{GoTestFixtures.Module}/calc.TestAdd", list.Output);

        var one = root.Dotnet("test", "--solution", "mtp.sln", "--filter-uid", $"{GoTestFixtures.Module}/calc.TestAbs/negative");
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Matches(@"total: 1\s+failed: 0\s+succeeded: 1", one.Output);

        // dotnet run goes through the host to the program, arguments unchanged.
        var run = go.Dotnet("run", "--project", go.ProjectFile, "--", "a", "b c");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("args: [\"a\" \"b c\"]", run.Output);

        go.WriteFile("calc/fail_test.go", GoTestFixtures.FailingTests);
        var failing = root.Dotnet("test", "--solution", "mtp.sln");

        Assert.NotEqual(0, failing.ExitCode);
        Assert.Contains($"failed {GoTestFixtures.Module}/calc.TestAddWrong", failing.Output);
        Assert.Contains("want 4, got 3", failing.Output);
        Assert.Contains("fail_test.go:8: want 4, got 3", failing.Output);
        Assert.Matches(@"total: 9\s+failed: 3\s+succeeded: 5\s+skipped: 1", failing.Output);
    }
}
