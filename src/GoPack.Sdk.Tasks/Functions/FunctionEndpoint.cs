using System.Collections.Generic;

namespace GoPack.Sdk.Functions;

/// <summary>One function of a function project: a handler in a file under api/ and the routes it answers.</summary>
public sealed class FunctionEndpoint
{
    /// <summary>Slash-separated, relative to the project root: "api/users/[id].go".</summary>
    public string Source { get; init; } = "";

    /// <summary>The exported handler's name, e.g. "Handler".</summary>
    public string Function { get; init; } = "";

    /// <summary>The package clause's name in the source ("handler").</summary>
    public string PackageName { get; init; } = "";

    /// <summary>The import path of the handler's package, e.g. "example.com/app/api/users".</summary>
    public string ImportPath { get; init; } = "";

    /// <summary>"/api/users/:id"; an index file has two ("/api", "/api/index").</summary>
    public IReadOnlyList<FunctionRoute> Routes { get; init; } = new List<FunctionRoute>();
}
