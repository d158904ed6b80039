using System.Text.RegularExpressions;

namespace GoPack.Sdk.Execution;

/// <summary>
/// Takes credentials out of URLs before they reach a log: a mirror URL may carry user:password@ or a token in its
/// query string (GoToolchainFeed, GOPACK_GO_DOWNLOAD_BASE, GOPROXY).
/// </summary>
public static class UrlRedaction
{
    private static readonly Regex UserInfo = new Regex(@"(\b[a-zA-Z][a-zA-Z0-9+.\-]*://)[^/\s@]+@", RegexOptions.CultureInvariant);
    private static readonly Regex Query = new Regex(@"(\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s?#]*)\?[^\s#]*", RegexOptions.CultureInvariant);

    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text) || text.IndexOf("://", System.StringComparison.Ordinal) < 0) return text;
        var withoutUsers = UserInfo.Replace(text, "$1***@");
        return Query.Replace(withoutUsers, match => IsPublicGoFeed(match.Value) ? match.Value : match.Groups[1].Value + "?***");
    }

    /// <summary>Only user:password@ taken out: for a tool's output, whose query strings (?go-get=1) say what failed.</summary>
    public static string RedactUserInfo(string text) =>
        string.IsNullOrEmpty(text) || text.IndexOf("://", System.StringComparison.Ordinal) < 0 ? text : UserInfo.Replace(text, "$1***@");

    // go.dev's own feed URL carries a harmless query (?mode=json&include=all) that is worth showing.
    private static bool IsPublicGoFeed(string url) => url.StartsWith("https://go.dev/dl/?", System.StringComparison.Ordinal);
}
