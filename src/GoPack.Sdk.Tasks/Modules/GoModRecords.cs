namespace GoPack.Sdk.Modules;

/// <summary>A <c>require</c> line. <see cref="Indirect"/> comes from a <c>// indirect</c> comment, as in Go.</summary>
public sealed record GoModRequire(string Path, string Version, bool Indirect, int Line);

/// <summary>A <c>replace</c> line, in go.mod or go.work.</summary>
public sealed record GoModReplace(string OldPath, string? OldVersion, string NewPath, string? NewVersion, int Line)
{
    /// <summary>
    /// True when the replacement is a directory (./x, ../x, /x, C:\x): Go only allows a target without a version
    /// for those, so the missing version is what identifies them.
    /// </summary>
    public bool IsLocal => NewVersion is null;
}

/// <summary>An <c>exclude</c> line.</summary>
public sealed record GoModExclude(string Path, string Version, int Line);

/// <summary>
/// A <c>retract</c> line: a single version has <see cref="Low"/> equal to <see cref="High"/>.
/// <see cref="Rationale"/> is the comment on the same line, which Go shows to users of the retracted versions.
/// </summary>
public sealed record GoModRetract(string Low, string High, string? Rationale, int Line);

/// <summary>A <c>godebug key=value</c> setting (Go 1.23+), in go.mod or go.work.</summary>
public sealed record GoModGodebug(string Key, string Value, int Line);

/// <summary>A <c>use</c> line in go.work: a module directory, relative to the go.work file unless rooted.</summary>
public sealed record GoWorkUse(string Path, int Line);
