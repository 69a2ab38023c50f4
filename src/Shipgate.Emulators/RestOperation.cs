using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Shipgate.Emulators;
/// <summary>One operation of an OpenAPI description: a method on a path template.</summary>
public sealed class RestOperation
{
    internal RestOperation(string method, string pathTemplate, JsonObject node, Regex pattern, IReadOnlyList<string> pathParameterNames, int literalLength)
    {
        Method = method;
        PathTemplate = pathTemplate;
        Node = node;
        Pattern = pattern;
        PathParameterNames = pathParameterNames;
        LiteralLength = literalLength;
    }

    public string Method { get; }
    public string PathTemplate { get; }
    public string? OperationId => Node["operationId"]?.GetValue<string>();
    internal JsonObject Node { get; }
    internal Regex Pattern { get; }
    internal IReadOnlyList<string> PathParameterNames { get; }

    /// <summary>Characters outside placeholders: the more, the more specific the template.</summary>
    internal int LiteralLength { get; }

    public override string ToString() => $"{Method} {PathTemplate}";
}

/// <summary>What a request matched, and everything in it the description does not allow.</summary>
public sealed record RestMatch(
    RestOperation? Operation,
    IReadOnlyDictionary<string, string> PathParameters,
    IReadOnlyList<string> Violations);
