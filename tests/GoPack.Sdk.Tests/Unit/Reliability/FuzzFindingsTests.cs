using System.Text;
using System.Xml;
using GoPack.Sdk.Diagnostics;
using GoPack.Sdk.Modules;
using GoPack.Sdk.Testing;

namespace GoPack.Sdk.Tests.Unit.Reliability;

/// <summary>What the fuzz harness found, and what go.mod's bytes must give, pinned as plain unit tests.</summary>
public sealed class FuzzFindingsTests
{
    [Fact]
    public void A_test_filter_nested_100000_deep_is_an_error_not_a_stack_overflow()
    {
        var error = Assert.Throws<TestFilterException>(() => TestFilter.Translate(new string('(', 100_000) + "Name=TestA", []));
        Assert.Contains("nested more than 64 deep", error.Message);
        // The filter is quoted shortened, not 100,000 characters long.
        Assert.True(error.Message.Length < 600, error.Message.Length.ToString());
        Assert.NotNull(TestFilter.Translate(string.Concat(Enumerable.Repeat("(", 10)) + "Name=TestA" + new string(')', 10), []));
    }

    [Fact]
    public void A_cover_profile_naming_a_file_with_a_control_character_still_gives_writable_xml()
    {
        var profile = CoverProfile.Parse(["mode: set", "example.com/svc/a\u0015b.go:1.1,2.2 1 1"]);
        var document = CoberturaWriter.Create(profile, _ => "/work/svc", "/work/svc", 0);
        using var writer = XmlWriter.Create(Stream.Null, new XmlWriterSettings { CheckCharacters = true });
        document.Save(writer);
        Assert.Contains("ab.go", document.ToString());
    }

    [Fact]
    public void Bytes_that_are_not_utf8_in_a_gomod_word_are_an_error_at_their_line_and_column()
    {
        // Latin-1 turns each \xNN into that byte: "caf\xe9" in a comment is harmless, \xff in a module path is not.
        var bytes = Encoding.Latin1.GetBytes("module example.com/x\n\ngo 1.19\n// caf\xe9 in a comment is fine\nrequire example.com/y\xff v1.0.0\n");
        var error = Assert.Throws<GoModParseException>(() => GoModFile.Parse(bytes, "/work/go.mod"));
        Assert.Equal(5, error.Line);
        Assert.Equal("/work/go.mod", error.FilePath);
        Assert.Equal("invalid UTF-8 at column 22: save the file as UTF-8", error.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_comment_a_bom_and_crlf_parse_as_go_reads_them()
    {
        var bytes = Encoding.Latin1.GetBytes("\xef\xbb\xbfmodule example.com/x\r\n// \xff\xfe\r\ngo 1.19\r\n");
        var file = GoModFile.Parse(bytes, "go.mod");
        Assert.Equal("example.com/x", file.ModulePath);
        Assert.Equal("1.19", file.GoVersion);
        Assert.Equal(3, file.GoLine);
    }

    [Fact]
    public void A_quoted_module_path_with_bytes_that_are_not_utf8_is_an_error_too()
    {
        var bytes = Encoding.Latin1.GetBytes("use \"./\xc3\x28\"\n");
        Assert.Equal(1, Assert.Throws<GoModParseException>(() => GoWorkFile.Parse(bytes, "go.work")).Line);
        // Well-formed UTF-8 (é) is fine.
        Assert.Equal("example.com/é", GoModFile.Parse(Encoding.UTF8.GetBytes("module \"example.com/é\"\n"), "go.mod").ModulePath);
    }

    [Fact]
    public void A_security_notice_cut_by_a_package_header_keeps_its_lines_instead_of_throwing()
    {
        // ./fuzz.sh's finding: the notice's next line was appended to an error the "# package" header had closed.
        var entries = new GoOutputParser("/work/svc", "/work/svc/go.mod").Parse(["SECURITY ERROR", "# example.com/svc", "This download does NOT match"]);
        Assert.Contains(entries, e => e.Diagnostic?.Message == "SECURITY ERROR:");
        Assert.Contains(entries, e => e.Text == "This download does NOT match" || e.Diagnostic?.Message.Contains("This download does NOT match", StringComparison.Ordinal) == true);
    }
}
