using System.CommandLine;
using System.CommandLine.Completions;
using System.Text.RegularExpressions;

namespace Shipgate.Cli.Completion;

/// <summary>
/// What a shell may offer after a command path (<c>""</c>, <c>"audit"</c>, <c>"audit report"</c>): its subcommands, its
/// options and the values its arguments take, and, for each option that takes a value, the values it offers (none: any
/// value, so the shell offers file names).
/// </summary>
internal sealed record CompletionNode(
    string Path,
    IReadOnlyList<string> Subcommands,
    IReadOnlyList<string> Words,
    IReadOnlyList<(string Option, IReadOnlyList<string> Values)> ValueOptions);

/// <summary>The command tree as the parser defines it, read once into <see cref="CompletionNode"/>s, so scripts never fall behind it.</summary>
internal static partial class CompletionTree
{
    public static IReadOnlyList<CompletionNode> Read(Command root) => [.. Walk(root, "", [])];

    private static IEnumerable<CompletionNode> Walk(Command command, string path, IReadOnlyList<Option> inherited)
    {
        var options = command.Options.Concat(inherited).Where(o => !o.Hidden).DistinctBy(o => o.Name).ToList();
        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();
        var names = options.SelectMany(Names).ToList();
        var argumentValues = command.Arguments.SelectMany(Values);
        yield return new CompletionNode(
            path,
            [.. subcommands.Select(c => Checked(c.Name))],
            [.. subcommands.Select(c => c.Name).Concat(argumentValues).Concat(names).Distinct().Select(Checked)],
            [.. options.Where(TakesValue).SelectMany(o => Names(o).Select(n => (Checked(n), (IReadOnlyList<string>)[.. Values(o).Select(Checked)])))]);
        var passedDown = options.Where(o => o.Recursive).ToList();
        foreach (var subcommand in subcommands)
            foreach (var node in Walk(subcommand, path.Length == 0 ? subcommand.Name : $"{path} {subcommand.Name}", passedDown))
                yield return node;
    }

    /// <summary>An option's name and aliases as people type them on Unix (not help's /h, /? and -?).</summary>
    private static IEnumerable<string> Names(Option option) =>
        option.Aliases.Prepend(option.Name).Where(n => n.StartsWith('-') && n != "-?");

    /// <summary>A flag (a bool) takes no value; every other option does.</summary>
    private static bool TakesValue(Option option) => option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;

    private static IEnumerable<string> Values(Symbol symbol) =>
        symbol.GetCompletions(CompletionContext.Empty).Select(c => c.Label).Where(v => v.Length > 0 && v != "True" && v != "False");

    /// <summary>
    /// Every word goes into shell source between single quotes; one that could close them or mean something to a shell is a
    /// mistake in a command's definition, caught by the tests, never a script that runs something.
    /// </summary>
    private static string Checked(string word) =>
        PlainWord().IsMatch(word) ? word : throw new InvalidOperationException($"'{word}' cannot be offered by a completion script");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/+-]*$|^--?[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex PlainWord();
}
