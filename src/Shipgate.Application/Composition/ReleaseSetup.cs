using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Rendering;
using Shipgate.Slack;

namespace Shipgate.Composition;

/// <summary>
/// Puts a release together: the repository and its released policy, the code host, the trackers, Slack, the console and the
/// clock, as one <see cref="ReleaseContext"/>. The one place both front ends (the command line and MCP) compose a release.
/// </summary>
internal static class ReleaseSetup
{
    public static async Task<ReleaseContext> OpenAsync(CliHost host, ReleaseOptions options, string folder, Secrets secrets, CancellationToken ct)
    {
        var (_, policy, git, address, repository, webUrl) = await LocalRepository.OpenAsync(host.WorkingDirectory, host.Environment, folder, secrets, ct);
        var waits = new WaitLines(host.Errors, secrets);
        var codeHost = await Connections.CodeHostAsync(policy, address, host.Environment, secrets, host.Clock, waits, ct);
        var tracker = Connections.Tracker(policy, host.Environment, secrets, host.Clock, waits);
        return new ReleaseContext
        {
            Options = options,
            Policy = policy,
            Git = git,
            Console = host.Console,
            Warnings = host.Errors,
            OpenTerminal = host.OpenTerminal,
            Clock = host.Clock,
            Secrets = secrets,
            WordMemory = new WordMemory(WordMemory.StateFolder(host.Environment), repository),
            RepositoryName = repository,
            WebUrl = webUrl,
            CodeHost = codeHost,
            Tracker = tracker,
            Jira = Connections.Jira(policy, host.Environment, secrets, host.Clock, waits),
            Slack = SlackWebhook.FromEnvironment(host.Environment, secrets, host.Clock, waits),
            Actions = Release.Actions.ActionsJob.FromEnvironment(host.Environment),
        };
    }
}
