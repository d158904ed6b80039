using System.Globalization;

namespace GoPack.Sdk.Execution;

/// <summary>What a tool printed, made fit for a build log.</summary>
public static class LogText
{
    /// <summary>Longer lines are cut: a build log is read by people, and MSBuild repeats each error in its summary.</summary>
    public const int MaxLineLength = 4096;

    /// <summary>The text, or its start and how much was left out.</summary>
    public static string Shorten(string text, int max)
    {
        if (text is null || text.Length <= max) return text!;
        return text.Substring(0, max) + " … (" + (text.Length - max).ToString("N0", CultureInfo.InvariantCulture) + " more characters)";
    }

    /// <summary>
    /// The signal a Unix process died of, as .NET reports it (exit code 128 + signal number), or null. A crash
    /// (SIGSEGV), the out-of-memory killer (SIGKILL) or a stray kill then reads as what it is, not as go's error.
    /// </summary>
    public static string? KilledBySignal(int exitCode)
    {
        if (System.IO.Path.DirectorySeparatorChar != '/' || exitCode <= 128 || exitCode > 128 + 64) return null;
        var number = exitCode - 128;
        var name = number switch
        {
            1 => "SIGHUP",
            2 => "SIGINT",
            3 => "SIGQUIT",
            4 => "SIGILL",
            6 => "SIGABRT",
            7 => "SIGBUS",
            8 => "SIGFPE",
            9 => "SIGKILL",
            11 => "SIGSEGV",
            13 => "SIGPIPE",
            15 => "SIGTERM",
            _ => null,
        };
        return "signal " + number.ToString(CultureInfo.InvariantCulture) + (name is null ? "" : " (" + name + ")");
    }
}
