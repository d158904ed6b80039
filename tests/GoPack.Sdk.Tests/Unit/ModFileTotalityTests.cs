using System.Text;
using GoPack.Sdk.Modules;

namespace GoPack.Sdk.Tests.Unit;

/// <summary>
/// The go.mod/go.work parsers are total: every input ends, quickly, in a result or a <see cref="GoModParseException"/>
/// at a line. A stray "{" once made the tokenizer add empty tokens forever until the kernel killed the build.
/// Each parse runs on a worker with a deadline, so a regression fails the test instead of hanging the test run.
/// </summary>
public class ModFileTotalityTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("{", 1, "unknown directive: {")]
    [InlineData("}", 1, "unknown directive: }")]
    [InlineData("module m\n\n{\n", 3, "unknown directive: {")]
    [InlineData("require (", 1, "syntax error (unterminated block started at go.mod:1:1)")]
    [InlineData(")", 1, "syntax error (unexpected ')')")]
    [InlineData("module m\n)\n", 2, "syntax error (unexpected ')')")]
    [InlineData("(", 1, "syntax error (unexpected '(')")]
    [InlineData("module m\ngo 1.19\n\u00a0x\n", 3, "unexpected input character U+00A0")]
    [InlineData("module m\n\"quoted\" verb\n", 2, "unknown directive: quoted")]
    public void The_issue_inputs_fail_at_a_line(string text, int line, string? message)
    {
        foreach (var parse in Parsers)
        {
            var outcome = ParseWithDeadline(parse, text);

            var error = Assert.IsType<GoModParseException>(outcome);
            Assert.Equal(line, error.Line);
            if (message is not null)
            {
                Assert.Equal(message, error.Message);
            }
        }
    }

    [Fact]
    public void Braces_inside_a_known_directive_are_a_usage_error_not_a_hang()
    {
        var outcome = ParseWithDeadline(t => GoModFile.Parse(t), "module m {\n");

        var error = Assert.IsType<GoModParseException>(outcome);
        Assert.Equal("usage: module module/path", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void A_one_megabyte_line_parses_or_fails_with_a_short_message()
    {
        var word = new string('a', 1 << 20);
        var asModule = ParseWithDeadline(t => GoModFile.Parse(t), "module " + word + "\n");
        Assert.Equal(word, Assert.IsType<GoModFile>(asModule).ModulePath);

        var garbage = new string('{', 1 << 20);
        foreach (var parse in Parsers)
        {
            var error = Assert.IsType<GoModParseException>(ParseWithDeadline(parse, garbage));
            Assert.Equal(1, error.Line);
            Assert.True(error.Message.Length < 200, error.Message.Length.ToString());
        }

        var longVerb = Assert.IsType<GoModParseException>(ParseWithDeadline(t => GoModFile.Parse(t), "module m\n\u00e9" + word + "\n"));
        Assert.Equal(2, longVerb.Line);
        Assert.True(longVerb.Message.Length < 200, longVerb.Message);
    }

    [Fact]
    public void Invalid_utf8_read_from_disk_fails_at_its_line()
    {
        var dir = Directory.CreateTempSubdirectory("gopack-totality-").FullName;
        try
        {
            var path = Path.Combine(dir, "go.mod");
            var bytes = Encoding.ASCII.GetBytes("module m\n\ngo 1.19\n")
                .Concat(new byte[] { 0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, (byte)'\n' })
                .ToArray();
            File.WriteAllBytes(path, bytes);

            var error = Assert.IsType<GoModParseException>(ParseWithDeadline(_ => GoModFile.Load(path), ""));
            Assert.Equal(4, error.Line);
            Assert.Equal(path, error.FilePath);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Random_bytes_always_end_in_a_result_or_a_parse_error()
    {
        // Fixed seeds: a failure names the input that broke it, and the run is the same every time.
        var alphabet = "{}()[],\"`\\/\n\r\t =>ab1.v\u00a0\u2028\u0000\u0085\ufeff\ufffd".ToCharArray();
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var length = random.Next(0, 200);
            string text;
            if (seed % 2 == 0)
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                text = Encoding.UTF8.GetString(bytes);
            }
            else
            {
                var chars = new char[length];
                for (var i = 0; i < length; i++)
                {
                    chars[i] = alphabet[random.Next(alphabet.Length)];
                }

                text = new string(chars);
            }

            foreach (var parse in Parsers)
            {
                var outcome = ParseWithDeadline(parse, text);
                Assert.True(outcome is GoModFile or GoWorkFile or GoModParseException, $"seed {seed}: {outcome}");
                if (outcome is GoModParseException error)
                {
                    Assert.InRange(error.Line, 1, text.Count(c => c == '\n') + 2);
                }
            }
        }
    }

    private static readonly Func<string, object>[] Parsers =
    {
        text => GoModFile.Parse(text, "go.mod"),
        text => GoWorkFile.Parse(text, "go.mod"),
    };

    /// <summary>The parse's result or exception; fails the test when it doesn't end in time.</summary>
    private static object ParseWithDeadline(Func<string, object> parse, string text)
    {
        var work = Task.Run(() =>
        {
            try
            {
                return parse(text);
            }
            catch (Exception e)
            {
                return e;
            }
        });
        Assert.True(work.Wait(Deadline), $"parsing {text.Length} characters did not end within {Deadline}");
        return work.Result;
    }
}
