using System.Globalization;

namespace Shipgate.Release.Actions;

/// <summary>
/// The GitHub Actions job a command runs in, as its variables say (GITHUB_ACTIONS=true): the run, the repository, and the
/// files a step writes its summary and outputs to. Null outside Actions.
/// </summary>
internal sealed record ActionsJob(long? RunId, string? Repository, string? StepSummary, string? Output)
{
    public static ActionsJob? FromEnvironment(Func<string, string?> environment) =>
        environment("GITHUB_ACTIONS") != "true"
            ? null
            : new ActionsJob(
                long.TryParse(environment("GITHUB_RUN_ID"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null,
                NonEmpty(environment("GITHUB_REPOSITORY")), NonEmpty(environment("GITHUB_STEP_SUMMARY")), NonEmpty(environment("GITHUB_OUTPUT")));

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
