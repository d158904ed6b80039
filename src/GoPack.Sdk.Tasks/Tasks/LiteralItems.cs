using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Task items whose spec and metadata are the literal text given. MSBuild reads a TaskItem's spec and metadata as
/// escaped: a project in "my app %41" got its binary copied to "my app A", and a ';' would split a list. Paths are
/// escaped here, once, where they leave C#.
/// </summary>
internal static class LiteralItems
{
    public static TaskItem Create(string itemSpec) => new TaskItem(Escape(itemSpec));

    public static void SetLiteral(this TaskItem item, string name, string value) => ((ITaskItem2)item).SetMetadataValueLiteral(name, value);

    /// <summary>MSBuild's escaping (ProjectCollection.Escape, which the task library can't reference): %XX for its special characters.</summary>
    public static string Escape(string text)
    {
        if (text.IndexOfAny(Special) < 0) return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (System.Array.IndexOf(Special, c) >= 0) builder.Append('%').Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    private static readonly char[] Special = { '%', '*', '?', '@', '$', '(', ')', ';', '\'' };
}
