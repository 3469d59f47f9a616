namespace CloudPatterns.Hosting.Problems;

/// <summary>
/// What a field expected, in words a client understands: "must be a whole number", never "System.Int32". The
/// serializer and the parameter binder name .NET types; these map them to what to send instead.
/// </summary>
public static partial class Expected
{
    /// <summary>
    /// From a System.Text.Json failure. The outer message names the type being built ("could not be converted to
    /// OrderRequest"), so the reader's inner message, which names the value's type ("out of bounds for an Int32",
    /// "as a string"), is read first.
    /// </summary>
    public static string FromJson(JsonException exception)
    {
        foreach (var message in new[] { exception.InnerException?.Message, exception.Message })
        {
            if (message is not null && JsonValueType().Match(message) is { Success: true } match)
            {
                return $"must be {Kind(match.Groups["type"].Value)}";
            }
        }

        return MissingProperties().Match(exception.Message) is { Success: true } missing
            ? $"is missing {missing.Groups["names"].Value}"
            : "is not valid JSON here";
    }

    /// <summary>From a binding failure: the C# type of the parameter, and the text that did not fit it.</summary>
    public static string ForBinding(string type, string value) =>
        $"must be {Kind(type)}" + (value.Length is > 0 and <= 100 ? $" (got '{value}')" : string.Empty);

    private static string Kind(string type)
    {
        if (type.StartsWith("System.Nullable`1[", StringComparison.Ordinal))
        {
            type = type["System.Nullable`1[".Length..].TrimEnd(']');
        }

        var name = type.Split('`', '[')[0].TrimEnd('?');
        name = name[(name.LastIndexOf('.') + 1)..];
        return name switch
        {
            "Int32" or "int" or "Int64" or "long" or "Int16" or "short" or "Byte" or "byte" or "UInt32" or "uint" => "a whole number",
            "Decimal" or "decimal" or "number" or "Double" or "double" or "Single" or "float" => "a number",
            "Boolean" or "bool" or "boolean" => "true or false",
            "String" or "string" => "text",
            "Guid" => "a GUID",
            "DateTimeOffset" or "DateTime" => "a date and time (ISO 8601, e.g. 2025-06-01T09:00:00Z)",
            "DateOnly" => "a date (yyyy-mm-dd)",
            "TimeSpan" => "a duration (hh:mm:ss)",
            "List" or "IReadOnlyList" or "IEnumerable" or "IList" or "ICollection" or "IReadOnlyCollection" or "HashSet" => "a list",
            _ when type.EndsWith("[]", StringComparison.Ordinal) => "a list",
            _ when EnumNames(type) is { } names => $"one of {names}",
            _ => "an object of the documented shape",
        };
    }

    /// <summary>The values of an enum the message names, if it is one of the loaded assemblies' enums.</summary>
    private static string? EnumNames(string type) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(type.TrimEnd('?'), throwOnError: false)).FirstOrDefault(t => t is { IsEnum: true }) is { } found
            ? string.Join(", ", Enum.GetNames(found))
            : null;

    [GeneratedRegex(@"out of bounds for an? (?<type>\w+)\.|as an? (?<type>\w+)\.|supported (?<type>\w+) format|could not be converted to (?<type>[^ ]+?)\.(?: Path|$)")]
    private static partial Regex JsonValueType();

    [GeneratedRegex(@"missing required properties including: (?<names>.+?)\.?(?: Path|$)")]
    private static partial Regex MissingProperties();
}
