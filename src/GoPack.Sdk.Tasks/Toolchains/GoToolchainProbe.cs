using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using GoPack.Sdk.Common;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Toolchains;

/// <summary>What a go executable said about itself, or why it could not be asked.</summary>
public sealed class GoToolchainProbeResult
{
    private GoToolchainProbeResult(string? goVersion, string? goRoot, string? goOs, string? goArch, string? failure, bool fromCache)
    {
        ReportedVersion = goVersion;
        GoRoot = goRoot;
        GoOs = goOs;
        GoArch = goArch;
        Failure = failure;
        FromCache = fromCache;
    }

    /// <summary>GOVERSION as printed: <c>go1.23.4</c>, or <c>devel go1.24-2b0f2f8 ...</c> for a development build.</summary>
    public string? ReportedVersion { get; }

    public string? GoRoot { get; }

    public string? GoOs { get; }

    public string? GoArch { get; }

    /// <summary>Why the toolchain could not be asked, for SearchedPlaces; null on success.</summary>
    public string? Failure { get; }

    /// <summary>The answer came from the probe cache, so no process was started.</summary>
    public bool FromCache { get; }

    public bool Succeeded => Failure is null;

    /// <summary><see cref="ReportedVersion"/> as a version; null for a development build.</summary>
    public GoVersion? Version => GoVersion.TryParse(ReportedVersion, out var version) ? version : null;

    public static GoToolchainProbeResult Success(string goVersion, string goRoot, string goOs, string goArch, bool fromCache = false) =>
        new GoToolchainProbeResult(
            goVersion ?? throw new ArgumentNullException(nameof(goVersion)),
            goRoot ?? throw new ArgumentNullException(nameof(goRoot)),
            goOs ?? throw new ArgumentNullException(nameof(goOs)),
            goArch ?? throw new ArgumentNullException(nameof(goArch)),
            null,
            fromCache);

    public static GoToolchainProbeResult Failed(string reason) =>
        new GoToolchainProbeResult(null, null, null, null, reason ?? throw new ArgumentNullException(nameof(reason)), false);
}

/// <summary>
/// Asks a go executable for GOVERSION, GOROOT, GOOS and GOARCH by running <c>go env</c>, and remembers the answer
/// per executable path, last-write time and size, so that asking again, in this build or a later one, starts no process.
/// </summary>
/// <remarks>
/// The cache is one JSON file (<c>&lt;GoToolchainCache&gt;/.probes</c>): an object mapping each executable's full path
/// to its stamp and answer, <c>{"format":1,"toolchains":{"/usr/lib/go/bin/go":{"ticks":…,"size":…,"goVersion":"go1.19.8",
/// "goRoot":"/usr/lib/go","goOs":"linux","goArch":"amd64"}}}</c>. It is only ever replaced whole, by renaming a temporary file over it, so a reader sees an old or a new version
/// and never half of one. Two builds writing at once may drop each other's newest line, which only costs a probe later.
/// Failures are not cached: a go that could not run may be fixed without its file changing (chmod, a missing library).
/// </remarks>
public sealed class GoToolchainProbe
{
    /// <summary>The cache file's name inside the toolchain cache folder.</summary>
    public const string CacheFileName = ".probes";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private const string Arguments = "env GOVERSION GOROOT GOOS GOARCH";
    private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
    private static readonly StringComparer PathComparer = IsWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <param name="cacheFile">Where answers are remembered; null to ask every time.</param>
    /// <param name="timeout">How long one <c>go env</c> may take; null for <see cref="DefaultTimeout"/>.</param>
    public GoToolchainProbe(string? cacheFile, TimeSpan? timeout = null)
    {
        CacheFile = string.IsNullOrWhiteSpace(cacheFile) ? null : Path.GetFullPath(cacheFile);
        Timeout = timeout ?? DefaultTimeout;
    }

    public string? CacheFile { get; }

    public TimeSpan Timeout { get; }

    /// <summary><c>&lt;toolchainCacheRoot&gt;/.probes</c>.</summary>
    public static string GetCacheFile(string toolchainCacheRoot) => Path.Combine(toolchainCacheRoot, CacheFileName);

