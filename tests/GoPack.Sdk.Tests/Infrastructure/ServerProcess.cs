using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// A long-running process under test (a built server, `dotnet run`, `dotnet watch`): started with the given environment,
/// considered ready when a line of its output matches a pattern (whose group "port", if any, says where it listens),
/// and killed with its whole process tree when disposed. <see cref="WaitForLine"/> waits for later output.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<string> _lines = new();
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, Regex ready)
    {
        _process = process;
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (_output)
            {
                _output.AppendLine(line);
                _lines.Add(line);
                Monitor.PulseAll(_output);
            }
            var match = ready.Match(line);
            if (match.Success) _ready.TrySetResult(match.Groups["port"].Success ? int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException("The process exited before it was ready:\n" + Output));
    }

    /// <summary>The port the process said it listens on.</summary>
    public int Port { get; private set; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The number of lines printed so far: a position for <see cref="WaitForLine"/>.</summary>
    public int LineCount
    {
        get { lock (_output) return _lines.Count; }
    }

    /// <summary>The first line after the first <paramref name="after"/> lines that matches; fails the test after <paramref name="timeout"/>.</summary>
    public string WaitForLine(Regex pattern, TimeSpan timeout, int after = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_output)
        {
            var next = after;
            while (true)
            {
                for (; next < _lines.Count; next++)
                {
                    if (pattern.IsMatch(_lines[next])) return _lines[next];
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) throw new TimeoutException($"No line matched '{pattern}' in time:\n{_output}");
                Monitor.Wait(_output, left);
            }
        }
    }

    public static ServerProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment, Regex ready, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
        {
            if (value is null) startInfo.Environment.Remove(name);
            else startInfo.Environment[name] = value;
        }

        var server = new ServerProcess(new Process { StartInfo = startInfo }, ready);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            if (!server._ready.Task.Wait(timeout)) throw new TimeoutException($"{fileName} was not ready in time:\n{server.Output}");
            server.Port = server._ready.Task.Result;
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
