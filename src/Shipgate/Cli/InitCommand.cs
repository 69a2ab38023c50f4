using System.CommandLine;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Onboarding;

namespace Shipgate.Cli;

/// <summary><c>shipgate init</c>: writes a first, commented <c>.shipgate.yml</c> from what it finds; never overwrites one.</summary>
internal static class InitCommand
{
    public static Command Create(CliHost host)
    {
        var repo = RepositoryOption.Create();
        var command = new Command("init", "Write a commented .shipgate.yml from what this clone shows (never overwrites one).") { repo };
        command.SetAction((parse, ct) =>
        {
            var secrets = Connections.SecretsFrom(host.Environment);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                var root = await GitRepository.FindTopLevelAsync(Path.GetFullPath(parse.GetValue(repo) ?? ".", host.WorkingDirectory), secrets, ct);
                var path = Path.Combine(root, ConfigLoader.FileName);
                if (File.Exists(path))
                    throw new UsageException(
                        $"{path} already exists; shipgate init never overwrites it. Edit it, or move it away and run shipgate init again.");
                var facts = await RepositoryScan.ScanAsync(new GitCli(root, secrets), host.Environment, secrets, ct);
                var yaml = PolicyDraft.Write(facts);
                ConfigLoader.Parse(yaml, path); // what init writes must load; a failure here is a bug, reported as one
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                await using (var writer = new StreamWriter(file))
                    await writer.WriteAsync(yaml);
                host.Console.WriteLine($"Wrote {path}.");
                host.Console.WriteLine("Next: read it and fill in what it asks (tickets.keys, github.required_checks), then commit it to "
                    + $"{facts.Staging} and release it: Shipgate reads the policy as committed on {facts.Remote}/{facts.Production}.");
                host.Console.WriteLine("Then run shipgate doctor to check the setup, and shipgate release --dry-run to see a release.");
                return ExitCode.Success;
            }, ct);
        });
        return command;
    }
}
