using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GoPack.Sdk.Publishing;

/// <summary>
/// The commit a directory is checked out at, read from the .git files themselves (HEAD, the branch's ref file or
/// packed-refs), so a no-op publish starts no git process. Worktrees (.git as a file) and their common directory count.
/// </summary>
public sealed class GitHead
{
    private GitHead(string repositoryRoot, string commit, IReadOnlyList<string> files)
    {
        RepositoryRoot = repositoryRoot;
        Commit = commit;
        Files = files;
    }

    /// <summary>The directory holding .git: where go's -buildvcs looks too.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The full commit id (40 hex digits; 64 in a SHA-256 repository).</summary>
    public string Commit { get; }

    /// <summary>The files the commit was read from: a change in them means another commit.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// The checkout <paramref name="directory"/> is in, looking upward; null outside git, or when HEAD can't be read
    /// (an unborn branch, a broken .git).
    /// </summary>
    public static GitHead? Find(string directory)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        for (var current = new DirectoryInfo(Path.GetFullPath(directory)); current is not null; current = current.Parent)
        {
            var dotGit = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(dotGit) || File.Exists(dotGit))
            {
                return Read(current.FullName, dotGit);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="directory"/> is inside a git checkout (a .git directory or file above it).</summary>
    public static bool IsInRepository(string directory)
    {
        for (var current = new DirectoryInfo(Path.GetFullPath(directory)); current is not null; current = current.Parent)
        {
            var dotGit = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(dotGit) || File.Exists(dotGit))
            {
                return true;
            }
        }

        return false;
    }

    private static GitHead? Read(string root, string dotGit)
    {
        try
        {
            var gitDirectory = dotGit;
            if (File.Exists(dotGit))
            {
                // A worktree or submodule: "gitdir: <path>", relative to the directory holding the file.
                var line = File.ReadAllText(dotGit).Trim();
                if (!line.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    return null;
                }

                gitDirectory = Path.GetFullPath(Path.Combine(root, line.Substring("gitdir:".Length).Trim()));
            }

            var commonDirectory = gitDirectory;
            var commonFile = Path.Combine(gitDirectory, "commondir");
            if (File.Exists(commonFile))
            {
                commonDirectory = Path.GetFullPath(Path.Combine(gitDirectory, File.ReadAllText(commonFile).Trim()));
            }

            var headFile = Path.Combine(gitDirectory, "HEAD");
            var head = File.ReadAllText(headFile).Trim();
            var files = new List<string> { headFile };
            if (!head.StartsWith("ref:", StringComparison.Ordinal))
            {
                return IsCommitId(head) ? new GitHead(root, head.ToLowerInvariant(), files) : null;
            }

            var reference = head.Substring("ref:".Length).Trim();
            foreach (var directory in new[] { gitDirectory, commonDirectory }.Distinct(StringComparer.Ordinal))
            {
                var refFile = Path.Combine(directory, reference.Replace('/', Path.DirectorySeparatorChar));
                if (File.Exists(refFile))
                {
                    files.Add(refFile);
                    var id = File.ReadAllText(refFile).Trim();
                    return IsCommitId(id) ? new GitHead(root, id.ToLowerInvariant(), files) : null;
                }
            }

            var packedRefs = Path.Combine(commonDirectory, "packed-refs");
            if (File.Exists(packedRefs))
            {
                files.Add(packedRefs);
                foreach (var line in File.ReadAllLines(packedRefs))
                {
                    var space = line.IndexOf(' ');
                    if (space > 0 && line.Substring(space + 1).Trim() == reference && IsCommitId(line.Substring(0, space)))
                    {
                        return new GitHead(root, line.Substring(0, space).ToLowerInvariant(), files);
                    }
                }
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static bool IsCommitId(string text) =>
        (text.Length == 40 || text.Length == 64) && text.All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}
