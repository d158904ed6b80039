using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using GoPack.Sdk.Testing;

namespace GoPack.TestHost;

/// <summary>
/// `dotnet run` of a project in Microsoft.Testing.Platform mode starts the host too (both use RunCommand): start the
/// command `dotnet run` would have started, with the user's arguments, and hand back its exit code.
/// </summary>
public static class Passthrough
{
    public static int Run(GoTestHostSettings settings, string[] args)
    {
        if (string.IsNullOrEmpty(settings.RunCommand))
        {
            Console.Error.WriteLine($"{settings.ProjectName} has nothing to run: it is a library (no main package).");
            return 1;
        }
        var arguments = new StringBuilder(settings.RunArguments);
        foreach (var arg in args) arguments.Append(' ').Append(Quote(arg));
        var startInfo = new ProcessStartInfo(settings.RunCommand, arguments.ToString().Trim())
        {
            UseShellExecute = false,
            WorkingDirectory = string.IsNullOrEmpty(settings.RunWorkingDirectory) ? Environment.CurrentDirectory : settings.RunWorkingDirectory,
        };
        // Ctrl+C reaches the program too (same console); the host waits for it to stop and returns its exit code.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        using var process = Process.Start(startInfo)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The quoting ProcessStartInfo.Arguments undoes (Windows command-line rules, used on every OS).</summary>
    public static string Quote(string arg)
    {
        if (arg.Length > 0 && !arg.Any(c => char.IsWhiteSpace(c) || c == '"')) return arg;
        var builder = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in arg)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            builder.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
            backslashes = 0;
            builder.Append(c);
        }
        builder.Append('\\', backslashes * 2).Append('"');
        return builder.ToString();
    }
}
