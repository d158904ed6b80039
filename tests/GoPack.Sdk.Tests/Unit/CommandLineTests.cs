using GoPack.Sdk.Execution;

namespace GoPack.Sdk.Tests.Unit;

public class CommandLineTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("   ", new string[0])]
    [InlineData("-v", new[] { "-v" })]
    [InlineData("  -v   -x ", new[] { "-v", "-x" })]
    [InlineData("-ldflags '-s -w'", new[] { "-ldflags", "-s -w" })]
    [InlineData("-ldflags=\"-X main.v=1.2 -s\"", new[] { "-ldflags=-X main.v=1.2 -s" })]
    [InlineData("-tags 'a b'c", new[] { "-tags", "a bc" })]
    [InlineData("a\\ b c", new[] { "a b", "c" })]
    [InlineData("''", new[] { "" })]
    [InlineData("\"say \\\"hi\\\"\"", new[] { "say \"hi\"" })]
    [InlineData("'it''s'", new[] { "its" })]
    public void Split_reads_flags_as_a_shell_would(string text, string[] expected)
    {
        Assert.Equal(expected, CommandLine.Split(text));
    }

    [Theory]
    [InlineData("-ldflags '-s -w")]
    [InlineData("\"open")]
    public void Split_rejects_an_unterminated_quote(string text)
    {
        Assert.Throws<FormatException>(() => CommandLine.Split(text));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("with space")]
    [InlineData("")]
    [InlineData("quote\"inside")]
    [InlineData("trailing\\")]
    [InlineData("C:\\path with space\\")]
    [InlineData("back\\\\\"slashes")]
    [InlineData("-ldflags=-s -w -X 'main.v=1'")]
    public void Join_round_trips_through_the_process_argument_parser(string argument)
    {
        // .NET's Process splits an argument string with the same rules on every OS: check with a real child process.
        if (OperatingSystem.IsWindows()) return; // the echo script is POSIX sh
        var joined = CommandLine.Join(["first", argument, "last"]);
        var echo = Path.Combine(Path.GetTempPath(), "gopack-argv-" + Guid.NewGuid().ToString("N") + ".sh");
        File.WriteAllText(echo, "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\n");
        File.SetUnixFileMode(echo, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var startInfo = new System.Diagnostics.ProcessStartInfo(echo, joined) { RedirectStandardOutput = true };
            using var process = System.Diagnostics.Process.Start(startInfo)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal($"[first]\n[{argument}]\n[last]\n", output);
        }
        finally
        {
            File.Delete(echo);
        }
    }
}
