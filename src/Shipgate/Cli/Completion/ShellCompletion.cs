using System.Text;

namespace Shipgate.Cli.Completion;

/// <summary>
/// The completion scripts <c>shipgate completion SHELL</c> prints, as gh and goreleaser print theirs. Each is the command tree
/// as data (what follows each command path) and a few lines that find the path typed so far; nothing in them calls
/// shipgate, so pressing Tab costs no process start.
/// </summary>
internal static class ShellCompletion
{
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "fish", "pwsh"];

    public static string Script(string shell, IReadOnlyList<CompletionNode> tree) => shell switch
    {
        "bash" => Bash(tree),
        "zsh" => Zsh(tree),
        "fish" => Fish(tree),
        "pwsh" => PowerShell(tree),
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "not a shell shipgate has a completion script for"),
    };

    private static string Quoted(string word) => $"'{word}'";

    private static string Key(string path, string option) => Quoted($"{path}|{option}");

    /// <summary>The three lookups, in the <c>case</c> both bash and zsh read.</summary>
    private static void PosixLookups(StringBuilder script, IReadOnlyList<CompletionNode> tree)
    {
        Lookup("_shipgate_subcommands", "the subcommands after a command path", tree.Where(n => n.Subcommands.Count > 0).Select(n => (n.Path, n.Subcommands)));
        Lookup("_shipgate_words", "what may be typed after a command path", tree.Select(n => (n.Path, n.Words)));
        script.AppendLine("# Succeeds when $2 is an option of the command path $1 that takes a value, printing the values it offers (none: any).");
        script.AppendLine("_shipgate_values() {\n  case \"$1|$2\" in");
        foreach (var node in tree)
            foreach (var (option, values) in node.ValueOptions)
                script.AppendLine($"    {Key(node.Path, option)}) {(values.Count > 0 ? "printf '%s\\n' " + string.Join(' ', values.Select(Quoted)) + " " : "")};;");
        script.AppendLine("    *) return 1 ;;\n  esac\n}");

        void Lookup(string name, string what, IEnumerable<(string Path, IReadOnlyList<string> Words)> rows)
        {
            script.AppendLine($"# {char.ToUpperInvariant(what[0])}{what[1..]}, one per line.");
            script.AppendLine($"{name}() {{\n  case \"$1\" in");
            foreach (var (path, words) in rows)
                script.AppendLine($"    {Quoted(path)}) printf '%s\\n' {string.Join(' ', words.Select(Quoted))} ;;");
            script.AppendLine("  esac\n}");
        }
    }

    private static string Bash(IReadOnlyList<CompletionNode> tree)
    {
        var script = new StringBuilder("""
            # shipgate completion for bash. Load it now: source <(shipgate completion bash)
            # or for every shell: shipgate completion bash > ~/.local/share/bash-completion/completions/shipgate

            """);
        PosixLookups(script, tree);
        script.Append("""
            _shipgate() {
              local at='' word values i cur=${COMP_WORDS[COMP_CWORD]}
              for ((i = 1; i < COMP_CWORD; i++)); do
                word=${COMP_WORDS[i]}
                if _shipgate_values "$at" "$word" >/dev/null; then ((i++)); continue; fi
                if [[ $'\n'$(_shipgate_subcommands "$at")$'\n' == *$'\n'"$word"$'\n'* ]]; then at=${at:+$at }$word; fi
              done
              if ((COMP_CWORD > 1)) && values=$(_shipgate_values "$at" "${COMP_WORDS[COMP_CWORD-1]}"); then
                if [[ -n $values ]]; then mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur"); else mapfile -t COMPREPLY < <(compgen -f -- "$cur"); fi
                return 0
              fi
              mapfile -t COMPREPLY < <(compgen -W "$(_shipgate_words "$at")" -- "$cur")
            }
            complete -F _shipgate shipgate

            """);
        return script.ToString();
    }

    private static string Zsh(IReadOnlyList<CompletionNode> tree)
    {
        var script = new StringBuilder("""
            #compdef shipgate
            # shipgate completion for zsh. Load it now: source <(shipgate completion zsh)
            # or for every shell: shipgate completion zsh > "${fpath[1]}/_shipgate" (then start a new shell)

            """);
        PosixLookups(script, tree);
        script.Append("""
            _shipgate() {
              local at='' word values
              local -i i
              for ((i = 2; i < CURRENT; i++)); do
                word=${words[i]}
                if _shipgate_values "$at" "$word" >/dev/null; then ((i++)); continue; fi
                if [[ $'\n'$(_shipgate_subcommands "$at")$'\n' == *$'\n'"$word"$'\n'* ]]; then at=${at:+$at }$word; fi
              done
              if ((CURRENT > 2)) && values=$(_shipgate_values "$at" "${words[CURRENT-1]}"); then
                if [[ -n $values ]]; then compadd -- ${(f)values}; else _files; fi
                return
              fi
              compadd -- ${(f)"$(_shipgate_words "$at")"}
            }
            if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then _shipgate "$@"; else compdef _shipgate shipgate; fi

            """);
        return script.ToString();
    }

    private static string Fish(IReadOnlyList<CompletionNode> tree)
    {
        var script = new StringBuilder("""
            # shipgate completion for fish: shipgate completion fish > ~/.config/fish/completions/shipgate.fish

            """);
        Lookup("__shipgate_subcommands", tree.Where(n => n.Subcommands.Count > 0).Select(n => (n.Path, n.Subcommands)));
        Lookup("__shipgate_words", tree.Select(n => (n.Path, n.Words)));
        script.AppendLine("# Succeeds when $argv[2] is an option of the command path $argv[1] that takes a value, printing the values it offers (none: any).");
        script.AppendLine("function __shipgate_values\n    switch \"$argv[1]|$argv[2]\"");
        foreach (var node in tree)
            foreach (var (option, values) in node.ValueOptions)
                script.AppendLine($"        case {Key(node.Path, option)}\n            " + (values.Count > 0 ? "printf '%s\\n' " + string.Join(' ', values.Select(Quoted)) : "return 0"));
        script.AppendLine("        case '*'\n            return 1\n    end\nend");
        script.Append("""
            function __shipgate_complete
                set -l tokens (commandline -opc)
                set -l at ''
                set -l skip 0
                for word in $tokens[2..-1]
                    if test $skip -eq 1
                        set skip 0
                    else if __shipgate_values "$at" $word >/dev/null
                        set skip 1
                    else if contains -- $word (__shipgate_subcommands "$at")
                        set at (string trim -- "$at $word")
                    end
                end
                set -l values
                if test (count $tokens) -gt 1; and set values (__shipgate_values "$at" $tokens[-1])
                    if test (count $values) -gt 0
                        printf '%s\n' $values
                    else
                        __fish_complete_path (commandline -ct)
                    end
                    return
                end
                __shipgate_words "$at"
            end
            complete -c shipgate -f -a '(__shipgate_complete)'

            """);
        return script.ToString();

        void Lookup(string name, IEnumerable<(string Path, IReadOnlyList<string> Words)> rows)
        {
            script.AppendLine($"function {name}\n    switch \"$argv[1]\"");
            foreach (var (path, words) in rows)
                script.AppendLine($"        case {Quoted(path)}\n            printf '%s\\n' {string.Join(' ', words.Select(Quoted))}");
            script.AppendLine("    end\nend");
        }
    }

    private static string PowerShell(IReadOnlyList<CompletionNode> tree)
    {
        var script = new StringBuilder("""
            # shipgate completion for PowerShell. Load it now: shipgate completion pwsh | Out-String | Invoke-Expression
            # or for every session: add that line to $PROFILE
            Register-ArgumentCompleter -Native -CommandName shipgate -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)

            """);
        Table("subcommands", tree.Where(n => n.Subcommands.Count > 0).Select(n => (Quoted(n.Path), n.Subcommands)));
        Table("words", tree.Select(n => (Quoted(n.Path), n.Words)));
        Table("values", tree.SelectMany(n => n.ValueOptions.Select(v => (Key(n.Path, v.Option), v.Values))));
        script.Append("""
                $typed = @($commandAst.CommandElements | Where-Object { $_.Extent.StartOffset -lt $cursorPosition } | ForEach-Object { $_.ToString() })
                if ($wordToComplete -ne '') { $typed = @($typed | Select-Object -SkipLast 1) }
                $at = ''
                for ($i = 1; $i -lt $typed.Count; $i++) {
                    $word = $typed[$i]
                    if ($values.ContainsKey("$at|$word")) { $i++; continue }
                    if ($subcommands[$at] -contains $word) { $at = "$at $word".Trim() }
                }
                $candidates = $words[$at]
                if ($typed.Count -gt 1 -and $values.ContainsKey("$at|$($typed[-1])")) {
                    $candidates = $values["$at|$($typed[-1])"]
                    if ($candidates.Count -eq 0) { return }  # any value: PowerShell offers paths
                }
                $candidates | Where-Object { $_.StartsWith($wordToComplete) } | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }

            """);
        return script.ToString();

        void Table(string name, IEnumerable<(string Key, IReadOnlyList<string> Words)> rows)
        {
            script.AppendLine($"    ${name} = @{{");
            foreach (var (key, words) in rows)
                script.AppendLine($"        {key} = @({string.Join(", ", words.Select(Quoted))})");
            script.AppendLine("    }");
        }
    }
}
