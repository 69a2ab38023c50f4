using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Shipgate.Config;

/// <summary>
/// Reads <c>.shipgate.yml</c> strictly, in three steps: YAML syntax, the shape of the file
/// (<see cref="ConfigShape"/> against the <see cref="ConfigFile"/> types), then the values. Every
/// mistake is a <see cref="UsageException"/> naming the file, the line and the key, so a typo never
/// silently falls back to a default.
/// </summary>
internal static partial class ConfigLoader
{
    public const string FileName = ".shipgate.yml";

    private static readonly IDeserializer Deserializer =
        new StaticDeserializerBuilder(ConfigShape.Types).WithNamingConvention(ConfigShape.Naming).Build();

    /// <param name="displayPath">How messages name the file, like origin/main:.shipgate.yml.</param>
    /// <param name="defaults">What keys the file leaves out are set to (the operator's remote and branches).</param>
    public static ShipgateConfig Parse(string yaml, string displayPath, ShipgateConfig? defaults = null)
    {
        defaults = (defaults ?? ShipgateConfig.Default) with { SourcePath = displayPath };
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // YamlDotNet blames the token it was reading, which for a tab may begin many lines before it: the tab is named itself.
            if (TabIndented(yaml) is var (line, column))
                throw NotYaml(yaml, displayPath, line, $"at column {column}: a tab indents this line; YAML indents with spaces only.");
            throw NotYaml(yaml, displayPath, e.Start.Line, $"at column {e.Start.Column}: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet ends an unclosed flow list or mapping with no mark at all: find the bracket ourselves.
            var line = YamlKeyPath.UnclosedBracket(yaml) ?? yaml.Split('\n').Length;
            throw NotYaml(yaml, displayPath, line, "a '[' or '{' opened on this line is never closed; close it on the same line.");
        }

        if (stream.Documents.Count > 1)
        {
            var line = stream.Documents[1].RootNode.Start.Line;
            throw new UsageException($"{displayPath}:{line}: (top level): one YAML document only; remove the second '---'.");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return defaults;

        var lines = ConfigShape.Check(stream.Documents[0].RootNode, displayPath);
        ConfigFile file;
        try
        {
            file = Deserializer.Deserialize<ConfigFile>(yaml);
        }
        catch (YamlException e)
        {
            // A tag such as !!binary or !!int passes the shape check and fails only here.
            var why = e.InnerException?.Message ?? e.Message;
            throw new UsageException($"{displayPath}:{e.Start.Line}: {YamlKeyPath.At(yaml, e.Start.Line)}: cannot be read ({why}); write it as plain text.");
        }
        return Validate(file, lines, defaults);
    }

    /// <summary>The first tab (line and column, from 1) in a line's indentation, which YAML does not allow; null when there is none.</summary>
    private static (long Line, int Column)? TabIndented(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ').Length;
            if (indent < lines[i].Length && lines[i][indent] == '\t') return (i + 1, indent + 1);
        }
        return null;
    }

    /// <summary>A YAML syntax error as <c>file:line: key: not valid YAML: why</c>.</summary>
    private static UsageException NotYaml(string yaml, string file, long line, string why) =>
        new($"{file}:{line}: {YamlKeyPath.At(yaml, line)}: not valid YAML: {why}");

