using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using GoPack.Sdk.Common;
using GoPack.Sdk.Execution;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Keeps a task's answers in obj/ so that a build whose inputs did not change runs none of its logic (issue 14: on a
/// no-op build DetectGo, ResolveGoToolchain, ResolveGoTarget, ComputeGoBuildFlags and ResolveGoMainPackages cost
/// ~300 ms of a ~1.2 s build, most of it loading and compiling their code, not the disk).
///
/// The answers are taken only when all of these are what they were when the task ran:
///   the key — a SHA-256 of the task's type, the GoPack assembly (its module version id: any other GoPack build
///   differs), every input parameter, the working directory and the whole process environment but the shell's and
///   the terminal's bookkeeping (<see cref="SessionVariables"/>; only the hash is kept: the environment may hold
///   secrets);
///   every file-system question the task's code asked through <see cref="FileProbe"/>, with the same reply (a file's
///   size and time stamp compared for equality, so older stamps count; whether a path exists; a folder's time stamp
///   for a listing; a link's target).
/// The messages and warnings the task logged are replayed; a run that logged an error, ran a program or downloaded
/// keeps nothing (and drops what the file kept). A file keeps the answers of the last <see cref="MaxKeys"/> keys, each
/// checked on its own, so builds that alternate (dotnet build, run, test) each find theirs. A cache that can't be read
/// is a miss. Written atomically, so a build reading it beside another build writing it sees one whole file.
/// </summary>
internal static class TaskAnswerCache
{
    private const string Header = "gopack-task-answers 1";

    /// <summary>
    /// How many invocations' answers one file keeps: dotnet build, run and test of the same configuration each give
    /// the tasks other parameters or another environment, and with one set kept each took the answers from the other
    /// and worked everything out again.
    /// </summary>
    internal const int MaxKeys = 4;

    /// <summary>
    /// What a shell or terminal sets per session or per command, which no task reads: with them in the key, a build
    /// after a cd (OLDPWD) or in another terminal tab (TERM_SESSION_ID, WT_SESSION...) worked every answer out again,
    /// ~90 ms of a ~390 ms no-op build. The working directory is keyed on its own (PWD says the same).
    /// </summary>
    internal static readonly HashSet<string> SessionVariables = new(StringComparer.OrdinalIgnoreCase)
    {
        "_", "OLDPWD", "PWD", "SHLVL",
        "TERM_SESSION_ID", "ITERM_SESSION_ID", "WT_SESSION", "WINDOWID", "TMUX_PANE", "STY", "KITTY_WINDOW_ID",
        "WEZTERM_PANE", "GNOME_TERMINAL_SCREEN", "XDG_SESSION_ID", "SSH_CLIENT", "SSH_CONNECTION", "SSH_TTY",
        "VSCODE_GIT_IPC_HANDLE", "VSCODE_IPC_HOOK_CLI",
    };

    public static bool Execute(GoPackTask task, string? cacheFile, Func<bool> execute) =>
        Execute(task, cacheFile, execute, Environment.GetEnvironmentVariables(), TaskVersion);

    /// <param name="environment">The process environment (tests give their own rather than change the process's).</param>
    /// <param name="taskVersion">Which build of GoPack this is (<see cref="TaskVersion"/>).</param>
    internal static bool Execute(GoPackTask task, string? cacheFile, Func<bool> execute, IDictionary environment, string taskVersion)
    {
        if (string.IsNullOrWhiteSpace(cacheFile))
        {
            return execute();
        }

        var path = cacheFile!;
        var key = Key(task, taskVersion, environment);
        if (TryReplay(task, path, key))
        {
            return true;
        }

        var engine = new ReplayRecordingEngine(task.BuildEngine);
        task.BuildEngine = engine;
        bool succeeded;
        FileProbeRecord record;
        using (record = FileProbe.Record())
        {
            try
            {
                succeeded = execute();
            }
            finally
            {
                task.BuildEngine = engine.Inner;
            }
        }

        if (succeeded && !engine.LoggedError && record.NotCacheableReason is null)
        {
            Write(task, path, key, record, engine.Events);
        }
        else
        {
            Delete(path);
        }

        return succeeded;
    }

