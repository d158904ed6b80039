using System.Runtime.InteropServices;
using Xunit;

namespace GoMath.Tests;

/// <summary>The Go functions gomath exports, as .NET sees them.</summary>
internal static partial class GoMath
{
    private const string Library = "gomath";

    [LibraryImport(Library)]
    public static partial int Add(int a, int b);

    [LibraryImport(Library)]
    public static partial long Fibonacci(int n);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr Greet(string name);

    [LibraryImport(Library)]
    private static partial void FreeString(IntPtr value);

    /// <summary>Go allocates the answer with C's malloc; Go's FreeString gives it back.</summary>
    public static string GreetFromGo(string name)
    {
        var answer = Greet(name);
        try
        {
            return Marshal.PtrToStringUTF8(answer)!;
        }
        finally
        {
            FreeString(answer);
        }
    }
}

public class GoMathTests
{
    [Fact]
    public void Go_adds() => Assert.Equal(5, GoMath.Add(2, 3));

    [Fact]
    public void Go_counts_fibonacci() => Assert.Equal(12586269025L, GoMath.Fibonacci(50));

    [Fact]
    public void Go_greets_in_utf8() => Assert.Equal("Hello, Zoë, from Go!", GoMath.GreetFromGo("Zoë"));
}
