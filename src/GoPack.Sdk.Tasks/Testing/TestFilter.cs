using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GoPack.Sdk.Testing;

/// <summary>A `dotnet test --filter` expression GoPack can't apply to Go tests; the message says what can be used.</summary>
public sealed class TestFilterException : Exception
{
    public TestFilterException(string message) : base(message)
    {
    }
}

/// <summary>What to ask go for, and which of its results to report.</summary>
/// <param name="RunPattern">go test -run; null runs every test of the packages.</param>
/// <param name="Packages">The packages to test; null: every package of the project.</param>
/// <param name="Include">The filter itself, applied to each result (fully qualified name, name).</param>
public sealed record GoTestSelection(string? RunPattern, IReadOnlyList<string>? Packages, Func<string, string, bool> Include);

/// <summary>
/// Translates a VSTest filter (<c>FullyQualifiedName~X</c>, <c>Name=X</c>, <c>FullyQualifiedName=pkg.TestX</c>, <c>ClassName=pkg</c>,
/// combined with <c>|</c>, <c>&amp;</c> and parentheses; <c>=</c> <c>!=</c> <c>~</c> <c>!~</c>) into go test's package list and
/// -run pattern. A Go test's fully qualified name is <c>import/path.TestName/subtest</c>, its class the package.
/// </summary>
/// <remarks>
/// go's -run can only narrow what runs: exact names (<c>=</c>) select the test functions, a fully qualified name also
/// the package; <c>~</c>, <c>!=</c> and <c>!~</c> leave go's selection wider and the results are filtered. Comparisons
/// ignore case, as VSTest's do.
/// </remarks>
public static class TestFilter
{
    private static readonly string[] Properties = { "FullyQualifiedName", "Name", "ClassName" };
    private static readonly string[] TestPrefixes = { "Test", "Benchmark", "Example", "Fuzz" };

    public static GoTestSelection Translate(string filter, IReadOnlyCollection<string> knownPackages)
    {
        var node = new Parser(filter).ParseAll();
        IReadOnlyList<string>? packages = null;
        if (knownPackages.Count > 0) packages = knownPackages.Where(p => node.MayMatchPackage(p)).ToList();
        var levels = node.RunLevels();
        var pattern = levels is null ? null : string.Join("/", levels);
        return new GoTestSelection(pattern, packages, (fqn, name) => node.Evaluate(fqn, name));
    }

