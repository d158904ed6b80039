// Starts the Go sidecar from this program's own folder, asks it for a greeting, and stops it.
using System.Diagnostics;

var name = args.Length > 0 ? args[0] : "world";
var language = args.Length > 1 ? args[1] : "en";
var sidecar = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "sidecar.exe" : "sidecar");

using var process = Process.Start(new ProcessStartInfo(sidecar) { RedirectStandardOutput = true })
    ?? throw new InvalidOperationException($"{sidecar} did not start");
try
{
    // The sidecar chooses a free port and says which.
    var first = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the sidecar exited");
    var address = first["listening on ".Length..];
    using var http = new HttpClient();
    var answer = await http.GetStringAsync($"{address}/greet?name={Uri.EscapeDataString(name)}&lang={Uri.EscapeDataString(language)}");
    Console.Write(answer);
}
finally
{
    process.Kill();
    await process.WaitForExitAsync();
}
