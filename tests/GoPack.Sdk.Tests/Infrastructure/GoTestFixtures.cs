namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>Go modules with tests, for the `dotnet test` end-to-end tests. Line numbers below are asserted on.</summary>
public static class GoTestFixtures
{
    public const string Module = "example.com/gotests";

    /// <summary>calc.go: Add and Abs are covered by the passing tests, Unused is not (see <see cref="CalcCoverage"/>).</summary>
    public const string CalcSource = """
        package calc

        // Add returns a + b.
        func Add(a, b int) int {
        	return a + b
        }

        // Abs returns |x|.
        func Abs(x int) int {
        	if x < 0 {
        		return -x
        	}
        	return x
        }

        // Unused is never called by the tests.
        func Unused() int {
        	return 42
        }

        """;

    /// <summary>
    /// Hand-computed from <see cref="CalcSource"/>: go's blocks span lines 4-6 (Add), 9-10, 10-12 and 13 (Abs) and
    /// 17-19 (Unused), so 11 lines are valid; the passing tests run all of Add and Abs: 8 covered, 8/11 = 0.7273.
    /// </summary>
    public const int CalcLinesValid = 11;
    public const int CalcLinesCovered = 8;
    public const string CalcLineRate = "0.7273";

    /// <summary>Passing tests: a test that prints, a skipped test, a table test with subtests, a benchmark, an example.</summary>
    public const string PassingTests = """
        package calc

        import (
        	"fmt"
        	"testing"
        )

        func TestAdd(t *testing.T) {
        	fmt.Println("stdout from TestAdd")
        	if Add(1, 2) != 3 {
        		t.Fatal("1 + 2 != 3")
        	}
        }

        func TestSkipped(t *testing.T) {
        	t.Skip("not today")
        }

        func TestAbs(t *testing.T) {
        	cases := []struct {
        		name    string
        		in, out int
        	}{{"negative", -1, 1}, {"positive", 2, 2}}
        	for _, c := range cases {
        		t.Run(c.name, func(t *testing.T) {
        			if got := Abs(c.in); got != c.out {
        				t.Errorf("Abs(%d) = %d, want %d", c.in, got, c.out)
        			}
        		})
        	}
        }

        func BenchmarkAdd(b *testing.B) {
        	for i := 0; i < b.N; i++ {
        		Add(i, i)
        	}
        }

        """;

    /// <summary>Failing tests: line 8 fails TestAddWrong, line 20 fails the "bad case" subtest (go names it bad_case).</summary>
    public const string FailingTests = """
        package calc

        import "testing"

        func TestAddWrong(t *testing.T) {
        	got := Add(1, 2)
        	if got != 4 {
        		t.Errorf("want 4, got %d", got)
        	}
        }

        func TestTable(t *testing.T) {
        	cases := []struct {
        		name    string
        		in, out int
        	}{{"ok", 3, 3}, {"bad case", 3, 4}}
        	for _, c := range cases {
        		t.Run(c.name, func(t *testing.T) {
        			if got := Abs(c.in); got != c.out {
        				t.Errorf("Abs(%d) = %d, want %d", c.in, got, c.out)
        			}
        		})
        	}
        }

        """;

    /// <summary>A test file that doesn't compile: line 6, column 17.</summary>
    public const string BrokenTest = """
        package broken

        import "testing"

        func TestY(t *testing.T) {
        	var s string = Y()
        	_ = s
        }

        """;

    /// <summary>A vet finding (assign: self-assignment) at line 4, column 2; go test's own vet subset leaves it alone.</summary>
    public const string VetFinding = """
        package vetme

        func Self(x int) int {
        	x = x
        	return x
        }

        """;

    /// <summary>A module: calc (passing tests), notests (no test files), vetme (a vet finding).</summary>
    public static TestProject WritePassingModule(this TestProject project, string projectBody = "")
    {
        project.WriteFile("go.mod", $"module {Module}\n\ngo 1.19\n");
        project.WriteFile("calc/calc.go", CalcSource);
        project.WriteFile("calc/calc_test.go", PassingTests);
        project.WriteFile("notests/notests.go", "package notests\n\n// X has no test.\nfunc X() int { return 1 }\n");
        project.WriteFile("vetme/vetme.go", VetFinding);
        return project.WriteProjectFile(projectBody);
    }

    /// <summary>The passing module plus failing tests and a package whose test file doesn't compile.</summary>
    public static TestProject WriteFailingModule(this TestProject project, string projectBody = "")
    {
        project.WritePassingModule(projectBody);
        project.WriteFile("calc/fail_test.go", FailingTests);
        project.WriteFile("broken/broken.go", "package broken\n\n// Y is two.\nfunc Y() int { return 2 }\n");
        project.WriteFile("broken/broken_test.go", BrokenTest);
        return project;
    }
}
