using GoPack.Sdk.Modules;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit;

public class GoModFileTests
{
    [Fact]
    public void ReadsModuleGoAndToolchainWithTheirLines()
    {
        var mod = GoModFile.Parse("// header comment\nmodule example.com/app // trailing\n\ngo 1.22.0\n\ntoolchain go1.22.3\n");

        Assert.Null(mod.FilePath);
        Assert.Equal("example.com/app", mod.ModulePath);
        Assert.Equal(2, mod.ModuleLine);
        Assert.Equal("1.22.0", mod.GoVersion);
        Assert.Equal(4, mod.GoLine);
        Assert.Equal("go1.22.3", mod.Toolchain);
        Assert.Equal(6, mod.ToolchainLine);
        Assert.Empty(mod.Requires);
        Assert.Empty(mod.Replaces);
        Assert.Empty(mod.Excludes);
    }

    [Fact]
    public void MissingDirectivesAreNullWithLineZero()
    {
        var mod = GoModFile.Parse("module m\n");

        Assert.Null(mod.GoVersion);
        Assert.Equal(0, mod.GoLine);
        Assert.Null(mod.Toolchain);
        Assert.Equal(0, mod.ToolchainLine);
        Assert.Null(mod.PlatformGoVersion);
        Assert.Empty(mod.PlatformInstall);
    }

    [Fact]
    public void EmptyTextGivesAnEmptyFile()
    {
        var mod = GoModFile.Parse(string.Empty);

        Assert.Null(mod.ModulePath);
        Assert.Empty(mod.Requires);
    }

    [Fact]
    public void ReadsSingleLineAndBlockRequires()
    {
        const string text = """
            module example.com/app

            go 1.21

            require golang.org/x/text v0.14.0

            require (
            	// comment lines inside a block are skipped
            	github.com/google/uuid v1.6.0

            	golang.org/x/sys v0.15.0 // indirect
            	golang.org/x/net v0.19.0 // indirect; needed by x/text
            	rsc.io/quote v1.5.2 // not indirect, just a comment
            )
            """;

        var mod = GoModFile.Parse(text);

        Assert.Equal(
            new[]
            {
                new GoModRequire("golang.org/x/text", "v0.14.0", false, 5),
                new GoModRequire("github.com/google/uuid", "v1.6.0", false, 9),
                new GoModRequire("golang.org/x/sys", "v0.15.0", true, 11),
                new GoModRequire("golang.org/x/net", "v0.19.0", true, 12),
                new GoModRequire("rsc.io/quote", "v1.5.2", false, 13),
            },
            mod.Requires);
    }

    [Fact]
    public void BlockParenthesesMayCarryCommentsAndBeEmpty()
    {
        var mod = GoModFile.Parse("module m\nrequire ( // deps\n  a.com/x v1.0.0\n) // end\nexclude ()\nrequire ( b.com/y v2.0.0\n)\n");

        Assert.Equal(
            new[] { new GoModRequire("a.com/x", "v1.0.0", false, 3), new GoModRequire("b.com/y", "v2.0.0", false, 6) },
            mod.Requires);
        Assert.Empty(mod.Excludes);
    }

    [Fact]
    public void ReadsReplacesToLocalPathsAndModuleVersions()
    {
        const string text = """
            module example.com/app

            replace example.com/lib => ../lib

            replace (
            	example.com/pinned v1.2.3 => example.com/fork v1.2.4
            	example.com/abs => /src/abs
            	example.com/win v0.1.0 => C:\src\win
            	example.com/dot => ./vendor/dot
            	example.com/bare => example.com/other v0.0.0-20240101000000-abcdefabcdef
            )
            """;

        var mod = GoModFile.Parse(text);

        Assert.Equal(
            new[]
            {
                new GoModReplace("example.com/lib", null, "../lib", null, 3),
                new GoModReplace("example.com/pinned", "v1.2.3", "example.com/fork", "v1.2.4", 6),
                new GoModReplace("example.com/abs", null, "/src/abs", null, 7),
                new GoModReplace("example.com/win", "v0.1.0", @"C:\src\win", null, 8),
                new GoModReplace("example.com/dot", null, "./vendor/dot", null, 9),
                new GoModReplace("example.com/bare", null, "example.com/other", "v0.0.0-20240101000000-abcdefabcdef", 10),
            },
            mod.Replaces);
        Assert.Equal(new[] { true, false, true, true, true, false }, mod.Replaces.Select(r => r.IsLocal));
    }

