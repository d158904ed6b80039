using System;
using System.IO;
using System.Linq;
using GoPack.Sdk.Publishing;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>$(PackageId)_$(Version)_checksums.txt over the archives (<see cref="ChecksumsFile"/>).</summary>
public sealed class WriteGoChecksums : GoPackTask
{
    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string OutputFile { get; set; } = "";

    public override bool Execute()
    {
        var directories = Files.Select(f => Path.GetDirectoryName(f.GetMetadata("FullPath"))).Distinct(StringComparer.Ordinal).ToList();
        if (directories.Count > 1)
        {
            // sha256sum -c reads names relative to where it runs: every archive must sit beside the checksums file.
            LogGoPackError(GoPackErrors.PackageRuntimeFailed, $"The archives are in several folders ({string.Join(", ", directories)}); set one GoPackageOutputPath for them.");
            return false;
        }

        try
        {
            var content = ChecksumsFile.Create(Files.Select(f => f.GetMetadata("FullPath")));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputFile))!);
            // Written every time the archives changed, so its time says it is newer than they are.
            File.WriteAllText(OutputFile, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogGoPackError(GoPackErrors.PackageRuntimeFailed, $"{OutputFile} could not be written: {e.Message}");
            return false;
        }

        return true;
    }
}
