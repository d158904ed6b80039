using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GoPack.Sdk.Testing;
using GoPack.TestHost;
using Microsoft.Testing.Extensions;
using Microsoft.Testing.Platform.Builder;

// dotnet test (Microsoft.Testing.Platform mode) starts: dotnet exec GoPack.TestHost.dll --gopack-settings <file> --server
// dotnet test cli --dotnet-test-pipe <pipe> [options]. `dotnet run` starts the same command line with the user's arguments:
// then the host starts the project's own run command with them.
// Extensions such as the TRX report make the platform start this program again as a child process with only the
// platform's own arguments; the settings file's path reaches that child through the environment.
const string SettingsVariable = "GOPACK_TESTHOST_SETTINGS";
var index = Array.IndexOf(args, "--gopack-settings");
var settingsPath = index >= 0 && index + 1 < args.Length ? args[index + 1] : Environment.GetEnvironmentVariable(SettingsVariable);
if (string.IsNullOrEmpty(settingsPath))
{
    Console.Error.WriteLine("GoPack.TestHost runs the Go tests of a .gocsproj for dotnet test: --gopack-settings <file> is missing from its arguments: " + string.Join(" ", args));
    return 1;
}
Environment.SetEnvironmentVariable(SettingsVariable, settingsPath);

GoTestHostSettings settings;
try
{
    settings = GoTestHostSettings.FromJson(File.ReadAllText(settingsPath));
}
catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"GoPack.TestHost: the settings file '{settingsPath}' can't be read ({e.Message}). Build the project again.");
    return 1;
}

var rest = index < 0 ? args : args.Take(index).Concat(args.Skip(index + 2)).ToArray();
if (!HostMode.IsTestRun(rest)) return Passthrough.Run(settings, rest);

var builder = await TestApplication.CreateBuilderAsync(rest.Where(a => a != HostMode.TestRunSwitch).ToArray());
builder.RegisterTestFramework(_ => new GoTestCapabilities(), (_, _) => new GoTestFramework(settings));
builder.AddTrxReportProvider();
using var app = await builder.BuildAsync();
return await app.RunAsync();
