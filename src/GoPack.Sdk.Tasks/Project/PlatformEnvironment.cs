using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Project;

/// <summary>How GoPack treats a platform's environment variable.</summary>
public enum PlatformVariableSupport
{
    /// <summary>GoPack reads it, with the meaning it has on the platform (differences are in the note).</summary>
    Honoured,

    /// <summary>GoPack leaves it to go (or the C compiler), which reads it from the environment.</summary>
    PassedThrough,

    /// <summary>GoPack warns and ignores it.</summary>
    Unsupported,
}

/// <summary>One environment variable from a seed platform's documentation.</summary>
/// <param name="Name">The variable; a trailing "*" is a prefix (GO_GIT_CRED__*).</param>
/// <param name="Platforms">Where users know it from.</param>
/// <param name="Property">The GoPack property with the same effect (properties win over variables), or "" when there is none.</param>
public sealed record PlatformVariable(string Name, string Platforms, string Property, PlatformVariableSupport Support, string Note);

/// <summary>Every seed-platform variable GoPack knows, for the README table and for warnings.</summary>
public static class PlatformEnvironment
{
    public static IReadOnlyList<PlatformVariable> Variables { get; } = new[]
    {
        Honoured("GOVERSION", "Heroku, Scalingo", "GoVersion", "Go version; after the GoVersion property, before go.mod. 1.22 means the newest 1.22.x, 1.22.3 exactly."),
        Honoured("RAILPACK_GO_VERSION", "Railpack", "GoVersion", "Go version, after GOVERSION. Unlike Railpack it wins over go.mod, as every explicit setting does."),
        Honoured("RAILPACK_GO_BIN", "Railpack", "GoMainPackage", "Builds ./cmd/<value>."),
        Honoured("RAILPACK_GO_WORKSPACE_MODULE", "Railpack", "GoWorkspaceModule", "go.work module to build; its root, else its cmd/* main packages. Must be a `use` of go.work."),
        Honoured("CGO_ENABLED", "Railpack, Vercel, Go", "CgoEnabled", "1 turns cgo on; default off (static binaries), as on Railpack and Vercel."),
        Honoured("CC_GO_BUILD_TOOL", "Clever Cloud", "GoBuildTool", "gomod, gobuild or makefile; goget (deprecated) builds as gomod/gobuild with a warning."),
        Honoured("CC_GO_BINARY", "Clever Cloud", "GoBinary", "The binary the Makefile produces; with a Makefile and no go.mod it selects the makefile build, as on Clever Cloud."),
        Honoured("CC_GO_PKG", "Clever Cloud", "GoMainPackage", "Package or .go file to build; a relative directory such as cmd/api is read as ./cmd/api."),
        Unsupported("CC_GO_RUNDIR", "Clever Cloud", "", "Deprecated by Clever Cloud (a GOPATH-era run directory); GoPack warns and ignores it. Use GoModuleDir or GoRunCommand."),
        Honoured("CC_TROUBLESHOOT", "Clever Cloud", "GoTroubleshoot", "true adds -x -race; -race needs cgo, so cgo is turned on unless CgoEnabled/CGO_ENABLED turns it off."),
        Honoured("CC_RUN_COMMAND", "Clever Cloud", "GoRunCommand", "Start command for `dotnet run` and the generated Procfile's web process; the binaries are still built."),
        Honoured("CC_PRE_BUILD_HOOK", "Clever Cloud", "GoPreBuildCommand", "Command run before go build; a failure fails the build."),
        Honoured("CC_POST_BUILD_HOOK", "Clever Cloud", "GoPostBuildCommand", "Command run after go build; a failure fails the build."),
        Honoured("GO_INSTALL_PACKAGE_SPEC", "Heroku, Scalingo", "GoMainPackage", "Space-separated packages; ./cmd/... builds every main package below cmd/."),
        Honoured("GO_LINKER_SYMBOL", "Heroku, Scalingo", "GoLinkerSymbol", "With GO_LINKER_VALUE: -ldflags \"-X SYMBOL=VALUE\". Ignored alone, as on Heroku."),
        Honoured("GO_LINKER_VALUE", "Heroku, Scalingo", "GoLinkerSymbol", "The value for GO_LINKER_SYMBOL."),
        Honoured("GO_BUILD_FLAGS", "Vercel", "GoBuildFlags", "Replaces GoPack's default flags (-trimpath, -ldflags \"-s -w\" in Release); other Go* settings still add to it."),
        Honoured("GIT_CREDENTIALS", "Vercel", "", "https://user:token@host URLs (newline- or comma-separated) for private modules; given to git through the environment only, masked in the log."),
        Honoured("GO_GIT_CRED__*", "Heroku, Scalingo", "", "GO_GIT_CRED__HTTPS__GITHUB__COM=user:password or a token; every __ in the host is a dot. Sets GOPRIVATE for the host unless set."),
        PassedThrough("GOFLAGS", "Heroku, Scalingo, Go", "", "Read by go; a -mod in it stops GoPack adding -mod=vendor."),
        PassedThrough("GOPROXY", "Heroku, Scalingo, Go", "", "Read by go."),
        PassedThrough("GOPRIVATE", "Heroku, Scalingo, Go", "", "Read by go; when set, credentials do not change it."),
        PassedThrough("GONOPROXY", "Heroku, Scalingo, Go", "", "Read by go."),
        PassedThrough("GONOSUMDB", "Heroku, Scalingo, Go", "", "Read by go."),
        PassedThrough("CGO_CFLAGS", "Heroku, Scalingo, Go", "", "Read by cgo when cgo is on."),
        PassedThrough("CGO_CPPFLAGS", "Heroku, Scalingo, Go", "", "Read by cgo when cgo is on."),
        PassedThrough("CGO_CXXFLAGS", "Heroku, Scalingo, Go", "", "Read by cgo when cgo is on."),
        PassedThrough("CGO_LDFLAGS", "Heroku, Scalingo, Go", "", "Read by cgo when cgo is on."),
    };

