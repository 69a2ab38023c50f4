using System.CommandLine;
using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.Cli;

/// <summary><c>shipgate release</c>: builds the release context, then runs the release pipeline.</summary>
public static class ReleaseCommand
{
    public static Command Create(CliHost host)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Run the checks and show the summary; change nothing." };
        var allowUnverified = new Option<string?>("--allow-unverified-ci")
        {
            Description = "Release although CI cannot be verified (no GitHub access). The reason is recorded.",
            HelpName = "reason",
        };
        var wait = new Option<bool>("--wait") { Description = "Follow the deployment workflow run to its end." };
        var emergency = new Option<string?>("--emergency")
        {
            Description = "An emergency release: may pass a failing CI gate (the word is still typed). Recorded; review it with shipgate audit review.",
            HelpName = "reason",
        };
        var repo = LocalRepository.FolderOption();

        var command = new Command("release", "Promote staging to production with a release record.") { dryRun, allowUnverified, wait, emergency, repo };
        command.SetAction((parse, ct) =>
        {
            var reason = parse.GetValue(allowUnverified);
            var emergencyReason = parse.GetValue(emergency);
            var options = new ReleaseOptions(parse.GetValue(dryRun), reason, parse.GetValue(wait), emergencyReason);
            var folder = Path.GetFullPath(parse.GetValue(repo) ?? ".", host.WorkingDirectory);
            var secrets = Connections.SecretsFrom(host.Environment);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                if (emergencyReason is not null && string.IsNullOrWhiteSpace(emergencyReason))
                    throw new UsageException("--emergency needs a reason, for the record: --emergency \"<why this cannot wait for green CI>\".");
                if (reason is not null && string.IsNullOrWhiteSpace(reason))
                    throw new UsageException("--allow-unverified-ci needs a reason, for the record: --allow-unverified-ci \"<why CI cannot be checked>\".");
                var context = await CreateContextAsync(host, options, folder, secrets);
                if (options.DryRun)
                {
                    host.Console.WriteLine("DRY RUN MODE - No changes will be made");
                    host.Console.WriteLine();
                }
                return await ReleasePipeline.RunAsync(context, ct);
            }, ct);
        });
        return command;
    }

    public static async Task<ReleaseContext> CreateContextAsync(CliHost host, ReleaseOptions options, string folder, Secrets secrets)
    {
        var (_, config, git, address, repository, webUrl) = await LocalRepository.OpenAsync(host, folder, secrets);
        var waits = new Rendering.WaitLines(host.Console, secrets);
        var codeHost = await Connections.CodeHostAsync(config, address, host.Environment, secrets, host.Clock, waits);
        var tracker = Connections.Tracker(config, host.Environment, secrets, host.Clock, waits);
        return new ReleaseContext
        {
            Options = options,
            Config = config,
            Git = git,
            Console = host.Console,
            Input = host.Input,
            Clock = host.Clock,
            Secrets = secrets,
            WordMemory = new WordMemory(WordMemory.StateFolder(host.Environment), repository),
            RepositoryName = repository,
            WebUrl = webUrl,
            CodeHost = codeHost.Host,
            CodeHostMissing = codeHost.Missing,
            Tracker = tracker.Tracker,
            TrackerMissing = tracker.Missing,
        };
    }
}
