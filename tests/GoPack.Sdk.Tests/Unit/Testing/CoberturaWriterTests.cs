using System.Xml.Linq;
using GoPack.Sdk.Testing;

namespace GoPack.Sdk.Tests.Unit.Testing;

public class CoberturaWriterTests
{
    // A hand-written profile of two files in two packages. By hand:
    //   a.go: blocks 3-5 (count 2), 7-8 (0), 8-10 (1): lines 3,4,5,7,8,9,10 valid (7); line 7 has 0 hits, line 8
    //         max(0, 1) = 1, so 6 covered: 6/7 = 0.8571
    //   b.go: blocks 1-2 (0), 4-4 (3) listed twice, 3 + 3 = 6 hits in count mode: lines 1,2,4 valid, 1 covered: 0.3333
    //   all:  7 covered of 10 valid: 0.7
    private static readonly string[] Profile =
    {
        "mode: count",
        "example.com/m/a/a.go:3.20,5.2 1 2",
        "example.com/m/a/a.go:7.13,8.11 1 0",
        "example.com/m/a/a.go:8.11,10.3 2 1",
        "example.com/m/b/b.go:1.1,2.2 1 0",
        "example.com/m/b/b.go:4.1,4.9 1 3",
        "example.com/m/b/b.go:4.1,4.9 1 3",
        "garbage line",
    };

    private static string? Directory(string package) => package switch
    {
        "example.com/m/a" => "/src/m/a",
        "example.com/m/b" => "/src/m/b",
        _ => null,
    };

    [Fact]
    public void Parses_and_merges_blocks_and_keeps_bad_lines_aside()
    {
        var profile = CoverProfile.Parse(Profile);

        Assert.Equal("count", profile.Mode);
        Assert.Equal(5, profile.Blocks.Count);
        Assert.Equal(6, profile.Blocks.Single(b => b.File.EndsWith("b.go", StringComparison.Ordinal) && b.StartLine == 4).Count);
        Assert.Equal(["garbage line"], profile.InvalidLines);
    }

    [Fact]
    public void Writes_line_hits_and_rates_as_computed_by_hand()
    {
        var document = CoberturaWriter.Create(CoverProfile.Parse(Profile), Directory, "/src/m", 1700000000);
        var coverage = document.Root!;

        Assert.Equal("http://cobertura.sourceforge.net/xml/coverage-04.dtd", document.DocumentType!.SystemId);
        Assert.Equal("7", coverage.Attribute("lines-covered")!.Value);
        Assert.Equal("10", coverage.Attribute("lines-valid")!.Value);
        Assert.Equal("0.7", coverage.Attribute("line-rate")!.Value);
        Assert.Equal("/src/m", coverage.Element("sources")!.Element("source")!.Value);

        var a = coverage.Descendants("package").Single(p => p.Attribute("name")!.Value == "example.com/m/a");
        Assert.Equal("0.8571", a.Attribute("line-rate")!.Value);
        var aFile = a.Descendants("class").Single();
        Assert.Equal("a/a.go", aFile.Attribute("filename")!.Value);
        Assert.Equal(
            [(3, 2L), (4, 2L), (5, 2L), (7, 0L), (8, 1L), (9, 1L), (10, 1L)],
            aFile.Descendants("line").Select(l => (int.Parse(l.Attribute("number")!.Value), long.Parse(l.Attribute("hits")!.Value))));

        var b = coverage.Descendants("package").Single(p => p.Attribute("name")!.Value == "example.com/m/b");
        Assert.Equal("0.3333", b.Attribute("line-rate")!.Value);
        Assert.Equal("6", b.Descendants("line").Single(l => l.Attribute("number")!.Value == "4").Attribute("hits")!.Value);
    }

    [Fact]
    public void A_package_whose_directory_is_unknown_keeps_gos_file_name()
    {
        var document = CoberturaWriter.Create(CoverProfile.Parse(["mode: set", "other.org/z/z.go:1.1,1.5 1 1"]), Directory, "/src/m", 0);

        Assert.Equal("other.org/z/z.go", document.Descendants("class").Single().Attribute("filename")!.Value);
        Assert.Equal("1", document.Root!.Attribute("line-rate")!.Value);
    }

    [Fact]
    public void An_empty_profile_is_valid_cobertura_with_nothing_covered()
    {
        var document = CoberturaWriter.Create(CoverProfile.Parse(["mode: set"]), Directory, "/src/m", 0);

        Assert.Equal("0", document.Root!.Attribute("line-rate")!.Value);
        Assert.Empty(document.Descendants("package"));
        Assert.NotNull(XDocument.Parse(document.ToString()).Root!.Element("packages"));
    }
}
