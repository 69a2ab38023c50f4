using System.CommandLine;
using System.Text.Json;
using Shipgate.Freeze;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary>
/// <c>shipgate freeze start|end --reason</c>: stop the line (a freeze record, chained on the archive branch, by the token's
/// GitHub login), and <c>shipgate freeze status</c>: what holds now. Starting while a freeze is in force, or ending when none
/// is, is refused with exit 3 and nothing written.
/// </summary>
internal static class FreezeCommand
{
    public static Command Create(CliHost host)
    {
        var freeze = new Command("freeze", "Stop the line: freeze production by hand, end the freeze, or show what holds now.");
        freeze.Subcommands.Add(Change(host, FreezeAction.Start, "start", "Freeze production now: no release but an emergency until freeze end."));
        freeze.Subcommands.Add(Change(host, FreezeAction.End, "end", "End the freeze in force."));
        freeze.Subcommands.Add(Status(host));
        return freeze;
    }

    private static Command Change(CliHost host, FreezeAction action, string name, string description)
    {
        var reason = new Option<string>("--reason") { Description = "Why: an incident, a ticket or text. Recorded.", Required = true };
        var repo = RepositoryOption.Create();
        var command = new Command(name, description) { reason, repo };
        command.Validators.Add(result =>
        {
            if (result.GetResult(reason) is not null && string.IsNullOrWhiteSpace(result.GetValue(reason)))
                result.AddError("--reason must say why, e.g. --reason \"INC-42: checkout errors\".");
        });
        command.SetAction((parse, ct) =>
        {
            var secrets = Connections.SecretsFrom(host.Environment);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                var repository = await LocalRepository.OpenAsync(host.WorkingDirectory, host.Environment, parse.GetValue(repo), secrets, ct);
                var codeHost = await Connections.CodeHostAsync(repository.Policy, repository.Address, host.Environment, secrets, host.Clock,
                    new WaitLines(host.Errors, secrets), ct);
                if (!codeHost.TryGet(out var gitHub))
                    throw new UsageException($"shipgate freeze {name} records who froze production by the GitHub login of a token, never git config, " +
                        $"and there is no GitHub: {codeHost.Missing}. Set GH_TOKEN (or GITHUB_TOKEN) and run it again. Nothing was written.");
                var login = await gitHub.GetViewerLoginAsync(ct) is { Length: > 0 } known ? SafeText.OneLine(known)
                    : throw new UsageException("GitHub does not say whose token this is (GET /user), so nothing proves who froze production. " +
                        "Use a personal token or an app's user token. Nothing was written.");
                var record = await FreezeTrail.AppendAsync(repository.Git, repository.Config, action, parse.GetValue(reason)!, login,
                    host.Clock.GetUtcNow(), ct);
                host.Console.MarkupLine(action == FreezeAction.Start
                    ? $"[red bold]FROZEN[/]: {record.FreezeId} by {Markup.Escape(login)} on {Markup.Escape(repository.Config.ArchiveBranch)}. " +
                      "No release goes out until shipgate freeze end, except an emergency."
                    : $"[green]Freeze ended[/]: {record.FreezeId} by {Markup.Escape(login)} on {Markup.Escape(repository.Config.ArchiveBranch)}" +
                      (record.Ends is { } ends ? $" (ends {ends})." : "."));
                return ExitCode.Success;
            }, ct);
        });
        return command;
    }

    private static Command Status(CliHost host)
    {
        var json = new Option<bool>(JsonOutput.OptionName) { Description = "Print the status as JSON (schemas/freeze-status.v1.json)." };
        var repo = RepositoryOption.Create();
        var command = new Command("status", "Show the freeze in force, the freeze window in force and the next one.") { json, repo };
        command.SetAction((parse, ct) =>
        {
            var secrets = Connections.SecretsFrom(host.Environment);
            async Task<FreezeStatus> ReadAsync(CliHost people)
            {
                var repository = await LocalRepository.OpenAsync(people.WorkingDirectory, people.Environment, parse.GetValue(repo), secrets, ct);
                return await FreezeStatus.ReadAsync(repository.Git, repository.Config, people.Clock.GetUtcNow(), ct);
            }
            if (parse.GetValue(json))
                return JsonOutput.GuardAsync(host, secrets, async (people, stdout) =>
                {
                    stdout.WriteLine(JsonSerializer.Serialize((await ReadAsync(people)).Document(), FreezeJson.Default.FreezeStatusDocument));
                    return ExitCode.Success;
                }, ct);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                Show(host.Console, await ReadAsync(host));
                return ExitCode.Success;
            }, ct);
        });
        return command;
    }

    private static void Show(IAnsiConsole console, FreezeStatus status)
    {
        console.MarkupLine(status.Frozen ? "[red bold]Production is FROZEN.[/]" : "[green]Production is not frozen.[/]");
        console.WriteLine(status.Record is { } record ? $"Freeze record: {FreezeText.Manual(record)}." : "Freeze record: none in force.");
        console.WriteLine(status.Window is { } window ? $"Freeze window: {FreezeText.Window(window)}." : "Freeze window: none holds now.");
        console.WriteLine(status.Next is { } next
            ? $"Next freeze window: \"{SafeText.OneLine(next.Name)}\" from {FreezeText.Time(next.Start)} until {FreezeText.Time(next.End)}."
            : "Next freeze window: none within a week (of weekly windows) or ahead (of dated ones).");
    }
}
