using Shipgate.Config;
using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Rendering;

namespace Shipgate.Onboarding;

/// <summary>
/// Doctor inside GitHub Actions (GITHUB_ACTIONS=true), where the policy names github.environment: the environment's protection
/// rules, which a release approved there relies on (required reviewers, "Prevent self-review"). Elsewhere: no check.
/// </summary>
internal static class EnvironmentDoctor
{
    public static async Task<IReadOnlyList<DoctorCheck>> CheckAsync(ShipgateConfig config, IActionsEvidence gitHub, string repository,
        Func<string, string?> environment, Secrets secrets, CancellationToken ct)
    {
        if (environment("GITHUB_ACTIONS") != "true" || config.GitHub.Environment is not { } name) return [];
        const string check = "GitHub environment";
        EnvironmentProtection? protection;
        try
        {
            protection = await gitHub.GetEnvironmentAsync(name, ct);
        }
        catch (ShipgateException e)
        {
            return [DoctorCheck.Failed(check, SafeText.OneLine(secrets.Redact(e.Message)), "give the job's token actions: read and check github.environment")];
        }
        return EnvironmentApproval.ProtectionProblem(repository, name, protection) is { } problem
            ? [DoctorCheck.Failed(check, problem.TrimEnd('.') + (protection is null ? "" : $". Its rules: {EnvironmentApproval.Describe(protection)}"),
                "releases approved there would be refused (exit 6) until it is")]
            : [DoctorCheck.Ok(check, $"{SafeText.OneLine(name)}: {EnvironmentApproval.Describe(protection!)}")];
    }
}
