using System.Text;
using System.Text.Json.Nodes;
using Shipgate.Config;
using Shipgate.Integrations;

namespace Shipgate.Onboarding;

/// <summary>What <c>shipgate init</c> found in a clone, from which it drafts the first <c>.shipgate.yml</c>.</summary>
/// <param name="StagingFound">False when no branch of that name exists yet (the file says to create it).</param>
/// <param name="TeamKeys">
/// Linear's team keys; null when no LINEAR_API_KEY was set or Linear did not answer (<paramref name="TeamKeysNote"/> says which).
/// </param>
internal sealed record RepositoryFacts(
    string Remote,
    bool RemoteFound,
    string Production,
    string Staging,
    bool StagingFound,
    RepositoryAddress? GitHub,
    IReadOnlyList<string>? TeamKeys,
    string TeamKeysNote,
    IReadOnlyList<string> TopFolders)
{
    /// <summary>JIRA_BASE_URL, when set: the draft then proposes the jira section.</summary>
    public string? JiraSite { get; init; }

    /// <summary>The project keys Jira listed for JIRA_EMAIL and JIRA_API_TOKEN; null when it was not asked (<see cref="JiraNote"/> says why).</summary>
    public IReadOnlyList<string>? JiraProjects { get; init; }

    public string JiraNote { get; init; } = "";
}

/// <summary>
/// Drafts a commented <c>.shipgate.yml</c> from <see cref="RepositoryFacts"/>: every value found is set
/// and explained, the rest is shown commented out with its default. Pure: the command writes the text.
/// </summary>
internal static class PolicyDraft
{
    public static string Write(RepositoryFacts facts)
    {
        var yaml = new StringBuilder();
        void Line(string text = "") => yaml.Append(text).Append('\n');

        Line(ConfigSchema.EditorLine);
        Line("# Shipgate's release policy. Shipgate reads it as committed on the production branch, so a change");
        Line("# takes effect from the release after the one that ships it. Every key is optional; see the README.");
        Line();
        Line(facts.RemoteFound ? "# The remote releases are pushed to." : "# No remote found: add one (git remote add origin URL) or change this.");
        Line($"remote: {Quote(facts.Remote)}");
        Line("branches:");
        var stagingNote = facts.StagingFound ? "tested changes wait here" : "no such branch yet: create it from production";
        Line($"  staging: {Quote(facts.Staging)}        # {stagingNote}");
        Line($"  production: {Quote(facts.Production)}     # what is released");
        Line("  archive: \"compliance-archives\"   # release records are committed here (created by the first release)");
        Line();
        Line($"# Ticket ids look like KEY-123. {facts.TeamKeysNote}");
        Line("tickets:");
        if (facts.TeamKeys is { Count: > 0 } keys) Line($"  keys: [{string.Join(", ", keys.Select(Quote))}]");
        else Line("  keys: []                          # for example [BOL, ENG]");
        Line();
        if (facts.TopFolders.Count > 0)
        {
            Line("# Key changes are grouped by area: one per top folder found. Rename, merge or add globs.");
            Line("areas:");
            foreach (var folder in facts.TopFolders)
            {
                Line($"  {Quote(folder)}:");
                Line($"    title: {Quote(Title(folder))}");
                Line($"    paths: [{Quote(folder + "/**")}]");
            }
        }
        else
        {
            Line("# Key changes are grouped by area, by default the top folder of each file.");
            Line("# areas:");
            Line("#   web: { title: Web Dashboard, paths: [\"web/**\"] }");
        }
        Line();
        if (facts.JiraSite is { } site)
        {
            Line($"# Jira tickets (PROJECT-123). Credentials come only from JIRA_EMAIL and JIRA_API_TOKEN. {facts.JiraNote}");
            Line("jira:");
            Line($"  site: {Quote(site)}");
            if (facts.JiraProjects is { Count: > 0 } projects) Line($"  projects: [{string.Join(", ", projects.Select(Quote))}]");
            else Line("  # projects: [OPS]                 # unset: the project keys Jira lists for the credentials");
            Line();
        }
        Line("github:");
        if (facts.GitHub is { } github)
            Line($"  repository: {Quote(github.FullName)}" + (github.IsGitHubDotCom ? "" : $"   # on {github.Host}"));
        else
            Line("  # repository: owner/name          # the remote URL names no GitHub repository");
        Line("  required_checks: []               # the CI checks that must pass on staging's head, for example [build, test]");
        Line("  require_independent_review: false # true: every PR needs an approval by someone other than its author");
        Line();
        Line("audit:");
        Line("  sign: false                       # true: sign record commits with your git signing key");
        Line("  review_within: 48h                # emergency releases need a review within this time");
        Line();
        Line("# Release control changes need an approval of their PR's final head by someone other than its author. Always included:");
        Line("# .github/workflows/**, .github/actions/**, CODEOWNERS, .github/CODEOWNERS, docs/CODEOWNERS and .shipgate.yml.");
        Line("# controls:");
        Line("#   paths: [\"deploy/**\"]             # more files that steer CI, review or the release gate");
        Line();
        Line("# Freeze windows: while one holds, no release goes out but an emergency (--emergency \"<reason>\").");
        Line("# freeze:");
        Line("#   - name: Year-end freeze");
        Line("#     from: 2026-12-20T00:00:00+01:00     # with its offset");
        Line("#     until: 2027-01-04T09:00:00+01:00");
        Line("#   - name: Weekends");
        Line("#     weekly: { days: [sat, sun], from: \"00:00\", until: \"24:00\", time_zone: Europe/Berlin }");
        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar (JSON's escaping is valid YAML).</summary>
    private static string Quote(string value) => JsonValue.Create(value).ToJsonString();

    private static string Title(string folder) => folder.Length == 0 ? folder : char.ToUpperInvariant(folder[0]) + folder[1..];
}
