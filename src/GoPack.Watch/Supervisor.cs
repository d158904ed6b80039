using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;

namespace GoPack.Watch;

/// <summary>
/// Runs the program, watches the project's Go inputs (<see cref="WatchRules"/>), and on a change rebuilds the project
/// with `dotnet build` and restarts the program when the build wrote a new binary, as air does for Go developers. A
/// failed build leaves the running program alone; a program that exits is started again after the next change, as
/// dotnet watch does. SIGINT/SIGTERM (Ctrl+C, dotnet watch stopping `dotnet run`) end the program's whole process tree.
/// </summary>
public sealed class Supervisor
{
    // Editors save in bursts (a temporary file, a rename, the file itself): build once the burst is over.
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestBurst = TimeSpan.FromSeconds(2);

    private readonly string _listFile;
    private readonly string _command;
    private readonly IReadOnlyList<string> _arguments;
    private readonly TextWriter _log;
    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>();
    private readonly List<FileSystemWatcher> _watchers = new();
    private WatchList _list = new();
    private Process? _program;

    public Supervisor(string listFile, string command, IReadOnlyList<string> arguments, TextWriter log)
    {
        _listFile = listFile;
        _command = command;
        _arguments = arguments;
        _log = log;
    }

    private enum EventKind
    {
        Changed,
        Exited,
        Stop,
    }

    public int Run()
    {
        try
        {
            _list = WatchList.Read(_listFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Say($"the watch list '{_listFile}' can't be read ({e.Message}); run `dotnet watch run` again.");
            return 1;
        }

        using var signals = RegisterSignals();
        Say($"{Name} restarts when a .go file, go.mod, go.sum or an embedded file changes: Go has no hot reload, so GoPack rebuilds and restarts it (restart on change).");
        Watch();
        if (!Start()) return 1;

        while (true)
        {
            var next = Read(Timeout.InfiniteTimeSpan);
            if (next is null || next.Value.Kind == EventKind.Stop) break;
            if (next.Value.Kind == EventKind.Exited)
            {
                if (next.Value.Process == _program && _program is not null)
                {
                    Say($"{Name} exited with code {_program.ExitCode}; it starts again after the next change.");
                    _program.Dispose();
                    _program = null;
                }

                continue;
            }

            var changed = new List<string> { next.Value.Path! };
            if (!CollectBurst(changed)) break;
            var relevant = changed.Where(path => WatchRules.IsGoInput(_list, path)).Distinct().ToList();
            if (relevant.Count == 0) continue;

            Say($"{Describe(relevant)} changed: rebuilding {Name}.");
            var before = Stamp(_list.Binary);
            if (!Build())
            {
                Say($"{Name} did not build (see the errors above); {(_program is null ? "it starts" : "the running one keeps running and restarts")} when a change builds.");
                continue;
            }

            Reload();
            if (_program is not null && Stamp(_list.Binary) == before)
            {
                Say($"{Name}'s binary is unchanged: not restarted.");
                continue;
            }

            Say($"restarting {Name}.");
            Stop();
            if (!Start()) Say($"{Name} could not be started; it starts again after the next change.");
        }

        Stop();
        foreach (var watcher in _watchers) watcher.Dispose();
        return 0;
    }

    private string Name => _list.Name.Length > 0 ? _list.Name : Path.GetFileNameWithoutExtension(_list.Project);

    private void Say(string message) => _log.WriteLine("gopack watch: " + message);

    private static string Describe(List<string> paths) =>
        paths.Count == 1 ? Path.GetFileName(paths[0]) : $"{Path.GetFileName(paths[0])} and {paths.Count - 1} other file(s)";

    private static DateTime? Stamp(string path) => File.Exists(path) ? File.GetLastWriteTimeUtc(path) : null;

    private bool Start()
    {
        var startInfo = new ProcessStartInfo(_command) { UseShellExecute = false };
        foreach (var argument in _arguments) startInfo.ArgumentList.Add(argument);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.Exited += (_, _) => _events.Writer.TryWrite(new Event(EventKind.Exited, null, process));
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Say($"'{_command}' can't be started: {e.Message}.");
            process.Dispose();
            return false;
        }

        _program = process;
        return true;
    }