    /// <summary>The values' own rules, on a file whose shape is already right.</summary>
    private static ShipgateConfig Validate(ConfigFile file, ConfigLines at, ShipgateConfig config)
    {
        if (file.Remote is { } remote)
            config = config with { Remote = Checked(remote, "remote", GitRefName.RemoteProblem, at) };
        if (file.Branches is { } branches)
            config = Branches(config, branches, at);
        if (file.Release?.FromBranches is { } from)
            config = config with { ReleaseFromBranches = from.Select(b => Checked(b, "release.from_branches", GitRefName.BranchProblem, at)).ToList() };
        if (file.Tickets?.Keys is { } keys)
            config = config with { TicketKeys = TicketKeys(keys, at) };
        if (file.Areas is { } areas)
            config = config with { Areas = areas.Select(a => Area(a.Key, a.Value, at)).ToList() };
        if (file.Confirmation?.Words is { } words)
            config = config with { ConfirmationWords = Words(words, at) };
        if (file.GitHub is { } github)
            config = config with { GitHub = GitHub(github, at) };
        if (file.Linear?.ApiUrl is { } linear)
            config = config with { LinearApiUrl = Url(linear, "linear.api_url", at) };
        if (file.Jira is { } jira)
            config = config with { Jira = Jira(jira, at) };
        if (file.Deploy?.MonitorUrl is { } monitor)
            config = config with { DeployMonitorUrl = Url(monitor, "deploy.monitor_url", at) };
        if (file.Deploy is { } deploy)
            config = DeployWorkflow.Read(config, deploy.Workflow, deploy.RefInput, at);
        if (file.Audit is { } audit)
            config = config with { Audit = Audit(audit, at) };
        if (file.Controls?.Paths is { } controls)
            config = config with { ControlPaths = ControlPaths(controls, at) };
        if (file.Freeze is { } freeze)
            config = config with { Freeze = FreezeWindows(freeze, at) };
        return config;
    }

    private static ShipgateConfig Branches(ShipgateConfig config, BranchesSection branches, ConfigLines at)
    {
        string Branch(string? name, string key, string fallback) => name is null ? fallback : Checked(name, key, GitRefName.BranchProblem, at);
        config = config with
        {
            StagingBranch = Branch(branches.Staging, "branches.staging", config.StagingBranch),
            ProductionBranch = Branch(branches.Production, "branches.production", config.ProductionBranch),
            ArchiveBranch = Branch(branches.Archive, "branches.archive", config.ArchiveBranch),
        };
        if (new[] { config.StagingBranch, config.ProductionBranch, config.ArchiveBranch }.Distinct().Count() < 3)
            throw at.Error("branches", "staging, production and archive must be three different branches.");
        return config;
    }

    private static string Checked(string value, string key, Func<string, string?> problem, ConfigLines at) =>
        problem(value) is { } why ? throw at.Error(key, $"'{value}' is not a valid git branch or remote name: {why}.") : value;

    private static IReadOnlyList<string> TicketKeys(List<string> keys, ConfigLines at)
    {
        foreach (var key in keys.Where(k => !TeamKey().IsMatch(k)))
            throw at.Error("tickets.keys", $"'{key}' is not a team key (letters and digits, starting with a letter, like BOL).");
        return keys.Select(k => k.ToUpperInvariant()).Distinct().ToList();
    }

    private static JiraPolicy Jira(JiraSection jira, ConfigLines at)
    {
        foreach (var key in (jira.Projects ?? []).Where(k => !TeamKey().IsMatch(k)))
            throw at.Error("jira.projects", $"'{key}' is not a Jira project key (letters and digits, starting with a letter, like OPS).");
        return new JiraPolicy
        {
            Site = jira.Site is { } site ? Url(site, "jira.site", at) : null,
            Projects = (jira.Projects ?? []).Select(k => k.ToUpperInvariant()).Distinct().ToList(),
        };
    }

    private static AreaRule Area(string id, AreaSection area, ConfigLines at)
    {
        if (area.Paths is not { Count: > 0 } paths)
            throw at.Error($"areas.{id}.paths", "an area needs at least one path glob.");
        return new AreaRule(id, area.Title ?? id, paths);
    }

    private static IReadOnlyList<string> Words(List<string> words, ConfigLines at)
    {
        const string key = "confirmation.words";
        foreach (var word in words)
        {
            if (word.Length == 0 || word.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                throw at.Error(key, $"'{word}' must be one word without spaces.");
            if (word == "ABORT")
                throw at.Error(key, "ABORT is reserved for cancelling.");
        }
        var distinct = words.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count < 3)
            throw at.Error(key, "give at least 3 different words, so that a word is never the previous release's or the last one shown.");
        return distinct;
    }

