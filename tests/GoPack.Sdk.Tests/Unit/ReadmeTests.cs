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
}
