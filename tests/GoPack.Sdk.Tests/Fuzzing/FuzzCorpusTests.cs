using System.Text;
using GoPack.Sdk.Fuzz;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.Fuzzing;

/// <summary>
/// Every input the fuzz harness ever kept (tests/GoPack.Sdk.Fuzz/Corpus/&lt;target&gt;/, seeds from real go output and
/// what the harness grew from them) and the edge cases it starts from (CRLF, BOM, bytes that are not UTF-8, a
/// 1 MB line, 100,000 levels of nesting) run through each parser again: none may throw anything but its own error.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string> Targets() => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Corpus_and_edge_inputs_give_no_exception_but_the_parsers_own(string name)
    {
        var target = FuzzTargets.Find(name);
        var directory = Path.Combine(TestEnvironment.FindRepoRoot(), "tests", "GoPack.Sdk.Fuzz", "Corpus", name);
        var corpus = Directory.EnumerateFiles(directory).OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(corpus);
        var seeds = corpus.Select(File.ReadAllBytes).ToList();

        var failures = new List<string>();
        foreach (var (input, origin) in seeds.Select((s, i) => (s, Path.GetFileName(corpus[i])))
            .Concat(Mutator.EdgeInputs(seeds).Select((e, i) => (e, $"edge input {i}"))))
        {
            if (target.Check(input) is { } error) failures.Add($"{origin} ({input.Length} bytes): {error}");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void Every_parser_of_the_task_library_has_a_target_and_a_seed_corpus()
    {
        var expected = new[]
        {
            "gomod", "gowork", "vendor-modules", "release-feed", "package-list", "test2json", "vet-json", "go-output", "build-info",
            "toolchain-probe", "command-line", "credentials", "test-filter", "functions-analysis", "cover-profile",
        };
        Assert.Equal(expected.Order(), FuzzTargets.All.Select(t => t.Name).Order());
        foreach (var name in expected)
        {
            Assert.True(Directory.EnumerateFiles(Path.Combine(TestEnvironment.FindRepoRoot(), "tests", "GoPack.Sdk.Fuzz", "Corpus", name)).Any(), name);
        }
    }

    [Fact]
    public void A_parser_that_throws_something_else_is_reported_as_a_crash()
    {
        // The harness must be able to fail: an input the target's parser can't take is not swallowed.
        var target = new FuzzTarget("always-fails", "", bytes => _ = Encoding.UTF8.GetString(bytes)[bytes.Length], [typeof(FormatException)]);
        Assert.IsType<IndexOutOfRangeException>(target.Check([1, 2, 3]));
        Assert.Null(new FuzzTarget("rejects", "", _ => throw new FormatException("bad"), [typeof(FormatException)]).Check([]));
    }
}
