using System.Globalization;

namespace Shipgate.Emulators;

/// <summary>
/// What a bare origin received, as GitHub's activity API records it: a post-receive hook (installed by
/// <see cref="Install"/>) appends every branch update (old, new, ref), typed as GitHub types it, with the
/// pushing actor and the time that the test set for the push (<see cref="PushAs"/>). The GitHub emulator
/// answers <c>GET /repos/{owner}/{repo}/activity</c> from this log (<see cref="RepositoryFixture.WitnessedOrigin"/>).
/// </summary>
public static class PushWitness
{
    private const string LogFile = "shipgate-witness.log";
    private const string ActorFile = "shipgate-witness-actor";
    private const string ClockFile = "shipgate-witness-clock";
    private const string KindFile = "shipgate-witness-kind";

    // post-receive runs in the bare repository with every ref already updated and the old objects still there.
    private const string Hook = """
        #!/bin/sh
        zero=0000000000000000000000000000000000000000
        actor=$(cat shipgate-witness-actor 2>/dev/null)
        at=$(cat shipgate-witness-clock 2>/dev/null)
        kind=$(cat shipgate-witness-kind 2>/dev/null)
        while read old new ref; do
          case "$ref" in refs/heads/*) ;; *) continue ;; esac
          if [ "$old" = "$zero" ]; then type=branch_creation
          elif [ "$new" = "$zero" ]; then type=branch_deletion
          elif git merge-base --is-ancestor "$old" "$new"; then type=${kind:-push}
          else type=force_push
          fi
          echo "$old $new $ref $type ${actor:--} ${at:-0}" >> shipgate-witness.log
        done
        exit 0
        """;

    /// <summary>Installs the hook on <paramref name="bareOrigin"/>; pushes from then on are logged (actor not given until <see cref="PushAs"/>).</summary>
    public static void Install(string bareOrigin)
    {
        var hook = Path.Combine(bareOrigin, "hooks", "post-receive");
        Directory.CreateDirectory(Path.GetDirectoryName(hook)!);
        File.WriteAllText(hook, Hook.Replace("\r\n", "\n") + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// The pushes to <paramref name="bareOrigin"/> from now on are by <paramref name="login"/> (null: GitHub does not say who),
    /// at <paramref name="at"/>; <paramref name="kind"/> names a fast-forward GitHub made itself (pr_merge, merge_queue_merge).
    /// </summary>
    public static void PushAs(string bareOrigin, string? login, DateTimeOffset at, string? kind = null)
    {
        if (login is not null && (login.Length == 0 || login.Any(char.IsWhiteSpace)))
            throw new ArgumentException("a GitHub login has no spaces", nameof(login));
        Write(bareOrigin, ActorFile, login);
        Write(bareOrigin, ClockFile, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        Write(bareOrigin, KindFile, kind);
    }

    private static void Write(string folder, string file, string? value)
    {
        var path = Path.Combine(folder, file);
        if (value is null) File.Delete(path);
        else File.WriteAllText(path, value);
    }

    /// <summary>Every logged update, oldest first; id is its place in the log (from 1).</summary>
    public static IReadOnlyList<PushActivity> Read(string bareOrigin)
    {
        var path = Path.Combine(bareOrigin, LogFile);
        if (!File.Exists(path)) return [];
        return File.ReadAllLines(path)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 6)
            .Select((parts, i) => new PushActivity(i + 1, parts[0], parts[1], parts[2], parts[3], parts[4] == "-" ? null : parts[4],
                DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[5], CultureInfo.InvariantCulture))))
            .ToList();
    }
}

/// <summary>One ref update as GitHub's activity API lists it.</summary>
/// <param name="Type">push, force_push, branch_creation, branch_deletion, pr_merge or merge_queue_merge.</param>
/// <param name="Actor">The login that pushed; null when GitHub does not give one.</param>
public sealed record PushActivity(long Id, string Before, string After, string Ref, string Type, string? Actor, DateTimeOffset Timestamp);
