using System.Text.RegularExpressions;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Issue 12: `dotnet watch` on a Go project. Plain `dotnet watch run` (Hot Reload mode, where dotnet watch never
/// restarts a program for a file Roslyn doesn't compile) runs the program under GoPack.Watch, which rebuilds and
/// restarts it; `dotnet watch test` (and build, and run without Hot Reload) restart the command through @(Watch).
/// </summary>
public sealed class WatchTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public void Plain_dotnet_watch_run_rebuilds_and_restarts_on_a_go_file_or_an_embedded_file_and_survives_a_broken_build()
    {
        var project = environment.CreateProject("live").WriteProjectFile();
        project.WriteFile("go.mod", "module example.com/live\n\ngo 1.19\n");
        project.WriteFile("greeting.txt", "hello");
        project.WriteFile("main.go", Program("v1"));
        project.WriteFile("live_test.go", "package main\n\nimport \"testing\"\n\nfunc TestNothing(t *testing.T) {}\n");

        using var watch = ServerProcess.Start("dotnet", ["watch", "run"], project.Directory, project.DotnetEnvironment(),
            new Regex("^v1 hello$"), Patience);
        Assert.Contains("gopack watch: live restarts when a .go file, go.mod, go.sum or an embedded file changes", watch.Output);

        var mark = watch.LineCount;
        project.WriteFile("main.go", Program("v2"));
        watch.WaitForLine(new Regex("^v2 hello$"), Patience, mark);
        Assert.Contains("gopack watch: main.go changed: rebuilding live.", watch.Output);

        mark = watch.LineCount;
        project.WriteFile("greeting.txt", "bonjour");
        watch.WaitForLine(new Regex("^v2 bonjour$"), Patience, mark);

        // A broken build leaves the running program alone; the fix restarts it.
        mark = watch.LineCount;
        project.WriteFile("main.go", Program("v3").Replace("time.Sleep(time.Hour)", "undefinedThing()"));
        var error = watch.WaitForLine(new Regex("error GO\\d+"), Patience, mark);
        Assert.Contains("main.go(", error);
        watch.WaitForLine(new Regex("gopack watch: live did not build"), Patience, mark);
        project.WriteFile("main.go", Program("v3"));
        watch.WaitForLine(new Regex("^v3 bonjour$"), Patience, mark);

        Assert.DoesNotContain("No managed code changes to apply", watch.Output);
        Assert.DoesNotContain("v1 bonjour", watch.Output);
    }

    [Fact]
    public void Dotnet_watch_test_runs_the_go_tests_again_when_a_go_file_changes()
    {
        var project = environment.CreateProject("calc").WriteProjectFile();
        project.WriteFile("go.mod", "module example.com/calc\n\ngo 1.19\n");
        project.WriteFile("calc.go", "package calc\n\nfunc Add(a, b int) int { return a + b }\n");
        project.WriteFile("calc_test.go", """
            package calc

            import "testing"

            func TestAdd(t *testing.T) {
            	if got := Add(1, 2); got != 3 {
            		t.Fatalf("want 3, got %d", got)
            	}
            }
            """);

        using var watch = ServerProcess.Start("dotnet", ["watch", "test"], project.Directory, project.DotnetEnvironment(),
            new Regex("Passed!.*calc.gocsproj"), Patience);

        var mark = watch.LineCount;
        project.WriteFile("calc.go", "package calc\n\nfunc Add(a, b int) int { return a - b }\n");
        var failure = watch.WaitForLine(new Regex("error GOTEST0001"), Patience, mark);
        Assert.Contains("calc_test.go(7)", failure);
        Assert.Contains("want 3, got -1", failure);
    }

    private static string Program(string version) => $$"""
        package main

        import (
        	_ "embed"
        	"fmt"
        	"time"
        )

        //go:embed greeting.txt
        var greeting string

        func main() {
        	fmt.Println("{{version}} " + greeting)
        	time.Sleep(time.Hour)
        }
        """;
}
