using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using GoPack.Sdk.Diagnostics;
using GoPack.Sdk.Execution;
using GoPack.Sdk.Packages;
using GoPack.Sdk.Testing;
using Microsoft.Testing.Platform.Capabilities.TestFramework;
using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.Extensions.TestFramework;
using Microsoft.Testing.Platform.Requests;
using Microsoft.Testing.Platform.TestHost;

namespace GoPack.TestHost;

public sealed class GoTestCapabilities : ITestFrameworkCapabilities
{
    public IReadOnlyCollection<ITestFrameworkCapability> Capabilities => Array.Empty<ITestFrameworkCapability>();
}

/// <summary>
/// A Microsoft.Testing.Platform test framework over `go test -json`: each Go test and subtest is a test node
/// (uid and display name <c>import/path.TestName/subtest</c>), reported as it starts and ends; a package whose tests
/// didn't build is a failed node of its own, with the compiler's errors.
/// </summary>
public sealed class GoTestFramework : ITestFramework, IDataProducer
{
    private readonly GoTestHostSettings _settings;
    private readonly Dictionary<string, string> _directories = new Dictionary<string, string>(StringComparer.Ordinal);

    public GoTestFramework(GoTestHostSettings settings)
    {
        _settings = settings;
        if (File.Exists(settings.PackageListFile))
        {
            foreach (var package in GoPackageList.Read(settings.PackageListFile)) _directories[package.ImportPath] = package.Directory;
        }
    }

    public string Uid => "GoPack.GoTest";

    public string Version => typeof(GoTestFramework).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0";

    public string DisplayName => "go test (GoPack)";

    public string Description => "Runs a Go project's tests with go test -json.";

    public Type[] DataTypesProduced => new[] { typeof(TestNodeUpdateMessage) };

    public Task<bool> IsEnabledAsync() => Task.FromResult(true);

    public Task<CreateTestSessionResult> CreateTestSessionAsync(CreateTestSessionContext context) =>
        Task.FromResult(new CreateTestSessionResult { IsSuccess = true });

    public Task<CloseTestSessionResult> CloseTestSessionAsync(CloseTestSessionContext context) =>
        Task.FromResult(new CloseTestSessionResult { IsSuccess = true });

    public async Task ExecuteRequestAsync(ExecuteRequestContext context)
    {
        try
        {
            switch (context.Request)
            {
                case DiscoverTestExecutionRequest discover:
                    await DiscoverAsync(context, discover.Session.SessionUid, Selection(discover.Filter), context.CancellationToken);
                    break;
                case RunTestExecutionRequest run:
                    await RunAsync(context, run.Session.SessionUid, Selection(run.Filter), context.CancellationToken);
                    break;
            }
        }
        finally
        {
            context.Complete();
        }
    }

    /// <summary>--filter-uid: the uids are fully qualified names, so they select packages and -run as FullyQualifiedName= does.</summary>
    private GoTestSelection? Selection(ITestExecutionFilter? filter)
    {
        if (filter is not TestNodeUidListFilter uids || uids.TestNodeUids.Length == 0) return null;
        var expression = string.Join("|", uids.TestNodeUids.Select(u => "FullyQualifiedName=" + Escape(u.Value)));
        return TestFilter.Translate(expression, _directories.Keys.ToList());
    }

    private static string Escape(string value) =>
        string.Concat(value.Select(c => "\\()&|=!~".IndexOf(c) >= 0 ? "\\" + c : c.ToString()));

    private async Task DiscoverAsync(ExecuteRequestContext context, SessionUid session, GoTestSelection? selection, CancellationToken cancellation)
    {
        var collector = new GoTestResultCollector();
        var exitCode = await RunGoAsync(Arguments(list: true, selection), collector.AddLine, cancellation);
        var run = collector.Complete();
        foreach (var package in run.Packages)
        {
            foreach (var line in package.Output)
            {
                var name = line.Trim();
                if (name.Length == 0 || name.Any(char.IsWhiteSpace) || name is "ok" or "PASS" or "FAIL" || name.StartsWith("Benchmark", StringComparison.Ordinal)) continue;
                var fullName = package.ImportPath + "." + name;
                if (selection is not null && !selection.Include(fullName, name)) continue;
                await PublishAsync(context, session, Node(package.ImportPath, name, DiscoveredTestNodeStateProperty.CachedInstance));
            }
        }
        if (exitCode != 0) await PublishRunFailureAsync(context, session, run, exitCode);
    }

