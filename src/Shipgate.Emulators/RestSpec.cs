using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Shipgate.Emulators;

/// <summary>
/// An OpenAPI 3.0 description that checks requests (path, method, query parameters, required
/// headers) and response bodies (against the operation's JSON schema), and completes an
/// emulator's partial answers with every property the schema requires.
/// </summary>
public sealed class RestSpec
{
    private static readonly Lazy<RestSpec> GitHubSpec = new(() => Load(SpecFiles.GitHubRest, ["User-Agent"]));
    private static readonly Lazy<RestSpec> JiraSpec = new(() => Load(SpecFiles.JiraRest, correct: JiraErrata.Apply));
    private readonly ConcurrentDictionary<(RestOperation, int), JsonSchema?> _schemas = new();
    private readonly IReadOnlyList<string> _requiredHeaders;
    private readonly JsonObject _components;

    private RestSpec(IReadOnlyList<RestOperation> operations, IReadOnlyList<string> requiredHeaders, JsonObject components)
    {
        Operations = operations;
        _requiredHeaders = requiredHeaders;
        _components = components;
    }

    /// <summary>GitHub's REST description (the subset in specs/); GitHub refuses requests without User-Agent.</summary>
    public static RestSpec GitHub => GitHubSpec.Value;

    /// <summary>Jira Cloud's platform REST description (the subset in specs/), with its known errata corrected.</summary>
    public static RestSpec Jira => JiraSpec.Value;

    public IReadOnlyList<RestOperation> Operations { get; }

