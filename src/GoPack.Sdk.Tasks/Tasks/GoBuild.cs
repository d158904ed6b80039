using System;
using System.Collections.Generic;
using System.IO;
using GoPack.Sdk.Execution;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>`go build [-o OutputDirectory/] Flags Patterns` in the module directory.</summary>
public sealed class GoBuild : GoToolTask
{
    private string? _privateOutputDirectory;

    /// <summary>Every package of the project (./..., one pattern a workspace module, or the files of a bare main.go), or the main packages to link.</summary>
    [Required] public string[] Patterns { get; set; } = Array.Empty<string>();

    /// <summary>
    /// Where go writes the commands, named after their packages; the targets copy the chosen ones to $(OutDir).
    /// Empty: compile only, as a check (go writes no binary for several packages).
    /// </summary>
    public string? OutputDirectory { get; set; }

    /// <summary>The one file to write (go build -o FILE): a C library, which GoPack names. Wins over <see cref="OutputDirectory"/>.</summary>
    public string? OutputFile { get; set; }

    /// <summary>GoBuildMode's -buildmode value for the link step (c-shared, c-archive, pie); empty or exe: go's default.</summary>
    public string? BuildMode { get; set; }

    public bool CgoEnabled { get; set; }

    protected override bool TakesCommandSlot => true;

    protected override IEnumerable<string> GetArguments()
    {
        yield return "build";
        if (!string.IsNullOrEmpty(BuildMode) && BuildMode != "exe")
        {
            yield return "-buildmode=" + BuildMode;
        }

        if (!string.IsNullOrEmpty(OutputFile))
        {
            yield return "-o";
            yield return OutputFile!;
        }
        else if (!string.IsNullOrEmpty(OutputDirectory))
        {
            yield return "-o";
            // A directory: go writes each main package's command into it, named after the package.
            yield return (_privateOutputDirectory ?? OutputDirectory!).TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
        }
        foreach (var flag in Flags) yield return flag;
        foreach (var pattern in Patterns) yield return pattern;
    }

    /// <remarks>
    /// go writes into a folder of this build's own, and each finished command is then renamed into OutputDirectory.
    /// go replaces an output by deleting and rewriting it (or copying, across file systems), so a second build of the
    /// same project copying from the shared folder at that moment got no file or half of one; a killed go leaves only
    /// the private folder, which nothing reads.
    /// </remarks>
    public override bool Execute()
    {
        // Named before the command line is made and logged, so -v:n shows the command that runs.
        if (!string.IsNullOrEmpty(OutputDirectory)) _privateOutputDirectory = Path.Combine(OutputDirectory!, ".gopack-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        return base.Execute();
    }

    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        if (_privateOutputDirectory is null) return base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);

        try
        {
            Directory.CreateDirectory(_privateOutputDirectory);
            var exitCode = base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
            if (exitCode != 0) return exitCode;
            foreach (var file in Directory.GetFiles(_privateOutputDirectory))
            {
                AtomicFile.Replace(file, Path.Combine(OutputDirectory!, Path.GetFileName(file)));
            }
            return exitCode;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            LogGoPackError(GoPackErrors.OutputNotWritten, $"go's output could not be written to '{OutputDirectory}': {e.Message}. Check that the folder is writable and the disk has room.");
            return -1;
        }
        finally
        {
            try
            {
                if (Directory.Exists(_privateOutputDirectory)) Directory.Delete(_privateOutputDirectory, recursive: true);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Left for dotnet clean; nothing reads it.
            }
        }
    }

    protected override IDictionary<string, string> GetEnvironmentOverrides()
    {
        var environment = base.GetEnvironmentOverrides();
        environment["CGO_ENABLED"] = CgoEnabled ? "1" : "0";
        return environment;
    }
}
