using System;

namespace GoPack.Sdk.Toolchains.Download;

/// <summary>
/// A Go toolchain or the release feed could not be fetched, verified or installed. The message is meant for
/// the user as is: it names the URL and says how to point GoPack at a mirror or build offline.
/// </summary>
public sealed class ToolchainDownloadException : Exception
{
    /// <summary>The advice appended to every message; public so the MSBuild task and README can quote it.</summary>
    public const string ConfigurationHint =
        "To download Go from a mirror, set the GoToolchainFeed property or the GOPACK_GO_DOWNLOAD_BASE environment variable " +
        "to a folder URL holding dl.json and the archives (or to the URL of the feed itself).";

    public ToolchainDownloadException(string message, Uri url, Exception? innerException = null)
        : base(WithHint(message), innerException)
    {
        Url = url ?? throw new ArgumentNullException(nameof(url));
    }

    /// <summary>The feed or archive URL that failed.</summary>
    public Uri Url { get; }

    private static string WithHint(string message)
    {
        var text = (message ?? string.Empty).TrimEnd();
        if (text.Length > 0 && !text.EndsWith(".", StringComparison.Ordinal))
        {
            text += ".";
        }

        return text + " " + ConfigurationHint;
    }
}
