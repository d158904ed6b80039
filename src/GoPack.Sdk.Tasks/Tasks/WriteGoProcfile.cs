using System;
using System.IO;
using System.Linq;
using GoPack.Sdk.Project;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Writes the Procfile a publish ships beside the binaries, as the Heroku/Scalingo buildpacks do when the project has none:
/// `web: ./svc` for one main package, one line a binary for several; GoRunCommand or CC_RUN_COMMAND replaces the
/// start command. Rewritten only when its content changes.
/// </summary>
public sealed class WriteGoProcfile : GoPackTask
{
    [Required] public string SourceDirectory { get; set; } = "";
    [Required] public string OutputDirectory { get; set; } = "";
    public ITaskItem[] MainPackages { get; set; } = Array.Empty<ITaskItem>();
    public string? RunCommand { get; set; }

    [Output] public string File { get; private set; } = "";

    public override bool Execute()
    {
        var names = MainPackages.Select(p => Path.GetFileName(p.GetMetadata("OutputPath"))).ToList();
        var content = ProcfileWriter.CreateContent(SourceDirectory, names, RunCommand, TaskEnvironment.Snapshot());
        if (content is null)
        {
            Log.LogMessage(MessageImportance.Low, "The project has its own Procfile, or nothing to run: none written.");
            return true;
        }

        File = Path.Combine(OutputDirectory, ProcfileWriter.FileName);
        if (System.IO.File.Exists(File) && System.IO.File.ReadAllText(File) == content) return true;
        Directory.CreateDirectory(OutputDirectory);
        System.IO.File.WriteAllText(File, content);
        Log.LogMessage(MessageImportance.Normal, "Wrote {0}", File);
        return true;
    }
}
