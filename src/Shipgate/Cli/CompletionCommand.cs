using System.CommandLine;
using Shipgate.Cli.Completion;

namespace Shipgate.Cli;

/// <summary><c>shipgate completion bash|zsh|fish|pwsh</c>: prints the shell's completion script, made from the command tree.</summary>
internal static class CompletionCommand
{
    public static Command Create(CliHost host)
    {
        var shell = new Argument<string>("shell") { Description = "The shell: " + string.Join(", ", ShellCompletion.Shells) + "." };
        shell.AcceptOnlyFromAmong([.. ShellCompletion.Shells]);
        var command = new Command("completion",
            "Print a script that completes shipgate's commands and options in your shell. The script's first lines say how to load it " +
            "(for bash: source <(shipgate completion bash)).") { shell };
        command.SetAction(parse =>
        {
            var tree = CompletionTree.Read(parse.RootCommandResult.Command);
            host.Console.Profile.Out.Writer.Write(ShellCompletion.Script(parse.GetValue(shell)!, tree));
            return (int)ExitCode.Success;
        });
        return command;
    }
}
