using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Shipgate.Emulators;

/// <summary>
/// One official GraphQL schema, loaded once per process (each load takes about half a second),
/// that validates documents exactly as a GraphQL server does and executes them against an
/// emulator's object graph: dictionaries carrying <c>__typename</c>, whose values are either
/// plain data or a <see cref="GraphResolver"/> for fields that take arguments.
/// </summary>
public sealed class GraphQLSpec
{
    private static readonly Lazy<GraphQLSpec> GitHubSpec = new(() => Load(SpecFiles.GitHubGraphQL, connectionBounds: true));
    private static readonly Lazy<GraphQLSpec> LinearSpec = new(() => Load(SpecFiles.LinearGraphQL, connectionBounds: false));
    private static readonly DocumentExecuter Executer = new();
    private static readonly GraphQLSerializer Serializer = new(o => o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    private GraphQLSpec(ISchema schema) => Schema = schema;

    /// <summary>GitHub's schema; every connection field enforces GitHub's first/last rule.</summary>
    public static GraphQLSpec GitHub => GitHubSpec.Value;

    /// <summary>Linear's schema, without its Subscription root.</summary>
    public static GraphQLSpec Linear => LinearSpec.Value;

    internal ISchema Schema { get; }

    /// <summary>
    /// The messages a server would answer for a document that does not validate (unknown field,
    /// wrong argument, bad variable); empty when the document is valid.
    /// </summary>
    public IReadOnlyList<string> Validate(string document, JsonElement? variables = null, string? operationName = null)
    {
        var result = ExecuteAsync(new GraphRequest(document, operationName, variables), new Dictionary<string, object?>())
            .GetAwaiter().GetResult();
        // Without variables only the document is judged, not the missing values.
        return Violations(result, judgeVariables: variables is not null);
    }

    /// <summary>
    /// What a server refuses before running any field: validation errors, and errors without a
    /// field path such as an operation type the schema lacks (subscriptions here).
    /// </summary>
    internal static IReadOnlyList<string> Violations(ExecutionResult result, bool judgeVariables) =>
        [.. (result.Errors ?? [])
            .Where(e => !result.Executed || (e.Path is null && e is not ServiceError))
            .Where(e => judgeVariables || e is not InvalidVariableError)
            .Select(e => e.Message)];

    internal async Task<ExecutionResult> ExecuteAsync(GraphRequest request, IReadOnlyDictionary<string, object?> root)
    {
        var variables = request.Variables is { ValueKind: JsonValueKind.Object } v ? Serializer.ReadNode<Inputs>(v) : null;
        return await Executer.ExecuteAsync(options =>
        {
            options.Schema = Schema;
            options.Query = request.Query;
            options.OperationName = request.OperationName;
            options.Variables = variables;
            options.Root = root;
            options.ThrowOnUnhandledException = false;
            options.UnhandledExceptionDelegate = ctx =>
            {
                ctx.ErrorMessage = ctx.OriginalException.Message;
                return Task.CompletedTask;
            };
        });
    }

    internal static string Serialize(ExecutionResult result) => Serializer.Serialize(result);

    private static GraphQLSpec Load(string path, bool connectionBounds)
    {
        var schema = GraphQL.Types.Schema.For<EmulatorSchemaBuilder>(File.ReadAllText(path), b => b.ConnectionBounds = connectionBounds);
        schema.Initialize();
        return new GraphQLSpec(schema);
    }

    /// <summary>
    /// The four load-time adjustments from specs/README.md: duplicate fields dropped, every custom
    /// scalar passed through, object types recognised by <c>__typename</c>, no Subscription root.
    /// </summary>
    internal sealed class EmulatorSchemaBuilder : SchemaBuilder
    {
        private readonly List<string> _scalars = [];

        internal bool ConnectionBounds { get; set; }

        protected override void Validate(GraphQLDocument document)
        {
            document.Definitions.RemoveAll(d => d is GraphQLObjectTypeDefinition { Name.Value: var n } && n == "Subscription");
            foreach (var schemaDef in document.Definitions.OfType<GraphQLSchemaDefinition>())
            {
                schemaDef.OperationTypes.RemoveAll(o => o.Operation == OperationType.Subscription);
            }
            foreach (var type in document.Definitions.OfType<GraphQLObjectTypeDefinition>())
            {
                if (type.Fields is { } fields)
                {
                    var seen = new HashSet<string>();
                    fields.Items.RemoveAll(f => !seen.Add(f.Name.StringValue));
                }
            }
            _scalars.AddRange(document.Definitions.OfType<GraphQLScalarTypeDefinition>().Select(s => s.Name.StringValue));
            base.Validate(document);
        }

        private static bool IsConnection(GraphQLFieldDefinition field)
        {
            var type = field.Type;
            while (type is not GraphQLNamedType)
            {
                type = type is GraphQLNonNullType n ? n.Type : ((GraphQLListType)type).Type;
            }
            return ((GraphQLNamedType)type).Name.StringValue.EndsWith("Connection", StringComparison.Ordinal)
                && field.Arguments?.Items.Any(a => a.Name.StringValue == "first") == true;
        }

        protected override void PreConfigure(Schema schema)
        {
            base.PreConfigure(schema);
            foreach (var name in _scalars)
            {
                schema.RegisterType(new PassThroughScalar(name));
            }
        }

        protected override IObjectGraphType ToObjectGraphType(GraphQLObjectTypeDefinition astType, bool isExtensionType = false)
        {
            var type = base.ToObjectGraphType(astType, isExtensionType);
            var name = type.Name;
            type.IsTypeOf = source => source is IReadOnlyDictionary<string, object?> d
                && d.TryGetValue("__typename", out var t) && (string?)t == name;
            var bounded = ConnectionBounds
                ? astType.Fields?.Items.Where(IsConnection).Select(f => f.Name.StringValue).ToHashSet() ?? []
                : [];
            foreach (var field in type.Fields)
            {
                field.Resolver = bounded.Contains(field.Name) ? BoundedConnectionResolver.Instance : DictionaryResolver.Instance;
            }
            return type;
        }
    }
}

/// <summary>Code behind an argument-bearing field, stored as the value of that field's key.</summary>
internal delegate object? GraphResolver(IResolveFieldContext context);

internal sealed record GraphRequest(string Query, string? OperationName, JsonElement? Variables);

/// <summary>Reads a field from a dictionary source; runs the value when it is a <see cref="GraphResolver"/>.</summary>
internal class DictionaryResolver : IFieldResolver
{
    public static readonly DictionaryResolver Instance = new();

