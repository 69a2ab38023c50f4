using System.Text;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Freeze;

/// <summary>The .md committed beside a freeze record: the same facts for a person reading the archive branch. Pure.</summary>
internal static class FreezeMarkdown
{
    public static string Of(FreezeRecord record)
    {
        var text = new StringBuilder();
        var started = record.Action == FreezeAction.Start;
        text.Append($"# {(started ? "Production frozen" : "Production freeze ended")}: {record.FreezeId}\n\n");
        text.Append($"- **Who**: {SafeText.OneLine(record.RecordedByLogin)} (GitHub login of the token; git: {SafeText.OneLine(record.RecordedBy)})\n");
        text.Append($"- **When**: {FreezeText.Time(record.Timestamp)}\n");
        text.Append($"- **Why**: {SafeText.OneLine(record.Reason)}\n");
        if (record.Ends is { } ends) text.Append($"- **Ends**: {ends}\n");
        text.Append(started
            ? "\nNo release goes out until `shipgate freeze end --reason \"<text>\"`, except an emergency (`--emergency \"<reason>\"`).\n"
            : "\nReleases may go out again (outside the policy's freeze windows).\n");
        if (record.PreviousRelease is { } previous) text.Append($"\nChained to {previous.Id} (SHA-256 `{previous.Sha256}`).\n");
        return text.ToString();
    }
}
