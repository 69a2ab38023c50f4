using System.CommandLine;

namespace Shipgate.Cli;

/// <summary>The --repo option every command takes.</summary>
internal static class RepositoryOption
{
    public static Option<string?> Create() =>
        new("--repo") { Description = "The repository folder (default: the current folder).", HelpName = "dir" };
}
