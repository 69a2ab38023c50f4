using Shipgate.Git;
using Shipgate.Integrations;
using System.Text;
using Shipgate.Rendering;

namespace Shipgate.Release.Actions;

/// <summary>
/// A plan as a GitHub Actions job shows it: its digest and approval word, the PRODUCTION RELEASE SUMMARY as Markdown in the
/// job's summary ($GITHUB_STEP_SUMMARY), and <c>plan_digest</c> and <c>word</c> as the step's outputs ($GITHUB_OUTPUT), so
/// that the release job can name the plan it releases and the reviewer sees the word to type.
/// </summary>
internal static class ActionsPlan
{
    public const string ApproveLine = "To approve, type this word in the approval comment";

    /// <summary>The digest of what this release would do and the word drawn from it.</summary>
    public static (string Digest, string Word) Of(ReleaseContext context, Preflighted preflighted, Gathered gathered)
    {
        var digest = PlanDigest.Of(new PlanDigest.Inputs(preflighted.Tips.Production, preflighted.Tips.Staging, context.Policy.Source.BlobSha,
            gathered.Plan, gathered.Gaps, preflighted.Ci, gathered.Previous));
        return (digest, PlanDigest.Word(digest, context.Config.ConfirmationWords, gathered.PreviousWord));
    }

    /// <summary>Inside Actions, appends the summary and the outputs; elsewhere does nothing.</summary>
    public static void Write(ReleaseContext context, Preflighted preflighted, Gathered gathered, IReadOnlyList<WouldBlock> blockers)
    {
        if (context.Actions is not { } job) return;
        var (digest, word) = Of(context, preflighted, gathered);
        if (job.StepSummary is { } summary)
            Append(summary, Markdown(context, preflighted, gathered, blockers, digest, word), "GITHUB_STEP_SUMMARY");
        if (job.Output is { } output)
            Append(output, $"plan_digest={digest}\nword={word}\n", "GITHUB_OUTPUT");
    }

    private static void Append(string path, string text, string variable)
    {
        try
        {
            File.AppendAllText(path, text, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShipgateException(ExitCode.Error,
                $"Cannot write to {variable} ({SafeText.OneLine(path)}): {SafeText.OneLine(e.Message)}. GitHub Actions sets it for every step; " +
                $"run shipgate in a job's step, or unset GITHUB_ACTIONS outside Actions.");
        }
    }

    /// <summary>The PRODUCTION RELEASE SUMMARY in Markdown: what ships, the checklist, and the word to approve it with.</summary>
    public static string Markdown(ReleaseContext context, Preflighted preflighted, Gathered gathered, IReadOnlyList<WouldBlock> blockers,
        string digest, string word)
    {
        var config = context.Config;
        var plan = gathered.Plan;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        Line("## PRODUCTION RELEASE SUMMARY");
        Line();
        Line($"- **Repository**: {SafeText.Markdown(context.RepositoryName)}");
        Line($"- **{SafeText.Markdown(config.ProductionBranch)}** `{Sha.Short(preflighted.Tips.Production)}` → " +
             $"**{SafeText.Markdown(config.StagingBranch)}** `{Sha.Short(preflighted.Tips.Staging)}`: {Plural.Of(plan.Commits.Count, "commit")}, " +
             $"{Plural.Of(plan.PullRequests.Count, "pull request")}");
        Line($"- **CI**: {SafeText.Markdown(JsonNames.Of(preflighted.Ci.Status))}");
        Line($"- **GitHub environment**: {SafeText.Markdown(config.GitHub.Environment ?? "(none: github.environment is not set)")}");
        Line();
        if (plan.PullRequests.Count > 0)
        {
            Line("| PR | Title | Author | Approved by |");
            Line("|---|---|---|---|");
            foreach (var pr in plan.PullRequests)
                Line($"| #{pr.Number} | {SafeText.Markdown(pr.Title)} | {SafeText.Markdown(pr.Author)} | " +
                     $"{(pr.Approvers.Count == 0 ? "nobody" : SafeText.Markdown(string.Join(", ", pr.Approvers)))} |");
            Line();
        }
        Line("### Compliance checklist");
        Line();
        foreach (var item in Gaps.Checklist(gathered.Gaps, plan.ReviewsKnown, policyCompared: true, controlsJudged: true))
            Line($"- [{(item.Passed ? "x" : " ")}] {SafeText.Markdown(item.Label)}{(item.Reason is { } why ? $": {SafeText.Markdown(why)}" : "")}");
        Line();
        if (blockers.Count > 0)
        {
            Line("### Blocked");
            Line();
            foreach (var blocker in blockers) Line($"- {SafeText.Markdown(blocker.Reason)}");
            Line();
        }
        Line($"### Approval word: **`{word}`**");
        Line();
        Line($"{ApproveLine}: **{word}**");
        Line();
        Line($"Plan digest: `{digest}`");
        Line();
        return text.ToString();
    }
}
