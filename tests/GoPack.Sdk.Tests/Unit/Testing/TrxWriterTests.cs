using System.Xml.Linq;
using GoPack.Sdk.Testing;

namespace GoPack.Sdk.Tests.Unit.Testing;

public class TrxWriterTests
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    [Fact]
    public void Writes_every_element_trx_readers_need()
    {
        var collector = new GoTestResultCollector();
        collector.AddLine("{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"TestA\"}");
        collector.AddLine("{\"Action\":\"output\",\"Package\":\"p\",\"Test\":\"TestA\",\"Output\":\"    a_test.go:3: boom \\u0001\\n\"}");
        collector.AddLine("{\"Action\":\"fail\",\"Package\":\"p\",\"Test\":\"TestA\",\"Elapsed\":90061.5}");
        collector.AddLine("{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"TestB\"}");
        collector.AddLine("{\"Action\":\"skip\",\"Package\":\"p\",\"Test\":\"TestB\",\"Elapsed\":0}");
        var report = GoTestReport.Create(collector.Complete(), new GoTestFailureReader(_ => "/src/p"), _ => null);
        var start = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

        var document = TrxWriter.Create(report, new TrxRunInfo("me", "box", start, start.AddSeconds(2), "/src/p/p.gocsproj"), ["go output"]);
        var roundTripped = XDocument.Parse(document.ToString());
        var run = roundTripped.Root!;

        Assert.Equal(Ns + "TestRun", run.Name);
        Assert.Equal("2026-11-30T10:00:00.0000000+00:00", run.Element(Ns + "Times")!.Attribute("start")!.Value);
        Assert.NotNull(run.Element(Ns + "Times")!.Attribute("creation"));
        Assert.NotNull(run.Element(Ns + "Times")!.Attribute("queuing"));
        Assert.Equal("2026-11-30T10:00:02.0000000+00:00", run.Element(Ns + "Times")!.Attribute("finish")!.Value);
        var results = run.Descendants(Ns + "UnitTestResult").ToList();
        Assert.Equal(["Failed", "NotExecuted"], results.Select(r => r.Attribute("outcome")!.Value));
        Assert.Equal("25:01:01.5000000", results[0].Attribute("duration")!.Value);
        Assert.Equal("boom ", results[0].Descendants(Ns + "Message").Single().Value);
        Assert.Equal("at p.TestA in /src/p/a_test.go:line 3", results[0].Descendants(Ns + "StackTrace").Single().Value);
        var definition = run.Descendants(Ns + "UnitTest").First();
        Assert.Equal(results[0].Attribute("testId")!.Value, definition.Attribute("id")!.Value);
        Assert.Equal("p", definition.Element(Ns + "TestMethod")!.Attribute("className")!.Value);
        Assert.Equal("TestA", definition.Element(Ns + "TestMethod")!.Attribute("name")!.Value);
        Assert.Equal(2, run.Descendants(Ns + "TestEntry").Count());
        var summary = run.Element(Ns + "ResultSummary")!;
        Assert.Equal("Failed", summary.Attribute("outcome")!.Value);
        Assert.Equal("2", summary.Element(Ns + "Counters")!.Attribute("total")!.Value);
        Assert.Equal("1", summary.Element(Ns + "Counters")!.Attribute("notExecuted")!.Value);
        Assert.Equal("go output", summary.Descendants(Ns + "StdOut").Single().Value);
    }

    [Fact]
    public void Test_ids_are_the_same_in_every_run()
    {
        Assert.Equal(TrxWriter.DeterministicGuid("a.TestX"), TrxWriter.DeterministicGuid("a.TestX"));
        Assert.NotEqual(TrxWriter.DeterministicGuid("a.TestX"), TrxWriter.DeterministicGuid("a.TestY"));
    }

    [Fact]
    public void Characters_xml_forbids_are_dropped_and_surrogate_pairs_kept()
    {
        Assert.Equal("a😀b", TrxWriter.Clean("a\u0000😀\ud800b"));
    }

    [Fact]
    public void Saves_atomically_into_a_new_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gopack-trx-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var path = Path.Combine(directory, "sub", "x.trx");
            XmlFiles.SaveAtomically(new XDocument(new XElement("a")), path);
            XmlFiles.SaveAtomically(new XDocument(new XElement("b")), path);
            Assert.Equal("b", XDocument.Load(path).Root!.Name.LocalName);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
