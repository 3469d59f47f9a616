namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// Validates a resource against the openAPIV3Schema of a Kubernetes CRD, the way the API server would:
/// types, required fields, no unknown fields unless the schema preserves them. An object schema that
/// lists no properties at all (Kubernetes' `metadata`) takes any fields.
/// </summary>
public static class CrdSchema
{
    public static JsonNode For(string referenceRoot, string crdFile, string version)
    {
        var crd = YamlDocuments.Load(Path.Combine(referenceRoot, "dapr-crds", crdFile)).Single();
        var versions = crd["spec"]!["versions"]!.AsArray();
        return versions.Single(v => v.Text("name") == version)!["schema"]!["openAPIV3Schema"]!;
    }

    public static IReadOnlyList<string> Validate(JsonNode? instance, JsonNode schema)
    {
        var errors = new List<string>();
        Validate(instance, schema, "$", errors);
        return errors;
    }

    private static void Validate(JsonNode? instance, JsonNode schema, string path, List<string> errors)
    {
        if (schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true && schema["type"] is null)
        {
            return;
        }

        switch (schema.Text("type"))
        {
            case "object":
                if (instance is not JsonObject obj)
                {
                    errors.Add($"{path}: expected an object");
                    return;
                }

                foreach (var required in schema["required"]?.AsArray() ?? [])
                {
                    if (!obj.ContainsKey(required!.GetValue<string>()))
                    {
                        errors.Add($"{path}: missing required field {required}");
                    }
                }

                foreach (var (name, value) in obj)
                {
                    if (schema["properties"]?[name] is { } property)
                    {
                        Validate(value, property, $"{path}.{name}", errors);
                    }
                    else if (schema["additionalProperties"] is JsonObject additional)
                    {
                        Validate(value, additional, $"{path}.{name}", errors);
                    }
                    else if (schema["properties"] is not null && schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() != true)
                    {
                        errors.Add($"{path}: unknown field {name}");
                    }
                }

                break;
            case "array":
                if (instance is not JsonArray array)
                {
                    errors.Add($"{path}: expected an array");
                    return;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Validate(array[i], schema["items"]!, $"{path}[{i}]", errors);
                }

                break;
            case "string":
                Expect(instance, path, errors, "a string", JsonValueKind.String);
                break;
            case "integer":
                Expect(instance, path, errors, "an integer", JsonValueKind.Number);
                if (instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number && !v.ToJsonString().All(char.IsDigit))
                {
                    errors.Add($"{path}: expected an integer");
                }

                break;
            case "number":
                Expect(instance, path, errors, "a number", JsonValueKind.Number);
                break;
            case "boolean":
                Expect(instance, path, errors, "a boolean", JsonValueKind.True, JsonValueKind.False);
                break;
        }
    }

    private static void Expect(JsonNode? instance, string path, List<string> errors, string what, params JsonValueKind[] kinds)
    {
        if (instance is null || !kinds.Contains(instance.GetValueKind()))
        {
            errors.Add($"{path}: expected {what}, found {instance?.ToJsonString() ?? "null"}");
        }
    }
}
