using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Shipgate.Integrations;
using Shipgate.Record;

namespace Shipgate.Release;

/// <summary>
/// The SHA-256 of what a release would do, in a canonical text: the production and staging shas, the release policy's
/// blob, the PRs (with their merge commits, heads and approvers), the gaps, CI's verdict and the chain link it extends.
/// A plan shown in one GitHub Actions job and released in the next is the same plan exactly when their digests match.
/// Never the time, nor what a tracker says of a ticket's state: those move without changing what ships. Pure.
/// </summary>
internal static class PlanDigest
{
    /// <summary>The gaps that only say what a tracker answered about tickets; they are left out.</summary>
    private static readonly HashSet<GapKind> TrackerGaps =
        [GapKind.TicketNotFound, GapKind.TicketUnverified, GapKind.TicketNotCompleted, GapKind.TicketsNotChecked];

    public sealed record Inputs(
        string ProductionSha, string StagingSha, string? PolicyBlobSha, ReleasePlan Plan, IReadOnlyList<Gap> Gaps, CiResult Ci,
        PreviousRelease? Previous);

    /// <summary>64 lowercase hex digits.</summary>
    public static string Of(Inputs input) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(input))));

    /// <summary>One fact a line, in a fixed order; text fields are JSON-escaped so that no value can forge a line.</summary>
    public static string Canonical(Inputs input)
    {
        var lines = new List<string>
        {
            "shipgate-plan-digest 1",
            "production " + input.ProductionSha.ToLowerInvariant(),
            "staging " + input.StagingSha.ToLowerInvariant(),
            "policy " + (input.PolicyBlobSha?.ToLowerInvariant() ?? "none"),
            "previous " + (input.Previous is { } p ? $"{Q(p.Id)} {p.Sha256}" : "none"),
            $"ci {Q(JsonNames.Of(input.Ci.Status))} {Q(input.Ci.Sha)} {Q(input.Ci.UnverifiedReason ?? "")}",
        };
        lines.AddRange(input.Ci.Checks.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Conclusion, StringComparer.Ordinal)
            .Select(c => $"check {Q(c.Name)} {Q(c.Conclusion)} {c.Passed}"));
        lines.AddRange(input.Plan.PullRequests.OrderBy(pr => pr.Number).Select(pr =>
            $"pr {pr.Number} {Q(pr.MergeCommitSha)} {Q(JsonNames.Of(pr.MergedAs))} {Q(pr.Title)} {Q(pr.Author)} " +
            $"approved={pr.IndependentlyApproved?.ToString() ?? "unknown"} " +
            $"approvers={Q(string.Join(",", pr.Approvers.Order(StringComparer.Ordinal)))} " +
            $"commits={string.Join(",", pr.Commits.Select(c => c.ToLowerInvariant()).Order(StringComparer.Ordinal))}"));
        lines.AddRange(input.Gaps.Where(g => !TrackerGaps.Contains(g.Kind))
            .Select(g => $"gap {g.Kind} {Q(g.Subject)} {Q(g.Detail ?? "")}").Order(StringComparer.Ordinal));
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>A digest as given on the command line: 64 hex digits, compared without regard to case.</summary>
    public static bool IsDigest(string text) =>
        text.Length == 64 && text.All(char.IsAsciiHexDigit);

    private static string Q(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The word a reviewer types to approve this plan: drawn from <paramref name="words"/> by the digest (so the plan job and the
    /// release job draw the same one), never the previous release's word.
    /// </summary>
    public static string Word(string digest, IReadOnlyList<string> words, string? previousWord) =>
        ConfirmationWord.Choose(words, [previousWord],
            count => (int)(ulong.Parse(digest[..16], NumberStyles.HexNumber, CultureInfo.InvariantCulture) % (ulong)count));
}
