using System.CommandLine;
using System.Globalization;
using Shipgate.Integrations;
using Shipgate.PrArchives;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary>
/// <c>shipgate archive</c>: each merged PR's compliance archive on the archive branch (<c>archive pr</c>, run by a workflow when a PR
/// merges; <c>archive backfill</c> for the PRs merged before that), the evidence the release checklist looks for per PR.
/// </summary>
internal static class ArchiveCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("archive", "Write the compliance archives of PRs merged into staging to the archive branch.");
        command.Subcommands.Add(PullRequest(host));
        command.Subcommands.Add(Backfill(host));
        return command;
    }

    private static Command PullRequest(CliHost host)
    {
        var number = new Argument<string>("number") { Description = "The PR's number, e.g. 108." };
        var repo = RepositoryOption.Create();
        var command = new Command("pr",
            "Write a merged PR's compliance archive (its reviews, CI on its head commit, tickets, commits and files) to the archive branch. " +
            "A PR archived already is left as it is.") { number, repo };
        command.Validators.Add(result =>
        {
            if (result.GetValue(number) is { } given && Number(given) is null)
                result.AddError($"archive pr takes a PR number such as 108, not '{SafeText.OneLine(given)}'.");
        });
        command.SetAction((parse, ct) => RunAsync(host, parse.GetValue(repo), async (session, sources) =>
        {
            var archived = await PrArchiveWriter.ArchiveAsync(session.Git, session.Config, session.Name, sources, Number(parse.GetValue(number)!)!.Value,
                host.Clock.GetUtcNow(), ct);
            host.Console.WriteLine(archived.Written
                ? $"Archived PR #{archived.Number}: {archived.Path} on {session.Config.ArchiveBranch}."
                : $"PR #{archived.Number} is archived already ({SafeText.OneLine(archived.Path)} on {session.Config.ArchiveBranch}): nothing changed.");
        }, ct));
        return command;
    }

    private static Command Backfill(CliHost host)
    {
        var since = new Option<string>("--since") { Description = "The first day (UTC) whose merged PRs are archived, e.g. 2026-01-01.", Required = true, HelpName = "YYYY-MM-DD" };
        var repo = RepositoryOption.Create();
        var command = new Command("backfill",
            $"Write the missing compliance archives of the PRs merged into staging since a day, {PrArchiveWriter.BatchSize} PRs per push; " +
            "PRs archived already are left as they are.") { since, repo };
        command.Validators.Add(result =>
        {
            if (result.GetResult(since) is not null && result.GetValue(since) is { } given && Day(given) is null)
                result.AddError($"--since takes a day as YYYY-MM-DD, such as 2026-01-01, not '{SafeText.OneLine(given)}'.");
        });
        command.SetAction((parse, ct) => RunAsync(host, parse.GetValue(repo), async (session, sources) =>
        {
            var progress = new Progress<int>(n => host.Errors.WriteLine($"Reading PR #{n}..."));
            var all = await PrArchiveWriter.BackfillAsync(session.Git, session.Config, session.Name, sources, Day(parse.GetValue(since)!)!.Value,
                host.Clock.GetUtcNow(), progress, ct);
            var written = all.Where(a => a.Written).ToList();
            foreach (var archived in written) host.Console.WriteLine($"Archived PR #{archived.Number}: {archived.Path}");
            host.Console.WriteLine($"{Plural.Of(all.Count, "PR")} merged into {session.Config.StagingBranch} since {parse.GetValue(since)}: " +
                $"{written.Count} archived now, {all.Count - written.Count} archived already.");
        }, ct));
        return command;
    }

    /// <summary>The repository, GitHub and the token's login, which every archive names as its writer; then <paramref name="body"/>.</summary>
    private static Task<int> RunAsync(CliHost host, string? folder, Func<LocalRepository, ArchiveSources, Task> body, CancellationToken ct)
    {
        var secrets = Connections.SecretsFrom(host.Environment);
        return ShipgateCli.GuardAsync(host, secrets, async () =>
        {
            var repository = await LocalRepository.OpenAsync(host.WorkingDirectory, host.Environment, folder, secrets, ct);
            var gitHub = await Connections.CodeHostAsync(repository.Policy, repository.Address, host.Environment, secrets, host.Clock,
                new WaitLines(host.Errors, secrets), ct);
            if (gitHub.Service is not { } codeHost || codeHost is not IMergedPullRequests pullRequests)
                throw new ShipgateException(ExitCode.Error, $"A compliance archive is made from what GitHub says of the PR, and GitHub is not available: " +
                    $"{gitHub.Missing}.");
            var login = await codeHost.GetViewerLoginAsync(ct) is { Length: > 0 } named ? SafeText.OneLine(named)
                : throw new ShipgateException(ExitCode.Error, "GitHub does not say whose token this is (GET /user), and an archive names its writer. " +
                    "Use a token that can read /user (a user's or a bot account's token, not Actions' own GITHUB_TOKEN).");
            await body(repository, new ArchiveSources(codeHost, pullRequests, login));
            return ExitCode.Success;
        }, ct);
    }

    private static int? Number(string text) =>
        int.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static DateTimeOffset? Day(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero) : null;
}
