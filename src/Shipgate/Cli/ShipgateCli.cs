using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary>The command line: parsing and error reporting only; each command hands over to plain classes.</summary>
internal static class ShipgateCli
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct = default)
    {
        var parsed = Commands(host).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var hints = Suggestions(parsed).ToList();
            foreach (var error in Shown(parsed))
                host.Errors.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
            foreach (var hint in hints)
                host.Errors.MarkupLine(Markup.Escape(hint));
            host.Errors.WriteLine(UsageHint);
            // A program that asked for JSON gets the same error document as for any other failure, alone on stdout.
            if (JsonOutput.Asked(parsed))
            {
                var message = string.Join("\n", Shown(parsed).Select(e => e.Message).Concat(hints).Append(UsageHint));
                var secrets = Connections.SecretsFrom(host.Environment);
                host.Console.Profile.Out.Writer.WriteLine(JsonOutput.Error(ExitCode.Usage, SafeText.Lines(secrets.Redact(message))));
            }
            return (int)ExitCode.Usage;
        }
        // Ctrl-C is ours to handle (Program.cs): it must end in the documented "aborted" code, not 130.
        // --help and --version write to the console the host gave (stdout), like every result.
        return await parsed.InvokeAsync(new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
            Output = host.Console.Profile.Out.Writer,
            Error = host.Errors.Profile.Out.Writer,
        }, ct);
    }

    private const string UsageHint = "Run shipgate --help for usage.";

    /// <summary>Every command and option shipgate has, as the parser sees them.</summary>
    internal static RootCommand Commands(CliHost host)
    {
        var root = new RootCommand("Shipgate: promote staging to production with a SOC2 audit trail.");
        root.Subcommands.Add(ReleaseCommand.Create(host));
        root.Subcommands.Add(AuditCommand.Create(host));
        root.Subcommands.Add(McpCommand.Create(host));
        root.Subcommands.Add(InitCommand.Create(host));
        root.Subcommands.Add(DoctorCommand.Create(host));
        root.Subcommands.Add(ConfigCommand.Create(host));
        root.Subcommands.Add(CompletionCommand.Create(host));
        root.Subcommands.Add(FreezeCommand.Create(host));
        root.Subcommands.Add(ArchiveCommand.Create(host));
        root.Options.OfType<VersionOption>().Single().Action = new ShowVersion(host.Console);
        GiveWayToParseErrors(root);
        return root;
    }

    /// <summary>
    /// A validator that reads an option the parser could not read (its value missing or not of its type) gets an exception
    /// from System.CommandLine instead of a value. It becomes that parse error (a usage error, exit 2), never a crash: every
    /// validator of every command, option and argument, including those added later, is wrapped here.
    /// </summary>
    private static void GiveWayToParseErrors(Command command)
    {
        // First, each option given without a value it needs is named: a command validator's own error would hide it. And an
        // option the parser did not know, taken as an argument's value, is named as what it is (a value that starts with a dash
        // goes as ./-name).
        command.Validators.Insert(0, result =>
        {
            foreach (var argument in result.Children.OfType<ArgumentResult>())
                foreach (var token in argument.Tokens.Where(t => t.Value.Length > 1 && t.Value.StartsWith('-')))
                    argument.AddError($"Unrecognized command or argument '{SafeText.OneLine(token.Value)}'.");
            foreach (var option in result.Children.OfType<OptionResult>())
            {
                try
                {
                    option.GetValueOrDefault<object?>();
                }
                catch (InvalidOperationException e)
                {
                    option.AddError(e.Message);
                }
            }
        });
        Wrap(command.Validators);
        foreach (var option in command.Options) Wrap(option.Validators);
        foreach (var argument in command.Arguments) Wrap(argument.Validators);
        foreach (var subcommand in command.Subcommands) GiveWayToParseErrors(subcommand);

        static void Wrap<T>(List<Action<T>> validators) where T : SymbolResult
        {
            for (var i = 0; i < validators.Count; i++)
            {
                var validate = validators[i];
                validators[i] = result =>
                {
                    try
                    {
                        validate(result);
                    }
                    catch (InvalidOperationException e)
                    {
                        result.AddError(e.Message); // the same words as the option's own error, which Shown lists once
                    }
                };
            }
        }
    }

    /// <summary>
    /// The parse errors a person should see, each once (a validator that gave way repeats the option's own); "Required
    /// command was not provided." says nothing when a word was not understood.
    /// </summary>
    private static IEnumerable<ParseError> Shown(ParseResult parsed) =>
        parsed.Errors.Where(e => parsed.UnmatchedTokens.Count == 0 || e.Message != "Required command was not provided.").DistinctBy(e => e.Message);

    /// <summary>Shipgate's own version and the commit it was built from (the entry assembly may be a test host).</summary>
    public static string Version()
    {
        var informational = typeof(ShipgateCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var (version, commit) = informational.Split('+', 2) is [var v, var c] ? (v, c) : (informational, "unknown");
        return $"shipgate {version} (commit {commit})";
    }

    private sealed class ShowVersion(IAnsiConsole console) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            console.Profile.Out.Writer.WriteLine(Version());
            return 0;
        }
    }

    /// <summary>"Did you mean" for each word the parser did not know, from the subcommands and options where it stopped.</summary>
    private static IEnumerable<string> Suggestions(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var known = command.Subcommands.Select(c => c.Name)
            .Concat(command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)))
            .ToList();
        foreach (var token in parsed.UnmatchedTokens)
        {
            if (NearestName.Nearest(token, known) is { } nearest)
                yield return $"'{SafeText.OneLine(token)}' is not a shipgate command or option here. Did you mean '{nearest}'?";
        }
    }

    /// <summary>Runs a command body, turning failures into their message and documented exit code.</summary>
    public static async Task<int> GuardAsync(CliHost host, Secrets secrets, Func<Task<ExitCode>> body, CancellationToken ct)
    {
        try
        {
            return (int)await body();
        }
        catch (ShipgateException e) when (ct.IsCancellationRequested && e.Code == ExitCode.Error)
        {
            // Ctrl-C reaches git too; its failure is the interruption, not an error of its own.
            host.Errors.MarkupLine($"[yellow]Interrupted (Ctrl-C): {Markup.Escape(Shown(e))}[/]");
            return (int)ExitCode.Aborted;
        }
        catch (ShipgateException e)
        {
            var colour = e.Code switch { ExitCode.Blocked or ExitCode.Aborted => "yellow", _ => "red" };
            host.Errors.WriteLine();
            host.Errors.MarkupLine($"[{colour}]{Markup.Escape(Shown(e))}[/]");
            return (int)e.Code;
        }
        catch (OperationCanceledException)
        {
            host.Errors.MarkupLine("[yellow]Interrupted (Ctrl-C).[/]");
            return (int)ExitCode.Aborted;
        }
        catch (Exception e)
        {
            host.Errors.MarkupLine($"[red]Unexpected error: {Markup.Escape(Shown(e))}[/]");
            return (int)ExitCode.Error;
        }

        // Messages may quote git, GitHub or Linear: no secret and no control character reaches the terminal.
        string Shown(Exception e) => SafeText.Lines(secrets.Redact(e.Message));
    }
}
