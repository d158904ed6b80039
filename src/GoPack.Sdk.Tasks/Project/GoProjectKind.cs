using System;

namespace GoPack.Sdk.Project;

/// <summary>What kind of Go project a .gocsproj builds. <see cref="ToPropertyValue"/> gives the GoProjectKind value.</summary>
public enum GoProjectKind
{
    /// <summary>Nothing was found; <see cref="GoProjectInfo.Error"/> says why.</summary>
    None = 0,

    /// <summary>A go.mod module.</summary>
    Module,

    /// <summary>A go.work workspace whose directory is the project root.</summary>
    Workspace,

    /// <summary>A directory with main.go and no go.mod: built as a list of files.</summary>
    File,

    /// <summary>A Makefile with GoBinary/CC_GO_BINARY set and no go.mod (Clever Cloud's rule).</summary>
    Makefile,

    /// <summary>
    /// Functions under api/ (Vercel's layout) served by one generated binary. Detection returns it for a folder with
    /// api/*.go and no go.mod or main.go; a module becomes one once its analysis finds functions and no main package.
    /// </summary>
    Functions,

    /// <summary>A module without a main package. Never returned by detection: the package listing decides it.</summary>
    Library,
}

public static class GoProjectKindExtensions
{
    /// <summary>The lower-case name used for the GoProjectKind MSBuild property: module, workspace, file, makefile, library.</summary>
    public static string ToPropertyValue(this GoProjectKind kind) => kind switch
    {
        GoProjectKind.None => "",
        GoProjectKind.Module => "module",
        GoProjectKind.Workspace => "workspace",
        GoProjectKind.File => "file",
        GoProjectKind.Makefile => "makefile",
        GoProjectKind.Library => "library",
        GoProjectKind.Functions => "functions",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>Why detection failed, so the caller can pick its diagnostic code.</summary>
public enum GoProjectErrorKind
{
    None = 0,

    /// <summary>No go.mod, go.work, main.go or usable Makefile.</summary>
    NotFound,

    /// <summary>GoModuleDir names a directory that does not exist.</summary>
    ModuleDirectoryMissing,

    /// <summary>A pre-modules dependency manager's files and no go.mod.</summary>
    LegacyLayout,

    /// <summary>go.mod or go.work could not be read or parsed; <see cref="GoProjectInfo.ErrorFile"/> and line point at it.</summary>
    Unreadable,
}