    /// <summary>The executable's answer, from the cache when its file is unchanged, else by running it (and caching a success).</summary>
    public GoToolchainProbeResult Probe(string goExecutable)
    {
        if (goExecutable is null)
        {
            throw new ArgumentNullException(nameof(goExecutable));
        }

        string executable;
        long ticks;
        long size;
        try
        {
            executable = Path.GetFullPath(goExecutable);
            var file = FileProbe.FileInfo(executable);
            if (!file.Exists)
            {
                return GoToolchainProbeResult.Failed($"{executable} does not exist");
            }

            ticks = file.LastWriteTimeUtc.Ticks;
            size = file.Length;
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            return GoToolchainProbeResult.Failed($"cannot read {goExecutable}: {e.Message}");
        }

        if (CacheFile is not null
            && ReadCache(CacheFile).TryGetValue(executable, out var cached)
            && cached.Ticks == ticks
            && cached.Size == size)
        {
            return GoToolchainProbeResult.Success(cached.GoVersion, cached.GoRoot, cached.GoOs, cached.GoArch, fromCache: true);
        }

        var result = Run(executable, Timeout);
        if (result.Succeeded && CacheFile is not null)
        {
            TryWriteCache(CacheFile, executable, new CacheEntry
            {
                Ticks = ticks,
                Size = size,
                GoVersion = result.ReportedVersion!,
                GoRoot = result.GoRoot!,
                GoOs = result.GoOs!,
                GoArch = result.GoArch!,
            });
        }

        return result;
    }

    /// <summary>Runs <c>go env GOVERSION GOROOT GOOS GOARCH</c> with nothing of the caller's Go settings that would change the answer.</summary>
    internal static GoToolchainProbeResult Run(string executable, TimeSpan timeout)
    {
        FileProbe.NotCacheable($"{executable} was asked for its settings");
        var startInfo = new ProcessStartInfo(executable, Arguments)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,

            // A go.mod in the current folder asking for a newer Go would make go env fail under GOTOOLCHAIN=local.
            WorkingDirectory = Path.GetDirectoryName(executable) ?? string.Empty,
        };

