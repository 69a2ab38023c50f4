using System.Globalization;
using System.Text;
using Shipgate.Git;
using Shipgate.Rendering;

namespace Shipgate.PrArchives;

/// <summary>
/// The archive for people: the same facts as its JSON, as a Markdown page. Every text from the PR (title, logins, paths,
/// commit titles) passes <see cref="SafeText.Markdown"/>, so a hostile title cannot add a heading, a link or a table row. Pure.
/// </summary>
internal static class PrArchiveMarkdown
{
    public static string Render(PrArchive a)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        string Text(string? value) => SafeText.Markdown(value);
        string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "-";

        Line($"# PR #{a.Pr}: {Text(a.Title)}");
        Line();
        Line($"Compliance archive of {Text(a.Repository)} PR #{a.Pr}, written by Shipgate when it merged (schema {PrArchive.SchemaId}).");
        Line();
        Line("| | |");
        Line("| --- | --- |");
        Line($"| PR | {(SafeText.MarkdownUrl(a.Url) is { } url ? $"[#{a.Pr}]({url})" : $"#{a.Pr}")} |");
        Line($"| Author | {Text(a.Author)} |");
        Line($"| Merged by | {Text(a.MergedBy ?? "-")} |");
        Line($"| Merged at | {Time(a.MergedAt)} |");
        Line($"| Into | {Text(a.Base)} from {Text(a.Head)} ({Sha.Short(a.HeadSha)}) |");
        Line($"| Merge commit | {Text(a.MergeCommit)} |");
        Line($"| Tickets | {(a.Tickets.Count == 0 ? "none" : string.Join(", ", a.Tickets.Select(Text)))} |");
        Line($"| CI on the head commit ({Text(a.Ci.Sha)}) | {(a.Ci.Passed ? "passed" : "did not pass")} |");
        Line($"| Archived by | {Text(a.ArchivedByLogin)} at {Time(a.ArchivedAt)} |");
        Line();
        Line("## Reviews");
        Line();
        if (a.Reviews.Count == 0) Line("None.");
        else
        {
            Line("| Reviewer | State | Submitted | Commit | On the merged head |");
            Line("| --- | --- | --- | --- | --- |");
            foreach (var r in a.Reviews)
                Line($"| {Text(r.Login)} | {Text(r.State)} | {Time(r.SubmittedAt)} | {Text(r.Commit is { } c ? Sha.Short(c) : "-")} | {(r.OnFinalHead ? "yes" : "no")} |");
        }
        Line();
        Line("## CI checks");
        Line();
        if (a.Ci.Checks.Count == 0) Line("None reported.");
        else
        {
            Line("| Check | Conclusion |");
            Line("| --- | --- |");
            foreach (var c in a.Ci.Checks) Line($"| {Text(c.Name)} | {Text(c.Conclusion)} |");
        }
        Line();
        Line($"## Commits ({a.Commits.Count})");
        Line();
        foreach (var c in a.Commits) Line($"- {Sha.Short(c.Sha)} {Text(c.Title)}{(c.Author is { } who ? $" ({Text(who)})" : "")}");
        Line();
        Line($"## Files ({a.Files.Count}, +{a.Files.Sum(f => f.Additions)} -{a.Files.Sum(f => f.Deletions)})");
        Line();
        Line("| File | Status | Added | Deleted |");
        Line("| --- | --- | --- | --- |");
        foreach (var f in a.Files) Line($"| {Text(f.Path)} | {Text(f.Status)} | {f.Additions} | {f.Deletions} |");
        return md.ToString();
    }
}
