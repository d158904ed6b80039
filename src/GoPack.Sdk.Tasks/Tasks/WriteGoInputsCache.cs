using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using GoPack.Sdk.Common;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Writes a SHA-256 of everything that changes a Go build that MSBuild's "input newer than output" check can't see:
/// properties, go's environment variables, the list of source files (a deleted file changes it) and each file's
/// size and time stamp. The stamps make a file that changed with an OLDER time stamp (tar -x, cp -p, rsync -a,
/// unzip, some checkouts) rebuild too: its stamp differs from the last build's, so the hash differs, so this file is
/// rewritten, and it is newer than the binary. Stat only, no reading: a no-op build stays cheap. The file is
/// rewritten only when the hash changes, so GoBuild can use it as an input; a failed build leaves it newer than the
/// old binary, so the next build runs go again. Values are hashed, never stored: GOPROXY and friends may carry
/// credentials.
/// </summary>
public sealed class WriteGoInputsCache : GoPackTask
{
    [Required] public string File { get; set; } = "";
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// Trees whose every file counts, each file's stamp hashed like <see cref="Files"/>' (vendor/ when the module
    /// vendors): thousands of files there cost a stat each here, where as items they would cost every target that
    /// lists, copies or compares them.
    /// </summary>
    public string[] Directories { get; set; } = Array.Empty<string>();

    public string[] Values { get; set; } = Array.Empty<string>();
    public string[] EnvironmentVariableNames { get; set; } = Array.Empty<string>();

    private byte[] _buffer = new byte[1024];

    public override bool Execute()
    {
        var material = new StringBuilder();
        foreach (var value in Values) material.Append("p:").Append(value).Append('\n');
        foreach (var name in EnvironmentVariableNames.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal))
        {
            material.Append("e:").Append(name).Append('=').Append(Environment.GetEnvironmentVariable(name) ?? "\0unset").Append('\n');
        }
        foreach (var path in Files.Select(f => f.GetMetadata("FullPath")).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal))
        {
            material.Append("f:").Append(path).Append('\t').Append(FileStamps.Stamp(path)).Append('\n');
        }

        string hash;
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            Append(sha, material.ToString());
            // A tree's lines go to the hash one by one: ten thousand vendored files make no megabyte string.
            foreach (var tree in Directories.Where(d => d.Length > 0).Select(d => Paths.FullPath(d)).Distinct(StringComparer.Ordinal).OrderBy(d => d, StringComparer.Ordinal))
            {
                Append(sha, "d:" + tree + "\n");
                foreach (var line in FileStamps.Tree(tree)) Append(sha, "t:" + line + "\n");
            }
            hash = Hex.Lower(sha.GetHashAndReset());
        }

        var content = "GoPack build inputs v2 " + hash + "\n";
        if (System.IO.File.Exists(File) && System.IO.File.ReadAllText(File) == content)
        {
            return true;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(File));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        Execution.AtomicFile.WriteAllText(File, content);
        Log.LogMessage(MessageImportance.Low, "Go build inputs changed: wrote {0}", File);
        return true;
    }

    private void Append(IncrementalHash sha, string text)
    {
        var size = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (size > _buffer.Length) _buffer = new byte[Math.Max(size, _buffer.Length * 2)];
        sha.AppendData(_buffer, 0, Encoding.UTF8.GetBytes(text, 0, text.Length, _buffer, 0));
    }
}
