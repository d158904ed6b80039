using System.Reflection;
using GoPack.Sdk.Project;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.Unit;

/// <summary>The README is the user's manual: it must list what the code has.</summary>
public class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TestEnvironment.FindRepoRoot(), "README.md"));

    [Fact]
    public void Documents_every_GOPACK_code()
    {
        var codes = typeof(GoPackErrors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains($"| `{code}` |", Readme));
    }

    [Fact]
    public void Documents_every_test_and_check_code()
    {
        var codes = typeof(GoPack.Sdk.Testing.GoTestCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains(code.EndsWith('-') ? $"| `{code}<" : $"| `{code}` |", Readme));
    }

    [Fact]
    public void Holds_the_platform_variable_table_as_the_code_has_it()
    {
        Assert.Contains(PlatformEnvironment.ToMarkdownTable(), Readme.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Names_only_tests_that_exist_in_its_reliability_table()
    {
        var start = Readme.IndexOf("## Reliability", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no Reliability section");
        var table = Readme[start..Readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
        // The case -> behaviour -> test table: the rows below its header, up to the first line that isn't one.
        var rows = table.Split('\n').SkipWhile(l => !l.StartsWith("| Case | Behaviour | Test |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 15, $"{rows.Count} rows");
        var tests = typeof(ReadmeTests).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes().Any(a => a is FactAttribute)).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var named = System.Text.RegularExpressions.Regex.Matches(row.Split('|')[^2], "`([A-Za-z0-9_]+)`").Select(m => m.Groups[1].Value).ToList();
            Assert.True(named.Count > 0, "a row names no test: " + row);
            Assert.All(named, name => Assert.Contains(name, tests));
        }
    }
}
