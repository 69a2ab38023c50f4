using System.Globalization;
using Shipgate.Audit;
using Shipgate.Audit.Report;
using Shipgate.Record;
using Shipgate.Release;

namespace Shipgate.Tests.Audit;

/// <summary>Release and review records built directly, with the approvers and emergencies a release without GitHub cannot record.</summary>
internal static class ReportRecords
{
    public const string Script = "<script>alert(1)</script>";
    public const string Image = "<img src=x onerror=\"document.title='pwned'\">";

    public static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc + "Z", CultureInfo.InvariantCulture);

    public static ReleaseRecord Released(
        string id, DateTimeOffset at,
        IReadOnlyList<RecordPullRequest>? pullRequests = null,
        IReadOnlyList<RecordTicket>? tickets = null,
        IReadOnlyList<string>? warnings = null,
        IReadOnlyList<RecordUnspecced>? unspecced = null,
        RecordCiStatus? ci = null,
        RecordEmergency? emergency = null) => new()
        {
            ReleaseId = id,
            Timestamp = at,
            Repository = "acme/svc",
            Tool = new ToolInfo("shipgate", "0.1.0"),
            ReleasedBy = "Rita Releaser",
            ReleasedByEmail = "rita@example.com",
            ReleasedByLogin = "rita",
            FromRef = "main",
            FromSha = new string('a', 40),
            ToRef = "staging",
            ToSha = new string('b', 40),
            CommitsCount = 3,
            MergeCommitsCount = 1,
            FilesChanged = 2,
            Insertions = 10,
            Deletions = 1,
            Commits = [],
            PullRequests = pullRequests ?? [],
            LinearTickets = tickets ?? [],
            ChangeSummary = new Dictionary<string, IReadOnlyList<string>>(),
            AreaTitles = new Dictionary<string, string>(),
            UnspeccedChanges = unspecced ?? [],
            CiStatus = ci ?? new RecordCiStatus(new string('b', 40), "success", ["build"], [new RecordCiCheck("build", "success", true)], null),
            OpenPrs = [],
            Warnings = warnings ?? [],
            Emergency = emergency,
            Confirmation = new RecordConfirmation("SHIP", "SHIP", at, ConfirmationChannel.Terminal),
            PreviousRelease = null,
        };

    public static RecordPullRequest Pr(
        int number, string title, string author, bool? independent, string[]? tickets = null, string? archive = "compliance/pr-1.json",
        params string[] approvers) =>
        new(number, title, $"https://github.com/acme/svc/pull/{number}", author, null, archive, author, MergeKind.Squash, new string('c', 40), null,
            tickets ?? [], independent, approvers);

    public static ReviewRecord Review(string id, string releaseId, DateTimeOffset at, string by, string note, string email = "carol@example.com") => new()
    {
        ReviewId = id,
        ReviewsRelease = releaseId,
        Timestamp = at,
        ReviewedBy = by,
        ReviewedByEmail = email,
        Note = note,
        RecordedBy = by,
        RecordedByEmail = email,
        Tool = new ToolInfo("shipgate", "0.1.0"),
        PreviousRelease = new PreviousRelease(releaseId, new string('d', 64)),
    };

    public static TrailLink Link(ReleaseRecord record) => new(record.ReleaseId, 0, "", RecordFiles.ToJsonBytes(record));
    public static TrailLink Link(ReviewRecord review) => new(review.ReviewId, 0, "", RecordFiles.ToJsonBytes(review));

    public static readonly ReportPeriod February = new(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28));

    /// <summary>
    /// A period with everything an auditor meets: an ordinary release, an emergency that was
    /// reviewed, one that was not, and hostile text in every field a PR, ticket or commit fills.
    /// </summary>
    public static EvidenceReport Sample()
    {
        var ordinary = Released("release-2026-02-03-101500", At("2026-02-03T10:15:00"),
            pullRequests:
            [
                Pr(10, "BOL-1: Login page", "dana", true, ["BOL-1"], "compliance/pr-10-login.json", "sam", "lee"),
                Pr(12, Script, "eve", false, [], null, "eve"),
                Pr(14, Image, "mallory", null, ["BOL-9"]),
            ],
            tickets:
            [
                new RecordTicket("BOL-1", "Login page", "https://linear.app/acme/issue/BOL-1", "Done", "completed", TicketCheck.Verified),
                new RecordTicket("BOL-9", "<b>bold</b> & =1+1", "javascript:alert(1)", null, null, TicketCheck.NotFound),
            ],
            warnings: ["PR #12 has no compliance archive", "Ticket BOL-9 was not found in Linear: " + Script],
            unspecced:
            [
                new RecordUnspecced(UnspeccedKind.Commit, "deadbee", "=HYPERLINK(\"http://evil\") " + Image),
                new RecordUnspecced(UnspeccedKind.PullRequest, "#12", "PR #12 has no ticket"),
            ]);
        var reviewed = Released("release-2026-02-10-080000", At("2026-02-10T08:00:00"),
            pullRequests: [Pr(20, "ENG-5: Fix payment outage", "sam", true, ["ENG-5"], "compliance/pr-20.json", "dana")],
            tickets: [new RecordTicket("ENG-5", "Payments down", "https://linear.app/acme/issue/ENG-5", "Done", "completed", TicketCheck.Verified)],
            ci: new RecordCiStatus(
                new string('b', 40), "failure", [], [new RecordCiCheck("build", "success", true), new RecordCiCheck("e2e", "failure", false)], null),
            emergency: new RecordEmergency("Payments down for all EU customers", CiOverridden: true));
        var unreviewed = Released("release-2026-02-28-235959", At("2026-02-28T23:59:59"),
            pullRequests: [Pr(21, "Hotfix cache", "lee", false, [], "compliance/pr-21.json")],
            ci: new RecordCiStatus(new string('b', 40), "unverified", [], [], "tests: no GitHub"),
            warnings: ["CI was not verified: tests: no GitHub"],
            emergency: new RecordEmergency("Cache stampede", CiOverridden: false));
        var review = Review(
            "review-2026-03-02-090000", reviewed.ReleaseId, At("2026-03-02T09:00:00"), "Carol CISO", "https://wiki.example.com/pm/42 " + Script);
        return EvidenceReport.Build("acme/svc", [Link(ordinary), Link(reviewed), Link(unreviewed), Link(review)], February, At("2026-03-05T12:00:00"));
    }
}
