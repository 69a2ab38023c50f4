using System.CommandLine;
using Shipgate.Integrations;
using Shipgate.Onboarding;

namespace Shipgate.Cli;

/// <summary><c>shipgate doctor</c>: one line per check of the setup, with what to do; exit 0 only when all pass.</summary>
internal static class DoctorCommand
{
    public static Command Create(CliHost host)
    {
        var repo = RepositoryOption.Create();
        var command = new Command("doctor", "Check the setup a release needs: git, remote, branches, config, GitHub, Linear, signing.") { repo };
        command.SetAction((parse, ct) =>
        {
            var secrets = Connections.SecretsFrom(host.Environment);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                var folder = Path.GetFullPath(parse.GetValue(repo) ?? ".", host.WorkingDirectory);
                var checks = await Doctor.RunAsync(folder, host.Environment, host.Clock, secrets, ct);
                foreach (var check in checks)
                {
                    var line = $"[{(check.Passed ? "ok" : "FAIL")}] {check.Name}: {check.Found}" + (check.Fix is { } fix ? $". To fix: {fix}." : "");
                    Rendering.ScreenLayout.WriteHanging(host.Console, secrets.Redact(line), 4, check.Passed ? Style.Plain : new Style(Color.Yellow));
                }
                var failed = checks.Count(c => !c.Passed);
                host.Console.WriteLine();
                host.Console.WriteLine(failed == 0 ? "All checks passed." : $"{Rendering.Plural.Of(failed, "check")} failed.");
                return failed == 0 ? ExitCode.Success : ExitCode.Error;
            }, ct);
        });
        return command;
    }
}
