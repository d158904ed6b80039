namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>The processes below a process, read from /proc (Linux): what a cancelled build must not leave behind.</summary>
public static class ProcessTree
{
    /// <summary>Every live descendant of <paramref name="pid"/>, with its command name.</summary>
    public static IReadOnlyList<(int Pid, string Name)> Descendants(int pid)
    {
        var parents = new Dictionary<int, (int Parent, string Name)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id)) continue;
            if (Stat(id) is { } stat && stat.State != 'Z') parents[id] = (stat.Parent, stat.Name);
        }
        var result = new List<(int, string)>();
        var queue = new Queue<int>([pid]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var (child, info) in parents.Where(p => p.Value.Parent == current))
            {
                result.Add((child, info.Name));
                queue.Enqueue(child);
            }
        }
        return result;
    }

    /// <summary>False for a process that exited, even if not yet reaped (a zombie).</summary>
    public static bool IsAlive(int pid) => Stat(pid) is { } stat && stat.State != 'Z';

    /// <summary>Waits until none of <paramref name="pids"/> is alive; returns those still alive after <paramref name="limit"/>.</summary>
    public static IReadOnlyList<int> WaitGone(IEnumerable<int> pids, TimeSpan limit)
    {
        var remaining = pids.ToList();
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            remaining = remaining.Where(IsAlive).ToList();
            if (remaining.Count == 0 || DateTime.UtcNow > deadline) return remaining;
            Thread.Sleep(50);
        }
    }

    private static (int Parent, char State, string Name)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            var name = text[(text.IndexOf('(') + 1)..close];
            var fields = text[(close + 2)..].Split(' ');
            return (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[0][0], name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
