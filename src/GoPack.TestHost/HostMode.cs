using System;
using System.Linq;

namespace GoPack.TestHost;

/// <summary>Tells a test run (dotnet test's arguments) from `dotnet run`, whose arguments belong to the Go program.</summary>
public static class HostMode
{
    /// <summary>Runs the tests without dotnet test, e.g. to try the host by hand.</summary>
    public const string TestRunSwitch = "--gopack-test";

    public static bool IsTestRun(string[] args) =>
        args.Any(a => a == TestRunSwitch || a == "--dotnet-test-pipe" || string.Equals(a, "--server", StringComparison.Ordinal));
}