    private static GitHubSettings GitHub(GitHubSection github, ConfigLines at)
    {
        if (github.Repository is { } repository && !OwnerAndName().IsMatch(repository))
            throw at.Error("github.repository", $"'{repository}' is not owner/name.");
        if (github.Environment is { } environment && (environment.Trim().Length == 0 || environment.Length > 255 || environment != environment.Trim()))
            throw at.Error("github.environment", "name a GitHub Environment (1 to 255 characters, no leading or trailing spaces), as its settings page shows it.");
        return new GitHubSettings
        {
            Repository = github.Repository,
            ApiUrl = github.ApiUrl is { } url ? Url(url, "github.api_url", at) : null,
            RequiredChecks = github.RequiredChecks ?? [],
            RequireIndependentReview = github.RequireIndependentReview ?? false,
            PublishRelease = github.Release ?? true,
            Environment = github.Environment,
        };
    }

    /// <summary>controls.paths: repository-relative globs; an empty or absolute one would match nothing a release changes.</summary>
    private static IReadOnlyList<string> ControlPaths(List<string> paths, ConfigLines at)
    {
        foreach (var path in paths.Where(p => p.Trim().Length == 0 || p.StartsWith('/')))
            throw at.Error("controls.paths", $"'{path}' is not a path glob relative to the repository root, like \"deploy/**\" or \"Makefile\".");
        return paths.Distinct(StringComparer.Ordinal).ToList();
    }

    private static AuditSettings Audit(AuditSection audit, ConfigLines at)
    {
        var sign = audit.Sign switch
        {
            null or "false" or "False" or "no" => SignWord.Off,
            "true" or "True" or "yes" => SignWord.On,
            "required" => SignWord.Required,
            var other => throw at.Error("audit.sign", $"'{other}' is not true or false. Give true (sign), false, or required (sign, and verify refuses anything unsigned)."),
        };
        if (sign == SignWord.Required && audit.AllowedSigners is null)
            throw at.Error("audit.sign", "required needs audit.allowed_signers: the keys a signature must be by.");
        return new()
        {
            Sign = sign != SignWord.Off,
            SignRequired = sign == SignWord.Required,
            AllowedSigners = audit.AllowedSigners,
            ReviewWithin = audit.ReviewWithin is { } within ? Duration(within, "audit.review_within", at) : new AuditSettings().ReviewWithin,
            ReviewIdentity = audit.ReviewIdentity switch
            {
                null or "proven" => ReviewIdentityRule.Proven,
                "git-config" => ReviewIdentityRule.GitConfig,
                var other => throw at.Error("audit.review_identity",
                    $"'{other}' is not proven or git-config (git-config lets a reviewer named only by git config record a review, marked unproven)."),
            },
        };
    }

    private enum SignWord { Off, On, Required }

    private static string Url(string value, string key, ConfigLines at)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw at.Error(key, $"'{value}' is not an http(s) URL.");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw at.Error(key, "must not carry credentials; tokens come from the environment.");
        return value.TrimEnd('/');
    }

    /// <summary>A duration such as 48h, 2d or 90m.</summary>
    private static TimeSpan Duration(string value, string key, ConfigLines at)
    {
        var match = DurationText().Match(value);
        if (!match.Success)
            throw at.Error(key, $"'{value}' is not a duration like 48h, 2d or 90m.");
        var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "m" => TimeSpan.FromMinutes(amount), "h" => TimeSpan.FromHours(amount), _ => TimeSpan.FromDays(amount) };
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,9}$")]
    private static partial Regex TeamKey();

    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    private static partial Regex OwnerAndName();

    [GeneratedRegex("^([1-9][0-9]{0,5})([mhd])$")]
    private static partial Regex DurationText();
}
