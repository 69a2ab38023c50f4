using Shipgate.Rendering;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Shipgate.Config;

/// <summary>Where each key of a configuration file is, so that a check on its value can name file, line and key.</summary>
internal sealed class ConfigLines(string file, IReadOnlyDictionary<string, long> lines)
{
    public string File { get; } = file;

    /// <summary>A usage error in the <c>file:line: key: problem</c> form; a key the file lacks is placed at its section.</summary>
    public UsageException Error(string key, string problem) => new($"{File}:{Line(key)}: {key}: {problem}");

    private long Line(string key)
    {
        while (!lines.ContainsKey(key) && key.Contains('.')) key = key[..key.LastIndexOf('.')];
        return lines.GetValueOrDefault(key, 1);
    }
}

/// <summary>
/// Checks a YAML document against the <see cref="ConfigFile"/> types before YamlDotNet fills them:
/// a mapping where a section belongs, text where text belongs, a list where a list belongs, no
/// unknown key. YamlDotNet's own errors name neither the key nor the file; these do, and once the
/// shape holds, deserializing cannot fail. Generic over the types: a new key is a new property. The properties come from
/// <see cref="ConfigYamlContext"/>, generated at build time, not from reflection: the natively compiled shipgate has no metadata to read.
/// </summary>
internal sealed class ConfigShape
{
    public static readonly INamingConvention Naming = UnderscoredNamingConvention.Instance;

    /// <summary>The <see cref="ConfigFile"/> types as the generated context describes them, for this check and for the deserializer alike.</summary>
    public static readonly StaticContext Types = new ConfigYamlContext();

    /// <summary>The words YAML and Shipgate both read as true or false; anything else is refused rather than guessed.</summary>
    private static readonly string[] BoolWords = ["true", "True", "yes", "false", "False", "no"];

    private readonly string _file;
    private readonly Dictionary<string, long> _lines = [];

    private ConfigShape(string file) => _file = file;

    public static ConfigLines Check(YamlNode root, string file)
    {
        var shape = new ConfigShape(file);
        shape.Node(root, typeof(ConfigFile), "");
        return new ConfigLines(file, shape._lines);
    }

    private UsageException Error(Mark at, string key, string problem) => new($"{_file}:{at.Line}: {key}: {problem}");

    private void Node(YamlNode node, Type type, string key)
    {
        _lines[key] = node.Start.Line;
        if (type == typeof(string)) Text(node, key);
        else if (type == typeof(bool?)) Bool(node, key);
        else if (type == typeof(List<string>)) List(node, key);
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            if (node is not YamlSequenceNode items)
                throw Error(node.Start, key, "expected a list, with each item on a line starting with '- '.");
            for (var i = 0; i < items.Children.Count; i++) Node(items.Children[i], type.GetGenericArguments()[0], $"{key}[{i}]");
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            foreach (var (id, value) in Entries(node, key, allowed: null))
                Node(value, type.GetGenericArguments()[1], $"{key}.{id}");
        }
        else
        {
            var properties = Types.GetTypeInspector().GetProperties(type, null).ToDictionary(KeyOf);
            foreach (var (name, value) in Entries(node, key, properties.Keys.ToList()))
                Node(value, properties[name].Type, key.Length == 0 ? name : $"{key}.{name}");
        }
    }

    /// <summary>The key of a property in the file: its alias, else its name in snake_case.</summary>
    public static string KeyOf(IPropertyDescriptor property) => property.GetCustomAttribute<YamlMemberAttribute>()?.Alias ?? Naming.Apply(property.Name);

    /// <summary>The entries of a mapping; <paramref name="allowed"/> null allows any key (area ids).</summary>
    private IEnumerable<(string Key, YamlNode Value)> Entries(YamlNode node, string key, IReadOnlyList<string>? allowed)
    {
        if (node is not YamlMappingNode mapping)
            throw Error(node.Start, key.Length == 0 ? "(top level)" : key, "expected a mapping of keys to values.");
        var prefix = key.Length == 0 ? "" : key + ".";
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name })
                throw Error(keyNode.Start, prefix + "?", "keys must be plain words.");
            if (allowed is not null && !allowed.Contains(name))
                throw Error(keyNode.Start, prefix + name, "unknown key." +
                    (NearestName.Nearest(name, allowed) is { } near ? $" Did you mean '{near}'?" : "") + $" Known keys here: {string.Join(", ", allowed)}.");
            yield return (name, value);
        }
    }

    private static bool IsText(YamlNode node) =>
        node is YamlScalarNode { Value: not null } scalar && !(scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null");

    private void Text(YamlNode node, string key)
    {
        if (!IsText(node)) throw Error(node.Start, key, "expected a text value.");
    }

    private void Bool(YamlNode node, string key)
    {
        Text(node, key);
        var value = ((YamlScalarNode)node).Value!;
        if (!BoolWords.Contains(value)) throw Error(node.Start, key, $"'{value}' is not true or false.");
    }

    private void List(YamlNode node, string key)
    {
        if (node is not YamlSequenceNode sequence)
            throw Error(node.Start, key, "expected a list, like [A, B] or lines starting with '- '.");
        foreach (var item in sequence.Children) Text(item, key);
    }
}
