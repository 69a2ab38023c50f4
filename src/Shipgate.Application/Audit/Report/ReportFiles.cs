using System.Text;

namespace Shipgate.Audit.Report;

/// <summary>The evidence report's formats, and how a report file is written: whole or not at all.</summary>
internal static class ReportFiles
{
    /// <summary>Each format's renderer; CSV starts with a UTF-8 byte order mark, without which Excel misreads non-ASCII names.</summary>
    public static readonly Dictionary<string, (Func<EvidenceReport, string> Render, bool ByteOrderMark)> Formats = new()
    {
        ["md"] = (ReportMarkdown.Render, false),
        ["csv"] = (ReportCsv.Render, true),
        ["html"] = (ReportHtml.Render, false),
        ["json"] = (ReportJson.Render, false),
    };

    /// <summary>Writes beside the target, then renames over it: a reader never sees half a report.</summary>
    public static void WriteAtomically(string path, string text, bool byteOrderMark)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(byteOrderMark));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
