using System;
using System.Collections.Generic;
using System.IO;
using GoPack.Sdk.Execution;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Clever Cloud's makefile build tool: runs make in the module directory with the chosen Go first on PATH, then
/// checks that the binary the project names (GoBinary / CC_GO_BINARY) exists.
/// </summary>
public sealed class GoMake : GoToolTask
{
    /// <summary>The binary the Makefile produces, relative to the module directory.</summary>
    [Required] public string Binary { get; set; } = "";

    /// <summary>GoMakeTarget: the make target to run; empty runs the Makefile's default target.</summary>
    public string? Target { get; set; }

    /// <summary>make, or $(MAKE).</summary>
    public string? MakeExecutable { get; set; }

    protected override string ToolName => "make";

    protected override string GenerateFullPathToTool()
    {
        var make = string.IsNullOrWhiteSpace(MakeExecutable) ? "make" : MakeExecutable!;
        // Not found: keep the name, so ValidateParameters can say what is missing.
        return ExecutableSearch.Find(make, Environment.GetEnvironmentVariable("PATH")) ?? make;
    }

    protected override IEnumerable<string> GetArguments()
    {
        if (!string.IsNullOrWhiteSpace(Target)) yield return Target!;
    }

    protected override IDictionary<string, string> GetEnvironmentOverrides()
    {
        var environment = base.GetEnvironmentOverrides();
        // The Makefile's `go` must be the toolchain GoPack chose.
        environment["PATH"] = SearchPath.Prepend(Path.Combine(GoRoot, "bin"), Environment.GetEnvironmentVariable("PATH"));
        return environment;
    }

    protected override bool ValidateParameters()
    {
        var make = GenerateFullPathToTool();
        if (!File.Exists(make))
        {
            LogGoPackError(GoPackErrors.MakefileBuildFailed,
                $"The project builds with its Makefile (GoBuildTool=makefile), but '{make}' was not found. Install make (Debian/Ubuntu: apt-get install make) or set MAKE.");
            return false;
        }
        return base.ValidateParameters();
    }

    public override bool Execute()
    {
        if (!base.Execute()) return false;
        var binary = Path.GetFullPath(Path.Combine(WorkingDirectory, Binary));
        if (!File.Exists(binary))
        {
            LogGoPackError(GoPackErrors.MakefileBuildFailed,
                $"make succeeded but did not produce '{binary}', the binary the project names (GoBinary or CC_GO_BINARY). Make the Makefile write it there, or correct GoBinary.");
            return false;
        }
        return true;
    }
}
