using System;
using System.IO;
using GoPack.Sdk.Execution;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Puts go's commands into bin/: each copied under a temporary name, stamped with this build's time and renamed over
/// the old binary (Copy then Touch left a moment with no file, which a second build of the same project hit: MSB3375).
/// </summary>
public sealed class CopyGoOutputs : GoPackTask
{
    [Required] public ITaskItem[] SourceFiles { get; set; } = Array.Empty<ITaskItem>();
    [Required] public ITaskItem[] DestinationFiles { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (SourceFiles.Length != DestinationFiles.Length)
        {
            throw new ArgumentException($"{nameof(SourceFiles)} and {nameof(DestinationFiles)} must be as many.");
        }

        for (var i = 0; i < SourceFiles.Length; i++)
        {
            var source = SourceFiles[i].GetMetadata("FullPath");
            var destination = DestinationFiles[i].GetMetadata("FullPath");
            try
            {
                AtomicFile.CopyWithCurrentTime(source, destination);
                Log.LogMessage(MessageImportance.Low, "Copied {0} to {1}", source, destination);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                LogGoPackError(GoPackErrors.OutputNotWritten,
                    $"'{destination}' could not be written: {e.Message}. Check that the folder is writable (OutDir/BaseOutputPath can move it) and the disk has room.");
                return false;
            }
        }

        return true;
    }
}
