using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace GoPack.Sdk.Functions;

/// <summary>
/// A URL path a function answers, from its file's path as on Vercel: <c>api/hello.go</c> → <c>/api/hello</c>;
/// <c>api/index.go</c> → <c>/api</c> and <c>/api/index</c>; <c>api/users/[id].go</c> → <c>/api/users/:id</c>, whose
/// last segment is handed to the function as the query parameter <c>id</c>.
/// </summary>
public sealed class FunctionRoute
{
    private static readonly Regex ParameterName = new("^[A-Za-z0-9_][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant);

    private FunctionRoute(IReadOnlyList<string> segments)
    {
        Segments = segments;
        Pattern = "/" + string.Join("/", segments);
        Parameters = segments.Where(s => s.StartsWith(":", StringComparison.Ordinal)).Select(s => s.Substring(1)).ToList();
    }

    /// <summary>"/api/users/:id".</summary>
    public string Pattern { get; }

    /// <summary>"api", "users", ":id": literal segments, and parameters as ":name".</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>The names of the parameter segments, in order.</summary>
    public IReadOnlyList<string> Parameters { get; }

    public bool IsDynamic => Parameters.Count > 0;

    /// <summary>The pattern with parameter names left out: two routes with the same shape answer the same URLs.</summary>
    public string Shape => "/" + string.Join("/", Segments.Select(s => s.StartsWith(":", StringComparison.Ordinal) ? ":" : s));

    /// <summary>
    /// The routes of a function file (two for an index file), or why the file's path can't be a route.
    /// </summary>
    /// <param name="source">Slash-separated, relative to the project root: "api/users/[id].go".</param>
    public static (IReadOnlyList<FunctionRoute> Routes, string? Error) FromSource(string source)
    {
        var parts = source.Split('/');
        var stem = parts[parts.Length - 1];
        stem = stem.EndsWith(".go", StringComparison.Ordinal) ? stem.Substring(0, stem.Length - 3) : stem;
        var directories = parts.Take(parts.Length - 1).ToList();

        foreach (var directory in directories)
        {
            if (directory.IndexOf('[') >= 0 || directory.IndexOf(']') >= 0)
            {
                return (Array.Empty<FunctionRoute>(),
                    $"the folder '{directory}' can't be a route parameter: go can't import a package whose path holds brackets. " +
                    "Name the file instead (api/users/[id].go answers /api/users/:id), or read the value from a query parameter.");
            }
        }

        string last;
        if (stem.StartsWith("[", StringComparison.Ordinal) && stem.EndsWith("]", StringComparison.Ordinal) && ParameterName.IsMatch(stem.Substring(1, stem.Length - 2)))
        {
            last = ":" + stem.Substring(1, stem.Length - 2);
        }
        else if (stem.IndexOf('[') >= 0 || stem.IndexOf(']') >= 0)
        {
            return (Array.Empty<FunctionRoute>(),
                $"'{stem}' is not a route parameter GoPack supports: only a whole file name in brackets, [name], with letters, digits, '_' and '-' " +
                "(catch-all [...name] and optional [[...name]] segments are not supported). Rename the file, e.g. [id].go.");
        }
        else
        {
            last = stem;
        }

        var routes = new List<FunctionRoute>();
        if (last == "index")
        {
            routes.Add(new FunctionRoute(directories));
        }

        routes.Add(new FunctionRoute(directories.Concat(new[] { last }).ToList()));
        return (routes, null);
    }

    /// <summary>
    /// The order the server tries routes in, a total order so the generated code never depends on the file system:
    /// routes without parameters first (the server looks them up by path), then by number of segments (only routes
    /// of one length can match the same path), then literal segments before parameters at the first place they
    /// differ (/api/users/me before /api/users/:id), then by pattern.
    /// </summary>
    public static int CompareForMatching(FunctionRoute a, FunctionRoute b)
    {
        if (a is null) throw new ArgumentNullException(nameof(a));
        if (b is null) throw new ArgumentNullException(nameof(b));
        if (a.IsDynamic != b.IsDynamic) return a.IsDynamic ? 1 : -1;
        if (a.Segments.Count != b.Segments.Count) return a.Segments.Count.CompareTo(b.Segments.Count);
        for (var i = 0; i < a.Segments.Count; i++)
        {
            var aParameter = a.Segments[i].StartsWith(":", StringComparison.Ordinal);
            var bParameter = b.Segments[i].StartsWith(":", StringComparison.Ordinal);
            if (aParameter != bParameter) return aParameter ? 1 : -1;
        }

        return string.CompareOrdinal(a.Pattern, b.Pattern);
    }

    public override string ToString() => Pattern;
}
