using System.Text.RegularExpressions;
using GoPack.Sdk.Project;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.Unit.Project;

public sealed class PlatformEnvironmentTests
{
    public static TheoryData<string> SeedVariables => new()
    {
        "GOVERSION", "RAILPACK_GO_VERSION", "RAILPACK_GO_BIN", "RAILPACK_GO_WORKSPACE_MODULE", "CGO_ENABLED",
        "CC_GO_BUILD_TOOL", "CC_GO_BINARY", "CC_GO_PKG", "CC_GO_RUNDIR", "CC_TROUBLESHOOT", "CC_RUN_COMMAND",
        "CC_PRE_BUILD_HOOK", "CC_POST_BUILD_HOOK", "GO_INSTALL_PACKAGE_SPEC", "GO_LINKER_SYMBOL", "GO_LINKER_VALUE",
        "GO_BUILD_FLAGS", "GIT_CREDENTIALS", "GO_GIT_CRED__HTTPS__GITHUB__COM", "GOFLAGS", "GOPROXY", "GOPRIVATE",
        "GONOPROXY", "GONOSUMDB", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS",
    };

    [Theory]
    [MemberData(nameof(SeedVariables))]
    public void Every_seed_variable_is_in_the_table(string name)
    {
        var variable = PlatformEnvironment.Find(name);

        Assert.NotNull(variable);
        Assert.False(string.IsNullOrWhiteSpace(variable.Note));
        Assert.False(string.IsNullOrWhiteSpace(variable.Platforms));
    }

    /// <summary>
    /// The files allowed to read the variables GoPack honours: the table, the one translator, and the credentials. (The
    /// ones go reads itself, GOFLAGS and friends, GoPack may look at anywhere, as it must know what go will do.)
    /// </summary>
    private static readonly string[] PlatformReaders = ["PlatformEnvironment.cs", "PlatformSettings.cs", "GitCredentials.cs"];

    /// <summary>Variables of commands the build runs itself (hooks, the run command), which only the targets read.</summary>
    private static readonly string[] TargetsOnly = ["CC_PRE_BUILD_HOOK", "CC_POST_BUILD_HOOK"];

    [Fact]
    public void Platform_variables_become_settings_in_one_place()
    {
        var source = Path.Combine(TestEnvironment.FindRepoRoot(), "src", "GoPack.Sdk.Tasks");
        var files = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        var settings = files["PlatformSettings.cs"];
        var honoured = PlatformEnvironment.Variables
            .Where(v => v.Support == PlatformVariableSupport.Honoured && !v.Name.EndsWith('*') && v.Name != "GIT_CREDENTIALS" && !TargetsOnly.Contains(v.Name))
            .Select(v => v.Name)
            .ToList();

        Assert.All(honoured, name => Assert.Contains($"\"{name}\"", settings));
        var readers = files.Where(f => !PlatformReaders.Contains(f.Key))
            .SelectMany(f => honoured.Where(name => Reads(f.Value, name)).Select(name => $"{f.Key} reads {name}"))
            .ToList();
        Assert.True(readers.Count == 0, "Read the setting from PlatformSettings instead:\n" + string.Join("\n", readers));
    }

    private static bool Reads(string code, string variable) =>
        Regex.IsMatch(code, $@"(Settings\.Get\([^,]+,\s*|TryGetValue\(|GetEnvironmentVariable\(|\[)""{Regex.Escape(variable)}""\s*(\)|,|\](?!\s*=))");

    [Fact]
    public void Names_are_unique_and_unknown_names_are_not_found()
    {
        Assert.Equal(PlatformEnvironment.Variables.Count, PlatformEnvironment.Variables.Select(v => v.Name).Distinct().Count());
        Assert.Null(PlatformEnvironment.Find("PATH"));
        Assert.Null(PlatformEnvironment.Find("goversion"));
    }

    [Fact]
    public void Mapped_properties()
    {
        Assert.Equal("GoVersion", PlatformEnvironment.Find("RAILPACK_GO_VERSION")!.Property);
        Assert.Equal("GoBuildTool", PlatformEnvironment.Find("CC_GO_BUILD_TOOL")!.Property);
        Assert.Equal("GoBinary", PlatformEnvironment.Find("CC_GO_BINARY")!.Property);
        Assert.Equal("GoBuildFlags", PlatformEnvironment.Find("GO_BUILD_FLAGS")!.Property);
        Assert.Equal(PlatformVariableSupport.Unsupported, PlatformEnvironment.Find("CC_GO_RUNDIR")!.Support);
    }

    [Fact]
    public void Pass_through_variables_are_the_ones_go_reads()
    {
        Assert.Equal(
            new[] { "GOFLAGS", "GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS" },
            PlatformEnvironment.PassThroughVariables);
    }

    [Fact]
    public void Deprecated_CC_GO_RUNDIR_warns()
    {
        Assert.Empty(PlatformEnvironment.Warnings(Env.Of(("CC_GO_PKG", "x"))));
        var warning = Assert.Single(PlatformEnvironment.Warnings(Env.Of(("CC_GO_RUNDIR", "github.com/acme/app"))));
        Assert.StartsWith("CC_GO_RUNDIR is set but GoPack does not support it", warning);
    }

    [Fact]
    public void Markdown_table_has_a_row_per_variable()
    {
        var lines = PlatformEnvironment.ToMarkdownTable().TrimEnd('\n').Split('\n');

        Assert.Equal(PlatformEnvironment.Variables.Count + 2, lines.Length);
        Assert.Equal("| Variable | Platforms | GoPack property | Support | Notes |", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("| `CC_GO_BINARY` | Clever Cloud | `GoBinary` | honoured |"));
        Assert.All(lines.Skip(2), l => Assert.Equal(6, l.Replace("\\|", "").Count(c => c == '|')));
    }
}
