using GoPack.Sdk.Publishing;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.Unit.Publishing;

public sealed class SourceStampTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gopack-stamp-").FullName;

    [Fact]
    public void Outside_git_there_is_no_commit_and_no_buildvcs_and_no_warning()
    {
        var stamp = SourceStamp.Resolve(new SourceStampOptions { Directory = _directory, GitAvailable = true });

        Assert.Equal((null, null, false, null), (stamp.Commit, stamp.Date, stamp.BuildVcs, stamp.Warning));
    }

    [Fact]
    public void SOURCE_DATE_EPOCH_is_the_date_and_must_be_seconds()
    {
        var stamp = SourceStamp.Resolve(new SourceStampOptions { Directory = _directory, SourceDateEpoch = "1715000000" });

        Assert.Equal("2024-05-06T12:53:20Z", stamp.DateText);
        Assert.Equal(1715000000, stamp.Epoch);
        Assert.Throws<FormatException>(() => SourceStamp.Resolve(new SourceStampOptions { Directory = _directory, SourceDateEpoch = "yesterday" }));
    }

    [Fact]
    public void Reads_the_commit_from_git_files_and_asks_git_for_its_time_once_per_commit()
    {
        var commit = CommitIn(_directory, "2024-05-06T07:08:09Z");
        var sub = Directory.CreateDirectory(Path.Combine(_directory, "svc")).FullName;
        var cache = Path.Combine(_directory, "obj", "commit.cache");
        var asked = 0;
        SourceStamp Resolve() => SourceStamp.Resolve(new SourceStampOptions
        {
            Directory = sub,
            CacheFile = cache,
            GitAvailable = true,
            ReadCommitTime = (root, id) =>
            {
                asked++;
                Assert.Equal((_directory, commit), (root, id));
                return 1714979289;
            },
        });

        var first = Resolve();
        var second = Resolve();

        Assert.Equal((commit, "2024-05-06T07:08:09Z", true), (first.Commit, first.DateText, first.BuildVcs));
        Assert.Equal(first.DateText, second.DateText);
        Assert.Equal(1, asked);
        Assert.Contains(first.InputFiles, f => f.EndsWith("HEAD", StringComparison.Ordinal));
    }

    [Fact]
    public void Packed_refs_detached_heads_and_worktrees_are_read_too()
    {
        var commit = CommitIn(_directory, "2024-05-06T07:08:09Z");
        Git(_directory, "pack-refs", "--all");
        Assert.Equal(commit, GitHead.Find(_directory)!.Commit);

        var worktree = Path.Combine(_directory, "..", Path.GetFileName(_directory) + "-wt");
        Git(_directory, "worktree", "add", "-q", "--detach", worktree);
        try
        {
            Assert.Equal(commit, GitHead.Find(worktree)!.Commit);
        }
        finally
        {
            Git(_directory, "worktree", "remove", "--force", worktree);
        }
    }

    [Fact]
    public void A_checkout_without_git_on_PATH_is_stamped_without_buildvcs_and_says_why()
    {
        CommitIn(_directory, "2024-05-06T07:08:09Z");

        var stamp = SourceStamp.Resolve(new SourceStampOptions { Directory = _directory, GitAvailable = false });

        Assert.False(stamp.BuildVcs);
        Assert.NotNull(stamp.Commit);
        Assert.Null(stamp.Date);
        Assert.Contains("git is not on PATH", stamp.Warning);
        Assert.Contains("SOURCE_DATE_EPOCH", stamp.Warning);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A repository with one commit at <paramref name="date"/>; returns its id.</summary>
    internal static string CommitIn(string directory, string date)
    {
        Git(directory, "init", "-q");
        File.WriteAllText(Path.Combine(directory, "a.txt"), "a");
        Git(directory, "add", "a.txt");
        Git(directory, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one", "--date", date);
        return Git(directory, "rev-parse", "HEAD").Trim();
    }

    private static string Git(string directory, params string[] arguments)
    {
        var result = ProcessRunner.Run("git", arguments, directory, new Dictionary<string, string?> { ["GIT_COMMITTER_DATE"] = "2024-05-06T07:08:09Z" });
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }
}
