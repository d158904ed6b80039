using System;
using System.IO;

namespace GoPack.Sdk.Toolchains.Download;

/// <summary>
/// Where the release feed and the archives come from.
/// </summary>
/// <remarks>
/// <para>By default the feed is <c>https://go.dev/dl/?mode=json&amp;include=all</c> and the archives are at
/// <c>https://dl.google.com/go/&lt;filename&gt;</c>, where go.dev's download links lead.</para>
/// <para>A mirror is named by one setting (the GoToolchainFeed property or GOPACK_GO_DOWNLOAD_BASE), read by
/// <see cref="Parse"/> with one rule: the archives are always in the folder of the feed.</para>
/// <list type="bullet">
/// <item>A folder, <c>http://mirror/go/</c> (the trailing slash is optional): the feed is the file
/// <c>http://mirror/go/dl.json</c> (<see cref="MirrorFeedFileName"/>), a saved copy of go.dev's JSON, and the
/// archives are <c>http://mirror/go/go1.22.3.linux-amd64.tar.gz</c>. Any static file server works.</item>
/// <item>A URL ending in <c>.json</c> or carrying a query string is the feed itself, and the archives are next to
/// it: <c>http://mirror/go/releases.json</c> gives archives at <c>http://mirror/go/&lt;filename&gt;</c>;
/// <c>https://golang.google.cn/dl/?mode=json&amp;include=all</c> gives <c>https://golang.google.cn/dl/&lt;filename&gt;</c>.</item>
/// </list>
/// <para><c>file://</c> URLs and absolute folder paths (<c>/srv/go-mirror</c>, <c>C:\go-mirror</c>, <c>\\server\share\go</c>)
/// work the same way, for offline mirrors on a disk or share.</para>
/// </remarks>
public sealed class GoDownloadSource
{
    /// <summary>The environment variable a mirror can be named by.</summary>
    public const string EnvironmentVariable = "GOPACK_GO_DOWNLOAD_BASE";

    /// <summary>The feed's file name inside a mirror folder.</summary>
    public const string MirrorFeedFileName = "dl.json";

    public GoDownloadSource(Uri feedUri, Uri archiveBaseUri)
    {
        FeedUri = RequireAbsolute(feedUri, nameof(feedUri));
        ArchiveBaseUri = WithTrailingSlash(RequireAbsolute(archiveBaseUri, nameof(archiveBaseUri)));
    }

    public static Uri DefaultFeedUri { get; } = new Uri("https://go.dev/dl/?mode=json&include=all");

    public static Uri DefaultArchiveBaseUri { get; } = new Uri("https://dl.google.com/go/");

    /// <summary>go.dev's feed and Google's download server.</summary>
    public static GoDownloadSource Default { get; } = new GoDownloadSource(DefaultFeedUri, DefaultArchiveBaseUri);

    /// <summary>The JSON list of releases.</summary>
    public Uri FeedUri { get; }

    /// <summary>The folder the archives are in, always ending in <c>/</c>.</summary>
    public Uri ArchiveBaseUri { get; }

    /// <summary>Reads a GoToolchainFeed / GOPACK_GO_DOWNLOAD_BASE value by the rule in the remarks; blank gives <see cref="Default"/>.</summary>
    /// <exception cref="FormatException">Not an absolute http, https or file URL, nor an absolute path.</exception>
    public static GoDownloadSource Parse(string? setting)
    {
        if (setting is null || setting.Trim().Length == 0)
        {
            return Default;
        }

        var text = setting.Trim();
        Uri? uri = null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeFile))
        {
            uri = parsed;
        }
        else if (IsAbsolutePath(text))
        {
            uri = new Uri(Path.GetFullPath(text));
        }

        if (uri is null)
        {
            throw new FormatException(
                $"'{text}' is not a Go download location: expected an http(s) or file URL or an absolute folder path, " +
                $"such as https://mirror.example.com/go/ (a folder holding {MirrorFeedFileName} and the archives) or the URL of the feed itself.");
        }

        if (uri.Query.Length > 1 || uri.AbsolutePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            // Resolving "." drops the last segment and the query: the folder the feed is in.
            return new GoDownloadSource(uri, new Uri(uri, "."));
        }

        var folder = WithTrailingSlash(uri);
        return new GoDownloadSource(new Uri(folder, MirrorFeedFileName), folder);
    }

    /// <summary>The URL of <paramref name="file"/>: <see cref="ArchiveBaseUri"/> followed by its file name.</summary>
    public Uri GetArchiveUri(GoReleaseFile file)
    {
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        return GetArchiveUri(ArchiveBaseUri, file.FileName);
    }

    /// <summary><c>&lt;baseUri&gt;/&lt;fileName&gt;</c>, whether or not <paramref name="baseUri"/> ends in a slash.</summary>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is not a plain file name.</exception>
    public static Uri GetArchiveUri(Uri baseUri, string fileName)
    {
        RequireAbsolute(baseUri, nameof(baseUri));
        if (!IsPlainFileName(fileName))
        {
            throw new ArgumentException($"'{fileName}' is not a plain file name.", nameof(fileName));
        }

        return new Uri(WithTrailingSlash(baseUri), Uri.EscapeDataString(fileName));
    }

    public override string ToString() => $"feed {FeedUri}, archives {ArchiveBaseUri}";

    /// <summary>
    /// Whether a feed's file name can be used as is in a URL and next to the cache: a hostile feed saying
    /// <c>../../x</c> must not reach elsewhere on the server or the disk.
    /// </summary>
    internal static bool IsPlainFileName(string? fileName)
    {
        if (fileName is null || fileName.Length == 0 || fileName == "." || fileName == "..")
        {
            return false;
        }

        foreach (var c in fileName)
        {
            var allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '+';
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    private static Uri WithTrailingSlash(Uri uri)
    {
        if (uri.AbsolutePath.EndsWith("/", StringComparison.Ordinal))
        {
            return uri;
        }

        var builder = new UriBuilder(uri) { Query = string.Empty, Fragment = string.Empty };
        builder.Path += "/";
        return builder.Uri;
    }

    private static Uri RequireAbsolute(Uri uri, string parameterName)
    {
        if (uri is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{uri}' is not an absolute URL.", parameterName);
        }

        return uri;
    }

    private static bool IsAbsolutePath(string text)
    {
        // Path.IsPathRooted accepts "\dir" and "C:dir", which depend on the current drive or directory.
        if (text.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return true;
        }

        if (text.Length >= 3 && char.IsLetter(text[0]) && text[1] == ':' && (text[2] == '\\' || text[2] == '/'))
        {
            return true;
        }

        return Path.DirectorySeparatorChar == '/' && text.StartsWith("/", StringComparison.Ordinal);
    }
}
