using System.Globalization;

namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// The peak of the summed resident memory of every process whose environment holds <see cref="Variable"/>=tag (a
/// dotnet build, its MSBuild nodes under -m, the go processes they start), read from /proc four times a second. GNU
/// time only gives the largest single process; -m runs several at once. Linux only (0 elsewhere); a figure, not an assertion.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    public const string Variable = "GOPACK_TEST_MEMORY_TAG";
    private readonly string _marker;
    private readonly Thread _thread;
    private volatile bool _stop;

    public MemorySampler(string tag)
    {
        _marker = $"{Variable}={tag}\0";
        _thread = new Thread(Sample) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    /// <summary>The largest sum seen, in KiB, and the most processes seen at once.</summary>
    public long PeakKiB { get; private set; }

    public int PeakProcesses { get; private set; }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Sample()
    {
        while (!_stop)
        {
            long total = 0;
            var count = 0;
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out _)) continue;
                try
                {
                    if (!File.ReadAllText(Path.Combine(directory, "environ")).Contains(_marker, StringComparison.Ordinal)) continue;
                    var rss = File.ReadLines(Path.Combine(directory, "status")).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                    if (rss is null) continue;
                    total += long.Parse(rss["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    count++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                {
                    // The process ended, or isn't ours to read.
                }
            }
            if (total > PeakKiB) PeakKiB = total;
            if (count > PeakProcesses) PeakProcesses = count;
            Thread.Sleep(250);
        }
    }
}