    private async Task RunAsync(ExecuteRequestContext context, SessionUid session, GoTestSelection? selection, CancellationToken cancellation)
    {
        var failures = new GoTestFailureReader(Directory);
        var collector = new GoTestResultCollector();
        var pending = new List<Task>();
        var published = new HashSet<string>(StringComparer.Ordinal);
        var started = new HashSet<string>(StringComparer.Ordinal);
        var gate = new object();

        collector.TestFinished += test =>
        {
            if (IsBenchmark(test) || (selection is not null && !selection.Include(test.FullyQualifiedName, test.Name))) return;
            var failedSubtests = collector.TestsOf(test.Package).Where(t => t.ParentName == test.Name && t.IsFailure).ToList();
            lock (gate)
            {
                published.Add(test.FullyQualifiedName);
                pending.Add(PublishAsync(context, session, ResultNode(test, failures, failedSubtests)));
            }
        };

        var exitCode = await RunGoAsync(Arguments(list: false, selection), line =>
        {
            collector.AddLine(line);
            // A test that starts: in progress, so dotnet test can show what runs now.
            var e = TestEventParser.TryParse(line);
            if (e is { Action: "run", Package: { } package, Test: { } name } && !name.StartsWith("Benchmark", StringComparison.Ordinal)
                && (selection is null || selection.Include(package + "." + name, name)))
            {
                lock (gate)
                {
                    if (started.Add(package + "." + name)) pending.Add(PublishAsync(context, session, Node(package, name, InProgressTestNodeStateProperty.CachedInstance)));
                }
            }
        }, cancellation);

        Task[] waiting;
        lock (gate) waiting = pending.ToArray();
        await Task.WhenAll(waiting);

        var run = collector.Complete();
        var diagnostics = new GoOutputParser(_settings.WorkingDirectory, string.IsNullOrEmpty(_settings.ModuleFile) ? null : _settings.ModuleFile)
            .Parse(run.BuildOutput).Where(e => e.Diagnostic is not null).Select(e => e.Diagnostic!).ToList();
        var report = GoTestReport.Create(run, failures, package => BuildFailure(package, diagnostics), selection?.Include);
        foreach (var result in report.Results.Where(r => !published.Contains(r.FullyQualifiedName)))
        {
            // Tests that never ended (a timeout, a crash) and packages that failed outside their tests.
            await PublishAsync(context, session, EntryNode(result));
        }
        if (exitCode != 0 && report.Failed == 0 && !(selection is not null && run.Tests.Any(t => t.IsFailure)))
        {
            await PublishRunFailureAsync(context, session, run, exitCode);
        }
    }

    private static bool IsBenchmark(GoTestCase test) => test.FunctionName.StartsWith("Benchmark", StringComparison.Ordinal);

    private string? Directory(string importPath) => _directories.TryGetValue(importPath, out var directory) ? directory : null;

    private static GoTestFailure? BuildFailure(GoTestPackage package, List<GoDiagnostic> diagnostics)
    {
        var own = diagnostics.Where(d => d.Severity == GoDiagnosticSeverity.Error && d.Package is { } p
            && (p == package.ImportPath || p.StartsWith(package.ImportPath + " ", StringComparison.Ordinal))).ToList();
        if (own.Count == 0) return null;
        return new GoTestFailure($"{package.ImportPath} failed to build: {own[0].Message}",
            string.Join("\n", own.Select(d => $"{d.File}({d.Line},{d.Column}): {d.Code}: {d.Message}")), own[0].File, own[0].Line);
    }

    private TestNode ResultNode(GoTestCase test, GoTestFailureReader failures, IEnumerable<GoTestCase> failedSubtests)
    {
        var properties = new List<IProperty>();
        GoTestFailure? failure = null;
        switch (test.Outcome)
        {
            case GoTestOutcome.Passed:
                properties.Add(PassedTestNodeStateProperty.CachedInstance);
                break;
            case GoTestOutcome.Skipped:
                properties.Add(new SkippedTestNodeStateProperty(string.Join("\n", test.StandardOutput.Select(l => l.Trim()))));
                break;
            default:
                failure = failures.Read(test, failedSubtests);
                properties.Add(new FailedTestNodeStateProperty(failure.Message));
                break;
        }
        return Node(test.Package, test.Name, properties, test.StandardOutput, failure, test.StartTime, test.EndTime, test.Duration);
    }

