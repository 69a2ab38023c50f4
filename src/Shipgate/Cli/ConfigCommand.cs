using System.CommandLine;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary><c>shipgate config check [FILE]</c>: a local policy file judged as a release would judge it, before it is committed.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("config", "Work with the release policy file (.shipgate.yml).");
        command.Subcommands.Add(Check(host));
        return command;
    }

    private static Command Check(CliHost host)
    {
        var file = new Argument<string?>("file")
        {
            Description = $"The file to check (default: {ConfigLoader.FileName} at the top of the repository's working tree).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var repo = RepositoryOption.Create();
        var command = new Command("check",
            "Check a policy file exactly as a release reads the committed one, without trusting it for anything: " +
            "nothing is released under it and no credential is sent anywhere.") { file, repo };
        command.SetAction((parse, ct) =>
        {
            var secrets = Connections.SecretsFrom(host.Environment);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                var path = parse.GetValue(file) is { } given
                    ? Path.GetFullPath(given, host.WorkingDirectory)
                    : Path.Combine(await GitRepository.FindTopLevelAsync(Path.GetFullPath(parse.GetValue(repo) ?? ".", host.WorkingDirectory), secrets, ct),
                        ConfigLoader.FileName);
                if (!File.Exists(path))
                    throw new UsageException($"There is no file {path}. Name the file to check (shipgate config check FILE), or write one with shipgate init.");
                var location = PolicyLocation.FromEnvironment(host.Environment);
                var config = PolicyCheck.Judge(await File.ReadAllTextAsync(path, ct), path, location);

                host.Console.WriteLine($"{SafeText.OneLine(path)} is a valid release policy. A release would read it as:");
                foreach (var line in PolicyCheck.Summary(config))
                    ScreenLayout.WriteHanging(host.Console, "  " + line, 4, Style.Plain);
                host.Console.WriteLine($"It governs releases once it is released: a release reads the policy committed on {location.Remote}/{location.ProductionBranch}.");
                return ExitCode.Success;
            }, ct);
        });
        return command;
    }
}
