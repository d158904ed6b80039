using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Project;

/// <summary>
/// The Procfile the Go buildpacks generate when a project has none: <c>web: &lt;binary&gt;</c> for one main package,
/// <c>&lt;name&gt;: &lt;binary&gt;</c> for each of several. GoRunCommand (else CC_RUN_COMMAND) replaces the web command.
/// </summary>
public static class ProcfileWriter
{
    public const string FileName = "Procfile";

    /// <summary>
    /// The Procfile text, or null when <paramref name="sourceDirectory"/> already has a Procfile (the user's, never
    /// overwritten) or there is nothing to run.
    /// </summary>
    /// <param name="sourceDirectory">Where a user's own Procfile would be: the project or module directory.</param>
    /// <param name="binaryNames">The binaries' file names, in build order, with any .exe suffix.</param>
    /// <param name="runCommand">GoRunCommand; CC_RUN_COMMAND from <paramref name="environment"/> when blank.</param>
    /// <param name="binaryPathPrefix">
    /// Prepended to each binary: "./" by default, because the Procfile sits beside the binaries and a bare name is
    /// looked up on PATH (Heroku writes bin/NAME for the same reason).
    /// </param>
    public static string? CreateContent(
        string sourceDirectory,
        IReadOnlyList<string> binaryNames,
        string? runCommand,
        IReadOnlyDictionary<string, string>? environment,
        string binaryPathPrefix = "./")
    {
        if (sourceDirectory is null)
        {
            throw new ArgumentNullException(nameof(sourceDirectory));
        }

        if (binaryNames is null)
        {
            throw new ArgumentNullException(nameof(binaryNames));
        }

        if (File.Exists(Path.Combine(sourceDirectory, FileName)))
        {
            return null;
        }

        var command = ResolveRunCommand(runCommand, environment);
        var lines = new List<string>();
        if (command is not null)
        {
            lines.Add("web: " + command);
        }

        if (binaryNames.Count == 1 && command is null)
        {
            lines.Add("web: " + ShellWord(binaryPathPrefix + binaryNames[0]));
        }
        else if (binaryNames.Count > 1)
        {
            foreach (var binary in binaryNames)
            {
                var process = ProcessName(binary);
                if (command is not null && process == "web")
                {
                    continue;
                }

                lines.Add($"{process}: {ShellWord(binaryPathPrefix + binary)}");
            }
        }

        if (lines.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Overload for the main packages <see cref="MainPackageResolver"/> chose.</summary>
    public static string? CreateContent(
        string sourceDirectory,
        IReadOnlyList<ResolvedMainPackage> packages,
        string? runCommand,
        IReadOnlyDictionary<string, string>? environment,
        string binaryPathPrefix = "./")
    {
        if (packages is null)
        {
            throw new ArgumentNullException(nameof(packages));
        }

        return CreateContent(sourceDirectory, packages.Select(p => p.BinaryFileName).ToList(), runCommand, environment, binaryPathPrefix);
    }

    /// <summary>GoRunCommand, else CC_RUN_COMMAND; null when neither is set.</summary>
    public static string? ResolveRunCommand(string? runCommand, IReadOnlyDictionary<string, string>? environment) =>
        Settings.Trimmed(runCommand) ?? PlatformSettings.Read(environment).RunCommand?.Value;

    // Process types are names in the platforms' dashboards: letters, digits, '-' and '_'.
    private static string ProcessName(string binary)
    {
        var name = binary.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? binary.Substring(0, binary.Length - 4) : binary;
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '-' || c == '_' ? c : '_');
        }

        return builder.ToString();
    }

    // Procfile commands run in a shell.
    private static string ShellWord(string word) =>
        word.All(c => char.IsLetterOrDigit(c) || "._-/+".IndexOf(c) >= 0)
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";
}