    /// <summary>Tells one build of the task assembly from any other (the same version rebuilt included).</summary>
    internal static string TaskVersion { get; } = typeof(TaskAnswerCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    internal static string Key(ITask task, string taskVersion, IDictionary environment)
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n').Append(taskVersion).Append('\n').Append(task.GetType().FullName).Append('\n');
        text.Append("cwd=").Append(Environment.CurrentDirectory).Append('\n');
        foreach (var property in InputProperties(task.GetType()))
        {
            text.Append("p:").Append(property.Name).Append('=');
            AppendValue(text, property.GetValue(task));
            text.Append('\n');
        }

        foreach (var name in environment.Keys.Cast<object>().Select(k => k.ToString() ?? "").Where(n => !SessionVariables.Contains(n)).OrderBy(n => n, StringComparer.Ordinal))
        {
            text.Append("e:").Append(Escape(name)).Append('=').Append(Escape(environment[name] as string ?? "")).Append('\n');
        }

        return Hex.Sha256(text.ToString());
    }

    private static IEnumerable<PropertyInfo> InputProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetSetMethod() is not null && p.GetIndexParameters().Length == 0
                        && p.GetCustomAttribute<OutputAttribute>() is null
                        && p.DeclaringType != typeof(Task) && p.Name != nameof(GoPackTask.AnswerCacheFile))
            .OrderBy(p => p.Name, StringComparer.Ordinal);

    private static IEnumerable<PropertyInfo> OutputProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<OutputAttribute>() is not null)
            .OrderBy(p => p.Name, StringComparer.Ordinal);

    private static void AppendValue(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case ITaskItem item:
                AppendItem(text, item);
                break;
            case IEnumerable<ITaskItem> items:
                text.Append('[');
                foreach (var item in items)
                {
                    AppendItem(text, item);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case IEnumerable<string> strings:
                text.Append('[').Append(string.Join(",", strings.Select(Escape))).Append(']');
                break;
            default:
                text.Append(Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                break;
        }
    }

    private static void AppendItem(StringBuilder text, ITaskItem? item)
    {
        if (item is null)
        {
            text.Append("null");
            return;
        }

        text.Append('{').Append(Escape(item.ItemSpec));
        foreach (var (name, value) in Metadata(item))
        {
            text.Append(';').Append(Escape(name)).Append(':').Append(Escape(value));
        }

        text.Append('}');
    }

    private static IEnumerable<(string Name, string Value)> Metadata(ITaskItem item)
    {
        // IDictionary's keys: enumerating the dictionary itself yields KeyValuePairs from some MSBuild versions' items.
        var metadata = item.CloneCustomMetadata();
        return metadata.Keys.Cast<object>()
            .Select(key => (Name: key.ToString() ?? "", Value: metadata[key] as string ?? ""))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static bool TryReplay(GoPackTask task, string path, string key)
    {
        string[] lines;
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return false;
        }

        var section = Sections(lines).FirstOrDefault(k => k.Key == key).Lines;
        if (section is null)
        {
            return false;
        }

        var records = section.Select(l => l.Split('\t').Select(Unescape).ToArray()).ToList();
        var sender = task.GetType().Name;
        var replay = new List<LazyFormattedBuildEventArgs>();
        try
        {
            foreach (var probe in records.Where(r => r[0] == "P"))
            {
                if (!FileProbe.Unchanged((FileProbeKind)probe[1][0], probe[2], probe[3]))
                {
                    return false;
                }
            }

            var outputs = OutputProperties(task.GetType()).ToDictionary(p => p.Name, StringComparer.Ordinal);
            var values = new List<(PropertyInfo Property, object Value)>();
            foreach (var output in records.Where(r => r[0] == "O"))
            {
                if (!outputs.TryGetValue(output[1], out var property))
                {
                    return false;
                }

                var items = records.Where(r => r[0] == "I" && r[1] == output[1]).Select(ToItem).ToArray();
                values.Add((property, ToValue(property.PropertyType, output[2], items)));
            }

            foreach (var logged in records.Where(r => r[0] == "M" || r[0] == "W"))
            {
                replay.Add(logged[0] == "M"
                    ? new BuildMessageEventArgs(logged[2], null, sender, (MessageImportance)int.Parse(logged[1], CultureInfo.InvariantCulture))
                    : new BuildWarningEventArgs(Null(logged[1]), Null(logged[2]), Null(logged[4]), Int(logged[5]), Int(logged[6]), Int(logged[7]), Int(logged[8]), logged[9], Null(logged[3]), sender));
            }

            foreach (var (property, value) in values)
            {
                property.SetValue(task, value);
            }
        }
        catch (Exception e) when (e is IndexOutOfRangeException || e is FormatException || e is OverflowException || e is InvalidCastException || e is ArgumentException || e is TargetInvocationException)
        {
            // A damaged or foreign file: the task runs and writes a good one.
            return false;
        }

        foreach (var logged in replay)
        {
            if (logged is BuildWarningEventArgs warning)
            {
                task.BuildEngine.LogWarningEvent(warning);
            }
            else
            {
                task.BuildEngine.LogMessageEvent((BuildMessageEventArgs)logged);
            }
        }

        task.BuildEngine.LogMessageEvent(new BuildMessageEventArgs(
            $"{task.GetType().Name}: answers from {path} (nothing they depend on changed since they were worked out).", null, task.GetType().Name, MessageImportance.Low));
        return true;
    }

    // The kept text is literal (ItemSpec, GetMetadata): made into items as literal text, or a path in "my app %41"
    // would come back as "my app A" (a TaskItem's spec and metadata are read as escaped).
    private static ITaskItem ToItem(string[] record)
    {
        var item = LiteralItems.Create(record[2]);
        for (var i = 3; i + 1 < record.Length; i += 2)
        {
            item.SetLiteral(record[i], record[i + 1]);
        }

        return item;
    }

    private static object ToValue(Type type, string scalar, ITaskItem[] items)
    {
        if (type == typeof(string)) return scalar;
        if (type == typeof(bool)) return bool.Parse(scalar);
        if (type == typeof(int)) return int.Parse(scalar, CultureInfo.InvariantCulture);
        if (type == typeof(string[])) return items.Select(i => i.ItemSpec).ToArray();
        if (type == typeof(ITaskItem[])) return items;
        if (type == typeof(ITaskItem)) return items.FirstOrDefault()!;
        throw new InvalidCastException($"{type} outputs are not kept");
    }

    private static void Write(ITask task, string path, string key, FileProbeRecord record, IReadOnlyList<string[]> events)
    {
        var lines = new List<string[]> { new[] { "K", key } };
        lines.AddRange(record.Probes.Select(p => new[] { "P", ((char)p.Kind).ToString(), p.Path, p.Fingerprint }));
        foreach (var property in OutputProperties(task.GetType()))
        {
            var value = property.GetValue(task);
            switch (value)
            {
                case ITaskItem item:
                    lines.Add(new[] { "O", property.Name, "" });
                    lines.Add(ItemRecord(property.Name, item));
                    break;
                case IEnumerable<ITaskItem> items:
                    lines.Add(new[] { "O", property.Name, "" });
                    lines.AddRange(items.Select(i => ItemRecord(property.Name, i)));
                    break;
                case string scalar:
                    lines.Add(new[] { "O", property.Name, scalar });
                    break;
                case IEnumerable<string> strings:
                    lines.Add(new[] { "O", property.Name, "" });
                    lines.AddRange(strings.Select(s => new[] { "I", property.Name, s }));
                    break;
                case null:
                    break;
                default:
                    lines.Add(new[] { "O", property.Name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" });
                    break;
            }
        }

        lines.AddRange(events);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var line in lines) text.Append(string.Join("\t", line.Select(Escape))).Append('\n');
        try
        {
            // The answers of the other invocations kept beside, most recent first, up to MaxKeys in all.
            var kept = File.Exists(path) ? File.ReadAllLines(path) : Array.Empty<string>();
            foreach (var (other, otherLines) in Sections(kept).Where(k => k.Key != key).Take(MaxKeys - 1))
            {
                text.Append("K\t").Append(other).Append('\n');
                foreach (var line in otherLines) text.Append(line).Append('\n');
            }

            AtomicFile.WriteAllText(path, text.ToString());
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // Not kept: the next build works the answers out again, which is only slower.
        }
    }

    /// <summary>The answer sets of a file's lines: each one's key (its "K" line) and the records under it; none when the
    /// lines are not such a file.</summary>
    private static IEnumerable<(string Key, List<string> Lines)> Sections(string[] lines)
    {
        if (lines.Length == 0 || lines[0] != Header) yield break;
        (string Key, List<string> Lines)? current = null;
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("K\t", StringComparison.Ordinal))
            {
                if (current is { } done) yield return done;
                current = (line.Substring(2), new List<string>());
            }
            else
            {
                current?.Lines.Add(line);
            }
        }

        if (current is { } last) yield return last;
    }

    private static string[] ItemRecord(string property, ITaskItem item) =>
        new[] { "I", property, item.ItemSpec }.Concat(Metadata(item).SelectMany(m => new[] { m.Name, m.Value })).ToArray();

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
        }
    }

    private static string? Null(string value) => value.Length == 0 ? null : value;

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");

    private static string Unescape(string value)
    {
        if (value.IndexOf('\\') < 0)
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                text.Append(value[i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', _ => value[i] });
            }
            else
            {
                text.Append(value[i]);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Passes every event on to MSBuild's engine and notes the messages and warnings, to be replayed when the answers
    /// are taken from the cache, and whether an error was logged.
    /// </summary>
    private sealed class ReplayRecordingEngine(IBuildEngine inner) : IBuildEngine
    {
        private readonly List<string[]> _events = new();

        public IBuildEngine Inner { get; } = inner;

        public IReadOnlyList<string[]> Events => _events;

        public bool LoggedError { get; private set; }

        public bool ContinueOnError => Inner.ContinueOnError;

        public int LineNumberOfTaskNode => Inner.LineNumberOfTaskNode;

        public int ColumnNumberOfTaskNode => Inner.ColumnNumberOfTaskNode;

        public string ProjectFileOfTaskNode => Inner.ProjectFileOfTaskNode;

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
            Inner.BuildProjectFile(projectFileName, targetNames, globalProperties, targetOutputs);

        public void LogCustomEvent(CustomBuildEventArgs e) => Inner.LogCustomEvent(e);

        public void LogErrorEvent(BuildErrorEventArgs e)
        {
            LoggedError = true;
            Inner.LogErrorEvent(e);
        }

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
            _events.Add(new[] { "M", ((int)e.Importance).ToString(CultureInfo.InvariantCulture), e.Message ?? "" });
            Inner.LogMessageEvent(e);
        }

        public void LogWarningEvent(BuildWarningEventArgs e)
        {
            _events.Add(new[]
            {
                "W", e.Subcategory ?? "", e.Code ?? "", e.HelpKeyword ?? "", e.File ?? "",
                e.LineNumber.ToString(CultureInfo.InvariantCulture), e.ColumnNumber.ToString(CultureInfo.InvariantCulture),
                e.EndLineNumber.ToString(CultureInfo.InvariantCulture), e.EndColumnNumber.ToString(CultureInfo.InvariantCulture), e.Message ?? "",
            });
            Inner.LogWarningEvent(e);
        }
    }
}
