using System;
using System.IO;
using System.Security;

namespace GoPack.Sdk.Toolchains;

/// <summary>
/// The exceptions that mean "this place can't be looked at" (missing, unreadable, a malformed path): the toolchain
/// search records them and moves on instead of failing the build.
/// </summary>
internal static class FileSystemFailures
{
    public static bool Is(Exception e) =>
        e is IOException
        || e is UnauthorizedAccessException
        || e is SecurityException
        || e is ArgumentException
        || e is NotSupportedException;
}
