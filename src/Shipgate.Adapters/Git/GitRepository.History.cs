using System.Globalization;
using System.Security.Cryptography;

namespace Shipgate.Git;

/// <summary>History: the commits of a range, a branch's first-parent history, divergence and ancestry, each read in one git process.</summary>
internal sealed partial class GitRepository
{
    /// <summary>Commits only <paramref name="left"/> has, and commits only <paramref name="right"/> has.</summary>
    public async Task<(int LeftOnly, int RightOnly)> CountDivergenceAsync(string left, string right, CancellationToken ct)
    {
        var parts = (await git.TextAsync(["rev-list", "--left-right", "--count", $"{left}...{right}"], ct)).Trim().Split('\t');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }

    private static readonly IReadOnlyDictionary<string, string?> LogEnvironment = new Dictionary<string, string?> { ["GIT_FLUSH"] = "0" };

    /// <summary>
    /// Runs <c>git log</c> printing the given placeholders, and makes each commit's record of its fields and what follows
    /// them (the file list of --name-only / --name-status) while git still writes. Records and fields are delimited
    /// by a marker drawn at random for this run, so no commit message or author name can imitate a
    /// delimiter and forge or shift a record.
    /// </summary>
    private async Task<List<T>> LogRecordsAsync<T>(IReadOnlyList<string> options, string[] placeholders,
        IReadOnlyList<string> revisions, Func<string[], string, T> read, CancellationToken ct, IReadOnlyList<string>? config = null,
        byte[]? input = null)
    {
        var marker = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var args = new List<string> { "-c", "core.quotepath=off" };
        foreach (var setting in config ?? []) args.AddRange(["-c", setting]);
        args.Add("log");
        args.AddRange(options);
        args.Add($"--format=%x1e{marker}%x1f{string.Join($"%x1f{marker}%x1f", placeholders)}%x1f{marker}%x1f");
        args.AddRange(revisions);
        args.Add("--");
        var log = new LogRecords<T>(marker, placeholders.Length, read);
        // Into a pipe git flushes after every commit (GIT_FLUSH, git(1)): 20,000 writes for 20,000 commits, each waking the
        // reader. Fully buffered, it writes a few kilobytes at a time, and nothing here waits for any one commit.
        await git.RunAsync(args, input, LogEnvironment, ct, log.ReadAsync);
        return log.Records;
    }

    /// <summary>git's strict ISO 8601 (<c>%aI</c>, <c>%cI</c>): 2026-02-04T15:30:45+01:00, read by hand (a long log has
    /// tens of thousands); anything else by the parser.</summary>
    internal static DateTimeOffset Instant(string iso)
    {
        static bool Number(ReadOnlySpan<char> digits, out int value) =>
            int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);

        var s = iso.AsSpan();
        if (s.Length == 25 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] is '+' or '-' && s[22] == ':'
            && Number(s[..4], out var year) && Number(s[5..7], out var month) && Number(s[8..10], out var day)
            && Number(s[11..13], out var hour) && Number(s[14..16], out var minute) && Number(s[17..19], out var second)
            && Number(s[20..22], out var offsetHours) && Number(s[23..25], out var offsetMinutes)
            && year is > 1 and < 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour < 24 && minute < 60 && second < 60 && offsetMinutes < 60 && offsetHours * 60 + offsetMinutes <= 14 * 60)
        {
            var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            return new DateTimeOffset(year, month, day, hour, minute, second, s[19] == '-' ? -offset : offset);
        }
        return DateTimeOffset.TryParseExact(iso, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at
            : DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
    }

    private static string[] Shas(string list) => list.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The NUL-separated paths git printed after a record (each but the first after a newline).</summary>
    private static List<string> Paths(string tail)
    {
        var paths = new List<string>();
        foreach (var part in tail.Split('\0'))
        {
            var path = part.TrimStart('\n');
            if (path.Length > 0) paths.Add(path);
        }
        return paths;
    }

    /// <summary>Every commit in <c>from..to</c>, newest first, with the files each non-merge commit touched.</summary>
    public async Task<IReadOnlyList<Commit>> LogAsync(string from, string to, CancellationToken ct) =>
        await LogRecordsAsync(["-z", "--name-only", "--no-renames"], ["%H", "%P", "%an", "%ae", "%aI", "%cI", "%s", "%b"], [$"{from}..{to}"],
            (f, tail) => new Commit(f[0], Shas(f[1]), f[2], f[3], Instant(f[4]), Instant(f[5]), f[6], f[7].Trim(), Paths(tail)), ct);

    /// <summary>A branch's first-parent history, oldest first, with what each commit added, modified or deleted.</summary>
    public async Task<IReadOnlyList<HistoryCommit>> HistoryAsync(string tip, CancellationToken ct)
    {
        return await LogRecordsAsync(["--reverse", "--first-parent", "-z", "--name-status", "--no-renames"],
            ["%H", "%P", "%an", "%cI", "%s"], [tip], (f, tail) =>
            {
                var tokens = Paths(tail);
                var changes = new List<FileChange>();
                for (var i = 0; i + 1 < tokens.Count; i += 2)
                    changes.Add(new FileChange(tokens[i][0], tokens[i + 1]));
                return new HistoryCommit(f[0], Shas(f[1]), f[2], Instant(f[3]), f[4], changes);
            }, ct);
    }

    /// <summary>Commits reachable from <paramref name="tip"/> but not from <paramref name="exclude"/>, newest first (no bodies, no files).</summary>
    public async Task<IReadOnlyList<Commit>> CommitsAsync(string tip, string? exclude, CancellationToken ct)
    {
        return await LogRecordsAsync([], ["%H", "%P", "%an", "%ae", "%aI", "%cI", "%s"], exclude is null ? [tip] : [tip, "^" + exclude],
            (f, _) => new Commit(f[0], Shas(f[1]), f[2], f[3], Instant(f[4]), Instant(f[5]), f[6], "", []), ct);
    }

    /// <summary>The newest commit reachable from <paramref name="tip"/> that changed <paramref name="path"/>.</summary>
    public async Task<string> LastCommitTouchingAsync(string tip, string path, CancellationToken ct) =>
        (await git.TextAsync(["log", "-1", "--format=%H", tip, "--", path], ct)).Trim();

    public async Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken ct) =>
        (await git.TryRunAsync(["merge-base", "--is-ancestor", ancestor, descendant], ct: ct)).ExitCode == 0;

    /// <summary>The same numbers as <c>git diff --shortstat from to</c>.</summary>
    public async Task<DiffStat> DiffStatAsync(string from, string to, CancellationToken ct)
    {
        var text = (await git.RunAsync(["diff", "--numstat", "-z", "--find-renames", from, to, "--"], ct: ct)).Text;
        var tokens = text.Split('\0');
        int files = 0, insertions = 0, deletions = 0;
        var paths = new List<string>();
        for (var i = 0; i < tokens.Length; i++)
        {
            var head = tokens[i].TrimStart('\n');
            if (head.Length == 0) continue;
            var parts = head.Split('\t');
            if (parts.Length < 3) continue;
            files++;
            if (int.TryParse(parts[0], out var added)) insertions += added;
            if (int.TryParse(parts[1], out var removed)) deletions += removed;
            if (parts[2].Length > 0)
                paths.Add(parts[2]);
            else
            {
                // A rename: "added\tremoved\t\0old\0new\0".
                paths.Add(tokens[i + 2]);
                i += 2;
            }
        }
        return new DiffStat(files, insertions, deletions, paths);
    }
}