    /// <summary>Splits <c>example.com/svc/calc.TestAdd/case</c> into the package and the test name.</summary>
    public static bool TrySplitFullyQualifiedName(string value, out string package, out string test)
    {
        // The test function is the first element after a dot with no dot or slash in it that starts like a Go test.
        for (var i = value.IndexOf('.'); i >= 0; i = value.IndexOf('.', i + 1))
        {
            var rest = value.Substring(i + 1);
            var slash = rest.IndexOf('/');
            var function = slash < 0 ? rest : rest.Substring(0, slash);
            if (function.IndexOf('.') < 0 && TestPrefixes.Any(p => function.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                package = value.Substring(0, i);
                test = rest;
                return package.Length > 0;
            }
        }
        package = test = "";
        return false;
    }

    /// <summary>Go's regexp.QuoteMeta, case-insensitive as VSTest compares.</summary>
    private static string Quote(string text)
    {
        var builder = new StringBuilder("(?i)");
        foreach (var c in text)
        {
            if (@"\.+*?()|[]{}^$".IndexOf(c) >= 0) builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    private abstract class Node
    {
        public abstract bool Evaluate(string fullyQualifiedName, string name);
        public abstract bool MayMatchPackage(string package);

        /// <summary>-run per subtest level; null when go must run everything (the results are filtered).</summary>
        public abstract IReadOnlyList<string>? RunLevels();
    }

    private sealed class Or : Node
    {
        private readonly IReadOnlyList<Node> _items;

        public Or(IReadOnlyList<Node> items)
        {
            _items = items;
        }

        public override bool Evaluate(string fullyQualifiedName, string name) => _items.Any(i => i.Evaluate(fullyQualifiedName, name));

        public override bool MayMatchPackage(string package) => _items.Any(i => i.MayMatchPackage(package));

        public override IReadOnlyList<string>? RunLevels()
        {
            var levels = _items.Select(i => i.RunLevels()).ToList();
            if (levels.Any(l => l is null)) return null;
            // go splits -run at each slash before matching, so an alternative can only be written for the test function;
            // the subtests of the functions named run and are filtered.
            var functions = levels.Select(l => l![0]).Distinct(StringComparer.Ordinal).ToList();
            return new[] { functions.Count == 1 ? functions[0] : string.Join("|", functions.Select(f => "(?:" + f + ")")) };
        }
    }

    private sealed class And : Node
    {
        private readonly IReadOnlyList<Node> _items;

        public And(IReadOnlyList<Node> items)
        {
            _items = items;
        }

        public override bool Evaluate(string fullyQualifiedName, string name) => _items.All(i => i.Evaluate(fullyQualifiedName, name));

        public override bool MayMatchPackage(string package) => _items.All(i => i.MayMatchPackage(package));

        // Regular expressions can't be intersected: the first selective one narrows, the filter does the rest.
        public override IReadOnlyList<string>? RunLevels() => _items.Select(i => i.RunLevels()).FirstOrDefault(l => l is not null);
    }

    private sealed class Condition : Node
    {
        private readonly string _property;
        private readonly string _operator;
        private readonly string _value;

        public Condition(string property, string op, string value)
        {
            _property = property;
            _operator = op;
            _value = value;
        }

        public override bool Evaluate(string fullyQualifiedName, string name)
        {
            var subject = _property switch
            {
                "Name" => name,
                "ClassName" => fullyQualifiedName.Substring(0, Math.Max(0, fullyQualifiedName.Length - name.Length - 1)),
                _ => fullyQualifiedName,
            };
            return _operator switch
            {
                "=" => string.Equals(subject, _value, StringComparison.OrdinalIgnoreCase),
                "!=" => !string.Equals(subject, _value, StringComparison.OrdinalIgnoreCase),
                "~" => subject.IndexOf(_value, StringComparison.OrdinalIgnoreCase) >= 0,
                _ => subject.IndexOf(_value, StringComparison.OrdinalIgnoreCase) < 0,
            };
        }

        public override bool MayMatchPackage(string package)
        {
            if (_operator == "!=" || _operator == "!~") return true;
            switch (_property)
            {
                case "ClassName":
                    return _operator == "=" ? string.Equals(package, _value, StringComparison.OrdinalIgnoreCase)
                        : package.IndexOf(_value, StringComparison.OrdinalIgnoreCase) >= 0;
                case "FullyQualifiedName":
                    if (!TrySplitFullyQualifiedName(_value, out var valuePackage, out _)) return _operator == "~";
                    return _operator == "=" ? string.Equals(package, valuePackage, StringComparison.OrdinalIgnoreCase)
                        : package.EndsWith(valuePackage, StringComparison.OrdinalIgnoreCase)
                          || (package + ".").IndexOf(_value, StringComparison.OrdinalIgnoreCase) >= 0;
                default:
                    return true;
            }
        }

        public override IReadOnlyList<string>? RunLevels()
        {
            if (_property == "ClassName" || _operator == "!=" || _operator == "!~") return null;
            var test = _value;
            if (_property == "FullyQualifiedName")
            {
                if (!TrySplitFullyQualifiedName(_value, out _, out test)) return null;
                // FullyQualifiedName~pkg.TestAdd: the package ends in pkg and the test name starts with TestAdd.
                if (_operator == "~") return new[] { "^" + Quote(test.Split('/')[0]) };
            }
            else if (_operator == "~")
            {
                // A part of a name may be in any subtest: go must run every test of the packages.
                return null;
            }
            return test.Split('/').Select(level => "^" + Quote(level) + "$").ToList();
        }
    }

    private sealed class Parser
    {
        // Deeper parentheses than any filter a person writes; recursion without a limit overflows the stack, which
        // kills the test host instead of failing with an error.
        private const int MaxDepth = 64;

        private readonly string _text;
        private int _position;
        private int _depth;

        public Parser(string text)
        {
            _text = text ?? "";
        }

        public Node ParseAll()
        {
            if (_text.Trim().Length == 0) throw new TestFilterException("The test filter is empty.");
            var node = ParseOr();
            SkipSpaces();
            if (_position < _text.Length) throw Error($"unexpected '{_text[_position]}' at position {_position + 1}");
            return node;
        }

        private Node ParseOr()
        {
            var items = new List<Node> { ParseAnd() };
            while (Peek() == '|')
            {
                _position++;
                items.Add(ParseAnd());
            }
            return items.Count == 1 ? items[0] : new Or(items);
        }

        private Node ParseAnd()
        {
            var items = new List<Node> { ParsePrimary() };
            while (Peek() == '&')
            {
                _position++;
                items.Add(ParsePrimary());
            }
            return items.Count == 1 ? items[0] : new And(items);
        }

        private Node ParsePrimary()
        {
            if (Peek() == '(')
            {
                _position++;
                if (++_depth > MaxDepth) throw Error($"parentheses are nested more than {MaxDepth} deep");
                var inner = ParseOr();
                if (Peek() != ')') throw Error("a '(' is not closed");
                _position++;
                _depth--;
                return inner;
            }
            return ParseCondition();
        }

        private Node ParseCondition()
        {
            SkipSpaces();
            var raw = new StringBuilder();
            var escapedPositions = new HashSet<int>();
            while (_position < _text.Length)
            {
                var c = _text[_position];
                if (c == '\\' && _position + 1 < _text.Length)
                {
                    escapedPositions.Add(raw.Length);
                    raw.Append(_text[_position + 1]);
                    _position += 2;
                    continue;
                }
                if (c == '&' || c == '|' || c == '(' || c == ')') break;
                raw.Append(c);
                _position++;
            }
            var text = raw.ToString();
            if (text.Trim().Length == 0) throw Error("a condition is missing");

            // The operator is the first unescaped = ~ != !~; a bare value means FullyQualifiedName~value, as in VSTest.
            for (var i = 0; i < text.Length; i++)
            {
                if (escapedPositions.Contains(i)) continue;
                string? op = null;
                if (text[i] == '!' && i + 1 < text.Length && (text[i + 1] == '=' || text[i + 1] == '~')) op = text.Substring(i, 2);
                else if (text[i] == '=' || text[i] == '~') op = text[i].ToString();
                if (op is null) continue;
                var property = text.Substring(0, i).Trim();
                var value = text.Substring(i + op.Length).Trim();
                var known = Properties.FirstOrDefault(p => string.Equals(p, property, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    throw new TestFilterException(
                        $"The test filter '{Shorten(_text)}' uses '{Shorten(property)}', which Go tests don't have. Filter on FullyQualifiedName (import/path.TestName), Name (TestName or TestName/subtest) or ClassName (the package import path) with =, !=, ~ or !~, combined with | and &.");
                }
                if (value.Length == 0) throw Error($"'{Shorten(property)}{op}' has no value");
                return new Condition(known, op, value);
            }
            return new Condition("FullyQualifiedName", "~", text.Trim());
        }

        /// <summary>A filter is quoted in errors; a huge one must not become a huge error.</summary>
        private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "...";

        private char Peek()
        {
            SkipSpaces();
            return _position < _text.Length ? _text[_position] : '\0';
        }

        private void SkipSpaces()
        {
            while (_position < _text.Length && char.IsWhiteSpace(_text[_position])) _position++;
        }

        private TestFilterException Error(string what) =>
            new TestFilterException($"The test filter '{Shorten(_text)}' can't be read: {what}. Write conditions as Property=value (=, !=, ~, !~), combined with | and & and grouped with parentheses.");
    }
}
