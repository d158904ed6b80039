namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// The Ctrl+C tests send SIGINT to dotnet. A process started with SIGINT ignored (a background job of a non-interactive
/// shell: `./test.sh &`) hands that on to every child, and dotnet then never stops: say so rather than time out as if
/// GoPack had hung.
/// </summary>
public static class Signals
{
    public static void AssertSigintIsDelivered()
    {
        if (!OperatingSystem.IsLinux()) return;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (line is null) return;
        var ignored = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
        Assert.True((ignored & 0x2) == 0,
            "SIGINT is ignored in the test process, and so in every dotnet it starts (tests started as a background job, `./test.sh &`?): Ctrl+C can't be tested. Run the tests in the foreground.");
    }
}
