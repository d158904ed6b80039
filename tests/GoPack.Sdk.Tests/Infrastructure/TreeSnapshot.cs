using System.Security.Cryptography;
using System.Text;

namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// Everything a user's source tree holds, bin/ and obj/ of the project aside: each directory, and each file's
/// content hash and timestamp. Two equal snapshots prove the build wrote nothing there, not even the same bytes.
/// </summary>
public static class TreeSnapshot
{
    public static string Take(string root)
    {
        var lines = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, entry).Replace('\\', '/');
            if (relative.Split('/')[0] is "bin" or "obj") continue;
            if (Directory.Exists(entry))
            {
                lines.Add("d " + relative);
                continue;
            }
            var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry)));
            lines.Add($"f {relative} {hash} {File.GetLastWriteTimeUtc(entry).Ticks}");
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }
}

/// <summary>Snapshots compared with the lines that differ named, for an assertion a person can read.</summary>
public static class TreeSnapshotAssert
{
    /// <summary>Fails naming each file or directory that appeared, vanished or changed since <paramref name="before"/>.</summary>
    public static void Unchanged(string root, string before)
    {
        var after = TreeSnapshot.Take(root);
        if (after == before) return;
        var old = before.Split('\n').ToHashSet(StringComparer.Ordinal);
        var now = after.Split('\n').ToHashSet(StringComparer.Ordinal);
        var changes = old.Except(now).Select(l => "- " + l).Concat(now.Except(old).Select(l => "+ " + l)).Order(StringComparer.Ordinal);
        Assert.Fail($"The build wrote into the source tree {root} (bin/ and obj/ aside):\n{string.Join("\n", changes)}");
    }
}
