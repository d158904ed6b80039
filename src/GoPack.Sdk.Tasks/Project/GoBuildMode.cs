using System;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Project;

/// <summary>What go links a main package into (GoBuildMode, go build's -buildmode).</summary>
public enum GoBuildMode
{
    /// <summary>A program (go's default).</summary>
    Exe = 0,

    /// <summary>A position-independent program.</summary>
    Pie,

    /// <summary>A C shared library (.so, .dylib, .dll) and its C header: what [DllImport] loads.</summary>
    CShared,

    /// <summary>A C static library (.a) and its C header, for C/C++ programs to link.</summary>
    CArchive,
}

/// <summary>GoBuildMode's values, and the file names go's C libraries get on each operating system.</summary>
public static class GoBuildModes
{
    /// <summary>The values GoBuildMode accepts, for the messages.</summary>
    public const string Supported = "exe, pie, c-shared, c-archive";

    /// <summary>Blank is <see cref="GoBuildMode.Exe"/>; go's other modes (plugin, shared, archive) build nothing a .NET project can ship.</summary>
    public static bool TryParse(string? value, out GoBuildMode mode)
    {
        switch (Settings.Trimmed(value)?.ToLowerInvariant())
        {
            case null:
            case "exe":
            case "default":
                mode = GoBuildMode.Exe;
                return true;
            case "pie":
                mode = GoBuildMode.Pie;
                return true;
            case "c-shared":
                mode = GoBuildMode.CShared;
                return true;
            case "c-archive":
                mode = GoBuildMode.CArchive;
                return true;
            default:
                mode = GoBuildMode.Exe;
                return false;
        }
    }

    /// <summary>go build's -buildmode value.</summary>
    public static string ToFlagValue(this GoBuildMode mode) => mode switch
    {
        GoBuildMode.Pie => "pie",
        GoBuildMode.CShared => "c-shared",
        GoBuildMode.CArchive => "c-archive",
        _ => "exe",
    };

    /// <summary>A C library: it needs cgo, exactly one main package, and is loaded or linked rather than run.</summary>
    public static bool IsCLibrary(this GoBuildMode mode) => mode is GoBuildMode.CShared or GoBuildMode.CArchive;

    /// <summary>
    /// The library's file name for <paramref name="name"/> on <paramref name="goos"/>, as .NET's native library probing
    /// expects it: [DllImport("gomath")] looks for libgomath.so on Linux, libgomath.dylib on macOS, gomath.dll on
    /// Windows. A static library is lib&lt;name&gt;.a everywhere (go's and gcc's convention). A program keeps its name.
    /// </summary>
    public static string FileName(this GoBuildMode mode, string name, string goos, string executableSuffix)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        return mode switch
        {
            GoBuildMode.CShared when goos == "windows" => name + ".dll",
            GoBuildMode.CShared when goos is "darwin" or "ios" => "lib" + name + ".dylib",
            GoBuildMode.CShared => "lib" + name + ".so",
            GoBuildMode.CArchive => "lib" + name + ".a",
            _ => name + executableSuffix,
        };
    }

    /// <summary>The C header go writes beside a C library: the library's name with .h (go build -o libx.so writes libx.h).</summary>
    public static string? HeaderFileName(this GoBuildMode mode, string libraryFileName) =>
        mode.IsCLibrary() ? System.IO.Path.ChangeExtension(libraryFileName, ".h") : null;
}
