using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace GoPack.Sdk.Testing;

/// <summary>What a TRX says about the run itself.</summary>
/// <param name="Storage">The test container: the project file (VSTest writes the test assembly's path).</param>
public sealed record TrxRunInfo(string UserName, string ComputerName, DateTimeOffset Start, DateTimeOffset Finish, string Storage);

/// <summary>
/// Writes Visual Studio's test results format (TRX), the shape `dotnet test --logger trx` writes and that CI test tabs,
/// dorny/test-reporter, trx2junit and Azure Pipelines read: TestRun/Times, Results/UnitTestResult, TestDefinitions/UnitTest,
/// TestEntries, TestLists and ResultSummary/Counters.
/// </summary>
public static class TrxWriter
{
    public static readonly XNamespace Namespace = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    // Fixed identifiers every TRX writer uses: the unit test type and VSTest's two default test lists.
    private const string UnitTestType = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b";
    private const string ResultsNotInAListId = "8c84fa94-04c1-424b-9868-57a2d4851a1d";
    private const string AllLoadedResultsId = "19431567-8539-422a-85d7-44ee4e166bda";
    private const string AdapterTypeName = "executor://gopack/gotest";

    public static XDocument Create(GoTestReport report, TrxRunInfo info, IEnumerable<string>? runOutput = null)
    {
        var ns = Namespace;
        var runId = Guid.NewGuid().ToString();
        var results = new XElement(ns + "Results");
        var definitions = new XElement(ns + "TestDefinitions");
        var entries = new XElement(ns + "TestEntries");
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var result in report.Results)
        {
            var testId = DeterministicGuid(info.Storage + "\n" + result.FullyQualifiedName).ToString();
            var executionId = Guid.NewGuid().ToString();
            var start = result.StartTime ?? info.Start;
            var end = result.EndTime ?? start + result.Duration;

            var output = new XElement(ns + "Output");
            if (result.StandardOutput.Count > 0) output.Add(new XElement(ns + "StdOut", Clean(string.Join("\n", result.StandardOutput))));
            if (result.Failure is { } failure)
            {
                output.Add(new XElement(ns + "ErrorInfo",
                    new XElement(ns + "Message", Clean(failure.Message)),
                    new XElement(ns + "StackTrace", Clean(failure.StackTrace))));
            }

            var resultElement = new XElement(ns + "UnitTestResult",
                new XAttribute("executionId", executionId),
                new XAttribute("testId", testId),
                new XAttribute("testName", Clean(result.Name)),
                new XAttribute("computerName", Clean(info.ComputerName)),
                new XAttribute("duration", FormatDuration(result.Duration)),
                new XAttribute("startTime", FormatTime(start)),
                new XAttribute("endTime", FormatTime(end)),
                new XAttribute("testType", UnitTestType),
                new XAttribute("outcome", Outcome(result.Outcome)),
                new XAttribute("testListId", ResultsNotInAListId),
                new XAttribute("relativeResultsDirectory", executionId));
            if (output.HasElements) resultElement.Add(output);
            results.Add(resultElement);

            // A test that runs twice (-count=2) has two results and one definition.
            if (seen.Add(testId))
            {
                definitions.Add(new XElement(ns + "UnitTest",
                    new XAttribute("name", Clean(result.Name)),
                    new XAttribute("storage", Clean(info.Storage)),
                    new XAttribute("id", testId),
                    new XElement(ns + "Execution", new XAttribute("id", executionId)),
                    new XElement(ns + "TestMethod",
                        new XAttribute("codeBase", Clean(info.Storage)),
                        new XAttribute("adapterTypeName", AdapterTypeName),
                        new XAttribute("className", Clean(result.ClassName)),
                        new XAttribute("name", Clean(result.Name)))));
            }
            entries.Add(new XElement(ns + "TestEntry",
                new XAttribute("testId", testId),
                new XAttribute("executionId", executionId),
                new XAttribute("testListId", ResultsNotInAListId)));
        }

        var summary = new XElement(ns + "ResultSummary",
            new XAttribute("outcome", report.Failed > 0 ? "Failed" : "Completed"),
            new XElement(ns + "Counters",
                new XAttribute("total", report.Total),
                new XAttribute("executed", report.Passed + report.Failed),
                new XAttribute("passed", report.Passed),
                new XAttribute("failed", report.Failed),
                new XAttribute("error", 0),
                new XAttribute("timeout", 0),
                new XAttribute("aborted", 0),
                new XAttribute("inconclusive", 0),
                new XAttribute("passedButRunAborted", 0),
                new XAttribute("notRunnable", 0),
                new XAttribute("notExecuted", report.Skipped),
                new XAttribute("disconnected", 0),
                new XAttribute("warning", 0),
                new XAttribute("completed", 0),
                new XAttribute("inProgress", 0),
                new XAttribute("pending", 0)));
        var runText = runOutput?.ToList();
        if (runText is { Count: > 0 }) summary.Add(new XElement(ns + "Output", new XElement(ns + "StdOut", Clean(string.Join("\n", runText)))));

        var runName = $"{info.UserName}@{info.ComputerName} {info.Start.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}";
        var root = new XElement(ns + "TestRun",
            new XAttribute("id", runId),
            new XAttribute("name", runName),
            new XAttribute("runUser", info.UserName),
            new XElement(ns + "Times",
                new XAttribute("creation", FormatTime(info.Finish)),
                new XAttribute("queuing", FormatTime(info.Finish)),
                new XAttribute("start", FormatTime(info.Start)),
                new XAttribute("finish", FormatTime(info.Finish))),
            new XElement(ns + "TestSettings",
                new XAttribute("name", "default"),
                new XAttribute("id", DeterministicGuid("settings\n" + info.Storage).ToString()),
                new XElement(ns + "Deployment", new XAttribute("runDeploymentRoot", "gotest"))),
            results,
            definitions,
            entries,
            new XElement(ns + "TestLists",
                new XElement(ns + "TestList", new XAttribute("name", "Results Not in a List"), new XAttribute("id", ResultsNotInAListId)),
                new XElement(ns + "TestList", new XAttribute("name", "All Loaded Results"), new XAttribute("id", AllLoadedResultsId))),
            summary);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>Writes next to the target and renames it into place: a reader never sees half a file.</summary>
    public static void Save(XDocument document, string path) => XmlFiles.SaveAtomically(document, path);

    /// <summary>TRX durations: hh:mm:ss.fffffff.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) duration = TimeSpan.Zero;
        var hours = (long)duration.TotalHours;
        return hours.ToString("00", CultureInfo.InvariantCulture) + ":" + duration.ToString(@"mm\:ss\.fffffff", CultureInfo.InvariantCulture);
    }

    private static string FormatTime(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    private static string Outcome(GoTestResultOutcome outcome) => outcome switch
    {
        GoTestResultOutcome.Passed => "Passed",
        GoTestResultOutcome.Failed => "Failed",
        _ => "NotExecuted",
    };

    /// <summary>The same test gets the same id in every run, as VSTest's ids do, so CI can follow a test's history.</summary>
    public static Guid DeterministicGuid(string text)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var guid = new byte[16];
        Array.Copy(bytes, guid, 16);
        return new Guid(guid);
    }

    /// <summary>Test output may hold any byte; XML 1.0 forbids most control characters, so they are dropped.</summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}

/// <summary>Saving XML result files.</summary>
public static class XmlFiles
{
    public static void SaveAtomically(XDocument document, string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = full + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
        try
        {
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
            using (var writer = XmlWriter.Create(temporary, settings))
            {
                document.Save(writer);
            }
            if (File.Exists(full)) File.Delete(full);
            File.Move(temporary, full);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
