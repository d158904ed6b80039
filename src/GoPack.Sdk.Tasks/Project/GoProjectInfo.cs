using System;
using System.Collections.Generic;
using GoPack.Sdk.Modules;

namespace GoPack.Sdk.Project;

/// <summary>What <see cref="GoProjectDetector"/> found. Directories are full paths without a trailing separator.</summary>
public sealed class GoProjectInfo
{
    public GoProjectKind Kind { get; init; }

    /// <summary>The GoProjectKind property value: module, workspace, file or makefile; empty on failure.</summary>
    public string KindName => Kind.ToPropertyValue();

    /// <summary>Where the search started: the project directory, or GoModuleDir resolved against it.</summary>
    public string StartDirectory { get; init; } = "";

    /// <summary>
    /// The directory go runs in and package paths are relative to: the go.mod directory for a module, the go.work
    /// directory for a workspace, the start directory for a file or Makefile project.
    /// </summary>
    public string ModuleRoot { get; init; } = "";

    /// <summary>The go.mod that defines the module; for a workspace, the go.mod beside go.work if there is one.</summary>
    public string? GoModPath { get; init; }

    /// <summary>The go.work go would use: found upward from the start directory, or named by GOWORK.</summary>
    public string? GoWorkPath { get; init; }

    /// <summary>The Makefile in <see cref="ModuleRoot"/> (GNUmakefile, makefile or Makefile, as make looks for them).</summary>
    public string? MakefilePath { get; init; }

    public GoModFile? GoMod { get; init; }

    public GoWorkFile? GoWork { get; init; }

    /// <summary>The module line of <see cref="GoModPath"/>.</summary>
    public string? ModulePath { get; init; }

    /// <summary>The go.work <c>use</c> directories, in file order.</summary>
    public IReadOnlyList<string> UseDirectories { get; init; } = Array.Empty<string>();

    /// <summary>Local directory targets of <c>replace</c> lines in go.mod and go.work: sources outside the module.</summary>
    public IReadOnlyList<string> LocalReplaceDirectories { get; init; } = Array.Empty<string>();

    /// <summary>vendor/modules.txt exists where go looks for it (the workspace root in workspace mode): build with -mod=vendor.</summary>
    public bool HasVendor { get; init; }

    /// <summary>vendor/modules.txt when <see cref="HasVendor"/>: its <c>## explicit; go 1.20</c> lines are minimums too.</summary>
    public string? VendorModulesPath { get; init; }

    /// <summary>Pre-modules dependency files found (e.g. "Gopkg.lock"), relative to <see cref="ModuleRoot"/> with '/'.</summary>
    public IReadOnlyList<string> LegacyLayouts { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    public GoProjectErrorKind ErrorKind { get; init; }

    public string? Error { get; init; }

    public string? ErrorFile { get; init; }

    public int ErrorLine { get; init; }

    public bool Succeeded => Error is null;
}
