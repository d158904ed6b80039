using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Publishing;

/// <summary>
/// goreleaser's checksums.txt: "&lt;sha256 hex&gt;  &lt;file name&gt;" a line, sorted by name, "\n" endings, which
/// `sha256sum -c` verifies in the folder beside the files.
/// </summary>
public static class ChecksumsFile
{
    public static string Create(IEnumerable<string> files)
    {
        var builder = new StringBuilder();
        foreach (var file in (files ?? throw new ArgumentNullException(nameof(files))).Distinct(StringComparer.Ordinal).OrderBy(Path.GetFileName, StringComparer.Ordinal))
        {
            builder.Append(Hex.Sha256OfFile(file)).Append("  ").Append(Path.GetFileName(file)).Append('\n');
        }

        return builder.ToString();
    }
}
