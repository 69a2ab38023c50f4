using System.CommandLine;
using Shipgate.Audit;
using Shipgate.Integrations;

namespace Shipgate.Cli;

/// <summary><c>shipgate audit</c>: the auditor's half of Shipgate (verify, review, report).</summary>
public static class AuditCommand
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
        var json = new Option<bool>("--json") { Description = "Print the verdict as JSON." };
        var repo = RepositoryOption.Create();
        var command = new Command("verify", "Prove, offline from any API, that the release trail is complete and untampered.") { json, repo };
        command.SetAction((parse, ct) =>
        {
            var secrets = Connections.SecretsFrom(host.Environment);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                var repository = await LocalRepository.OpenAsync(host.WorkingDirectory, host.Environment, parse.GetValue(repo), secrets, ct);
                string? signers = null;
                if (repository.Config.Audit.AllowedSigners is { } file)
                {
                    signers = Path.GetFullPath(file, repository.Root);
                    if (!File.Exists(signers))
                        throw new UsageException($"audit.allowed_signers: {file} does not exist (looked in {repository.Root}).");
                }
                var facts = await TrailReader.ReadAsync(repository.Git, repository.Config, repository.Name, signers, ct);
                var verdict = TrailVerifier.Verify(facts, host.Clock.GetUtcNow(), repository.Config.Audit.ReviewWithin);
                if (parse.GetValue(json)) host.Console.Profile.Out.Writer.WriteLine(VerifyScreen.Json(facts, verdict));
                else VerifyScreen.Show(host.Console, facts, verdict);
                return verdict.Ok ? ExitCode.Success : ExitCode.TrailBroken;
            }, ct);
        });
        return command;
    }

    private static Command Review(CliHost host)
    {
        var release = new Argument<string>("release-id") { Description = "The emergency release to review, e.g. release-2026-02-04-153045." };
        var by = new Option<string>("--by") { Description = "Who reviewed it.", Required = true };
        var note = new Option<string>("--note") { Description = "The review: a URL or text.", Required = true };
        var repo = RepositoryOption.Create();
        var command = new Command("review", "Record the after-the-fact review of an emergency release in the hash chain.") { release, by, note, repo };
        command.SetAction((parse, ct) =>
        {
            var secrets = Connections.SecretsFrom(host.Environment);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                var repository = await LocalRepository.OpenAsync(host.WorkingDirectory, host.Environment, parse.GetValue(repo), secrets, ct);
                var review = await EmergencyReview.RecordAsync(repository, parse.GetValue(release)!, parse.GetValue(by)!, parse.GetValue(note)!, host.Clock.GetUtcNow(), ct);
                host.Console.MarkupLine($"[green]Recorded[/] {review.ReviewId} for {review.ReviewsRelease} on {repository.Config.ArchiveBranch}.");
                return ExitCode.Success;
            }, ct);
        });
        return command;
    }
}
