using GoPack.Sdk.Modules;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit;

public class GoWorkFileTests
{
    [Fact]
    public void ReadsGoToolchainAndUses()
    {
        const string text = """
            go 1.22.0

            toolchain go1.22.3

            use ./app
            use (
            	./lib // shared code
            	"../dir with spaces"

            	/abs/module
            )
            """;

        var work = GoWorkFile.Parse(text, "/src/go.work");

        Assert.Equal("/src/go.work", work.FilePath);
        Assert.Equal("1.22.0", work.GoVersion);
        Assert.Equal(1, work.GoLine);
        Assert.Equal("go1.22.3", work.Toolchain);
        Assert.Equal(3, work.ToolchainLine);
        Assert.Equal(
            new[]
            {
                new GoWorkUse("./app", 5),
                new GoWorkUse("./lib", 7),
                new GoWorkUse("../dir with spaces", 8),
                new GoWorkUse("/abs/module", 10),
            },
            work.Uses);
    }

    [Fact]
    public void ReadsReplacesAndGodebug()
    {
        var work = GoWorkFile.Parse("go 1.23\n\nreplace example.com/lib v1.0.0 => ./lib\ngodebug asynctimerchan=1\n");

        Assert.Equal(new[] { new GoModReplace("example.com/lib", "v1.0.0", "./lib", null, 3) }, work.Replaces);
        Assert.True(work.Replaces[0].IsLocal);
        Assert.Equal(new[] { new GoModGodebug("asynctimerchan", "1", 4) }, work.Godebugs);
    }

    [Fact]
    public void CrlfAndByteOrderMarkWork()
    {
        var work = GoWorkFile.Parse("\uFEFFgo 1.21\r\n\r\nuse (\r\n\t./a\r\n)\r\n");

        Assert.Equal("1.21", work.GoVersion);
        Assert.Equal(new[] { new GoWorkUse("./a", 4) }, work.Uses);
    }

    [Fact]
    public void UnknownDirectivesAreSkipped()
    {
        // Go 1.19 says "reading go.work: /tmp/gocap/w1/go.work:4: unknown directive: foo"; a newer Go may know it.
        var work = GoWorkFile.Parse("go 1.19\n\nuse ./a\nfoo bar\nuse ./b\n");

        Assert.Equal(new[] { new GoWorkUse("./a", 3), new GoWorkUse("./b", 5) }, work.Uses);
    }

    [Fact]
    public void UnterminatedUseBlockThrows()
    {
        // Go 1.19: "reading go.work: /tmp/gocap/w1/go.work:5: syntax error (unterminated block started at /tmp/gocap/w1/go.work:3:1)".
        var ex = Assert.Throws<GoModParseException>(() => GoWorkFile.Parse("go 1.19\n\nuse (\n./a\n", "/tmp/gocap/w1/go.work"));

        Assert.Equal("syntax error (unterminated block started at /tmp/gocap/w1/go.work:3:1)", ex.Message);
        Assert.Equal(3, ex.Line);
        Assert.Equal("/tmp/gocap/w1/go.work", ex.FilePath);
    }

    [Fact]
    public void UseWithoutAPathThrows()
    {
        var ex = Assert.Throws<GoModParseException>(() => GoWorkFile.Parse("go 1.21\nuse\n"));

        Assert.Equal("usage: use local/dir", ex.Message);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void LoadKeepsThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "gopack-gowork-" + Guid.NewGuid().ToString("N") + ".work");
        File.WriteAllText(path, "go 1.21\nuse ./x\n");
        try
        {
            var work = GoWorkFile.Load(path);

            Assert.Equal(path, work.FilePath);
            Assert.Equal(new[] { new GoWorkUse("./x", 2) }, work.Uses);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