    private TestNode EntryNode(GoTestResultEntry result)
    {
        IProperty state = result.Outcome switch
        {
            GoTestResultOutcome.Passed => PassedTestNodeStateProperty.CachedInstance,
            GoTestResultOutcome.Skipped => new SkippedTestNodeStateProperty(""),
            _ => new FailedTestNodeStateProperty(result.Failure?.Message ?? "failed"),
        };
        return Node(result.ClassName, result.Name, new List<IProperty> { state }, result.StandardOutput, result.Failure, result.StartTime, result.EndTime, result.Duration);
    }

    private TestNode Node(string package, string name, IProperty state) =>
        Node(package, name, new List<IProperty> { state }, Array.Empty<string>(), null, null, null, TimeSpan.Zero);

    private TestNode Node(string package, string name, List<IProperty> properties, IReadOnlyList<string> output, GoTestFailure? failure,
        DateTimeOffset? start, DateTimeOffset? end, TimeSpan duration)
    {
        var fullName = package + "." + name;
        properties.Add(new TestMethodIdentifierProperty(_settings.ProjectName, package, package, name, 0, Array.Empty<string>(), "System.Void"));
        if (output.Count > 0) properties.Add(new StandardOutputProperty(string.Join("\n", output)));
        if (failure?.File is { } file)
        {
            var position = new LinePosition(failure.Line, 0);
            properties.Add(new TestFileLocationProperty(file, new LinePositionSpan(position, position)));
        }
        if (start is { } s)
        {
            properties.Add(new TimingProperty(new TimingInfo(s, end ?? s + duration, duration)));
        }
        return new TestNode { Uid = new TestNodeUid(fullName), DisplayName = fullName, Properties = new PropertyBag(properties.ToArray()) };
    }

    private async Task PublishRunFailureAsync(ExecuteRequestContext context, SessionUid session, GoTestRun run, int exitCode)
    {
        var text = string.Join("\n", run.BuildOutput.Concat(run.Packages.SelectMany(p => p.Output)).Where(l => l.Trim().Length > 0));
        var node = Node("go", "test", new List<IProperty> { new FailedTestNodeStateProperty($"go test exited with code {exitCode}: {text}") },
            Array.Empty<string>(), null, null, null, TimeSpan.Zero);
        await PublishAsync(context, session, node);
    }

    private Task PublishAsync(ExecuteRequestContext context, SessionUid session, TestNode node) =>
        context.MessageBus.PublishAsync(this, new TestNodeUpdateMessage(session, node));

    private List<string> Arguments(bool list, GoTestSelection? selection)
    {
        var arguments = new List<string> { "test", "-json" };
        arguments.AddRange(_settings.Flags);
        if (list)
        {
            arguments.Add("-list");
            arguments.Add(selection?.RunPattern ?? ".");
        }
        else
        {
            if (selection?.RunPattern is { } run)
            {
                arguments.Add("-run");
                arguments.Add(run);
            }
            if (_settings.TestTimeout.Length > 0) arguments.Add("-timeout=" + _settings.TestTimeout);
            if (_settings.Race) arguments.Add("-race");
            if (_settings.Short) arguments.Add("-short");
            if (_settings.Bench.Length > 0)
            {
                arguments.Add("-bench");
                arguments.Add(_settings.Bench);
            }
        }
        arguments.AddRange(selection?.Packages ?? _settings.Patterns);
        arguments.AddRange(CommandLine.Split(_settings.ExtraFlags));
        return arguments;
    }

    /// <summary>Runs go with the build's toolchain and environment; every line of its output goes to <paramref name="onLine"/>.</summary>
    private async Task<int> RunGoAsync(List<string> arguments, Action<string> onLine, CancellationToken cancellation)
    {
        var startInfo = new ProcessStartInfo(_settings.GoExecutable)
        {
            WorkingDirectory = _settings.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        startInfo.Environment["GOROOT"] = _settings.GoRoot;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GOTOOLCHAIN"))) startInfo.Environment["GOTOOLCHAIN"] = "local";
        startInfo.Environment["CGO_ENABLED"] = _settings.CgoEnabled || _settings.Race ? "1" : "0";

        var gate = new object();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (gate) onLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (gate) onLine(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancellation.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }))
        {
            await process.WaitForExitAsync(CancellationToken.None);
        }
        return process.ExitCode;
    }
}