    private void Stop()
    {
        var program = _program;
        _program = null;
        if (program is null) return;
        try
        {
            // The whole tree: GoRunCommand runs the program through a shell.
            if (!program.HasExited) program.Kill(entireProcessTree: true);
            program.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        program.Dispose();
    }

    private bool Build()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var startInfo = new ProcessStartInfo(string.IsNullOrEmpty(dotnet) ? "dotnet" : dotnet) { UseShellExecute = false };
        foreach (var argument in _list.BuildArguments(_listFile)) startInfo.ArgumentList.Add(argument);
        try
        {
            using var build = Process.Start(startInfo)!;
            build.WaitForExit();
            return build.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Say($"dotnet can't be started to build {Name}: {e.Message}.");
            return false;
        }
    }

    /// <summary>The build wrote the list again: a new //go:embed directory or local module is watched from now on.</summary>
    private void Reload()
    {
        try
        {
            var list = WatchList.Read(_listFile);
            var rootsChanged = !list.Roots.SequenceEqual(_list.Roots) || !list.EmbedDirectories.SequenceEqual(_list.EmbedDirectories);
            _list = list;
            if (rootsChanged) Watch();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Keep the previous list.
        }
    }

    private void Watch()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _watchers.Clear();
        var directories = _list.Roots.Concat(_list.EmbedDirectories.Where(d => !_list.Roots.Any(r => WatchRules.IsUnder(d, r))));
        directories = directories.Append(Path.GetDirectoryName(Path.GetFullPath(_list.Project))! + Path.DirectorySeparatorChar);
        foreach (var directory in directories.Distinct().Where(Directory.Exists))
        {
            var watcher = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = true,
                InternalBufferSize = 64 * 1024,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, e) => Changed(e.FullPath);
            watcher.Created += (_, e) => Changed(e.FullPath);
            watcher.Deleted += (_, e) => Changed(e.FullPath);
            watcher.Renamed += (_, e) =>
            {
                Changed(e.OldFullPath);
                Changed(e.FullPath);
            };
            // Too many changes at once for the buffer: rebuild, the build knows what changed.
            watcher.Error += (_, _) => Changed(_list.Project);
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    private void Changed(string path) => _events.Writer.TryWrite(new Event(EventKind.Changed, path, null));

    /// <summary>Adds the changes that follow within the burst; false when asked to stop meanwhile.</summary>
    private bool CollectBurst(List<string> changed)
    {
        var end = DateTime.UtcNow + LongestBurst;
        while (DateTime.UtcNow < end)
        {
            var next = Read(Quiet);
            if (next is null) return true;
            switch (next.Value.Kind)
            {
                case EventKind.Stop:
                    return false;
                case EventKind.Changed:
                    changed.Add(next.Value.Path!);
                    break;
                default:
                    // An exit during the burst is handled after the build: requeue it.
                    _events.Writer.TryWrite(next.Value);
                    return true;
            }
        }

        return true;
    }

    /// <summary>The next event, or null when none came within <paramref name="timeout"/>.</summary>
    private Event? Read(TimeSpan timeout)
    {
        using var cancel = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout);
        try
        {
            return _events.Reader.ReadAsync(cancel.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private IDisposable RegisterSignals()
    {
        var registrations = new List<PosixSignalRegistration>();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                _events.Writer.TryWrite(new Event(EventKind.Stop, null, null));
            }));
        }

        return new Registrations(registrations);
    }

    private readonly record struct Event(EventKind Kind, string? Path, Process? Process);

    private sealed class Registrations(List<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations) registration.Dispose();
        }
    }
}
