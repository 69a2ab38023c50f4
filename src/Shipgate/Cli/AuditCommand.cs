using System.CommandLine;
using Shipgate.Audit;
using Shipgate.Audit.Org;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary><c>shipgate audit</c>: the auditor's half of Shipgate (verify, review, report).</summary>
internal static class AuditCommand
{
    public static Command Create(CliHost host)
    {
        var audit = new Command("audit", "Verify the release trail, review emergency releases, report on a period.");
        audit.Subcommands.Add(Verify(host));
        audit.Subcommands.Add(Review(host));
        audit.Subcommands.Add(AuditReportCommand.Create(host));
        return audit;
    }

    private static Command Verify(CliHost host)
    {
        var json = new Option<bool>(JsonOutput.OptionName) { Description = "Print the verdict as JSON." };
        var requireWitness = new Option<bool>("--require-witness")
        {
            Description = "Fail (exit 5) unless GitHub's record of pushes bears out every record (needs a GitHub token).",
        };
        var repo = RepositoryOption.Create();
        var command = new Command("verify",
            "Prove that the release trail is complete and untampered: offline, and against GitHub's record of pushes when a token is set.")
            { json, requireWitness, repo };
        var org = new OrgOptions();
        org.AddTo(command, repo);
        command.SetAction((parse, ct) =>
        {
            var secrets = Connections.SecretsFrom(host.Environment);
            var strict = parse.GetValue(requireWitness);
            if (org.Given(parse)) return VerifyOrganisationAsync(host, org, parse, parse.GetValue(json), strict, secrets, ct);
            if (parse.GetValue(json))
                return JsonOutput.GuardAsync(host, secrets, async (people, stdout) =>
                {
                    var (facts, verdict) = await TrailVerification.RunAsync(people, parse.GetValue(repo), secrets, ct);
                    stdout.WriteLine(VerifyScreen.Json(facts, verdict));
                    return Exit(verdict, strict);
                }, ct);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                var (facts, verdict) = await TrailVerification.RunAsync(host, parse.GetValue(repo), secrets, ct);
                VerifyScreen.Show(host.Console, facts, verdict);
                if (strict && verdict.Ok && verdict.Witness?.Witnessed != true)
                    host.Console.MarkupLine("[red]FAIL: --require-witness, and the trail is not witnessed.[/]");
                return Exit(verdict, strict);
            }, ct);
        });
        return command;
    }

    /// <summary>Exit 5 for a broken trail, and under --require-witness for one GitHub does not bear out.</summary>
    private static ExitCode Exit(TrailVerdict verdict, bool requireWitness) =>
        verdict.Ok && (!requireWitness || verdict.Witness?.Witnessed == true) ? ExitCode.Success : ExitCode.TrailBroken;

    /// <summary>
    /// verify --repos/--org: every repository's verdict; exit 5 unless every trail was shown intact (a repository that
    /// could not be fetched or read counts as not verified, never as intact).
    /// </summary>
    private static Task<int> VerifyOrganisationAsync(CliHost host, OrgOptions org, ParseResult parse, bool json, bool requireWitness, Secrets secrets,
        CancellationToken ct)
    {
        async Task<ExitCode> RunAsync(CliHost people, TextWriter? stdout)
        {
            var (sources, run) = await org.ResolveAsync(parse, people, secrets, period: null, ct);
            var verdicts = await OrgOptions.VerifyAsync(people, run, sources, quiet: json, ct);
            if (stdout is not null) stdout.WriteLine(OrgVerifyScreen.Json(verdicts));
            else OrgVerifyScreen.Show(people.Console, verdicts);
            var witnessed = !requireWitness || verdicts.All(v => v.Verdict?.Witness?.Witnessed == true);
            return OrgSummary.Of(verdicts).Ok && witnessed ? ExitCode.Success : ExitCode.TrailBroken;
        }
        return json
            ? JsonOutput.GuardAsync(host, secrets, RunAsync, ct)
            : ShipgateCli.GuardAsync(host, secrets, () => RunAsync(host, null), ct);
    }

    /// <summary>What replaced --by, for whoever still passes it.</summary>
    internal const string ByRemoved =
        "--by was removed: the reviewer is now whoever runs the command, taken from git config (user.name, user.email) and, " +
        "when a GitHub token is available, the GitHub login. Run it as the reviewer, in your own clone: shipgate audit review <release-id> --note <text>.";

    private static Command Review(CliHost host)
    {
        var release = new Argument<string?>("release-id")
        {
            Description = "The emergency release to review, e.g. release-2026-02-04-153045.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var directPushes = new Option<string[]>("--direct-push")
        {
            Description = "Acknowledge commits pushed straight to production instead (you must not be their author).",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
            HelpName = "sha",
        };
        var note = new Option<string>("--note") { Description = "The review: a URL or text.", Required = true };
        var by = new Option<string?>("--by") { Hidden = true, Arity = ArgumentArity.ZeroOrOne };
        var repo = RepositoryOption.Create();
        var command = new Command("review",
            "Record, in the hash chain, your review of an emergency release or your acknowledgement of direct pushes. " +
            "You must not be their releaser or author.")
            { release, directPushes, note, by, repo };
        command.Validators.Add(result =>
        {
            if (result.GetResult(by) is not null) result.AddError(ByRemoved);
            if (result.GetValue(release) is { } id && !id.StartsWith('-') && !ReleaseCommand.ReleaseId().IsMatch(id))
                result.AddError($"audit review takes a release id such as release-2026-02-04-153045, not '{SafeText.OneLine(id)}'.");
            var (hasRelease, hasPushes) = (result.GetValue(release) is not null, result.GetResult(directPushes) is not null);
            if (hasRelease && hasPushes) result.AddError("Give a release id or --direct-push, not both.");
            if (!hasRelease && !hasPushes)
                result.AddError("Name what you reviewed: a release (shipgate audit review <release-id> --note <text>) " +
                    "or commits pushed straight to production (shipgate audit review --direct-push <sha>… --note <text>).");
            if (result.GetResult(note) is not null && string.IsNullOrWhiteSpace(result.GetValue(note)))
                result.AddError("--note must say what the review found: a URL or text.");
        });
        command.SetAction((parse, ct) =>
        {
            var secrets = Connections.SecretsFrom(host.Environment);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                var repository = await LocalRepository.OpenAsync(host.WorkingDirectory, host.Environment, parse.GetValue(repo), secrets, ct);
                var waits = new WaitLines(host.Errors, secrets);
                var codeHost = (await Connections.CodeHostAsync(repository.Policy, repository.Address, host.Environment, secrets, host.Clock, waits, ct))
                    .Service;
                var reviewer = await ReviewerIdentity.IdentifyAsync(repository.Git, codeHost, host.Console, secrets, ct);
                var (config, git, now) = (repository.Config, repository.Git, host.Clock.GetUtcNow());
                using var signers = await AllowedSigners.OpenAsync(repository, ct);
                var review = parse.GetValue(release) is { } releaseId
                    ? await EmergencyReview.RecordAsync(git, config, releaseId, reviewer, parse.GetValue(note)!, signers, now, ct)
                    : await DirectPushReview.RecordAsync(git, config, repository.Name, parse.GetValue(directPushes)!, reviewer, parse.GetValue(note)!,
                        signers, now, ct, codeHost as IPushHistory);
                var what = review.ReviewsRelease ?? string.Join(", ", review.DirectPushes!.Select(p => Sha.Short(p.Sha)));
                host.Console.MarkupLine($"[green]Recorded[/] {review.ReviewId} for {Markup.Escape(what)} by {Markup.Escape(reviewer.ToString())} " +
                    $"on {Markup.Escape(config.ArchiveBranch)}.");
                host.Console.WriteLine(ReviewProofText.Describe(review.ReviewerProof));
                return ExitCode.Success;
            }, ct);
        });
        return command;
    }
}
