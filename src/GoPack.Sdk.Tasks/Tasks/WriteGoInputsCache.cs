using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Writes a SHA-256 of everything that changes a Go build but has no timestamp of its own: properties, the
/// list of source files (a deleted file changes it), and go's environment variables. The file is rewritten only
/// when the hash changes, so GoBuild can use it as an input. Values are hashed, never stored: GOPROXY and
/// friends may carry credentials.
/// </summary>
public sealed class WriteGoInputsCache : GoPackTask
{
    [Required] public string File { get; set; } = "";
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    public string[] Values { get; set; } = Array.Empty<string>();
    public string[] EnvironmentVariableNames { get; set; } = Array.Empty<string>();

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
            material.Append("f:").Append(path).Append('\n');
        }

        string hash;
        using (var sha = SHA256.Create())
        {
            hash = string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(material.ToString())).Select(b => b.ToString("x2")));
        }

        var content = "GoPack build inputs v1 " + hash + "\n";
        if (System.IO.File.Exists(File) && System.IO.File.ReadAllText(File) == content)
        {
            return true;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(File));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        System.IO.File.WriteAllText(File, content);
        Log.LogMessage(MessageImportance.Low, "Go build inputs changed: wrote {0}", File);
        return true;
    }
}
