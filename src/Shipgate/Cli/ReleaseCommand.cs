using System.CommandLine;
using System.Text.RegularExpressions;
using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary><c>shipgate release</c>: reads the options, opens the repository and its services, then runs the release pipeline.</summary>
internal static partial class ReleaseCommand
{
    public static Command Create(CliHost host)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Run the checks and show the summary; change nothing." };
        var allowUnverified = Reason("--allow-unverified-ci",
            "Release although CI cannot be verified (no GitHub access). The reason is recorded.", "why CI cannot be checked");
        var wait = new Option<bool>("--wait") { Description = "Follow the deployment workflow run to its end." };
        var emergency = Reason("--emergency",
            "An emergency release: may pass a failing CI gate (the word is still typed). Recorded; review it with shipgate audit review.",
            "why this cannot wait for green CI");
        var resume = new Option<string?>("--resume")
        {
            Description = "Finish a release already made: check its deployment and comment on its tickets again (never twice).",
            HelpName = "release-id",
        };
        resume.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } id && !ReleaseId().IsMatch(id))
                result.AddError($"--resume takes a release id such as release-2026-02-04-153045, not '{SafeText.OneLine(id)}'.");
        });
        var json = new Option<bool>(JsonOutput.OptionName)
        {
            Description = "Print the plan (with --dry-run) or the release's result as JSON on standard output; people's text goes to standard error.",
        };
        var approvedPlan = new Option<string?>("--approved-plan")
        {
            Description = "Release inside GitHub Actions the plan a GitHub Environment's reviewer approved (its digest, from the plan job's " +
                "plan_digest output). Allowed only where the production policy sets github.environment.",
            HelpName = "digest",
        };
        approvedPlan.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } digest && !PlanDigest.IsDigest(digest))
                result.AddError($"--approved-plan takes the plan's digest (64 hex digits, the plan job's plan_digest output), not '{SafeText.OneLine(digest)}'.");
        });
        var repo = RepositoryOption.Create();

        var command = new Command("release", "Promote staging to production with a release record.")
            { dryRun, allowUnverified, wait, emergency, resume, json, approvedPlan, repo };
        command.Validators.Add(result =>
        {
            if (result.GetValue(resume) is not null && result.GetValue(json))
                result.AddError("--json prints a plan or a new release's result; --resume takes no --json.");
            if (result.GetValue(approvedPlan) is not null && (result.GetValue(dryRun) || result.GetValue(resume) is not null))
                result.AddError("--approved-plan releases an approved plan; it takes no --dry-run or --resume (the plan job runs --dry-run).");
            if (result.GetValue(resume) is null) return;
            if (result.GetValue(dryRun) || result.GetValue(allowUnverified) is not null || result.GetValue(emergency) is not null)
                result.AddError("--resume finishes a release already made; it takes no --dry-run, --allow-unverified-ci or --emergency.");
        });
        command.SetAction((parse, ct) =>
        {
            var options = new ReleaseOptions(parse.GetValue(dryRun), parse.GetValue(allowUnverified), parse.GetValue(wait), parse.GetValue(emergency),
                parse.GetValue(approvedPlan));
            var folder = Path.GetFullPath(parse.GetValue(repo) ?? ".", host.WorkingDirectory);
            var secrets = Connections.SecretsFrom(host.Environment);
            if (parse.GetValue(json))
                return ReleaseJson.RunAsync(host, options, folder, secrets, ct);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                var context = await ReleaseSetup.OpenAsync(host, options, folder, secrets, ct);
                if (parse.GetValue(resume) is { } releaseId)
                    return await Resume.RunAsync(context, releaseId, ct);
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

    /// <summary>An option whose value is a reason for the record: given, it must say something.</summary>
    private static Option<string?> Reason(string name, string description, string what)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "reason" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } reason) return;
            if (string.IsNullOrWhiteSpace(reason))
                result.AddError($"{name} needs a reason, for the record: {name} \"<{what}>\".");
            // "--emergency --json" would take "--json" as the reason and record it: an option is never a reason.
            else if (reason.TrimStart().StartsWith("--", StringComparison.Ordinal))
                result.AddError($"{name} takes the reason right after it, and got the option {reason.Trim()} instead: {name} \"<{what}>\".");
        });
        return option;
    }

    [GeneratedRegex(@"^release-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}(-[0-9]+)?$")]
    internal static partial Regex ReleaseId();

}
