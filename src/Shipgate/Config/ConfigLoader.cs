using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shipgate.Config;

/// <summary>
/// Reads <c>.shipgate.yml</c> strictly: an unknown key, a wrong type or a bad value is a
/// <see cref="UsageException"/> naming the file, the line and the key, so a typo never silently
/// falls back to a default.
/// </summary>
public static class ConfigLoader
{
    public const string FileName = ".shipgate.yml";

    public static ShipgateConfig LoadFromRepository(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path), FileName) : ShipgateConfig.Default;
    }

    public static ShipgateConfig Parse(string yaml, string displayPath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new UsageException($"{displayPath}:{e.Start.Line}: not valid YAML: {e.Message}");
        }

        var config = new ShipgateConfig { SourcePath = displayPath };
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return config;

        var reader = new Reader(displayPath);
        var root = reader.Mapping(stream.Documents[0].RootNode, "(top level)");
        foreach (var (key, value) in reader.Entries(root, "", "remote", "branches", "tickets", "areas", "confirmation", "github", "linear", "deploy", "release", "audit"))
        {
            config = key switch
            {
                "remote" => config with { Remote = reader.Name(value, key) },
                "branches" => ReadBranches(reader, value, config),
                "tickets" => config with { TicketKeys = ReadTickets(reader, value) },
                "areas" => config with { Areas = ReadAreas(reader, value) },
                "confirmation" => config with { ConfirmationWords = ReadWords(reader, value) },
                "github" => config with { GitHub = ReadGitHub(reader, value) },
                "linear" => config with { LinearApiUrl = ReadSingle(reader, value, "linear", "api_url", reader.Url) },
                "deploy" => config with { DeployMonitorUrl = ReadSingle(reader, value, "deploy", "monitor_url", reader.Url) },
                "audit" => config with { Audit = ReadAudit(reader, value) },
                "release" => config with { ReleaseFromBranches = ReadSingle(reader, value, "release", "from_branches", (n, k) => reader.List(n, k, reader.Name)) },
                _ => config,
            };
        }
        return config;
    }

    private static ShipgateConfig ReadBranches(Reader reader, YamlNode node, ShipgateConfig config)
    {
        foreach (var (key, value) in reader.Entries(reader.Mapping(node, "branches"), "branches.", "staging", "production", "archive"))
        {
            var name = reader.Name(value, "branches." + key);
            config = key switch
            {
                "staging" => config with { StagingBranch = name },
                "production" => config with { ProductionBranch = name },
                _ => config with { ArchiveBranch = name },
            };
        }
        if (config.StagingBranch == config.ProductionBranch || config.ArchiveBranch == config.StagingBranch || config.ArchiveBranch == config.ProductionBranch)
            throw new UsageException($"{reader.File}:{node.Start.Line}: branches: staging, production and archive must be three different branches.");
        return config;
    }

    private static IReadOnlyList<string> ReadTickets(Reader reader, YamlNode node)
    {
        var keys = ReadSingle(reader, node, "tickets", "keys", (n, k) => reader.List(n, k, reader.Scalar)) ?? [];
        foreach (var key in keys)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(key, "^[A-Za-z][A-Za-z0-9]{0,9}$"))
                throw new UsageException($"{reader.File}:{node.Start.Line}: tickets.keys: '{key}' is not a team key (letters and digits, starting with a letter, like BOL).");
        }
        return keys.Select(k => k.ToUpperInvariant()).Distinct().ToList();
    }

    private static IReadOnlyList<AreaRule> ReadAreas(Reader reader, YamlNode node)
    {
        var areas = new List<AreaRule>();
        foreach (var (id, value) in reader.Entries(reader.Mapping(node, "areas"), "areas.", null))
        {
            string? title = null;
            IReadOnlyList<string>? paths = null;
            foreach (var (key, field) in reader.Entries(reader.Mapping(value, "areas." + id), $"areas.{id}.", "title", "paths"))
            {
                if (key == "title") title = reader.Scalar(field, $"areas.{id}.title");
                else paths = reader.List(field, $"areas.{id}.paths", reader.Scalar);
            }
            if (paths is null || paths.Count == 0)
                throw new UsageException($"{reader.File}:{value.Start.Line}: areas.{id}.paths: an area needs at least one path glob.");
            areas.Add(new AreaRule(id, title ?? id, paths));
        }
        return areas;
    }

    private static IReadOnlyList<string> ReadWords(Reader reader, YamlNode node)
    {
        var words = ReadSingle(reader, node, "confirmation", "words", (n, k) => reader.List(n, k, reader.Scalar)) ?? ShipgateConfig.SeedWords;
        foreach (var word in words)
        {
            if (word.Length == 0 || word.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                throw new UsageException($"{reader.File}:{node.Start.Line}: confirmation.words: '{word}' must be one word without spaces.");
            if (word == "ABORT")
                throw new UsageException($"{reader.File}:{node.Start.Line}: confirmation.words: ABORT is reserved for cancelling.");
        }
        if (words.Distinct(StringComparer.Ordinal).Count() < 3)
            throw new UsageException($"{reader.File}:{node.Start.Line}: confirmation.words: give at least 3 different words, so that a word is never the previous release's or the last one shown.");
        return words.Distinct(StringComparer.Ordinal).ToList();
    }

    private static GitHubSettings ReadGitHub(Reader reader, YamlNode node)
    {
        var settings = new GitHubSettings();
        foreach (var (key, value) in reader.Entries(reader.Mapping(node, "github"), "github.", "repository", "api_url", "required_checks", "require_independent_review"))
        {
            var path = "github." + key;
            settings = key switch
            {
                "repository" => settings with { Repository = reader.Repository(value, path) },
                "api_url" => settings with { ApiUrl = reader.Url(value, path) },
                "required_checks" => settings with { RequiredChecks = reader.List(value, path, reader.Scalar) },
                _ => settings with { RequireIndependentReview = reader.Bool(value, path) },
            };
        }
        return settings;
    }

    private static AuditSettings ReadAudit(Reader reader, YamlNode node)
    {
        var settings = new AuditSettings();
        foreach (var (key, value) in reader.Entries(reader.Mapping(node, "audit"), "audit.", "sign", "allowed_signers", "review_within"))
        {
            var path = "audit." + key;
            settings = key switch
            {
                "sign" => settings with { Sign = reader.Bool(value, path) },
                "allowed_signers" => settings with { AllowedSigners = reader.Scalar(value, path) },
                _ => settings with { ReviewWithin = reader.Duration(value, path) },
            };
        }
        return settings;
    }

    private static T? ReadSingle<T>(Reader reader, YamlNode node, string section, string key, Func<YamlNode, string, T> read)
    {
        T? result = default;
        foreach (var (_, value) in reader.Entries(reader.Mapping(node, section), section + ".", key))
            result = read(value, section + "." + key);
        return result;
    }

    /// <summary>Typed access to YAML nodes; every failure names file, line and key.</summary>
    private sealed class Reader(string file)
    {
        public string File { get; } = file;

        private UsageException Error(YamlNode node, string key, string problem) =>
            new($"{File}:{node.Start.Line}: {key}: {problem}");

        public YamlMappingNode Mapping(YamlNode node, string key) =>
            node as YamlMappingNode ?? throw Error(node, key, "expected a mapping of keys to values.");

        /// <summary>The entries of a mapping; <paramref name="allowed"/> null allows any key (areas).</summary>
        public IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode mapping, string prefix, params string[]? allowed)
        {
            var seen = new HashSet<string>();
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? throw Error(keyNode, prefix + "?", "keys must be plain words.");
                if (allowed is not null && !allowed.Contains(key))
                    throw Error(keyNode, prefix + key, $"unknown key. Known keys here: {string.Join(", ", allowed)}.");
                if (!seen.Add(key))
                    throw Error(keyNode, prefix + key, "given twice.");
                yield return (key, value);
            }
        }

        public string Scalar(YamlNode node, string key)
        {
            if (node is not YamlScalarNode scalar || scalar.Value is null || (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "" or "~" or "null"))
                throw Error(node, key, "expected a text value.");
            return scalar.Value;
        }

        public string Name(YamlNode node, string key)
        {
            var value = Scalar(node, key);
            if (!System.Text.RegularExpressions.Regex.IsMatch(value, @"^[\p{L}\p{M}\p{N}._/-]+$") || value.StartsWith('-') || value.Contains(".."))
                throw Error(node, key, $"'{value}' is not a valid git branch or remote name.");
            return value;
        }

        public string Url(YamlNode node, string key)
        {
            var value = Scalar(node, key);
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                throw Error(node, key, $"'{value}' is not an http(s) URL.");
            if (!string.IsNullOrEmpty(uri.UserInfo))
                throw Error(node, key, "must not carry credentials; tokens come from the environment.");
            return value.TrimEnd('/');
        }

        public string Repository(YamlNode node, string key)
        {
            var value = Scalar(node, key);
            if (!System.Text.RegularExpressions.Regex.IsMatch(value, @"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"))
                throw Error(node, key, $"'{value}' is not owner/name.");
            return value;
        }

        public bool Bool(YamlNode node, string key) => Scalar(node, key) switch
        {
            "true" or "True" or "yes" => true,
            "false" or "False" or "no" => false,
            var other => throw Error(node, key, $"'{other}' is not true or false."),
        };

        /// <summary>A duration such as 48h, 2d or 90m.</summary>
        public TimeSpan Duration(YamlNode node, string key)
        {
            var value = Scalar(node, key);
            var match = System.Text.RegularExpressions.Regex.Match(value, "^([1-9][0-9]{0,5})([mhd])$");
            if (!match.Success)
                throw Error(node, key, $"'{value}' is not a duration like 48h, 2d or 90m.");
            var amount = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch { "m" => TimeSpan.FromMinutes(amount), "h" => TimeSpan.FromHours(amount), _ => TimeSpan.FromDays(amount) };
        }

        public IReadOnlyList<string> List(YamlNode node, string key, Func<YamlNode, string, string> item)
        {
            if (node is not YamlSequenceNode sequence)
                throw Error(node, key, "expected a list, like [A, B] or lines starting with '- '.");
            return sequence.Children.Select(child => item(child, key)).ToList();
        }
    }
}
