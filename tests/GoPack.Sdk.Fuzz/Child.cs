using System.Diagnostics;
using System.IO.MemoryMappedFiles;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace GoPack.Sdk.Fuzz;

/// <summary>
/// One target's coverage-guided loop, in process: SharpFuzz's instrumentation counts, for each branch edge of the
/// task library, how often an input took it (64 KiB of counters, as AFL's map); an input that reaches an edge, or an
/// edge's count bucket, never seen before joins the corpus. Every input is written to a memory-mapped state file
/// first, so when the process dies (a stack overflow can't be caught) the parent knows which input killed it.
/// </summary>
internal static unsafe class Child
{
    private const int MapSize = 1 << 16;
    private const int StateSize = 4 + (4 * 1024 * 1024);

    public static string StateFile(string output, string target) => Path.Combine(output, target + ".state");

    public static byte[]? ReadState(string file)
    {
        if (!File.Exists(file)) return null;
        var bytes = File.ReadAllBytes(file);
        if (bytes.Length < 4) return null;
        var length = BitConverter.ToInt32(bytes, 0);
        return length < 0 || length > bytes.Length - 4 ? null : bytes[4..(4 + length)];
    }

    public static string SaveFinding(string output, string target, string kind, byte[] input)
    {
        var directory = Directory.CreateDirectory(Path.Combine(output, target)).FullName;
        var file = Path.Combine(directory, $"{kind}-{Hash(input)}");
        File.WriteAllBytes(file, input);
        return file;
    }

    public static string Hash(byte[] input) => Convert.ToHexString(SHA256.HashData(input))[..16].ToLowerInvariant();

