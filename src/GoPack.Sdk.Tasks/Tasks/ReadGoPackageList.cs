using System;
using System.IO;
using System.Linq;
using GoPack.Sdk.Packages;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks
{
    /// <summary>The directories of the //go:embed files the last go list saw, so the next build notices new files there.</summary>
    public sealed class ReadGoPackageList : GoPackTask
    {
        [Required] public string File { get; set; } = "";

        [Output] public ITaskItem[] EmbedDirectories { get; private set; } = Array.Empty<ITaskItem>();

        public override bool Execute()
        {
            EmbedDirectories = GoPackageList.Read(File)
                .SelectMany(p => p.EmbedFiles)
                .Select(f => Path.GetDirectoryName(f) + Path.DirectorySeparatorChar)
                .Distinct(StringComparer.Ordinal)
                .Select(d => (ITaskItem)new TaskItem(d))
                .ToArray();
            return true;
        }
    }
}
