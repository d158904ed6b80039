using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using GoPack.Sdk.Packaging;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// DotnetToolSettings.xml of a .NET tool package (<see cref="DotnetToolSettings"/>): with EntryPoint, a RID package's
/// (the Go binary, run as it is); with RuntimeIdentifierPackages, the package that points at them.
/// </summary>
public sealed class WriteGoToolSettings : GoPackTask
{
    [Required] public string CommandName { get; set; } = "";
    [Required] public string OutputFile { get; set; } = "";

    /// <summary>The binary's file name, for a RID package.</summary>
    public string? EntryPoint { get; set; }

    /// <summary>For the pointing package: one item per RID (Identity), with metadata PackageId.</summary>
    public ITaskItem[] RuntimeIdentifierPackages { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        XDocument document;
        if (!string.IsNullOrEmpty(EntryPoint))
        {
            document = DotnetToolSettings.ForExecutable(CommandName, EntryPoint!);
        }
        else if (RuntimeIdentifierPackages.Length > 0)
        {
            document = DotnetToolSettings.ForRuntimeIdentifierPackages(
                CommandName,
                RuntimeIdentifierPackages.Select(p => new KeyValuePair<string, string>(p.ItemSpec, p.GetMetadata("PackageId"))));
        }
        else
        {
            LogGoPackError(GoPackErrors.PackFailed, "A .NET tool package needs a binary: the project has no main package to ship. Set GoMainPackage to the command, or PackAsTool=false.");
            return false;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputFile))!);
            var text = document.Declaration + "\n" + document.ToString() + "\n";
            // Unchanged settings keep their time, so NuGet's pack inputs stay up to date.
            if (!File.Exists(OutputFile) || File.ReadAllText(OutputFile) != text)
            {
                File.WriteAllText(OutputFile, text);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogGoPackError(GoPackErrors.PackFailed, $"{OutputFile} could not be written: {e.Message}");
            return false;
        }

        return true;
    }
}