    /// <param name="requiredHeaders">Headers the service demands that the description does not declare.</param>
    /// <param name="correct">Corrects, before use, what the published description gets wrong about the service.</param>
    public static RestSpec Load(string path, IReadOnlyList<string>? requiredHeaders = null, Action<JsonObject>? correct = null)
    {
        var document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        correct?.Invoke(document);
        var operations = new List<RestOperation>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, op) in item!.AsObject())
            {
                if (op is JsonObject opNode && method is "get" or "put" or "post" or "patch" or "delete" or "head")
                {
                    operations.Add(CreateOperation(method.ToUpperInvariant(), template, opNode));
                }
            }
        }
        var components = document["components"]?["schemas"] as JsonObject ?? [];
        return new RestSpec(operations, requiredHeaders ?? [], components);
    }

    /// <summary>Finds the operation for a request and lists what in the request the description does not allow.</summary>
    /// <param name="path">The path below the API root, still percent-encoded.</param>
    public RestMatch Check(string method, string path, IEnumerable<KeyValuePair<string, string>> query, IEnumerable<string> headerNames)
    {
        var violations = new List<string>();
        var present = new HashSet<string>(headerNames, StringComparer.OrdinalIgnoreCase);
        violations.AddRange(_requiredHeaders.Where(h => !present.Contains(h)).Select(h => $"missing required header {h}"));

        var candidates = Operations
            .Select(op => (op, match: op.Pattern.Match(path)))
            .Where(c => c.match.Success)
            .ToList();
        var chosen = candidates.Where(c => c.op.Method == method).OrderByDescending(c => c.op.LiteralLength).FirstOrDefault();
        if (chosen.op is null)
        {
            violations.Add(candidates.Count == 0
                ? $"no operation in the description matches {method} {path}"
                : $"{method} is not an operation of {candidates[0].op.PathTemplate}");
            return new RestMatch(null, new Dictionary<string, string>(), violations);
        }

        var op = chosen.op;
        var pathParameters = op.PathParameterNames
            .Select((name, i) => (name, value: Uri.UnescapeDataString(chosen.match.Groups[i + 1].Value)))
            .ToDictionary(p => p.name, p => p.value);
        var declared = Parameters(op, "query").ToDictionary(p => p["name"]!.GetValue<string>());
        var given = query.ToList();
        foreach (var (name, value) in given)
        {
            if (!declared.TryGetValue(name, out var parameter))
            {
                violations.Add($"query parameter '{name}' is not declared for {op}");
            }
            else if (ParameterValueProblem(parameter["schema"] as JsonObject, value) is { } problem)
            {
                violations.Add($"query parameter {name}={value}: {problem}");
            }
        }
        violations.AddRange(declared
            .Where(d => d.Value["required"]?.GetValue<bool>() == true && given.All(g => g.Key != d.Key))
            .Select(d => $"missing required query parameter '{d.Key}' for {op}"));
        return new RestMatch(op, pathParameters, violations);
    }

    /// <summary>
    /// Checks a response body against the operation's schema for that status; a status the
    /// operation does not declare can only be checked for 2xx (where it is itself a violation).
    /// </summary>
    public IReadOnlyList<string> ValidateResponse(RestOperation operation, int status, string body)
    {
        if (status == 204)
        {
            return body.Length == 0 ? [] : [$"{operation} 204 carries a body"];
        }
        if (ResponseSchema(operation, status) is not { } openApiSchema)
        {
            return status is >= 200 and < 300 ? [$"{operation} declares no JSON response for status {status}"] : [];
        }
        var schema = _schemas.GetOrAdd((operation, status), key => BuildSchema(key.Item1, key.Item2, openApiSchema, _components));
        return Violations(schema!, body, $"{operation} {status}", notJson: $"{operation} {status}: body is not JSON");
    }

    /// <summary>
    /// Checks a request's JSON body against the operation's requestBody schema: a body where none is
    /// declared, one that does not parse, or one the schema refuses (a missing required field, an
    /// unknown type) is a violation.
    /// </summary>
    public IReadOnlyList<string> ValidateRequestBody(RestOperation operation, string body)
    {
        if (operation.Node["requestBody"]?["content"]?["application/json"]?["schema"] is not JsonObject openApiSchema)
        {
            return string.IsNullOrEmpty(body) ? [] : [$"{operation} takes no JSON body"];
        }
        var schema = _schemas.GetOrAdd((operation, RequestBodyKey), key => BuildSchema(key.Item1, key.Item2, openApiSchema, _components));
        return Violations(schema!, body, $"{operation} request body", notJson: $"{operation} request body is not JSON");
    }

    /// <summary>What a JSON text breaks of a schema, each "<paramref name="what"/> at 'location': rule: message", at most 20.</summary>
    private static IReadOnlyList<string> Violations(JsonSchema schema, string body, string what, string notJson)
    {
        JsonDocument instance;
        try
        {
            instance = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return [$"{notJson}: {e.Message}"];
        }
        using (instance)
        {
            var results = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            return results.IsValid
                ? []
                : [.. (results.Details ?? [])
                    .Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{what} at '{d.InstanceLocation}': {e.Key}: {e.Value}"))
                    .Distinct()
                    .Take(20)];
        }
    }

    /// <summary>The schema cache's key for a request body (responses use their status).</summary>
    private const int RequestBodyKey = 0;

    /// <summary>
    /// Adds every property the response schema requires and <paramref name="data"/> lacks, with
    /// neutral values (null where nullable, the first enum value, 0, false, a placeholder URL),
    /// so an emulator states only the fields that carry meaning.
    /// </summary>
    public JsonNode? Complete(RestOperation operation, int status, JsonNode? data) =>
        ResponseSchema(operation, status) is { } schema ? new SchemaSkeleton(_components).Fill(schema, data, propertyName: null) : data;

    private static JsonObject? ResponseSchema(RestOperation operation, int status)
    {
        var responses = operation.Node["responses"] as JsonObject;
        var response = responses?[status.ToString(CultureInfo.InvariantCulture)] ?? responses?["default"];
        return response?["content"]?["application/json"]?["schema"] as JsonObject;
    }

    private static JsonSchema BuildSchema(RestOperation operation, int status, JsonObject openApiSchema, JsonObject components)
    {
        var converted = OpenApiToJsonSchema(openApiSchema)!.AsObject();
        if (Referenced(openApiSchema, components) is { Count: > 0 } names)
        {
            converted["$defs"] = new JsonObject(names.Select(name => KeyValuePair.Create(name, OpenApiToJsonSchema(components[name]))));
        }
        var element = JsonSerializer.SerializeToElement(converted);
        var id = new Uri($"https://shipgate.emulators/{Uri.EscapeDataString(operation.ToString())}/{status}");
        return JsonSchema.Build(element, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, id);
    }

    /// <summary>The components a schema refers to, directly or through other components.</summary>
    private static SortedSet<string> Referenced(JsonObject schema, JsonObject components)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode?>([schema]);
        while (pending.Count > 0)
        {
            foreach (Match reference in ComponentReference.Matches(pending.Pop()?.ToJsonString() ?? ""))
            {
                var name = reference.Groups[1].Value;
                if (found.Add(name))
                {
                    pending.Push(components[name]);
                }
            }
        }
        return found;
    }

    private const string ComponentPrefix = "#/components/schemas/";
    private static readonly Regex ComponentReference = new("\"\\$ref\"\\s*:\\s*\"#/components/schemas/([^\"]+)\"", RegexOptions.CultureInvariant);

    /// <summary>Keywords that mean the same in OpenAPI 3.0 and JSON Schema 2020-12; the rest are dropped.</summary>
    private static readonly HashSet<string> PortableKeywords =
    [
        "type", "enum", "const", "required", "minimum", "maximum", "minLength", "maxLength", "pattern",
        "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "multipleOf",
        "format", "default", "title", "description", "readOnly", "writeOnly", "deprecated",
    ];

    /// <summary>
    /// OpenAPI 3.0's <c>nullable</c> becomes a JSON Schema null type; vendor extensions and
    /// <c>example</c> go, since JSON Schema 2020-12 refuses unknown keywords.
    /// </summary>
    internal static JsonNode? OpenApiToJsonSchema(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            return new JsonArray([.. array.Select(OpenApiToJsonSchema)]);
        }
        if (node is not JsonObject obj)
        {
            return node?.DeepClone();
        }
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "properties":
                    result[key] = new JsonObject(value!.AsObject().Select(p =>
                        KeyValuePair.Create(p.Key, OpenApiToJsonSchema(p.Value))));
                    break;
                case "items" or "additionalProperties" or "not" or "allOf" or "anyOf" or "oneOf":
                    result[key] = OpenApiToJsonSchema(value);
                    break;
                case "$ref" when value?.GetValue<string>() is { } target && target.StartsWith(ComponentPrefix, StringComparison.Ordinal):
                    result[key] = "#/$defs/" + target[ComponentPrefix.Length..];
                    break;
                default:
                    if (PortableKeywords.Contains(key))
                    {
                        result[key] = value?.DeepClone();
                    }
                    break;
            }
        }
        if (obj["nullable"]?.GetValue<bool>() != true)
        {
            return result;
        }
        if (result["type"] is JsonValue type)
        {
            result["type"] = new JsonArray(type.GetValue<string>(), "null");
            if (result["enum"] is JsonArray values && !values.Any(v => v is null))
            {
                values.Add(null);
            }
            return result;
        }
        return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, result) };
    }

    private static RestOperation CreateOperation(string method, string template, JsonObject node)
    {
        var names = new List<string>();
        var literal = 0;
        var pattern = "^" + Regex.Replace(template, @"\{([^}]+)\}|[^{]+", m =>
        {
            if (!m.Groups[1].Success)
            {
                literal += m.Value.Length;
                return Regex.Escape(m.Value);
            }
            names.Add(m.Groups[1].Value);
            var multiSegment = node["parameters"]?.AsArray().Any(p =>
                p?["name"]?.GetValue<string>() == m.Groups[1].Value && p["x-multi-segment"]?.GetValue<bool>() == true) == true;
            return multiSegment ? "(.+?)" : "([^/]+)";
        }) + "/?$";
        return new RestOperation(method, template, node, new Regex(pattern, RegexOptions.CultureInvariant), names, literal);
    }

    private static IEnumerable<JsonObject> Parameters(RestOperation op, string location) =>
        (op.Node["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p["in"]?.GetValue<string>() == location);

    private static string? ParameterValueProblem(JsonObject? schema, string value)
    {
        if (schema is null)
        {
            return null;
        }
        var type = schema["type"]?.GetValue<string>();
        if (type == "integer" && !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return "not an integer";
        }
        if (type == "boolean" && value is not ("true" or "false"))
        {
            return "not a boolean";
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => a?.ToString() == value))
        {
            return $"not one of {string.Join(", ", allowed)}";
        }
        return null;
    }
}