    public static void AllocateMap()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null) SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(MapSize);
    }

    public static int Run(FuzzTarget target, Options options)
    {
        var map = SharpFuzz.Common.Trace.SharedMem;
        var virgin = new byte[MapSize];
        Directory.CreateDirectory(options.Out);
        using var stateFile = MemoryMappedFile.CreateFromFile(StateFile(options.Out, target.Name), FileMode.Create, null, StateSize);
        using var state = stateFile.CreateViewAccessor();

        // string.GetHashCode differs per process: a hash of the name keeps a --seed run the same run every time.
        var random = new Random(options.Seed ^ BitConverter.ToInt32(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(target.Name))));
        var mutator = new Mutator(random, target.Dictionary);
        var corpusDirectory = Path.Combine(options.Corpus, target.Name);
        var seeds = Directory.Exists(corpusDirectory)
            ? Directory.EnumerateFiles(corpusDirectory).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList()
            : [];
        var corpus = new List<byte[]>();
        var known = new HashSet<string>(seeds.Select(Hash));
        var crashes = new Dictionary<string, string>();
        long executions = 0;
        var maxLength = 0;
        var grown = 0;
        var clock = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;

        bool Execute(byte[] input)
        {
            state.Write(0, input.Length > StateSize - 4 ? -1 : input.Length);
            if (input.Length <= StateSize - 4) state.WriteArray(4, input, 0, input.Length);
            new Span<byte>(map, MapSize).Clear();
            SharpFuzz.Common.Trace.PrevLocation = 0;
            var started = clock.Elapsed;
            var error = target.Check(input);
            var took = clock.Elapsed - started;
            if (took > slowest) slowest = took;
            executions++;
            maxLength = Math.Max(maxLength, input.Length);
            if (error is not null)
            {
                var key = CrashKey(error);
                if (!crashes.ContainsKey(key))
                {
                    var minimal = Minimize(target, input, key);
                    crashes[key] = SaveFinding(options.Out, target.Name, "crash", minimal);
                    Console.Error.WriteLine($"CRASH {target.Name}: {error.GetType().FullName}: {error.Message}\n{error.StackTrace}\ninput: {crashes[key]} ({minimal.Length} bytes)");
                }
                return false;
            }
            return NewCoverage(map, virgin);
        }

        // Seeds first, then the edge cases, kept when they reach something new; then mutations until time is up.
        foreach (var seed in seeds)
        {
            if (Execute(seed)) corpus.Add(seed);
        }
        if (corpus.Count == 0) corpus.AddRange(seeds);
        foreach (var edge in Mutator.EdgeInputs(seeds))
        {
            if (Execute(edge) && edge.Length <= Mutator.MaxLength) corpus.Add(edge);
        }
        if (corpus.Count == 0) corpus.Add([]);
        var edgesAfterSeeds = CountEdges(virgin);

        // --execs bounds the mutations instead of time: with --seed, the same inputs on every machine (test.sh's run).
        // --seconds is this process's CPU time, not the wall clock's: a busy machine (other builds, the other children)
        // stretches the run instead of shortening each parser's minute.
        var mutations = 0L;
        var self = Process.GetCurrentProcess();
        var cpuSeconds = 0.0;
        bool TimeLeft()
        {
            if (mutations % 32 != 0) return true;
            self.Refresh();
            cpuSeconds = self.TotalProcessorTime.TotalSeconds;
            return cpuSeconds < options.Seconds;
        }
        while (options.Executions > 0 ? mutations < options.Executions : TimeLeft())
        {
            mutations++;
            var parent = corpus[random.Next(corpus.Count)];
            var input = random.Next(2000) == 0 ? mutator.Huge(parent) : mutator.Mutate(parent, corpus);
            if (!Execute(input) || input.Length > Mutator.MaxLength) continue;
            corpus.Add(input);
            // Only small inputs are kept in the repository: they reach the same branches and replay in a moment.
            if (options.Grow && input.Length <= 4096 && known.Add(Hash(input)))
            {
                Directory.CreateDirectory(corpusDirectory);
                File.WriteAllBytes(Path.Combine(corpusDirectory, Hash(input)), input);
                grown++;
            }
        }

        self.Refresh();
        var seconds = Math.Max(self.TotalProcessorTime.TotalSeconds, 0.001);
        var result = crashes.Count == 0 ? "ok" : $"{crashes.Count} crash(es): " + string.Join(", ", crashes.Values);
        var corpusText = $"{seeds.Count}->{corpus.Count}" + (options.Grow ? $" (+{grown} kept)" : "");
        Console.WriteLine($"RESULT {target.Name,-20} {executions,10} {executions / seconds,8:0} {seconds,6:0} {corpusText,13} {CountEdges(virgin),6} {maxLength,8}  {result}; slowest input {slowest.TotalMilliseconds:0} ms; {CountEdges(virgin) - edgesAfterSeeds} edges beyond the seeds");
        File.Delete(StateFile(options.Out, target.Name));
        return crashes.Count == 0 ? 0 : 1;
    }

    /// <summary>AFL's hit-count buckets: a new edge, or an edge taken a new order of magnitude of times, is progress.</summary>
    private static bool NewCoverage(byte* map, byte[] virgin)
    {
        var found = false;
        var words = (ulong*)map;
        for (var i = 0; i < MapSize / 8; i++)
        {
            if (words[i] == 0) continue;
            for (var j = i * 8; j < (i * 8) + 8; j++)
            {
                var count = map[j];
                if (count == 0) continue;
                var bucket = Bucket(count);
                if ((virgin[j] & bucket) == 0)
                {
                    virgin[j] |= bucket;
                    found = true;
                }
            }
        }
        return found;
    }

    private static byte Bucket(byte count) => count switch
    {
        1 => 1,
        2 => 2,
        3 => 4,
        <= 7 => 8,
        <= 15 => 16,
        <= 31 => 32,
        <= 127 => 64,
        _ => 128,
    };

    private static int CountEdges(byte[] virgin) => virgin.Count(b => b != 0);

    /// <summary>The exception's type and where in GoPack it was thrown: one finding per bug, not per input.</summary>
    private static string CrashKey(Exception error)
    {
        var frame = new StackTrace(error, false).GetFrames().Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("GoPack.Sdk", StringComparison.Ordinal) == true);
        return error.GetType().FullName + " at " + frame?.DeclaringType?.FullName + "." + frame?.Name;
    }

    /// <summary>Cuts the input while it still fails the same way, for a report a person can read (a few seconds at most).</summary>
    private static byte[] Minimize(FuzzTarget target, byte[] input, string key)
    {
        var clock = Stopwatch.StartNew();
        var current = input;
        for (var chunk = BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, current.Length)) / 2; chunk >= 1 && clock.Elapsed.TotalSeconds < 5; chunk /= 2)
        {
            for (var start = 0; start < current.Length && clock.Elapsed.TotalSeconds < 5;)
            {
                var length = (int)Math.Min(chunk, (uint)(current.Length - start));
                var candidate = current[..start].Concat(current[(start + length)..]).ToArray();
                var error = target.Check(candidate);
                if (error is not null && CrashKey(error) == key) current = candidate;
                else start += length;
            }
        }
        return current;
    }
}
