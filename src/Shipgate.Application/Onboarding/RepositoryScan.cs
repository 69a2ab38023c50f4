using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Linear;

namespace Shipgate.Onboarding;

/// <summary>Looks at a clone (and Linear, when a key is set) for what <see cref="PolicyDraft"/> needs. Reads only.</summary>
internal static class RepositoryScan
{
    public static async Task<RepositoryFacts> ScanAsync(GitCli git, Func<string, string?> environment, Secrets secrets, CancellationToken ct)
    {
        var remotes = (await git.TryRunAsync(["remote"], ct: ct)).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var wanted = environment(PolicyLocation.RemoteVariable) is { Length: > 0 } named ? named : "origin";
        var remote = remotes.Contains(wanted) ? wanted : remotes.FirstOrDefault() ?? wanted;

        var refs = (await git.TryRunAsync(["for-each-ref", "--format=%(refname)", "refs/heads", $"refs/remotes/{remote}"], ct: ct)).Text
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.StartsWith("refs/heads/", StringComparison.Ordinal) ? r["refs/heads/".Length..] : r[$"refs/remotes/{remote}/".Length..])
            .ToHashSet();
        var production = new[] { "main", "master", "production" }.FirstOrDefault(refs.Contains) ?? "main";
        var staging = new[] { "staging", "develop", "dev" }.FirstOrDefault(refs.Contains);

        var url = remotes.Contains(remote) ? (await git.TryRunAsync(["remote", "get-url", remote], ct: ct)).Text.Trim() : null;
        var folders = (await git.TryRunAsync(["ls-tree", "-d", "--name-only", "HEAD"], ct: ct)).Text
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => !f.StartsWith('.'))
            .ToList();
        var (keys, note) = await TeamKeysAsync(remote, environment, secrets, ct);
        if (keys is null && await GuessKeysAsync(git, refs, ct) is { Count: > 0 } guessed)
            (keys, note) = (guessed, note.Replace(": list yours.", ".", StringComparison.Ordinal) +
                $" These keys recur in the last {HistoryLooked} commit messages and the branch names: check them.");
        var (site, projects, jiraNote) = await JiraProjectsAsync(remote, environment, secrets, ct);
        return new RepositoryFacts(remote, remotes.Contains(remote), production, staging ?? "staging", staging is not null,
            RepositoryAddress.Parse(url), keys, note, folders)
        { JiraSite = site, JiraProjects = projects, JiraNote = jiraNote };
    }

    /// <summary>JIRA_BASE_URL and, with credentials, the project keys Jira lists; nothing when JIRA_BASE_URL is unset.</summary>
    private static async Task<(string?, IReadOnlyList<string>?, string)> JiraProjectsAsync(
        string remote, Func<string, string?> environment, Secrets secrets, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(environment(Jira.JiraSettings.BaseUrlVariable))) return (null, null, "");
        var defaults = new ReleasePolicy(ShipgateConfig.Default, new PolicySource(remote, "main", null, ConfigLoader.FileName, null, false), null, null);
        try
        {
            var jira = Connections.Jira(defaults, environment, secrets);
            var site = EndpointUrl.From(environment(Jira.JiraSettings.BaseUrlVariable), Jira.JiraSettings.BaseUrlVariable, "https://SITE.atlassian.net")!;
            if (jira?.Service is not { } client) return (site.ToString().TrimEnd('/'), null, $"Jira was not asked for its projects ({jira?.Missing}).");
            return (site.ToString().TrimEnd('/'), await client.GetTeamKeysAsync(ct), "These are the projects Jira lists for your account.");
        }
        catch (Exception e) when (e is ShipgateException or HttpRequestException)
        {
            return (null, null, $"Jira did not answer ({SafeLine(secrets.Redact(e.Message))}).");
        }
    }

    private static async Task<(IReadOnlyList<string>?, string)> TeamKeysAsync(
        string remote, Func<string, string?> environment, Secrets secrets, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(environment(LinearSettings.ApiKeyVariable)))
            return (null, $"{LinearSettings.ApiKeyVariable} is not set, so Linear's team keys were not read: list yours.");
        var defaults = new ReleasePolicy(ShipgateConfig.Default, new PolicySource(remote, "main", null, ConfigLoader.FileName, null, false), null, null);
        try
        {
            var tracker = Connections.Tracker(defaults, environment, secrets);
            if (tracker.Service is not { } linear) return (null, $"Linear is not available ({tracker.Missing}): list your team keys.");
            var keys = await linear.GetTeamKeysAsync(ct);
            return (keys, "These are Linear's team keys.");
        }
        catch (Exception e) when (e is ShipgateException or HttpRequestException or ApiException)
        {
            return (null, $"Linear did not give its team keys ({SafeLine(secrets.Redact(e.Message))}): list yours.");
        }
    }

    /// <summary>How many commits back init looks for ticket ids.</summary>
    public const int HistoryLooked = 300;

    /// <summary>The keys of the ticket ids that recur in recent commit messages and branch names (<see cref="Release.TicketKeyGuess"/>).</summary>
    private static async Task<IReadOnlyList<string>> GuessKeysAsync(GitCli git, IEnumerable<string> branches, CancellationToken ct)
    {
        var log = await git.TryRunAsync(["log", $"-{HistoryLooked}", "--format=%B%x00", "--all"], ct: ct);
        var messages = log.ExitCode == 0 ? log.Text.Split('\0') : [];
        return Release.TicketKeyGuess.From(messages.Concat(branches));
    }

    private static string SafeLine(string text) => Rendering.SafeText.OneLine(text);
}
