using System.CommandLine;
using Shipgate.Integrations;
using Shipgate.Onboarding;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary><c>shipgate doctor</c>: one line per check of the setup, with what to do; exit 0 only when all pass.</summary>
internal static class DoctorCommand
{
    public static Command Create(CliHost host)
    {
        var repo = RepositoryOption.Create();
        var json = new Option<bool>(JsonOutput.OptionName) { Description = "Print the checks as JSON (schemas/doctor.v1.json) alone on standard output." };
        var command = new Command("doctor", "Check the setup a release needs: git, remote, branches, config, GitHub, Linear, signing.") { repo, json };
        command.SetAction((parse, ct) =>
        {
            var secrets = Connections.SecretsFrom(host.Environment);
            var folder = Path.GetFullPath(parse.GetValue(repo) ?? ".", host.WorkingDirectory);
            if (parse.GetValue(json))
                return JsonOutput.GuardAsync(host, secrets, async (people, stdout) =>
                {
                    var checks = await CheckAsync(people, folder, secrets, ct);
                    stdout.WriteLine(CliJson.Doctor(new DoctorJson(checks.All(c => c.Passed),
                        [.. checks.Select(c => new DoctorCheckJson(c.Name, c.Passed, Shown(c.Found), c.Fix is { } fix ? Shown(fix) : null))])));
                    return Verdict(checks);
                }, ct);
            return ShipgateCli.GuardAsync(host, secrets, async () => Verdict(await CheckAsync(host, folder, secrets, ct)), ct);

            string Shown(string text) => SafeText.OneLine(secrets.Redact(text));
        });
        return command;
    }

    /// <summary>Runs the checks and shows them to people, one line each, then the count of failures.</summary>
    private static async Task<IReadOnlyList<DoctorCheck>> CheckAsync(CliHost host, string folder, Secrets secrets, CancellationToken ct)
    {
        var checks = await Doctor.RunAsync(folder, host.Environment, host.Clock, secrets, ct);
        foreach (var check in checks)
        {
            // A finding that is a sentence already (a config error) ends with its own full stop: never "..".
            var line = $"[{(check.Passed ? "ok" : "FAIL")}] {check.Name}: {check.Found.TrimEnd('.')}" + (check.Fix is { } fix ? $". To fix: {fix.TrimEnd('.')}." : "");
            ScreenLayout.WriteHanging(host.Console, secrets.Redact(line), 4, check.Passed ? Style.Plain : new Style(Color.Yellow));
        }
        var failed = checks.Count(c => !c.Passed);
        host.Console.WriteLine();
        host.Console.WriteLine(failed == 0 ? "All checks passed." : $"{Plural.Of(failed, "check")} failed.");
        return checks;
    }

    private static ExitCode Verdict(IReadOnlyList<DoctorCheck> checks) => checks.All(c => c.Passed) ? ExitCode.Success : ExitCode.Error;
}