    [Theory]
    [InlineData("replace a.com/x => b.com/y", "replacement module without version must be directory path (rooted or starting with ./ or ../)")]
    [InlineData("replace a.com/x => ../y v1.0.0", "replacement module directory path \"../y\" cannot have version")]
    [InlineData("replace a.com/x b.com/y", "usage: replace module/path [v1.2.3] => other/module v1.4 or replace module/path [v1.2.3] => ../local/directory")]
    [InlineData("require a.com/x", "usage: require module/path v1.2.3")]
    [InlineData("exclude a.com/x v1 v2", "usage: exclude module/path v1.2.3")]
    [InlineData("go", "usage: go 1.23")]
    public void KnownDirectivesWithTheWrongShapeThrowGoMessages(string statement, string message)
    {
        var ex = Assert.Throws<GoModParseException>(() => GoModFile.Parse("module m\n\n" + statement + "\n", "/src/go.mod"));

        Assert.Equal(message, ex.Message);
        Assert.Equal(3, ex.Line);
        Assert.Equal("/src/go.mod", ex.FilePath);
    }

    [Fact]
    public void RepeatedGoDirectiveThrows()
    {
        var ex = Assert.Throws<GoModParseException>(() => GoModFile.Parse("module m\ngo 1.21\ngo 1.22\n"));

        Assert.Equal("repeated go statement", ex.Message);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void ReadsExcludesAndRetracts()
    {
        const string text = """
            module example.com/app

            exclude example.com/bad v1.0.0
            exclude (
            	example.com/bad v1.0.1
            )

            retract v1.0.0 // published by mistake
            retract [v1.1.0, v1.2.9]
            retract (
            	v0.9.0
            	[v0.1.0, v0.2.0] // broken builds
            )
            """;

        var mod = GoModFile.Parse(text);

        Assert.Equal(
            new[] { new GoModExclude("example.com/bad", "v1.0.0", 3), new GoModExclude("example.com/bad", "v1.0.1", 5) },
            mod.Excludes);
        Assert.Equal(
            new[]
            {
                new GoModRetract("v1.0.0", "v1.0.0", "published by mistake", 8),
                new GoModRetract("v1.1.0", "v1.2.9", null, 9),
                new GoModRetract("v0.9.0", "v0.9.0", null, 11),
                new GoModRetract("v0.1.0", "v0.2.0", "broken builds", 12),
            },
            mod.Retracts);
    }

    [Fact]
    public void MalformedRetractRangeThrows()
    {
        var ex = Assert.Throws<GoModParseException>(() => GoModFile.Parse("module m\nretract [v1.0.0 v1.1.0]\n"));

        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void ReadsGodebugSettings()
    {
        var mod = GoModFile.Parse("module m\ngodebug default=go1.21\ngodebug (\n\tpanicnil=1\n)\n");

        Assert.Equal(
            new[] { new GoModGodebug("default", "go1.21", 2), new GoModGodebug("panicnil", "1", 4) },
            mod.Godebugs);
    }

    [Fact]
    public void CrlfLineEndingsAndByteOrderMarkWork()
    {
        const string text = "\uFEFFmodule example.com/app\r\n\r\ngo 1.21\r\n\r\nrequire (\r\n\tgithub.com/a/b v1.0.0 // indirect\r\n)\r\n";

        var mod = GoModFile.Parse(text);

        Assert.Equal("example.com/app", mod.ModulePath);
        Assert.Equal(1, mod.ModuleLine);
        Assert.Equal("1.21", mod.GoVersion);
        Assert.Equal(3, mod.GoLine);
        Assert.Equal(new[] { new GoModRequire("github.com/a/b", "v1.0.0", true, 6) }, mod.Requires);
    }

    [Fact]
    public void QuotedStringsAreUnquoted()
    {
        const string text = "module \"example.com/quoted\"\nrequire `example.com/raw` \"v1.0.0\"\nreplace \"example.com/esc\\x41\" => \"./dir with spaces\"\n";

        var mod = GoModFile.Parse(text);

        Assert.Equal("example.com/quoted", mod.ModulePath);
        Assert.Equal(new[] { new GoModRequire("example.com/raw", "v1.0.0", false, 2) }, mod.Requires);
        Assert.Equal(new[] { new GoModReplace("example.com/escA", null, "./dir with spaces", null, 3) }, mod.Replaces);
    }

    [Fact]
    public void UnterminatedStringThrows()
    {
        var ex = Assert.Throws<GoModParseException>(() => GoModFile.Parse("module m\n\nrequire \"example.com/x v1.0.0\n"));

        Assert.Equal("unexpected newline in string", ex.Message);
        Assert.Equal(3, ex.Line);
    }

    [Theory]
    [InlineData("// +heroku goVersion go1.20", "1.20", "heroku")]
    [InlineData("// +heroku goVersion 1.20", "1.20", "heroku")]
    [InlineData("// +scalingo goVersion go1.21", "1.21", "scalingo")]
    [InlineData("//   +scalingo   goVersion 1.21.5", "1.21.5", "scalingo")]
    public void ReadsPlatformGoVersionComments(string comment, string version, string source)
    {
        var mod = GoModFile.Parse("module example.com/app\n" + comment + "\n\ngo 1.19\n");

        Assert.Equal(version, mod.PlatformGoVersion);
        Assert.Equal(2, mod.PlatformGoVersionLine);
        Assert.Equal(source, mod.PlatformGoVersionSource);
        Assert.Equal("1.19", mod.GoVersion);
    }

    [Fact]
    public void ReadsPlatformInstallListAndFirstVersionWins()
    {
        const string text = """
            // +heroku goVersion go1.20
            // +scalingo goVersion go1.21
            // +heroku install ./cmd/... ./other
            module example.com/app
            """;

        var mod = GoModFile.Parse(text);

        Assert.Equal("1.20", mod.PlatformGoVersion);
        Assert.Equal(1, mod.PlatformGoVersionLine);
        Assert.Equal("heroku", mod.PlatformGoVersionSource);
        Assert.Equal(new[] { "./cmd/...", "./other" }, mod.PlatformInstall);
        Assert.Equal("heroku", mod.PlatformInstallSource);
        Assert.Equal(4, mod.ModuleLine);
    }

    [Fact]
    public void ScalingoInstallIsRecognised()
    {
        var mod = GoModFile.Parse("module m\n// +scalingo install ./cmd/server\n");

        Assert.Equal(new[] { "./cmd/server" }, mod.PlatformInstall);
        Assert.Equal("scalingo", mod.PlatformInstallSource);
    }

    [Fact]
    public void UnknownDirectivesAreSkippedForForwardCompatibility()
    {
        const string text = """
            module example.com/app

            go 1.24

            tool golang.org/x/tools/cmd/stringer
            ignore ./node_modules
            foo (
            	x
            )
            require example.com/after v1.0.0
            """;

        var mod = GoModFile.Parse(text);

        Assert.Equal(new[] { new GoModRequire("example.com/after", "v1.0.0", false, 10) }, mod.Requires);
    }

    [Fact]
    public void UnterminatedBlockThrowsWithTheLineTheBlockStarted()
    {
        // Go 1.19 on the same file: "/tmp/gocap/c11/go.mod:7: syntax error (unterminated block started at /tmp/gocap/c11/go.mod:5:1)".
        const string text = "module example.com/c11\n\ngo 1.19\n\nrequire (\n\texample.com/lib v1.0.0\n";

        var ex = Assert.Throws<GoModParseException>(() => GoModFile.Parse(text, "/tmp/gocap/c11/go.mod"));

        Assert.Equal("syntax error (unterminated block started at /tmp/gocap/c11/go.mod:5:1)", ex.Message);
        Assert.Equal(5, ex.Line);
        Assert.Equal("/tmp/gocap/c11/go.mod", ex.FilePath);
    }

    [Fact]
    public void UnterminatedUnknownBlockStillThrows()
    {
        var ex = Assert.Throws<GoModParseException>(() => GoModFile.Parse("module m\n\nfuture (\n  x y\n"));

        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void StrayClosingParenThrows()
    {
        var ex = Assert.Throws<GoModParseException>(() => GoModFile.Parse("module m\nrequire a.com/x v1.0.0\n)\n"));

        Assert.Equal("syntax error (unexpected ')')", ex.Message);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void TextAfterClosingParenThrows()
    {
        var ex = Assert.Throws<GoModParseException>(() => GoModFile.Parse("module m\nrequire (\n  a.com/x v1.0.0\n) extra\n"));

        Assert.Equal("syntax error (expected newline after closing paren)", ex.Message);
        Assert.Equal(4, ex.Line);
    }

    [Fact]
    public void LoadKeepsThePathAndReadsTheFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gopack-gomod-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "go.mod");
            File.WriteAllText(path, "module example.com/loaded\n\ngo 1.21\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            var mod = GoModFile.Load(path);

            Assert.Equal(path, mod.FilePath);
            Assert.Equal("example.com/loaded", mod.ModulePath);
            Assert.Equal(3, mod.GoLine);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
