using Shipgate.Release;
using Shipgate.Release.Actions;
using Shipgate.Release.Phases;

namespace Shipgate.Cli;

/// <summary>
/// <c>shipgate release --json</c>: the dry run's plan, checklist and verdict, or, after the word was typed at the
/// terminal, what the release did. The terminal rule is unchanged: a release still needs a person at a terminal.
/// </summary>
internal static class ReleaseJson
{
    public static Task<int> RunAsync(CliHost host, ReleaseOptions options, string folder, Secrets secrets, CancellationToken ct) =>
        JsonOutput.GuardAsync(host, secrets, async (people, stdout) =>
        {
            var context = await ReleaseSetup.OpenAsync(people, options, folder, secrets, ct);
            if (options.DryRun)
            {
                var (document, code) = await DryRunPlan.RunAsync(context, ct);
                stdout.WriteLine(PlanDocument.Text(document));
                return code;
            }
            if (options.ApprovedPlan is not null)
                return Print(await ReleasePipeline.ReleaseAsync(context, GitHubEnvironmentConfirmation.Require(context), ct));
            using var terminal = Confirmation.RequireTerminal(context);
            return Print(await ReleasePipeline.ReleaseAsync(context, terminal, ct));

            ExitCode Print(ReleaseOutcome outcome)
            {
                stdout.WriteLine(ReleaseResult.Text(context, outcome));
                return outcome.Code;
            }
        }, ct);

}