    /// <summary>The variables go reads itself, which a build must pass to it unchanged.</summary>
    public static IReadOnlyList<string> PassThroughVariables { get; } =
        Variables.Where(v => v.Support == PlatformVariableSupport.PassedThrough).Select(v => v.Name).ToList();

    /// <summary>The entry for a variable name, matching GO_GIT_CRED__ names by prefix; null for unknown names.</summary>
    public static PlatformVariable? Find(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        return Variables.FirstOrDefault(v => v.Name.EndsWith("*", StringComparison.Ordinal)
            ? name.StartsWith(v.Name.Substring(0, v.Name.Length - 1), StringComparison.OrdinalIgnoreCase)
            : string.Equals(v.Name, name, StringComparison.Ordinal));
    }

    /// <summary>A warning for each unsupported variable that is set.</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyDictionary<string, string>? environment) =>
        Variables
            .Where(v => v.Support == PlatformVariableSupport.Unsupported && Settings.Get(environment, v.Name) is not null)
            .Select(v => $"{v.Name} is set but GoPack does not support it: {v.Note}")
            .ToList();

    /// <summary>The table as Markdown, for the README.</summary>
    public static string ToMarkdownTable()
    {
        var builder = new StringBuilder();
        builder.Append("| Variable | Platforms | GoPack property | Support | Notes |\n");
        builder.Append("|---|---|---|---|---|\n");
        foreach (var v in Variables)
        {
            var support = v.Support switch
            {
                PlatformVariableSupport.Honoured => "honoured",
                PlatformVariableSupport.PassedThrough => "passed to go",
                _ => "ignored (warning)",
            };
            builder.Append($"| `{v.Name}` | {v.Platforms} | {(v.Property.Length == 0 ? "—" : "`" + v.Property + "`")} | {support} | {v.Note.Replace("|", "\\|")} |\n");
        }

        return builder.ToString();
    }

    private static PlatformVariable Honoured(string name, string platforms, string property, string note) =>
        new(name, platforms, property, PlatformVariableSupport.Honoured, note);

    private static PlatformVariable PassedThrough(string name, string platforms, string property, string note) =>
        new(name, platforms, property, PlatformVariableSupport.PassedThrough, note);

    private static PlatformVariable Unsupported(string name, string platforms, string property, string note) =>
        new(name, platforms, property, PlatformVariableSupport.Unsupported, note);
}
