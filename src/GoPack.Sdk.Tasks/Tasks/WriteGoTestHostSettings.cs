using System;
using System.IO;
using System.Linq;
using GoPack.Sdk.Testing;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>Writes <see cref="GoTestHostSettings"/> for GoPack's Microsoft.Testing.Platform host (no process).</summary>
public sealed class WriteGoTestHostSettings : GoPackTask
{
    [Required] public string File { get; set; } = "";
    public string? ProjectName { get; set; }
    public string? GoExecutable { get; set; }
    public string? GoRoot { get; set; }
    public string? ToolchainVersion { get; set; }
    public string? WorkingDirectory { get; set; }
    public string? ModuleFile { get; set; }
    public string[] Patterns { get; set; } = Array.Empty<string>();
    public string? PackageListFile { get; set; }
    public string? FlagLines { get; set; }
    public bool CgoEnabled { get; set; }
    public string? TestTimeout { get; set; }
    public bool Race { get; set; }
    public bool Short { get; set; }
    public string? ExtraFlags { get; set; }
    public string? Bench { get; set; }
    public string? RunCommand { get; set; }
    public string? RunArguments { get; set; }
    public string? RunWorkingDirectory { get; set; }

    public override bool Execute()
    {
        var settings = new GoTestHostSettings
        {
            ProjectFile = ProjectFile ?? "",
            ProjectName = ProjectName ?? "",
            GoExecutable = GoExecutable ?? "",
            GoRoot = GoRoot ?? "",
            ToolchainVersion = ToolchainVersion ?? "",
            WorkingDirectory = WorkingDirectory ?? "",
            ModuleFile = ModuleFile ?? "",
            Patterns = Patterns,
            PackageListFile = PackageListFile ?? "",
            Flags = (FlagLines ?? "").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(f => f.TrimEnd('\r')).ToArray(),
            CgoEnabled = CgoEnabled,
            TestTimeout = TestTimeout ?? "",
            Race = Race,
            Short = Short,
            ExtraFlags = ExtraFlags ?? "",
            Bench = Bench ?? "",
            RunCommand = RunCommand ?? "",
            RunArguments = RunArguments ?? "",
            RunWorkingDirectory = RunWorkingDirectory ?? "",
        };
        try
        {
            settings.Save(File);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            LogGoPackError(GoPackErrors.TestResultsNotWritten, $"The test host settings '{File}' could not be written: {e.Message}");
            return false;
        }
        return true;
    }
}
