// Sums the TRX files of a test run into one closing line: "N passed, N failed, N skipped".
using System.Xml.Linq;

public sealed record TestSummary(int Passed, int Failed, int Skipped)
{
    public static TestSummary Read(string folder)
    {
        int passed = 0, failed = 0, skipped = 0;
        foreach (var file in System.IO.Directory.GetFiles(folder, "*.trx", System.IO.SearchOption.AllDirectories))
        {
            var counters = XDocument.Load(file).Descendants().First(e => e.Name.LocalName == "Counters");
            passed += (int)counters.Attribute("passed");
            failed += (int)counters.Attribute("failed") + (int)counters.Attribute("error") + (int)counters.Attribute("timeout") + (int)counters.Attribute("aborted");
            skipped += (int)counters.Attribute("notExecuted");
        }
        return new TestSummary(passed, failed, skipped);
    }

    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}
