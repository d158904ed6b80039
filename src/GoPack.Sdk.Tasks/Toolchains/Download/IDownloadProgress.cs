namespace GoPack.Sdk.Toolchains.Download;

/// <summary>
/// Where the download classes send what the user should see, so that they stay free of MSBuild types:
/// the MSBuild task forwards these to its log, tests collect them.
/// </summary>
/// <remarks>Implementations must be thread-safe: concurrent installs may report at the same time.</remarks>
public interface IDownloadProgress
{
    /// <summary>
    /// A complete line for the build log, e.g. "Downloading go1.22.3: 45% (30.1 of 67.2 MB)" or
    /// "Downloaded go1.22.3 (67.2 MB) from https://... in 4.1 s". Meant for normal verbosity.
    /// </summary>
    void Report(string message);

    /// <summary>
    /// The raw numbers behind the latest progress line, at the same (throttled) moments, for hosts that
    /// render progress themselves. <paramref name="totalBytes"/> is null when the size is unknown.
    /// </summary>
    void Progress(long bytesReceived, long? totalBytes);
}
