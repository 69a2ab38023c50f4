using System.Text;

namespace Shipgate.Jira;

/// <summary>
/// Plain text as Atlassian Document Format, which Jira's v3 comments take: one paragraph per line, and each
/// http(s) address a link mark, so the record and the deployment run are one click away. Pure.
/// </summary>
internal static class AdfDocument
{
    public static AdfDoc FromText(string text) =>
        AdfDoc.Of([.. text.Split('\n').Where(l => l.Trim().Length > 0).Select(line => AdfParagraph.Of(Inline(line.TrimEnd())))]);

    /// <summary>The line's text nodes: words as they are, each URL (up to the next space) marked as a link to itself.</summary>
    private static List<AdfText> Inline(string line)
    {
        var nodes = new List<AdfText>();
        var plain = new StringBuilder();
        var words = line.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var space = i < words.Length - 1 ? " " : "";
            if (!IsLink(words[i]))
            {
                plain.Append(words[i]).Append(space);
                continue;
            }
            if (plain.Length > 0) nodes.Add(AdfText.Plain(plain.ToString()));
            plain.Clear().Append(space);
            nodes.Add(AdfText.Link(words[i]));
        }
        if (plain.ToString().Trim().Length > 0) nodes.Add(AdfText.Plain(plain.ToString()));
        return nodes;
    }

    private static bool IsLink(string word) =>
        Uri.TryCreate(word, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}