    public virtual ValueTask<object?> ResolveAsync(IResolveFieldContext context)
    {
        if (context.Source is not IReadOnlyDictionary<string, object?> source
            || !source.TryGetValue(context.FieldDefinition.Name, out var value))
        {
            return ValueTask.FromResult<object?>(null);
        }
        return ValueTask.FromResult(value is GraphResolver resolve ? resolve(context) : value);
    }
}

/// <summary>
/// A custom scalar (URI, DateTime, GitObjectID, JSON, ...) that keeps values as they are: the
/// emulator stores them already in wire form (ISO 8601 strings, hex ids).
/// </summary>
internal sealed class PassThroughScalar : ScalarGraphType
{
    public PassThroughScalar(string name) => Name = name;

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => (string)s.Value,
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLIntValue i => long.Parse((string)i.Value, CultureInfo.InvariantCulture),
        GraphQLFloatValue f => double.Parse((string)f.Value, CultureInfo.InvariantCulture),
        GraphQLEnumValue e => e.Name.StringValue,
        GraphQLListValue l => l.Values?.Select(ParseLiteral).ToList() ?? [],
        GraphQLObjectValue o => o.Fields?.ToDictionary(f => f.Name.StringValue, f => ParseLiteral(f.Value)) ?? [],
        _ => ThrowLiteralConversionError(value),
    };

    public override bool CanParseLiteral(GraphQLValue value) => true;

    public override object? ParseValue(object? value) => value;

    public override bool CanParseValue(object? value) => true;

    public override object? Serialize(object? value) => value;
}

/// <summary>
/// GitHub's node limit, enforced on every connection field whether or not the emulator fills it:
/// first or last is required, and each must be between 1 and 100.
/// </summary>
internal sealed class BoundedConnectionResolver : DictionaryResolver
{
    public static new readonly BoundedConnectionResolver Instance = new();

    public override ValueTask<object?> ResolveAsync(IResolveFieldContext context)
    {
        var name = context.FieldDefinition.Name;
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        if (first is null && last is null)
        {
            throw new ServiceError(
                $"You must provide a `first` or `last` value to properly paginate the `{name}` connection.",
                "MISSING_PAGINATION_BOUNDARIES");
        }
        foreach (var (argument, value) in new[] { ("first", first), ("last", last) })
        {
            if (value > 100)
            {
                throw new ServiceError(
                    $"Requesting {value} records on the `{name}` connection exceeds the `{argument}` limit of 100 records.",
                    "EXCESSIVE_PAGINATION");
            }
            if (value < 1)
            {
                throw new ServiceError(
                    $"`{argument}` on the `{name}` connection must be between 1 and 100.",
                    "EXCESSIVE_PAGINATION");
            }
        }
        return base.ResolveAsync(context);
    }
}

/// <summary>
/// An error worded as the service words it. <see cref="ExecutionError.Code"/> is the service's
/// code (GitHub also shows it as a top-level "type"); extra extension entries follow Linear.
/// </summary>
internal sealed class ServiceError : ExecutionError
{
    public ServiceError(string message, string code, IDictionary<string, object?>? extensions = null)
        : base(message)
    {
        Code = code;
        if (extensions is not null)
        {
            Extensions = new Dictionary<string, object?>(extensions);
        }
    }
}
