using System.CommandLine;
using System.Diagnostics;
using Shipgate.Cli;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Cli;

/// <summary>
/// <c>shipgate completion SHELL</c>: the printed script, loaded into the real shell, completes what a person types. The
/// expectations come from the parser's own command tree (every command, subcommand and option it defines), never from the
/// script's data, and from what a person would press Tab for.
/// </summary>
public sealed class CompletionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Bash_completes_commands_options_and_their_values()
    {
        var bash = await ScriptAsync("bash");

        Assert.Equal(["audit"], Bash(bash, "shipgate", "au"));
        Assert.Equal(["csv", "html", "json", "md"], Bash(bash, "shipgate", "audit", "report", "--format", ""));
        Assert.Equal(["--dry-run"], Bash(bash, "shipgate", "release", "--dr"));
        // The value of an option is not taken for a command: after --resume's id, release's options again.
        Assert.Equal(["--dry-run"], Bash(bash, "shipgate", "release", "--resume", "audit", "--dr"));
        Assert.Equal(["zsh"], Bash(bash, "shipgate", "completion", "z"));
        // An option that takes any value (a file, a folder) offers file names.
        File.WriteAllText(Path.Combine(_folder.Path, "pack.html"), "");
        Assert.Equal([Path.Combine(_folder.Path, "pack.html")], Bash(bash, "shipgate", "audit", "report", "--out", Path.Combine(_folder.Path, "pa")));
    }

    [Fact]
    public async Task Bash_offers_every_subcommand_and_option_of_every_command_the_parser_defines()
    {
        var bash = await ScriptAsync("bash");

        foreach (var (path, command) in Commands(Tree(), []))
        {
            var offered = Bash(bash, ["shipgate", .. path, ""]);
            var expected = command.Subcommands.Select(c => c.Name).Concat(command.Options.Where(o => !o.Hidden).Select(o => o.Name));
            foreach (var word in expected.Where(w => w != "-?"))
                Assert.True(offered.Contains(word), $"shipgate {string.Join(' ', path)} <Tab> does not offer {word}: {string.Join(' ', offered)}");
        }
    }

    [Fact]
    [Trait("Category", "Shell")]
    public async Task Zsh_completes_commands_options_and_their_values()
    {
        var zsh = await ScriptAsync("zsh");

        Assert.Contains("audit", Zsh(zsh, "shipgate", ""));
        Assert.Equal(["verify", "review", "report", "--help", "-h"], Zsh(zsh, "shipgate", "audit", ""));
        Assert.Equal(["csv", "html", "json", "md"], Zsh(zsh, "shipgate", "audit", "report", "--format", ""));
        Assert.Equal(["(files)"], Zsh(zsh, "shipgate", "audit", "report", "--out", ""));
        Assert.Contains("--dry-run", Zsh(zsh, "shipgate", "release", "--resume", "audit", ""));
    }

    [Fact]
    [Trait("Category", "Shell")]
    public async Task Fish_completes_commands_options_and_their_values()
    {
        var fish = await ScriptAsync("fish");

        Assert.Equal(["audit"], Fish(fish, "shipgate au"));
        Assert.Equal(["csv", "html", "json", "md"], Fish(fish, "shipgate audit report --format "));
        Assert.Equal(["--dry-run"], Fish(fish, "shipgate release --resume audit --dr"));
        File.WriteAllText(Path.Combine(_folder.Path, "pack.html"), "");
        Assert.Equal([Path.Combine(_folder.Path, "pack.html")], Fish(fish, $"shipgate audit report --out {Path.Combine(_folder.Path, "pa")}"));
    }

    [Fact]
    public async Task The_powershell_script_knows_every_command_path_and_registers_for_shipgate()
    {
        var pwsh = File.ReadAllText(await ScriptAsync("pwsh"));

        Assert.Contains("Register-ArgumentCompleter -Native -CommandName shipgate", pwsh);
        foreach (var (path, command) in Commands(Tree(), []))
            Assert.Contains($"'{string.Join(' ', path)}' = @(", pwsh);
    }

    [Fact]
    public async Task An_unknown_shell_is_a_usage_error_naming_the_shells()
    {
        var result = await new ShipgateRunner(_folder.Path, Path.Combine(_folder.Path, "state")).RunAsync(["completion", "tcsh"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("tcsh", result.Errors);
        Assert.Contains("bash", result.Errors);
        Assert.Equal("", result.Stdout);
    }

    private async Task<string> ScriptAsync(string shell)
    {
        var result = await new ShipgateRunner(_folder.Path, Path.Combine(_folder.Path, "state")).RunAsync(["completion", shell]);
        Assert.True(result.Code == ExitCode.Success, result.Output);
        var file = Path.Combine(_folder.Path, "completion." + shell);
        File.WriteAllText(file, result.Stdout);
        return file;
    }

    /// <summary>What bash's completion function offers for the words typed, the last one being completed.</summary>
    private static List<string> Bash(string script, params string[] words) =>
        Run("bash", ["--norc", "--noprofile", "-c",
            "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _shipgate; printf '%s\\n' \"${COMPREPLY[@]}\"", "bash", script, .. words]);

    /// <summary>What zsh's completion function hands to compadd (or "(files)" for _files); zsh filters by the prefix itself.</summary>
    private static List<string> Zsh(string script, params string[] words) =>
        Run("zsh", ["-f", "-c",
            "compdef() { :; }; compadd() { shift; print -rl -- \"$@\"; }; _files() { print '(files)'; }; " +
            "source \"$1\"; shift; words=(\"$@\"); CURRENT=$#; _shipgate", "zsh", script, .. words]);

    /// <summary>What fish offers for a command line, as <c>complete -C</c> lists it.</summary>
    private static List<string> Fish(string script, string line) =>
        Run("fish", ["--no-config", "-c", "source $argv[1]; complete -C $argv[2]", script, line]);

    private static List<string> Run(string shell, string[] args)
    {
        var start = new ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{shell} is not installed: install it (Debian: apt-get install {shell}) or leave out --filter Category=Shell tests");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), $"{shell} did not finish");
            Assert.True(process.ExitCode == 0, $"{shell} exit {process.ExitCode}: {errors.Result}");
            return [.. output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0])];
        }
    }

    private static RootCommand Tree() => ShipgateCli.Commands(new CliHost(CapturedConsole.Create(TextWriter.Null), () => null, _ => null,
        TimeProvider.System, Path.GetTempPath()));

    private static IEnumerable<(string[] Path, Command Command)> Commands(Command command, string[] path)
    {
        if (path.Length > 0) yield return (path, command);
        foreach (var sub in command.Subcommands)
            foreach (var found in Commands(sub, [.. path, sub.Name]))
                yield return found;
    }
}
