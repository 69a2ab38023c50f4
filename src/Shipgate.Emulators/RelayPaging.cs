using System.Text;
using GraphQL;

namespace Shipgate.Emulators;

/// <summary>Relay-style connections over an in-memory list, with opaque base64 offset cursors.</summary>
internal static class RelayPaging
{
    /// <summary>
    /// The page of <paramref name="items"/> chosen by the field's first/after/last/before
    /// arguments, as a <c>...Connection</c> object with nodes, edges, pageInfo and totalCount.
    /// </summary>
    public static Dictionary<string, object?> Page(IResolveFieldContext context, IReadOnlyList<object?> items, int defaultFirst, int max)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        foreach (var (name, value) in new[] { ("first", first), ("last", last) })
        {
            if (value is < 0 || value > max)
            {
                throw new ServiceError($"{name} must be between 0 and {max}.", "INPUT_ERROR");
            }
        }
        var start = Decode(context.GetArgument<string?>("after")) is { } after ? after + 1 : 0;
        var end = Decode(context.GetArgument<string?>("before")) is { } before ? before : items.Count;
        start = Math.Clamp(start, 0, items.Count);
        end = Math.Clamp(end, start, items.Count);
        if (first is not null || last is null)
        {
            end = Math.Min(end, start + (first ?? defaultFirst));
        }
        if (last is not null)
        {
            start = Math.Max(start, end - last.Value);
        }

        var typeName = ((GraphQL.Types.IGraphType)context.FieldDefinition.ResolvedType!).GetNamedType().Name;
        var edgeType = typeName[..^"Connection".Length] + "Edge";
        var edges = Enumerable.Range(start, end - start)
            .Select(i => (object?)new Dictionary<string, object?> { ["__typename"] = edgeType, ["cursor"] = Cursor(i), ["node"] = items[i] })
            .ToList();
        return new Dictionary<string, object?>
        {
            ["__typename"] = typeName,
            ["totalCount"] = items.Count,
            ["nodes"] = items.Skip(start).Take(end - start).ToList(),
            ["edges"] = edges,
            ["pageInfo"] = new Dictionary<string, object?>
            {
                ["__typename"] = "PageInfo",
                ["hasNextPage"] = end < items.Count,
                ["hasPreviousPage"] = start > 0,
                ["startCursor"] = end > start ? Cursor(start) : null,
                ["endCursor"] = end > start ? Cursor(end - 1) : null,
            },
        };
    }

    public static string Cursor(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"cursor:v2:{index}"));

    private static int? Decode(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("cursor:v2:", StringComparison.Ordinal) && int.TryParse(text[10..], out var index) && index >= 0)
            {
                return index;
            }
        }
        catch (FormatException)
        {
        }
        throw new ServiceError($"`{cursor}` does not appear to be a valid cursor.", "INPUT_ERROR");
    }
}
