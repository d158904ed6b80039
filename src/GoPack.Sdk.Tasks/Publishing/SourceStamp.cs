using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace GoPack.Sdk.Publishing;

/// <summary>Inputs of <see cref="SourceStamp.Resolve"/>.</summary>
public sealed class SourceStampOptions
{
    /// <summary>The module root: where go's -buildvcs looks for the repository.</summary>
    public string Directory { get; init; } = "";

    /// <summary>SOURCE_DATE_EPOCH (reproducible-builds.org): seconds since 1970, wins over the commit time.</summary>
    public string? SourceDateEpoch { get; init; }

    /// <summary>Where the commit time of the last commit seen is remembered (obj/), so a no-op publish asks git nothing.</summary>
    public string? CacheFile { get; init; }

    /// <summary>git is on PATH: go's -buildvcs needs it, and so does reading a commit time the cache doesn't know.</summary>
    public bool GitAvailable { get; init; }

    /// <summary>Asks git for the commit time (seconds since 1970) of a commit in a repository; null when it can't.</summary>
    public Func<string, string, long?>? ReadCommitTime { get; init; }
}

/// <summary>What stamps a publish: the commit, the date (not the wall clock), and whether go stamps VCS information.</summary>
public sealed class SourceStamp
{
    /// <summary>The full commit id, or null outside git.</summary>
    public string? Commit { get; init; }

    /// <summary>SOURCE_DATE_EPOCH, else the commit time; null when neither is known (stamps leave the date out).</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>"SOURCE_DATE_EPOCH", "commit time", or "" when unknown.</summary>
    public string DateSource { get; init; } = "";

    /// <summary>-buildvcs: on when git metadata and git are there, off otherwise (go would fail without git).</summary>
    public bool BuildVcs { get; init; }

    /// <summary>The .git files the commit came from: inputs of an incremental publish.</summary>
    public IReadOnlyList<string> InputFiles { get; init; } = Array.Empty<string>();

    /// <summary>Something the user should know (GOPACK0064), or null.</summary>
    public string? Warning { get; init; }

    /// <summary>The date as the stamps and the SBOM write it: RFC 3339 in UTC, e.g. 2024-05-06T07:08:09Z.</summary>
    public string? DateText => Date?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Seconds since 1970 of <see cref="Date"/>, or null.</summary>
    public long? Epoch => Date?.ToUnixTimeSeconds();

    /// <exception cref="FormatException">SOURCE_DATE_EPOCH is not a number of seconds.</exception>
    public static SourceStamp Resolve(SourceStampOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        DateTimeOffset? date = null;
        var dateSource = "";
        var epochText = options.SourceDateEpoch?.Trim();
        if (!string.IsNullOrEmpty(epochText))
        {
            if (!long.TryParse(epochText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
            {
                throw new FormatException($"SOURCE_DATE_EPOCH is '{epochText}': it must be a number of seconds since 1970-01-01 UTC.");
            }

            date = DateTimeOffset.FromUnixTimeSeconds(seconds);
            dateSource = "SOURCE_DATE_EPOCH";
        }

        var head = GitHead.Find(options.Directory);
        if (head is null)
        {
            var inRepository = GitHead.IsInRepository(options.Directory);
            return new SourceStamp
            {
                Date = date,
                DateSource = dateSource,
                BuildVcs = false,
                Warning = inRepository ? "The git repository's HEAD can't be read (no commit yet?): the publish is stamped without a commit, and -buildvcs is off." : null,
            };
        }

        string? warning = null;
        if (!options.GitAvailable)
        {
            warning = $"{head.RepositoryRoot} is a git checkout, but git is not on PATH: go can't stamp VCS information (-buildvcs=false)" +
                (date is null ? ", and the publish has no commit time for its date stamp and archive times (set SOURCE_DATE_EPOCH, or install git)." : ".");
        }

        if (date is null)
        {
            var seconds = ReadCache(options.CacheFile, head.Commit);
            if (seconds is null && options.GitAvailable && options.ReadCommitTime is not null)
            {
                seconds = options.ReadCommitTime(head.RepositoryRoot, head.Commit);
                if (seconds is not null)
                {
                    WriteCache(options.CacheFile, head.Commit, seconds.Value);
                }
            }

            if (seconds is not null)
            {
                date = DateTimeOffset.FromUnixTimeSeconds(seconds.Value);
                dateSource = "commit time";
            }
        }

        return new SourceStamp
        {
            Commit = head.Commit,
            Date = date,
            DateSource = dateSource,
            BuildVcs = options.GitAvailable,
            InputFiles = head.Files,
            Warning = warning,
        };
    }

    private static long? ReadCache(string? file, string commit)
    {
        if (string.IsNullOrEmpty(file) || !File.Exists(file))
        {
            return null;
        }

        try
        {
            var parts = File.ReadAllText(file).Trim().Split(' ');
            return parts.Length == 2 && parts[0] == commit && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
                ? seconds
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void WriteCache(string? file, string commit, long seconds)
    {
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            File.WriteAllText(file, commit + " " + seconds.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a cache: the next publish asks git again.
        }
    }
}
