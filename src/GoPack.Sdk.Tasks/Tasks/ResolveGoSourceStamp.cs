using System;
using System.Diagnostics;
using System.Globalization;
using GoPack.Sdk.Execution;
using GoPack.Sdk.Publishing;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// The commit, date and -buildvcs choice of a publish (<see cref="SourceStamp"/>). Reads .git files; starts git only
/// for the time of a commit it hasn't seen before (remembered in obj/).
/// </summary>
public sealed class ResolveGoSourceStamp : GoPackTask
{
    [Required] public string Directory { get; set; } = "";
    public string? CacheFile { get; set; }

    [Output] public string Commit { get; private set; } = "";

    /// <summary>RFC 3339, UTC.</summary>
    [Output] public string Date { get; private set; } = "";

    /// <summary>Seconds since 1970; empty when unknown.</summary>
    [Output] public string Epoch { get; private set; } = "";
    [Output] public bool BuildVcs { get; private set; }
    [Output] public ITaskItem[] InputFiles { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var environment = TaskEnvironment.Snapshot();
        environment.TryGetValue("PATH", out var path);
        var git = ExecutableSearch.Find("git", path);
        SourceStamp stamp;
        try
        {
            environment.TryGetValue("SOURCE_DATE_EPOCH", out var epoch);
            stamp = SourceStamp.Resolve(new SourceStampOptions
            {
                Directory = Directory,
                SourceDateEpoch = epoch,
                CacheFile = CacheFile,
                GitAvailable = git is not null,
                ReadCommitTime = (root, commit) => ReadCommitTime(git!, root, commit),
            });
        }
        catch (FormatException e)
        {
            LogGoPackError(GoPackErrors.InvalidProperty, e.Message + " Unset it, or set it to the output of `git log -1 --format=%ct`.");
            return false;
        }

        if (stamp.Warning is not null)
        {
            LogGoPackWarning(GoPackErrors.StampWarning, stamp.Warning);
        }

        Commit = stamp.Commit ?? "";
        Date = stamp.DateText ?? "";
        Epoch = stamp.Epoch?.ToString(CultureInfo.InvariantCulture) ?? "";
        BuildVcs = stamp.BuildVcs;
        InputFiles = Array.ConvertAll(System.Linq.Enumerable.ToArray(stamp.InputFiles), f => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(f));
        Log.LogMessage(MessageImportance.Low, "Source stamp: commit {0}, date {1} ({2}), -buildvcs={3}",
            Commit.Length == 0 ? "(none)" : Commit, Date.Length == 0 ? "(none)" : Date, stamp.DateSource, BuildVcs ? "true" : "false");
        return true;
    }

    private long? ReadCommitTime(string git, string root, string commit)
    {
        var startInfo = new ProcessStartInfo(git, $"-C \"{root}\" log -1 --format=%ct {commit}")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        try
        {
            using var process = Process.Start(startInfo)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(30000))
            {
                process.Kill();
                return null;
            }

            return process.ExitCode == 0 && long.TryParse(output.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Log.LogMessage(MessageImportance.Low, "git could not be started: {0}", e.Message);
            return null;
        }
    }
}