        // Without these, the answer would describe the caller's settings rather than the toolchain: GOROOT would
        // be echoed back, GOOS/GOARCH (also from `go env -w`, hence GOENV=off) would name a cross-compilation
        // target, and a go 1.21+ could switch to another toolchain and report that one.
        startInfo.EnvironmentVariables.Remove("GOROOT");
        startInfo.EnvironmentVariables.Remove("GOOS");
        startInfo.EnvironmentVariables.Remove("GOARCH");
        startInfo.EnvironmentVariables.Remove("GOFLAGS");
        startInfo.EnvironmentVariables["GOENV"] = "off";
        startInfo.EnvironmentVariables["GOTOOLCHAIN"] = "local";

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception || e is InvalidOperationException || e is IOException || e is UnauthorizedAccessException)
        {
            return GoToolchainProbeResult.Failed($"cannot run {executable}: {e.Message}");
        }

        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited before reading anything, which is fine.
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)Math.Min(int.MaxValue, Math.Max(1, timeout.TotalMilliseconds))))
        {
            Kill(process);
            return GoToolchainProbeResult.Failed(
                $"`{Path.GetFileName(executable)} {Arguments}` did not answer within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
        }

        // A child that inherited the pipes could keep them open after go exits; the answer is complete by now anyway.
        var stdout = output.Wait(TimeSpan.FromSeconds(2)) ? output.Result : string.Empty;
        var stderr = error.Wait(TimeSpan.FromSeconds(2)) ? error.Result : string.Empty;
        if (process.ExitCode != 0)
        {
            var firstError = FirstLine(stderr);
            return GoToolchainProbeResult.Failed(
                $"`{Path.GetFileName(executable)} {Arguments}` exited with code {process.ExitCode}{(firstError.Length == 0 ? string.Empty : ": " + firstError)}");
        }

        return Parse(stdout, executable);
    }

    /// <summary>Reads the four lines go env prints; anything else is refused with what was printed.</summary>
    internal static GoToolchainProbeResult Parse(string output, string executable)
    {
        var lines = (output ?? string.Empty).Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 4
            && lines[0].Length > 0
            && lines[1].Length > 0
            && IsRooted(lines[1])
            && IsGoName(lines[2])
            && IsGoName(lines[3]))
        {
            return GoToolchainProbeResult.Success(lines[0], lines[1], lines[2], lines[3]);
        }

        // Go before 1.16 prints an empty line for GOVERSION, which it doesn't know.
        var shown = string.Join(" | ", lines);
        if (shown.Length > 200)
        {
            shown = shown.Substring(0, 200) + "...";
        }

        return GoToolchainProbeResult.Failed(
            $"`{Path.GetFileName(executable)} {Arguments}` printed \"{shown}\" instead of GOVERSION, GOROOT, GOOS and GOARCH (Go 1.16 or newer answers that)");
    }

    private static Dictionary<string, CacheEntry> ReadCache(string cacheFile)
    {
        var entries = new Dictionary<string, CacheEntry>(PathComparer);
        CacheDocument? document;
        try
        {
            if (!FileProbe.FileExists(cacheFile))
            {
                return entries;
            }

            document = JsonSerializer.Deserialize(FileProbe.ReadAllText(cacheFile, Encoding.UTF8), GoToolchainProbeJson.Default.CacheDocument);
        }
        catch (Exception e) when (FileSystemFailures.Is(e) || e is JsonException)
        {
            // Whatever doesn't parse is dropped: the cache only saves work, it never decides anything.
            return entries;
        }

        if (document?.Format != CacheFormat || document.Toolchains is null)
        {
            return entries;
        }

        foreach (var pair in document.Toolchains)
        {
            var entry = pair.Value;
            if (pair.Key.Length > 0 && entry is not null && entry.Ticks > 0 && entry.Size >= 0
                && new[] { entry.GoVersion, entry.GoRoot, entry.GoOs, entry.GoArch }.All(f => !string.IsNullOrEmpty(f)))
            {
                entries[pair.Key] = entry;
            }
        }

        return entries;
    }

    private static void TryWriteCache(string cacheFile, string executable, CacheEntry entry)
    {
        string? temporary = null;
        try
        {
            var directory = Path.GetDirectoryName(cacheFile)!;
            Directory.CreateDirectory(directory);

            // Re-read just before writing so that what other builds added meanwhile is kept.
            var entries = ReadCache(cacheFile);
            entries[executable] = entry;
            var document = new CacheDocument
            {
                Format = CacheFormat,
                Toolchains = entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
            };

            temporary = Path.Combine(directory, ".tmp-probes-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            File.WriteAllText(temporary, JsonSerializer.Serialize(document, GoToolchainProbeJson.Default.CacheDocument) + "\n", new UTF8Encoding(false));
            Replace(temporary, cacheFile);
            temporary = null;
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            // A read-only cache folder only means probing again next time.
        }
        finally
        {
            if (temporary is not null)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception e) when (FileSystemFailures.Is(e))
                {
                }
            }
        }
    }

    private static void Replace(string source, string destination)
    {
#if NET
        File.Move(source, destination, overwrite: true);
#else
        // netstandard2.0 has no overwriting move; File.Replace is the atomic one, and needs an existing target.
        if (File.Exists(destination))
        {
            File.Replace(source, destination, null);
        }
        else
        {
            File.Move(source, destination);
        }
#endif
    }

    private static void Kill(Process process)
    {
        try
        {
#if NET
            process.Kill(entireProcessTree: true);
#else
            process.Kill();
#endif
        }
        catch (Exception e) when (e is InvalidOperationException || e is Win32Exception || e is NotSupportedException)
        {
            // It exited on its own meanwhile.
        }
    }

    private static string FirstLine(string text)
    {
        var line = (text ?? string.Empty).Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        return line.Length > 200 ? line.Substring(0, 200) + "..." : line;
    }

    private static bool IsRooted(string path)
    {
        try
        {
            return Path.IsPathRooted(path);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // GOOS and GOARCH values are lower-case letters and digits; anything else is not go env's answer.
    private static bool IsGoName(string value) =>
        value.Length > 0 && value.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));

    /// <summary>Bumped when the meaning of an entry changes: a file of another format is ignored, then replaced.</summary>
    private const int CacheFormat = 1;

    internal sealed class CacheDocument
    {
        public int Format { get; set; }

        /// <summary>By the go executable's full path.</summary>
        public Dictionary<string, CacheEntry>? Toolchains { get; set; }
    }

    internal sealed class CacheEntry
    {
        /// <summary>The executable's last-write time (UTC ticks) and size when it was asked: a change asks again.</summary>
        public long Ticks { get; set; }

        public long Size { get; set; }

        public string GoVersion { get; set; } = "";

        public string GoRoot { get; set; } = "";

        public string GoOs { get; set; } = "";

        public string GoArch { get; set; } = "";
    }
}

/// <summary>The probe cache's JSON, generated at compile time (no reflection or Reflection.Emit when a build reads it).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(GoToolchainProbe.CacheDocument))]
internal sealed partial class GoToolchainProbeJson : JsonSerializerContext
{
}
