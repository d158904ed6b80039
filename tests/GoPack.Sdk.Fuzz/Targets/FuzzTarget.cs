using System.Text;
using System.Text.RegularExpressions;

namespace GoPack.Sdk.Fuzz;

/// <summary>
/// One parser under fuzzing: how bytes reach it (as a file's bytes, a process's output lines, an environment value),
/// which exceptions are its documented way of saying "bad input", and words worth splicing into inputs.
/// </summary>
/// <remarks>
/// Any other exception is a bug in the parser: an MSBuild task would turn it into a stack trace instead of an error
/// with a code, file and line. A target may also check a property of the result (e.g. a mask hides the secret).
/// </remarks>
public sealed class FuzzTarget
{
    public FuzzTarget(string name, string description, Action<byte[]> run, Type[]? expected = null, string[]? dictionary = null)
    {
        Name = name;
        Description = description;
        Run = run;
        Expected = expected ?? [];
        Dictionary = (dictionary ?? []).Select(Encoding.UTF8.GetBytes).ToArray();
    }

    /// <summary>A folder name under Corpus/: lower case, dashes.</summary>
    public string Name { get; }

    public string Description { get; }

    public Action<byte[]> Run { get; }

    /// <summary>The parser's own error types: an input that raises one of these is rejected, not a crash.</summary>
    public IReadOnlyList<Type> Expected { get; }

    public IReadOnlyList<byte[]> Dictionary { get; }

    public bool IsExpected(Exception e) => Expected.Any(t => t.IsInstanceOfType(e));

    /// <summary>Runs one input: null when it passed or was rejected as the parser documents, else the bug.</summary>
    public Exception? Check(byte[] input)
    {
        try
        {
            Run(input);
            return null;
        }
        catch (Exception e) when (IsExpected(e))
        {
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Bytes as File.ReadAllText reads them: BOM dropped, invalid UTF-8 replaced.</summary>
    public static string Text(byte[] input) => new UTF8Encoding(false).GetString(input).TrimStart('\uFEFF');

    /// <summary>Bytes as a process's output reaches a task: split at \n, \r\n and \r, as Process.OutputDataReceived does.</summary>
    public static IReadOnlyList<string> Lines(byte[] input) => LineBreak.Split(Text(input));

    private static readonly Regex LineBreak = new("\r\n|\r|\n", RegexOptions.CultureInvariant);

    /// <summary>A property that must hold for every input; its failure is a crash like any other.</summary>
    public static void Require(bool condition, string what)
    {
        if (!condition) throw new FuzzPropertyException(what);
    }
}

/// <summary>A fuzz target's own check failed: a wrong answer rather than an exception from the parser.</summary>
public sealed class FuzzPropertyException(string message) : Exception(message);
